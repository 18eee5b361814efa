// How residents type the glossary terms of every bundled municipality, against the real lexicon: a loanword with a
// mora slipped (a ー or small ッ dropped or doubled, a kana missing or added), a phrase typed without its dot, a
// kanji or Latin term typed as its reading in hiragana. Each row names what the question must be respelled to,
// the glossary entry the definition answer must quote, and why a resident types it so. Written from the seeds'
// glossaries (用語集, 用語解説), not from any question set.
import { beforeAll, describe, expect, it } from 'vitest';
import type { MunicipalityId } from '../../src/knowledge/index.js';
import type { Runtime } from '../../src/runtime.js';
import { loadTestRuntime } from '../helpers/engine.js';

let rt: Runtime;
beforeAll(async () => {
  rt = await loadTestRuntime();
}, 60_000);

interface Row {
  q: string;
  m: MunicipalityId; // whose glossary holds the term (the resident's chosen municipality)
  to: string; // the term in the respelled question
  term: string; // the glossary entry the definition answer quotes first
  why: string;
}

const definitionOf = (row: Row) => rt.engine.answer(row.q, { municipality: row.m });

describe('a loanword typed with a mora slipped finds the glossary term', () => {
  const rows: Row[] = [
    {
      q: 'カーボンオフセトって？',
      m: 'hinode',
      to: 'カーボン・オフセット',
      term: 'カーボン・オフセット',
      why: 'the small ッ dropped, the dot left out: the glossary phrase compared without its dot',
    },
    {
      q: 'カーボン・オフセトとは',
      m: 'hinode',
      to: 'カーボン・オフセット',
      term: 'カーボン・オフセット',
      why: 'typed with the dot: one phrase, not two words (オフセト alone is too short to correct)',
    },
    {
      q: 'ワークライバランスってなに',
      m: 'hinode',
      to: 'ワークライフバランス',
      term: 'ワークライフバランス',
      why: 'one kana (フ) dropped from a ten-character word',
    },
    {
      q: 'ガバメンクラウドとは',
      m: 'hinode',
      to: 'ガバメントクラウド',
      term: 'ガバメントクラウド',
      why: 'the ト before another word dropped, as in speech',
    },
    {
      q: 'スモールスタトとは',
      m: 'higashikurume',
      to: 'スモールスタート',
      term: 'スモールスタート',
      why: 'the second ー dropped',
    },
    {
      q: 'セキュリティーポリシーって何',
      m: 'higashikurume',
      to: 'セキュリティポリシー',
      term: 'セキュリティポリシー',
      why: 'a ー added where the document writes none (セキュリティー is the spelling many sites use)',
    },
    {
      q: 'チャトボットとは',
      m: 'koganei',
      to: 'チャットボット',
      term: 'チャットボット',
      why: 'the small ッ dropped',
    },
    {
      q: 'キャシュレス決済とは',
      m: 'koganei',
      to: 'キャッシュレス',
      term: 'キャッシュレス決済',
      why: 'the small ッ dropped before a kanji word',
    },
    {
      q: 'オムニチャンネルとは',
      m: 'nishitokyo',
      to: 'オムニチャネル',
      term: 'オムニチャネル',
      why: 'チャンネル is how the word is written elsewhere: one kana added',
    },
    {
      q: 'コネクテッドワンストプとは',
      m: 'nishitokyo',
      to: 'コネクテッド・ワンストップ',
      term: 'コネクテッド・ワンストップ',
      why: 'the dot left out and the small ッ dropped',
    },
    {
      q: 'タブレトとは',
      m: 'hinode',
      to: 'タブレット',
      term: 'タブレット',
      why: 'a short word with one slip (ッ dropped) is still that word',
    },
    {
      q: 'テレワクって何',
      m: 'koganei',
      to: 'テレワーク',
      term: 'テレワーク',
      why: 'the ー dropped from a four-character word',
    },
    {
      q: 'メタバスとは',
      m: 'nishitokyo',
      to: 'メタバース',
      term: 'メタバース',
      why: 'the ー dropped, as in メタバス typed fast',
    },
    {
      q: 'デジタリテラシーとは',
      m: 'koganei',
      to: 'デジタルリテラシー',
      term: 'デジタルリテラシー',
      why: 'ル dropped where デジタル meets the next word (the corpus breaks デジタ|ル once, which is no word)',
    },
    {
      q: 'ワンスオンリとは',
      m: 'nishitokyo',
      to: 'ワンスオンリー',
      term: 'ワンスオンリー',
      why: 'the final ー dropped',
    },
  ];
  it.each(rows)('$q → $to ($why)', (row) => {
    expect(rt.analyzer.normalizeQuery(row.q)).toContain(row.to);
    expect(definitionOf(row).text).toContain(`${row.term}：`);
  });
});

describe('a term typed as its reading in hiragana finds the glossary term', () => {
  const rows: Row[] = [
    {
      q: 'せいさんねんれいじんこうってなに',
      m: 'higashikurume',
      to: '生産年齢人口',
      term: '生産年齢人口',
      why: 'a six-kanji compound typed as one hiragana run (the phone did not convert it)',
    },
    {
      q: 'ぎがすくーるってなに',
      m: 'koganei',
      to: 'gigaスクール',
      term: 'GIGAスクール',
      why: 'GIGA by its romaji and スクール, typed in one run',
    },
    {
      q: 'こうしゅうむせんえるえーえぬとは',
      m: 'nishitokyo',
      to: '公衆無線lan',
      term: '公衆無線LAN',
      why: 'a glossary phrase of kanji and an acronym read whole in hiragana (LAN by its letters’ names)',
    },
    {
      q: 'いーびーぴーえむってなに',
      m: 'higashikurume',
      to: 'ebpm',
      term: 'EBPM',
      why: 'an acronym by its letters’ names in hiragana (小金井市 files it under い)',
    },
  ];
  it.each(rows)('$q → $to ($why)', (row) => {
    expect(rt.analyzer.normalizeQuery(row.q)).toContain(row.to);
    expect(definitionOf(row).text).toContain(`${row.term}：`);
  });
});

describe('terms typed right, and other words of the dictionary, are left as typed', () => {
  it.each([
    'カーボン・オフセットって何',
    'カーボンオフセットとは',
    'コンピューターが苦手です',
    'キャッシュレス決済はいつから',
    'テレワークの実施率は',
    'オフラインでも申請できる？', // not オンライン, one edit away in the lexicon
    'デメリットはありますか', // not メリット
    'リサイクルの取組は', // not サイクル
    'スクロールできない', // not スクール
  ])('%s', (q) => {
    expect(rt.analyzer.normalizeQuery(q)).toBe(rt.analyzer.normalize(q));
  });
});
