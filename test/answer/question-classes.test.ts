// Classes of resident questions, each with questions written for it from the seeds (not taken from any question
// set): the class is what is fixed, so every row of a class must work, and each row says why it reads so.
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnswerEngine } from '../../src/answer/types.js';
import type { MunicipalityId } from '../../src/knowledge/index.js';
import { type AnswerRow, answerRows, norm } from '../helpers/answer-rows.js';
import { loadTestEngine } from '../helpers/engine.js';

let engine: AnswerEngine;
beforeAll(async () => {
  engine = await loadTestEngine();
});

// Every row here names the municipality its first source must come from.
const answers: (rows: (AnswerRow & { src: MunicipalityId })[]) => void = answerRows(() => engine);

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

describe('a FAX number is asked: the one the document prints, never the phone or another municipality’s', () => {
  answers([
    {
      q: '東久留米市の行政経営課にファックスで問い合わせたい。番号は？',
      has: ['042-470-7811'],
      src: 'higashikurume',
      why: 'the colophon’s 「FAX / 0 4 2 - …」 read as one number; the publishing department is no topic of its own',
    },
    {
      q: '日の出町の方針についてFAXで質問を送りたいです',
      has: ['042-597-4369'],
      src: 'hinode',
      why: 'FAX, not the phone number printed beside it',
    },
  ]);
  it('小金井市のDX推進担当のFAX番号を教えて (no FAX in its document: said so, no other municipality’s number)', () => {
    const a = engine.answer('小金井市のDX推進担当のFAX番号を教えて');
    expect(a.kind).toBe('fallback');
    expect(a.text).toContain('記載はありません');
    expect(a.text).not.toMatch(/042-470-7811|042-597-4369/);
  });
  it('東京都のFAXレス化はどこまで進んだ？ (FAXレス化 is a measure, not a number to send to)', () => {
    const a = engine.answer('東京都のFAXレス化はどこまで進んだ？');
    expect(a.frame?.attribute).not.toBe('fax');
    expect(a.text).not.toMatch(/042-597-4369/);
  });
});

describe('who does a task: a role that is not an office (コンサルタント, 有識者, 専門人材) answers 「誰が」', () => {
  answers([
    {
      q: '武蔵野市は次の情報化の計画を作るとき、誰の助言を聞くの？',
      has: ['専門人材'],
      src: 'musashino',
      why: 'the advisers named by their role',
    },
    {
      q: '武蔵野市でICTの知見がある人材って誰のこと？',
      has: ['コンサルタント'],
      src: 'musashino',
      why: 'the role the document gives them',
    },
  ]);
});

describe('a practice asked in everyday words: the documents’ term', () => {
  answers([
    {
      q: '武蔵野市って、パソコンが苦手な人でも申請できるようにするの？',
      has: ['操作性が高く'],
      src: 'musashino',
      why: 'パソコンが苦手 is the digital divide (デジタルデバイド), as スマホが苦手 is',
    },
    {
      q: '東久留米市の職員は在宅で仕事できる？',
      has: ['テレワーク'],
      src: 'higashikurume',
      why: '在宅で仕事 is telework',
    },
  ]);
});

describe('a comparison asking what each says or how they differ: each side states what it does', () => {
  it.each([
    {
      q: '職員の研修について、日の出町と西東京市ではどう違う？',
      has: ['e-learning', '東京デジタルアカデミー'],
      why: 'each side’s measure (施策概要, 活用を検討), not the 「現状:」 cell saying why it is needed',
    },
    {
      q: 'テレワークについて、日の出町と東久留米市ではどう書いてある？',
      has: ['施策⑥ テレワーク', 'テレワーク可能な業務の拡大'],
      why: '「どう書いてある」 asks how the documents put it: 書く is no word of the topic (not 書かない窓口)',
    },
  ])('$q ($why)', ({ q, has }) => {
    const a = engine.answer(q);
    expect(a.kind).toBe('answer');
    for (const h of has) expect(norm(a.text)).toContain(norm(h));
    expect(a.text).not.toContain('書かない窓口');
  });
  answers([
    {
      q: 'テレワークについて資料には何て書いてあるの？',
      m: 'hinode',
      has: ['施策概要'],
      src: 'hinode',
      why: 'one municipality asked how its document puts it: an overview, not whether there is one (「ある？」)',
    },
  ]);
});
