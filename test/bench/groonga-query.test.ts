// The Groonga baseline's query for a question (bench/groonga-query.ts), as the README documents it: the question's
// TokenBigram + NormalizerAuto terms without symbols, OR-ed. The expected terms are Groonga 13's own `tokenize
// TokenBigram … NormalizerAuto --mode GET` output for each question with its symbol tokens left out; the bench
// re-checks every question it asks against a running groonga, this test needs none.
import { describe, expect, it } from 'vitest';
import { bigramQuery, bigramTerms, comparableTokens, selectCommand } from '../../bench/groonga-query.js';

const cases = [
  {
    q: '書かない窓口とは',
    terms: ['書か', 'かな', 'ない', 'い窓', '窓口', '口と', 'とは'],
    why: 'kanji and kana are one run: bigrams cross the change of script',
  },
  {
    q: 'マイナンバーカードの保有率は？',
    terms: ['マイ', 'イナ', 'ナン', 'ンバ', 'バー', 'ーカ', 'カー', 'ード', 'ドの', 'の保', '保有', '有率', '率は'],
    why: 'ー belongs to the katakana run; 「？」 is a symbol token, no term (it would match most texts)',
  },
  {
    q: 'DX推進とは',
    terms: ['dx', '推進', '進と', 'とは'],
    why: 'ASCII letters are one token, lower-cased by the normalizer, never bigrammed into the kanji after them',
  },
  { q: 'ＤＸって何', terms: ['dx', 'って', 'て何'], why: 'full-width letters normalize to ASCII (NFKC)' },
  {
    q: 'R5年度の目標',
    terms: ['r', '5', '年度', '度の', 'の目', '目標'],
    why: 'letters and digits are separate runs; a run of one character is its own term',
  },
  { q: '様々な取組', terms: ['様', 'な取', '取組'], why: 'NormalizerAuto counts 々 as a symbol: it ends the run' },
  {
    q: '「書かない窓口」とは',
    terms: ['書か', 'かな', 'ない', 'い窓', '窓口', 'とは'],
    why: 'brackets are symbols: they split runs and are no term',
  },
  {
    q: 'AI・RPAの活用',
    terms: ['ai', 'rpa', 'の活', '活用'],
    why: '・ between ASCII runs is a token of one symbol-like character: no term',
  },
  {
    q: 'カードとカード',
    terms: ['カー', 'ード', 'ドと', 'とカ'],
    why: 'each term once: a repeated bigram is not counted twice',
  },
];

describe('the Groonga baseline query (bench)', () => {
  it.each(cases)('$q → its bigram terms ($why)', ({ q, terms }) => {
    expect(bigramTerms(q)).toEqual(terms);
  });

  it('ORs the quoted terms, as the README shows for 「書かない窓口とは」', () => {
    expect(bigramQuery('書かない窓口とは')).toBe('"書か" OR "かな" OR "ない" OR "い窓" OR "窓口" OR "口と" OR "とは"');
  });

  it("compares Groonga's own tokens the same way: symbol tokens dropped, each token once", () => {
    // Groonga 13's GET-mode tokens of 「AI・RPAの活用。様々」
    expect(comparableTokens(['ai', '・', 'rpa', 'の活', '活用', '。', '様', '々'])).toEqual([
      'ai',
      'rpa',
      'の活',
      '活用',
      '様',
    ]);
  });

  it('scopes a select to the municipality and the records of none, as the plain path filters', () => {
    const scoped = new URLSearchParams(selectCommand('DXとは', 'hinode')!.split('?')[1]);
    expect(scoped.get('query')).toBe('"dx" OR "とは"');
    expect(scoped.get('filter')).toBe('municipality == "hinode" || municipality == ""');
    expect(scoped.get('limit')).toBe('10');
    expect(new URLSearchParams(selectCommand('DXとは')!.split('?')[1]).has('filter')).toBe(false);
  });

  it('sends no select for a question without a term', () => {
    expect(selectCommand('？！')).toBeNull();
  });
});
