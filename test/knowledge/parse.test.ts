import { beforeAll, describe, expect, it } from 'vitest';
import { type DocumentMeta, type KnowledgeSnapshot, type Passage, parseDocument } from '../../src/knowledge/index.js';
import { loadCorpus } from './corpus.js';

let snapshot: KnowledgeSnapshot;
beforeAll(async () => {
  snapshot = await loadCorpus();
});

const rows = (documentId: string) =>
  snapshot.passages.filter((p) => p.documentId === documentId && p.kind === 'table-row');
const rowWith = (documentId: string, ...parts: string[]): Passage | undefined =>
  rows(documentId).find((p) => parts.every((part) => p.text.includes(part)));

describe('西東京市 KPI table (重点取組の取組結果 一覧): one passage per row, with column headers and the as-of note', () => {
  it.each([
    {
      text: '項番: 1 / 重点取組: マイナンバーカードの普及促進 / 目標値: 205,805 / 単位: 枚 / 実績値: 159,565 / 達成率: 77.5%（※「実績」は令和5年9月30日現在の数値）',
      why: 'the example of issue 2',
    },
    {
      text: '項番: 2 / 重点取組: 行政手続のオンライン化 / 目標値: 150 / 単位: 件 / 実績値: 195 / 達成率: 130%（※「実績」は令和5年9月30日現在の数値）',
      why: 'over 100% achievement',
    },
    {
      text: '項番: 14 / 重点取組: 窓口業務の利便性向上の促進(手続)【おくやみ窓口】 / 目標値: 660 / 単位: 件 / 実績値: 309 / 達成率: 46.8%（※「実績」は令和5年9月30日現在の数値）',
      why: 'おくやみ窓口 target of 660',
    },
    {
      text: '項番: 15-1 / 重点取組: 身近な相談窓口等の設置 (健康課) / 目標値: 70 / 単位: 件 / 実績値: 27 / 達成率: 38.5%（※「実績」は令和5年9月30日現在の数値）',
      why: 'second table keeps the same headers',
    },
  ])('$why', ({ text }) => {
    const p = rows('nishitokyo-johoka').find((r) => r.text === text);
    expect(p).toBeDefined();
    expect(p!.headingPath.at(-1)).toBe('重点取組の取組結果 (一覧)');
  });

  it('a row whose 柱 and 取組名 cells are empty goes on with the measure above it (小金井市 主な取組項目)', () => {
    const row = snapshot.passages.find(
      (p) => p.documentId === 'koganei-dx' && p.text.includes('スマートフォン講座を開催'),
    );
    expect(row?.text).toContain('取組名: 市民のデジタル環境向上への寄与');
  });

  it('a row without a unit keeps the other headers', () => {
    expect(rowWith('nishitokyo-johoka', '庁内 WEB 会議開催数', '目標値: 80', '実績値: 21')).toBeDefined();
  });

  it('rows carry their 1-based seed line', () => {
    expect(rowWith('nishitokyo-johoka', 'マイナンバーカードの普及促進', '205,805')?.line).toBe(552);
  });
});

describe('西東京市 重点取組 result sheets (OCR scattered over form columns) are read as text under the sheet name', () => {
  it.each([
    {
      parts: ['重点取組 11 AI・RPA', '（所管課: 情報推進課', 'シナリオの作成件数', 'RPA 5件'],
      why: 'name, department, indicator and figures',
    },
    {
      parts: ['重点取組 16', '令和5年11月から「書かない窓口」の運用を開始しました。'],
      why: 'progress text of 書かない窓口',
    },
  ])('$why', ({ parts }) => {
    expect(rowWith('nishitokyo-johoka', ...parts)).toBeDefined();
  });

  it('never uses the OCR fragments as column headers', () => {
    expect(rowWith('nishitokyo-johoka', 'マイナンバーカ: ')).toBeUndefined();
  });
});

describe('日の出町 DX重点16項目: each schedule row keeps the year of every stage', () => {
  it.each([
    { item: '① ペーパーレス化', stages: ['R5(16個): 検討', 'R6(16個): 開始'], why: 'starts in R6' },
    {
      item: '⑩ RPA',
      stages: ['R5(16個): 事例研究', 'R8(7個): 導入検討', 'R9(6個): 構築'],
      why: 'three years of study, then a build in R9',
    },
    {
      item: '⑮ 書かない窓口',
      stages: [
        'R5(16個): 事例研究',
        'R6(16個): 事例研究',
        'R7(12個): 事例研究',
        'R8(7個): システム検討',
        'R9(6個): スモールスタート',
      ],
      why: 'the issue 2 example',
    },
    { item: '⑯ 地図情報', stages: ['R5(16個): 検討', 'R6(16個): 開始'], why: 'last row' },
  ])('$item ($why)', ({ item, stages }) => {
    const p = rowWith('hinode-dx', item, ...stages);
    expect(p?.text).toContain('項目: ');
    expect(p?.headingPath.at(-1)).toBe('日の出町DX重点16項目一覧');
  });

  it('has all 16 items', () => {
    const items = rows('hinode-dx').filter((p) => p.headingPath.at(-1) === '日の出町DX重点16項目一覧');
    expect(items).toHaveLength(16);
    expect(items.filter((p) => p.text.includes('行政サービスの利便性向上'))).toHaveLength(6);
  });
});

describe('日の出町 施策 sheets (pipe, mixed and one-cell-per-line layouts)', () => {
  it.each([
    {
      text: '施策① ペーパーレス化 / 計画: 令和5年度: 取組方法の検討 / 令和6年度: 開始',
      why: 'the whole sheet is a pipe table',
    },
    {
      text: '施策② 電子決裁（文書） / 計画: 令和5年度: 検討 / 令和6年度: スモールスタート / 令和7年度: 開始',
      why: 'text lines, then a pipe table for the plan',
    },
    {
      text: '施策③ データ管理 / 計画: 令和5年度: ルールの検討 / 令和6年度: 開始',
      why: 'year, stage, year, stage … one per line',
    },
    {
      text: '施策⑮ 書かない窓口 / 計画: 令和5年度: 事例研究 / 令和6年度: 事例研究 / 令和7年度: 事例研究 / 令和8年度: システム検討 / 令和9年度: スモールスタート',
      why: 'all years first, then the stages in order',
    },
    {
      text: '施策⑩ RPA / 計画: 令和5年度: 事例研究 / 令和6年度: 事例研究 / 令和7年度: 事例研究 / 令和8年度: 導入検討 / 令和9年度: 構築',
      why: 'interleaved, every year filled',
    },
  ])('$why', ({ text }) => {
    expect(rows('hinode-dx').map((p) => p.text)).toContain(text);
  });

  it('現状 and 施策概要 become prose under the sheet heading', () => {
    const p = snapshot.passages.find((x) =>
      x.text.startsWith('施策⑮ 書かない窓口 — 施策概要: 「書かない窓口」の導入を推進し'),
    );
    expect(p?.headingPath.at(-1)).toBe('施策⑮ 書かない窓口');
    expect(p?.kind).toBe('prose');
  });
});

describe('other tables', () => {
  it.each([
    {
      doc: 'hinode-dx',
      parts: [
        'ペーパーレス化の推進: 2016年度比 ▲50% 削減目標を達成',
        'キャッシュレス化の推進: 都民利用施設全78施設で達成',
      ],
      why: '東京都 results table: header + value',
    },
    {
      doc: 'koganei-dx',
      parts: ['柱: ① 市民目線でのサービスの質の向上', '取組名: キャッシュレス決済の推進'],
      why: 'tab table: the merged 柱 column is filled down',
    },
    {
      doc: 'hinode-dx',
      parts: ['項目: ② マイナンバーカードの普及促進', '町の取組事項: マイナンバーカード普及促進事業'],
      why: '2-column pipe table with headers',
    },
  ])('$doc: $why', ({ doc, parts }) => {
    expect(rowWith(doc, ...parts)).toBeDefined();
  });

  it('HTML in cells is stripped, list items stay as ・', () => {
    const all = snapshot.passages.map((p) => p.text).join('\n');
    expect(all).not.toMatch(/<\/?(?:p|ul|ol|li)\b/);
    expect(rowWith('hinode-dx', '方針の目的', '「日の出町DX推進方針」は')).toBeDefined();
  });
});

describe('contents pages, running headers and noise are not content', () => {
  it.each([
    { doc: 'higashikurume-dx', text: '————', why: 'dash leaders of the 目次' },
    { doc: 'musashino-dx', text: '.....', why: 'dotted leaders of the 目次' },
    { doc: 'koganei-dx', text: 'DX推進の主な取組項目 / 15', why: 'the 2-column page-number contents table' },
    { doc: 'hinode-dx', text: 'DX推進方針 / 10', why: 'the pipe-table もくじ' },
  ])('$doc: no $text ($why)', ({ doc, text }) => {
    expect(snapshot.passages.filter((p) => p.documentId === doc).some((p) => p.text.includes(text))).toBe(false);
  });

  it('the first musashino passage is the body, not the contents', () => {
    const first = snapshot.passages.find((p) => p.documentId === 'musashino-dx' && p.line > 11);
    expect(first?.line).toBeGreaterThan(35);
  });
});

describe('sections and heading paths', () => {
  it.each([
    {
      doc: 'higashikurume-dx',
      path: [
        '3章 DX推進に向けた取組み',
        '1. 地方自治体が取り組むべき事項',
        '▶自治体DXの重点取組事項',
        '(7) テレワークの推進',
      ],
      why: 'chapter › numbered › ▶ › (n)',
    },
    {
      doc: 'musashino-dx',
      path: ['4 取組事項', '(8) デジタルデバイド対策'],
      why: 'Cyrillic in the heading is repaired',
    },
    {
      doc: 'hinode-dx',
      path: ['Ⅲ DX推進計画', '2. 個別施策', '施策⑮ 書かない窓口'],
      why: 'Roman part › numbered › sheet',
    },
    {
      doc: 'koganei-dx',
      path: ['DX 推進の 3 本の柱', '① 市民目線でのサービスの質の向上'],
      why: 'unnumbered title › circled',
    },
    {
      doc: 'koganei-dx',
      path: ['DX 推進の 3 本の柱', '③ DX 推進の意識醸成とデジタル人材の育成'],
      why: 'a short line between ① and ② does not break the list of pillars',
    },
    { doc: 'koganei-dx', path: ['DX 推進のシナリオ', '■これまでの取組'], why: 'a title directly over a ■ heading' },
    {
      doc: 'hinode-dx',
      path: ['II DX推進方針', '2. 職員アンケート', '日の出町のDX推進方針'],
      why: 'a short title over a motto set alone on its line (「人にやさしく、あたたかいデジタル化」) is a slide title',
    },
  ])('$doc: $why', ({ doc, path }) => {
    const sections = snapshot.documents.find((d) => d.meta.id === doc)!.sections;
    expect(sections.map((s) => s.headingPath.join(' › '))).toContain(path.join(' › '));
  });

  it('a repeated running heading continues its section instead of opening a new one', () => {
    const sections = snapshot.documents.find((d) => d.meta.id === 'higashikurume-dx')!.sections;
    const keys = sections.map((s) => s.headingPath.join(' › '));
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('passages', () => {
  it('are at most ~400 characters unless one sentence is longer, and never end mid-sentence when split', () => {
    for (const p of snapshot.passages) {
      if (p.text.length > 420) expect(p.text.replace(/。$/, '')).not.toContain('。');
    }
  });

  it('have stable ids <document>:s<section>:p<n>, unique, identical on a second parse', async () => {
    const ids = snapshot.passages.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9-]+:s\d+:p\d+$/);
    const again = await loadCorpus();
    expect(again.passages.map((p) => p.id)).toEqual(ids);
    expect(again.hash).toBe(snapshot.hash);
  });

  it('keep display text and a normalized text for indexing', () => {
    const p = snapshot.passages.find((x) => x.documentId === 'koganei-dx' && x.text.includes('最高情報統括責任者'))!;
    expect(p.normalized).toContain('(CIO)');
    expect(p.text).toContain('（CIO）'); // display keeps full-width brackets, spaced capitals repaired
  });

  it('a long paragraph is split at 。', () => {
    const meta: DocumentMeta = {
      id: 'long',
      municipality: 'hinode',
      title: 't',
      issued: 'i',
      publisher: 'p',
      file: 'seeds/long.txt',
    };
    const sentence = `${'あ'.repeat(95)}。`;
    const doc = parseDocument(`1. 見出し\n\n${sentence.repeat(9)}\n`, meta);
    expect(doc.passages.length).toBe(3);
    for (const p of doc.passages) {
      expect(p.text.length).toBeLessThanOrEqual(400);
      expect(p.text.endsWith('。')).toBe(true);
      expect(p.headingPath).toEqual(['1. 見出し']);
      expect(p.line).toBe(3);
    }
    expect(doc.passages.map((p) => p.id)).toEqual(['long:s1:p1', 'long:s1:p2', 'long:s1:p3']);
  });

  it.each([
    { motto: '「誰もが使えるデジタル市役所」', title: true, why: 'a quotation alone on its line under a short line' },
    { motto: '『つながるまち』', title: true, why: 'double brackets as well' },
    { motto: '「これは文です。」', title: false, why: 'a quoted sentence is prose, not a motto' },
    { motto: '「市民の声」を聞きます', title: false, why: 'a line that goes on after the quotation' },
  ])('a short line over a motto is a title: $why', ({ motto, title }) => {
    const meta: DocumentMeta = { id: 'm', municipality: 'hinode', title: 't', issued: 'i', publisher: 'p', file: 'f' };
    const doc = parseDocument(`1. はじめに\n\n本市の方針\n${motto}\n本文です。\n`, meta);
    expect(doc.sections.some((s) => s.headingPath.at(-1) === '本市の方針')).toBe(title);
  });
});

describe('parseDocument on arbitrary text', () => {
  const meta: DocumentMeta = {
    id: 'fuzz',
    municipality: 'koganei',
    title: 't',
    issued: 'i',
    publisher: 'p',
    file: 'f',
  };
  it('never throws and keeps its invariants', async () => {
    const fc = await import('fast-check');
    const line = fc.oneof(
      fc.string(),
      fc.constantFrom(
        '目次',
        '1. 見出し',
        '(2) 小見出し',
        '① 丸数字',
        '施策③',
        '計画',
        '令和5年度',
        '| a | b |',
        '|---|---|',
        '用語\t解説',
        '- 項目',
        '',
      ),
      fc
        .array(fc.constantFrom('|', '\t', 'あ', '。', 'D', ' ', '①', '<p>', '</li>'), { maxLength: 30 })
        .map((a) => a.join('')),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), (lines) => {
        const doc = parseDocument(lines.join('\n'), meta);
        const ids = doc.passages.map((p) => p.id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const p of doc.passages) {
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.line).toBeLessThanOrEqual(lines.length);
          expect(doc.sections.some((s) => s.id === p.sectionId)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
