// Classes of resident questions, each with questions written for it from the seeds (not taken from any question
// set): the class is what is fixed, so every row of a class must work, and each row says why it reads so.
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnswerEngine } from '../../src/answer/types.js';
import type { MunicipalityId } from '../../src/knowledge/index.js';
import { loadTestEngine } from '../helpers/engine.js';

let engine: AnswerEngine;
beforeAll(async () => {
  engine = await loadTestEngine();
});

const norm = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\s,]/g, '');

interface Row {
  q: string;
  m?: MunicipalityId;
  has: string[]; // every one in the answer
  src: MunicipalityId; // the first source's municipality
  why: string;
}

function answers(rows: Row[]) {
  it.each(rows)('$q ($why)', ({ q, m, has, src }) => {
    const a = engine.answer(q, { municipality: m ?? null });
    expect(a.kind).toBe('answer');
    for (const h of has) expect(norm(a.text)).toContain(norm(h));
    expect(a.sources[0]?.municipality).toBe(src);
  });
}

describe('a definition asked by how the document uses or explains a term, or by what a body does', () => {
  answers([
    {
      q: 'スモールスタートってどういう意味で使ってるの？',
      m: 'higashikurume',
      has: ['シンプルな設計'],
      src: 'higashikurume',
      why: '「どういう意味で使ってる」: the meaning the document gives, its glossary entry',
    },
    {
      q: 'チャットボットってどういうものって説明してるの？',
      has: ['自動会話プログラム'],
      src: 'nishitokyo',
      why: '「どういうものって説明してる」: how the document explains it',
    },
    {
      q: 'デジタル庁って何をするところ？',
      has: ['デジタル社会の形成'],
      src: 'koganei',
      why: '「何をするところ」: a body is defined by what it does',
    },
  ]);
});

describe('an aside saying where the resident read it asks nothing, and names no topic', () => {
  answers([
    {
      q: 'オムニチャネルってなんのこと？西東京市の方針にでてきた',
      has: ['あらゆるチャネル'],
      src: 'nishitokyo',
      why: '「…の方針にでてきた」 says where; 方針 is not the items asked',
    },
    {
      q: 'アウトカムってなに？小金井市の資料に載ってた',
      has: ['目的が実現した際の効果'],
      src: 'koganei',
      why: '「…の資料に載ってた」 says where, and whose',
    },
    {
      q: '小金井市の資料に載ってた、オンライン化の優先事業っていくつ？',
      has: ['27事業'],
      src: 'koganei',
      why: '資料 and 載ってた are where the resident read it, not words of the topic',
    },
  ]);
});

describe('a Latin term written in katakana is the term', () => {
  answers([
    { q: 'アイシーティーってなに', has: ['情報通信技術'], src: 'higashikurume', why: 'ICT by its letters’ names' },
    {
      q: 'イービーピーエムってなに',
      has: ['evidence'],
      src: 'koganei',
      why: 'EBPM by its letters’ names (a four-letter acronym)',
    },
    {
      q: 'ギガスクールってなんのこと？',
      has: ['教育ict環境'],
      src: 'koganei',
      why: 'GIGA by its romaji, スクール as written',
    },
  ]);
});

describe('a count asked in kana or in hours', () => {
  answers([
    {
      q: '職員アンケートにはなん人が回答したの？',
      m: 'hinode',
      has: ['120名'],
      src: 'hinode',
      why: '「なん人」 asks a number of people as 何人 does',
    },
  ]);
  it.each([
    {
      q: '東久留米市の職員ってなん人くらいいるの？',
      m: 'higashikurume',
      why: 'how many there are in all: another municipality’s survey respondents are not it',
    },
    {
      q: '職員のテレワークは年間何時間くらい？',
      m: 'hinode',
      why: '何時間 asks a number of hours, which no document gives for telework',
    },
  ])('not stated: $q ($why)', ({ q, m }) => {
    const a = engine.answer(q, { municipality: m as MunicipalityId });
    expect(a.kind).toBe('fallback');
    expect(a.text).toContain('記載はありません');
  });
});
