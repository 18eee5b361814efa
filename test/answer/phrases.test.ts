// The question's phrases (noun + particle + noun) and the head of its topic, as the answer engine reads them.
import { beforeAll, describe, expect, it } from 'vitest';
import { type Analyzer, createAnalyzer } from '../../src/analysis/index.js';
import { phrasePairs, proximityBonus } from '../../src/answer/extract.js';
import { headNoun } from '../../src/answer/sections.js';
import { createTextTerms } from '../../src/answer/terms.js';

let analyzer: Analyzer;
beforeAll(async () => {
  analyzer = await createAnalyzer();
});

describe('phrasePairs', () => {
  it.each([
    { q: 'の地域情報化の基本理念は？', pairs: [['地域情報化', '基本理念']], why: 'two noun runs joined by の' },
    { q: '東京自治体クラウドに加入するのは', pairs: [['東京自治体クラウド', '加入']], why: 'joined by に' },
    { q: '生成AIって使ってるの？', pairs: [], why: 'one noun run: a compound is not a phrase of two' },
    { q: 'テレワークはいつから', pairs: [], why: 'a noun and a question word' },
  ])('$q → $pairs ($why)', ({ q, pairs }) => {
    expect(phrasePairs(analyzer, q)).toEqual(pairs);
  });
});

describe('proximityBonus', () => {
  const pairs: [string, string][] = [['地域情報化', '基本理念']];
  it.each([
    { text: '「人にやさしいデジタル化」を地域情報化における基本理念とします。', bonus: true, why: 'における between' },
    { text: '地域情報化の側面から、第3次総合計画の基本理念「ともに…」', bonus: false, why: 'the words far apart' },
    { text: '西東京市地域情報化基本方針', bonus: false, why: '基本理念 absent' },
  ])('$why', ({ text, bonus }) => {
    expect(proximityBonus(createTextTerms(analyzer), pairs, text) > 0).toBe(bonus);
  });
});

describe('headNoun', () => {
  it.each([
    { q: '地域情報化の基本理念は？', head: '理念', why: 'the last noun; 「？」 is not one' },
    { q: 'DX推進の3本の柱は', head: '柱', why: 'numbers and counters are not the head' },
    { q: '自治体DXの取組事項を教えて', head: '事項', why: 'the verb after it is not a noun' },
    { q: 'DX推進方針ってどんな方針？', head: null, why: '方針 is in every heading' },
    {
      q: 'DXで目指す姿はそれぞれ何？',
      head: '姿',
      why: 'それぞれ (a noun that works as an adverb) says the question is asked of each side, it heads no topic',
    },
    { q: '推進体制は今どうなってる？', head: '体制', why: '今 is a time adverb, not the head' },
  ])('$q → $head ($why)', ({ q, head }) => {
    expect(headNoun(analyzer, q)).toBe(head);
  });
});
