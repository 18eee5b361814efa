import { beforeAll, describe, expect, it } from 'vitest';
import { type Analyzer, createAnalyzer } from '../../src/analysis/index.js';

let analyzer: Analyzer;
beforeAll(async () => {
  analyzer = await createAnalyzer({
    synonyms: [
      { terms: ['マイナンバーカード', 'マイナカード', '個人番号カード', 'マイナ'] },
      { terms: ['テレワーク', 'リモートワーク', '在宅勤務'] },
    ],
  });
});

describe('normalize (char filter)', () => {
  const cases = [
    { in: 'ＤＸ推進', out: 'dx推進', why: 'full-width Latin folds to ASCII, lower-cased' },
    { in: 'マイナ\u200Bンバー', out: 'マイナンバー', why: 'zero-width characters removed' },
    { in: '１２３ｋｍ', out: '123km', why: 'full-width digits fold (NFKC)' },
    { in: 'ｶｰﾄﾞ', out: 'カード', why: 'half-width katakana fold (NFKC)' },
  ];
  it.each(cases)('$in → $out ($why)', (c) => expect(analyzer.normalize(c.in)).toBe(c.out));
});

describe('tokenize', () => {
  it('keeps kuromoji morphemes with base form, POS and offsets in the normalized text', () => {
    const tokens = analyzer.tokenize('テレワークを推進した');
    expect(tokens.map((t) => t.surface)).toEqual(['テレワーク', 'を', '推進', 'し', 'た']);
    const [unknown, , noun, verb] = tokens;
    expect(unknown).toMatchObject({ basic: 'テレワーク', pos: '名詞', start: 0 }); // unknown word: basic = surface
    expect(noun).toMatchObject({ basic: '推進', pos1: 'サ変接続', start: 6, reading: 'スイシン' });
    expect(verb).toMatchObject({ basic: 'する', pos: '動詞' });
  });
});

describe('terms (index-time chain)', () => {
  const cases: { text: string; has: string[]; not?: string[]; why: string }[] = [
    { text: 'マイナンバーカードの普及', has: ['マイナンバーカード', '普及'], not: ['の'], why: 'particles dropped' },
    {
      text: '個人番号カードを交付',
      has: ['個人', '番号', 'カード', '個人番号カード'],
      why: 'compound: parts and the joined run',
    },
    { text: 'オープンデータを推進', has: ['オープンデータ', '推進'], why: 'unknown katakana kept whole' },
    {
      text: 'サーバーを更新した',
      has: ['サーバ', '更新'],
      not: ['サーバー', 'た'],
      why: 'katakana long-vowel stem; 助動詞 dropped',
    },
    { text: 'カーを', has: ['カー'], why: 'katakana stem only at length ≥ 4' },
    { text: '普及率は71.5%', has: ['71.5', '普及率'], not: ['71', '5'], why: 'decimals kept as one number' },
    { text: '人口は205,805人', has: ['205805'], why: 'comma-grouped numbers joined' },
    { text: '令和7年度から', has: ['令和7', '令和7年度'], why: 'IPADIC splits 令和; era + number joined' },
    { text: '2025年度を目標', has: ['2025', '目標'], why: 'years kept' },
    { text: 'AI-OCRを導入', has: ['ai', 'ocr', 'ai-ocr', '導入'], why: 'hyphenated compound kept with its parts' },
    {
      text: 'デジタル・トランスフォーメーション',
      has: ['デジタルトランスフォーメーション'],
      why: '・ inside a katakana run joins it',
    },
    { text: '活用されている', has: ['活用'], not: ['いる', 'れる', 'する'], why: 'stop words and auxiliaries dropped' },
  ];
  it.each(cases)('$text ($why)', (c) => {
    const terms = analyzer.terms(c.text);
    for (const t of c.has) expect(terms).toContain(t);
    for (const t of c.not ?? []) expect(terms).not.toContain(t);
  });
});

describe('bigrams', () => {
  it('are built per content span, never across particles', () => {
    const b = analyzer.bigrams('住民の利便性');
    expect(b).toEqual(['住民', '利便', '便性']);
  });
  it('keep one-character spans as unigrams', () => {
    expect(analyzer.bigrams('市の町')).toEqual(['市', '町']);
  });
});

describe('queryTerms', () => {
  const cases: { q: string; has: string[]; not: string[]; why: string }[] = [
    { q: 'DXとは何ですか', has: ['dx'], not: ['何', 'とは'], why: 'question frame dropped' },
    { q: 'テレワークはいつから？', has: ['テレワーク'], not: ['いつ', '?'], why: 'いつ is a question word' },
    { q: 'PDCAの意味を教えて', has: ['pdca'], not: ['意味', '教える'], why: '意味/教えて frame the question' },
    { q: '何拠点ですか', has: ['拠点'], not: ['何'], why: '何 + counter keeps the counter' },
  ];
  it.each(cases)('$q ($why)', (c) => {
    const terms = analyzer.queryTerms(c.q).map((t) => t.term);
    for (const t of c.has) expect(terms).toContain(t);
    for (const t of c.not) expect(terms).not.toContain(t);
  });

  it('groups a compound with its parts as one concept', () => {
    const q = analyzer.queryTerms('公衆無線LANの実績');
    const group = (term: string) => q.find((t) => t.term === term)?.group;
    expect(group('公衆')).toBe(group('公衆無線lan'));
    expect(group('lan')).toBe(group('公衆無線lan'));
    expect(group('実績')).not.toBe(group('公衆無線lan'));
  });

  it('expands synonyms down-weighted, canonical first', () => {
    const q = analyzer.queryTerms('マイナカードの割合');
    expect(q.find((t) => t.term === 'マイナカード')).toMatchObject({ weight: 1, synonym: false });
    const canonical = q.find((t) => t.term === 'マイナンバーカード');
    expect(canonical?.synonym).toBe(true);
    expect(canonical!.weight).toBeLessThan(1);
  });

  it('expands only on token boundaries (マイナ does not fire inside マイナポータル)', () => {
    const q = analyzer.queryTerms('マイナポータルで申請');
    expect(q.some((t) => t.synonym)).toBe(false);
  });

  it('a phrase member triggers its group but is never added as a word of it', () => {
    const a = analyzer.withSynonyms([{ terms: ['ペーパーレス', '紙の削減'] }]);
    expect(a.queryTerms('ペーパーレスの目標').map((t) => t.term)).not.toContain('削減');
    expect(a.queryTerms('紙の削減の目標').some((t) => t.term === 'ペーパーレス' && t.synonym)).toBe(true);
  });

  it('withSynonyms swaps the groups and shares the dictionary', () => {
    const other = analyzer.withSynonyms([{ terms: ['窓口', 'カウンター'] }]);
    expect(other.queryTerms('カウンターの場所').some((t) => t.term === '窓口' && t.synonym)).toBe(true);
    expect(other.queryTerms('マイナカード').some((t) => t.synonym)).toBe(false);
    expect(analyzer.queryTerms('マイナカード').some((t) => t.synonym)).toBe(true);
  });
});

describe('readings (the reading field and the lexicon)', () => {
  const cases = [
    {
      in: 'フロントヤード改革',
      has: ['フロント', 'ヤード', 'カイカク', 'フロントヤードカイカク'],
      why: "each word's reading and the compound's joined",
    },
    {
      in: '書かない窓口',
      has: ['カカ', 'マドグチ'],
      why: 'a verb is read as written (書か), ない is grammar and gives none',
    },
    { in: 'ブロックチエーン', has: ['ブロックチエーン'], why: 'an unknown katakana word reads as its surface' },
    { in: 'DX推進', has: ['スイシン'], why: 'Latin has no reading, so the compound DX推進 gives none' },
  ];
  it.each(cases)('$in → $has ($why)', (c) => {
    const readings = analyzer.analyze(c.in).readings.map((r) => r.reading);
    expect(readings).toEqual(expect.arrayContaining(c.has));
    if (c.in === 'DX推進') expect(readings).toEqual(['スイシン']);
  });

  it('reads a whole phrase, particles included, or gives null when a word has no reading', () => {
    expect(analyzer.reading('システムの標準化')).toBe('システムノヒョウジュンカ');
    expect(analyzer.reading('エビデンス・ベースド')).toBe('エビデンスベースド');
    expect(analyzer.reading('DX推進')).toBeNull();
  });

  it('respells nothing without a lexicon: normalizeQuery is normalize', () => {
    expect(analyzer.normalizeQuery('しすてむ')).toBe('しすてむ');
    expect(analyzer.withLexicon([['システム', 'システム', 1]]).normalizeQuery('しすてむ')).toBe('システム');
  });
});

describe('a word respelled from kana never cuts into the endings kuromoji reads after a kanji word', () => {
  // The lexicon as the index derives it from the seeds (期待 from 「…が期待できる」, 窓口, 指定 from 「指定された」).
  const LEXICON: [string, string, number][] = [
    ['キタイ', '期待', 12],
    ['シテイ', '指定', 3],
    ['マドグチ', '窓口', 30],
    ['タンキ', '短期', 2],
  ];
  const cases = [
    {
      q: 'テレワークを推進していきたいと書いてある',
      want: 'テレワークを推進していきたいと書いてある',
      why: 'し + て + いき + たい after 推進: not して + い + 期待',
    },
    {
      q: '窓口をどう変えていきたいの',
      want: '窓口をどう変えていきたいの',
      why: '変え + て + いき + たい: the verb いく before たい',
    },
    {
      q: 'オープンデータを進めていきたいんですか',
      want: 'オープンデータを進めていきたいんですか',
      why: 'the same ending after another verb',
    },
    {
      q: '書かないまどぐち',
      want: '書かない窓口',
      why: 'a kana word after the endings (書か + ない) is still respelled',
    },
    {
      q: '電子決裁の効果ってきたいできる？',
      want: '電子決裁の効果って期待できる?',
      why: 'after a particle, not an ending: the kana word is respelled',
    },
  ];
  it.each(cases)('$q → $want ($why)', ({ q, want }) => {
    expect(analyzer.withLexicon(LEXICON).normalizeQuery(q)).toBe(want);
  });
});
