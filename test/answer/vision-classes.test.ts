// What a plan aims at (目指す姿, ビジョン, 基本理念, 将来像, a motto) and how a question asks what is being done
// (「どうしてる」): rows written from the seeds, each with why it reads so.
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnswerEngine } from '../../src/answer/types.js';
import { answerRows } from '../helpers/answer-rows.js';
import { loadTestEngine } from '../helpers/engine.js';

let engine: AnswerEngine;
beforeAll(async () => {
  engine = await loadTestEngine();
});

const answers = answerRows(() => engine);

describe('a section that only announces what it shows brings the motto its slide set before its title', () => {
  answers([
    {
      q: '日の出町のDXの目指す姿は？',
      has: ['あたたかいデジタル化'],
      src: 'hinode',
      why: '「3. 目指す姿」 says only 「…基本的な方針を示します。」; the motto 「人にやさしく、あたたかいデジタル化」 sits under the title 「日の出町のDX推進方針」 just before it',
    },
    {
      q: '目指す姿を教えて',
      m: 'hinode',
      has: ['あたたかいデジタル化', '便利で豊かな暮らし'],
      src: 'hinode',
      why: 'the chosen municipality; the sentence that says the motto again tells what it stands for',
    },
    {
      q: '東久留米市の目指す姿は？',
      has: ['お手間を取らせない市役所'],
      not: ['あたたかい'],
      src: 'higashikurume',
      why: 'a section whose announcement is followed by its content is quoted as it is',
    },
  ]);
});

describe('the aim of the plan asked by another word than the document heads it with', () => {
  answers([
    {
      q: '日の出町のDXの基本理念は？',
      has: ['あたたかいデジタル化'],
      not: ['記載はありません'],
      src: 'hinode',
      why: 'the document never says 理念: its 「目指す姿」 is what its plan aims at',
    },
    {
      q: '東久留米市のDXの理念ってなに',
      has: ['お手間を取らせない市役所'],
      not: ['記載はありません'],
      src: 'higashikurume',
      why: 'the tightest heading: 「目指す姿」, not the 「目指す姿と基本的な考え方」 over it',
    },
    {
      q: '小金井市のDXのスローガンは？',
      has: ['スマート自治体'],
      src: 'koganei',
      why: '小金井市 heads it 「DX 推進のビジョン」',
    },
    {
      q: '日の出町はどういう考え方でDXを進めてるの？',
      has: ['あたたかいデジタル化'],
      src: 'hinode',
      why: 'no 考え方 of its own (only the national 総合戦略の基本的考え方, a background chapter): its aim',
    },
    {
      q: '西東京市の基本理念は？',
      has: ['人にやさしいデジタル化'],
      src: 'nishitokyo',
      why: 'a document that uses the word asked is quoted where it does',
    },
  ]);
});

describe('comparing what two plans aim at: 「〜のちがいは」 asks the noun before ちがい', () => {
  answers([
    {
      q: '東久留米市と日の出町の目指す姿のちがいは？',
      has: ['お手間を取らせない市役所', 'あたたかいデジタル化'],
      why: 'each side its own aim; ちがい names no topic',
    },
    {
      q: '日の出町と小金井市、DXの理念はどう違う？',
      has: ['あたたかいデジタル化', 'スマート自治体'],
      why: 'neither document says 理念: each side its vision section',
    },
  ]);
});

describe('「どうしてる」「どうしてますか」 ask what is being done, not why (どうして) nor 同士', () => {
  answers([
    {
      q: 'ペーパーレスってどうしてるの？',
      m: 'hinode',
      has: ['ペーパーレス'],
      not: ['理由の記載', '同士'],
      src: 'hinode',
      why: '施策① ペーパーレス化: what the town does',
    },
    {
      q: '武蔵野市は在宅勤務はどうしてるんですか',
      has: ['在宅勤務'],
      not: ['同士', '記載はありません'],
      src: 'musashino',
      why: '(7) 柔軟な働き方の推進: 導入に向けた検討',
    },
    {
      q: '西東京市はオープンデータってどうしてますか',
      has: ['オープンデータ'],
      not: ['理由の記載'],
      src: 'nishitokyo',
      why: '重点取組 3 オープンデータの活用促進',
    },
  ]);

  it('「どうして」 alone still asks why', () => {
    const a = engine.answer('武蔵野市はどうしてDXを進めるの？', { municipality: null });
    expect(a.frame?.attribute).toBe('reason');
  });
});
