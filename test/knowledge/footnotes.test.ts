import { describe, expect, it } from 'vitest';
import { extractFootnotes } from '../../src/knowledge/parse/footnotes.js';

// 武蔵野市's document explains its terms in footnotes instead of a 用語集.
const text = [
  '行政手続のオンライン化については、「デジタル行政推進法(*¹)」において、不可欠な「デジタル3原則(*²)」が明確化され',
  '(*) いわゆる「デジタル手続法(令和元年法律第16号)」による改正後の法律。',
  '(*²) ①デジタルファースト、②ワンスオンリー、③コネクテッド・ワンストップ。',
  '持続可能な行政サービスを提供し続けていくため、AI(*³)やRPA(*⁴)の活用を推進します。',
  '(*³) Artificial Intelligence の略であり、人間が行う高度に知的な作業を行えるようにしたもの。',
  '(*⁴) Robotic Process Automation の略であり、定型的なパソコン操作を自動化するもの。',
  'そのため、C I O(*⁵)へのアドバイザーとして外部の専門人材を活用し',
  '(*) 「chief information officer」の略称で一般的に最高情報責任者と訳される。本市においては副市長がその役割を担う。',
];

describe('extractFootnotes', () => {
  const entries = extractFootnotes(text);
  const byTerm = new Map(entries.map((e) => [e.term, e]));
  it.each([
    {
      term: 'デジタル行政推進法',
      starts: 'いわゆる',
      why: 'an unnumbered note takes the earliest unexplained marker above it',
    },
    { term: 'デジタル3原則', starts: '①デジタルファースト', why: 'a numbered note takes its own marker' },
    { term: 'AI', starts: 'Artificial Intelligence', why: 'a term right before its marker' },
    { term: 'RPA', starts: 'Robotic Process Automation', why: 'the particle や is not part of the term' },
    { term: 'CIO', starts: '「chief information officer」', why: 'spaced capitals (OCR) joined; superscript lost' },
  ])('$term ($why)', ({ term, starts }) => {
    expect(byTerm.get(term)?.definition.startsWith(starts)).toBe(true);
  });
  it('keeps the English expansion as an alias', () => {
    expect(byTerm.get('RPA')?.aliases).toEqual(['Robotic Process Automation']);
    expect(byTerm.get('CIO')?.aliases).toEqual(['chief information officer']);
  });
  it('finds nothing in text without footnote markers', () => {
    expect(extractFootnotes(['SaaS*等のクラウドサービス', '(注) 参考'])).toEqual([]);
  });
});
