// withTokenMemo: one question's texts are tokenized once, whichever methods and analyzers read them, and the
// analyses are the same as without the memo.
import { beforeAll, describe, expect, it } from 'vitest';
import { type Analyzer, createAnalyzer, type Token } from '../../src/analysis/index.js';

let analyzer: Analyzer;
beforeAll(async () => {
  analyzer = await createAnalyzer({ synonyms: [{ terms: ['マイナンバーカード', 'マイナカード'] }] });
});

const TEXTS = [
  { text: 'マイナカードの保有率は？', why: 'a synonym expanded on the query side' },
  { text: '令和5年11月から書かない窓口を開始', why: 'numbers and an era merged from several tokens' },
  { text: 'ＤＸ推進方針', why: 'full-width letters normalized before tokenizing' },
];

describe('withTokenMemo', () => {
  it.each(TEXTS)('gives the same analyses as without a memo ($why)', ({ text }) => {
    const memo = new Map<string, Token[]>();
    const memoized = analyzer.withTokenMemo(memo);
    expect(memoized.terms(text)).toEqual(analyzer.terms(text));
    expect(memoized.queryTerms(text)).toEqual(analyzer.queryTerms(text));
    expect(memoized.analyzeQuery(text)).toEqual(analyzer.analyzeQuery(text));
    expect(memoized.tokenize(text)).toEqual(analyzer.tokenize(text));
    expect(memoized.bigrams(text)).toEqual(analyzer.bigrams(text));
  });

  it('tokenizes a text once for every method and every analyzer sharing the memo', () => {
    const memo = new Map<string, Token[]>();
    const a = analyzer.withTokenMemo(memo);
    const b = analyzer.withLexicon([]).withTokenMemo(memo);
    a.terms('書かない窓口はいつから');
    a.queryTerms('書かない窓口はいつから');
    b.analyzeQuery('書かない窓口はいつから');
    a.tokenize('書かない窓口はいつから');
    expect([...memo.keys()]).toEqual([analyzer.normalize('書かない窓口はいつから')]);
  });

  it('hands out copies: a caller changing its tokens list changes nobody else’s', () => {
    const memo = new Map<string, Token[]>();
    const a = analyzer.withTokenMemo(memo);
    const first = a.tokenize('書かない窓口');
    first.length = 0;
    expect(a.tokenize('書かない窓口').length).toBeGreaterThan(0);
    expect(a.terms('書かない窓口')).toEqual(analyzer.terms('書かない窓口'));
  });

  it('remembers a question’s analyses: the same analyzer for the same memo, the same results, copies handed out', () => {
    const memo = new Map<string, Token[]>();
    const a = analyzer.withTokenMemo(memo);
    expect(analyzer.withTokenMemo(memo)).toBe(a);
    const speller = analyzer.withLexicon([]);
    for (const { text } of TEXTS) {
      const terms = a.queryTerms(text);
      terms[0]!.weight = 99;
      terms.push({ term: '汚染', weight: 1, synonym: false, group: 9 });
      const analyzed = a.analyzeQuery(text);
      analyzed.bigrams.push('汚染');
      a.terms(text).push('汚染');
      a.queryBigrams(text).push('汚染');
      expect(a.queryTerms(text)).toEqual(analyzer.queryTerms(text));
      expect(a.analyzeQuery(text)).toEqual(analyzer.analyzeQuery(text));
      expect(a.terms(text)).toEqual(analyzer.terms(text));
      expect(a.queryBigrams(text)).toEqual(analyzer.queryBigrams(text));
      const respelled = speller.withTokenMemo(memo).respell(text);
      respelled.readings.push('汚染');
      expect(speller.withTokenMemo(memo).respell(text)).toEqual(speller.respell(text));
    }
  });
});
