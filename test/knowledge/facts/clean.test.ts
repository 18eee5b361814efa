import { beforeAll, describe, expect, it } from 'vitest';
import { cleanForResident, findDebris, type KnowledgeSnapshot } from '../../../src/knowledge/index.js';
import { loadCorpus } from './corpus.js';

let snapshot: KnowledgeSnapshot;
beforeAll(async () => {
  snapshot = await loadCorpus();
});

describe('cleanForResident: OCR debris out, content kept', () => {
  it.each([
    {
      in: '押印廃止の方向性に基づき決裁業務を電子全上の方向性に基づき決裁業務を電子化することで',
      out: '押印廃止の方向性に基づき決裁業務を電子化することで',
      why: 'a fragment repeated after two junk characters (cell read twice)',
    },
    { in: '行政サービスの行政サービスの利便性向上', out: '行政サービスの利便性向上', why: 'a cell read twice' },
    {
      in: '17 \\# \\t \\ \\ \\ \\ \\ 押印の廃止状況を整理する',
      out: '17 押印の廃止状況を整理する',
      why: 'backslash escapes where OCR could not read a label',
    },
    { in: '+ + + 引き続き、押印廃止の取組を進める', out: '引き続き、押印廃止の取組を進める', why: 'a run of +' },
    { in: 'HIT 255 押印廃止の方向性', out: '押印廃止の方向性', why: 'an OCR label code 「HIT 255」' },
    { in: '4817 255 官民協働による', out: '官民協働による', why: 'an OCR label code of digits' },
    {
      in: '規程等の整備を実施ししていきまっす。',
      out: '規程等の整備を実施していきます。',
      why: 'stutter: 実施しして, まっす',
    },
    { in: '**スマート自治体**を目指します。', out: 'スマート自治体を目指します。', why: 'Markdown bold' },
    { in: '<u>分野横断的</u>取組み(例)', out: '分野横断的取組み(例)', why: 'HTML tags' },
    { in: 'CIO*(副市長)が責任者', out: 'CIO(副市長)が責任者', why: 'the glossary mark 「*」 after a term' },
    { in: '^{※「}導入実行」項番1から16', out: '※「導入実行」項番1から16', why: 'LaTeX superscript' },
    { in: '予 │ │ コンビニ交付で取得', out: '予コンビニ交付で取得', why: 'stray table bars' },
  ])('$why', ({ in: input, out }) => {
    expect(cleanForResident(input)).toBe(out);
  });

  it.each([
    {
      text: '計画: 令和5年度: 検討 / 令和6年度: 検討 / 令和7年度: 随時導入',
      why: 'stages repeated by design, one per year',
    },
    { text: '重点取組: 30 / 18 / 6 / 6', why: 'small numbers in a table row are content, not a label code' },
    {
      text: '基本目標: 4 環境にやさしい持続可能なまち / 10-1 ゼロカーボンシティの推進',
      why: 'an item number after a slash',
    },
    {
      text: '末尾に「*」を付している語句等は、巻末の用語解説を参照してください。',
      why: 'a quoted 「*」 is the text itself',
    },
    {
      text: 'シン・トセイ3 (都政の構造改革QOSアップグレード戦略)\nシン・トセイ4 (都政の構造改革QOSアップグレード戦略)',
      why: 'two lines that share words are two lines',
    },
    { text: 'RPA 50件 RPA 5件', why: 'a Latin word with a count is content' },
  ])('keeps: $why', ({ text }) => {
    expect(cleanForResident(text)).toBe(text);
  });
});

describe('no resident-facing text carries OCR debris', () => {
  it('every passage that can be quoted, through the cleaner', () => {
    const left = snapshot.passages
      .map((p) => ({ id: p.id, debris: findDebris(cleanForResident(p.text)) }))
      .filter((x) => x.debris.length > 0);
    expect(left).toEqual([]);
  });

  it('every glossary definition, through the cleaner', () => {
    const left = snapshot.glossary
      .filter((g) => findDebris(cleanForResident(g.definition)).length > 0)
      .map((g) => g.id);
    expect(left).toEqual([]);
  });

  it('every fact’s text (already clean: facts are built from cleaned text)', () => {
    const left = snapshot.facts.all.filter((f) => findDebris(f.text).length > 0).map((f) => f.id);
    expect(left).toEqual([]);
  });

  it('the debris detector does find what the seeds hold raw (so the three tests above can fail)', () => {
    const raw = snapshot.passages.filter((p) => findDebris(p.text).length > 0);
    expect(raw.length).toBeGreaterThan(10);
  });

  it('result sheet 17 reads clean, as the issue quoted it garbled', () => {
    const p = snapshot.passages.find((x) => x.text.startsWith('重点取組 17 電子決裁の推進'));
    expect(cleanForResident(p?.text ?? '')).toContain(
      '方向性: 引き続き、押印廃止の取組を進めるとともに、今後の業務の効率化に向けて、文書管理システムの運用及び規程等の整備を実施していきます。',
    );
  });
});
