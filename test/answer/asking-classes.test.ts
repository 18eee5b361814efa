// How residents ask, read as what they ask: what a plan aims at (目指す姿, ビジョン, 基本理念, 将来像, a motto) by
// whatever word, 「どうしてる」 as what is being done, the municipality's own office named around a measure (「市役所の」
// 「職員の」), and a term asked by saying one does not know it or wants it put simply. Rows written from the seeds.
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnswerEngine } from '../../src/answer/types.js';
import { answerRows } from '../helpers/answer-rows.js';
import { loadTestEngine } from '../helpers/engine.js';

let engine: AnswerEngine;
beforeAll(async () => {
  engine = await loadTestEngine();
});

const answers = answerRows(() => engine);

describe('「市役所の」「役場の」「職員の」 say whose measure (the municipality asked), not what it is', () => {
  answers([
    {
      q: '役場の職員のテレワークはいつから？',
      m: 'hinode',
      has: ['令和7年度'],
      src: 'hinode',
      why: '施策⑥ テレワーク: 令和7年度 開始; the sheet never says 役場 or 職員',
    },
    {
      q: '市役所職員のテレワークの実施率は？',
      m: 'nishitokyo',
      has: ['1.1'],
      not: ['記載はありません'],
      src: 'nishitokyo',
      why: 'the KPI row 「業務改革BPRの実施テレワーク実施率」: 実績値 1.1%',
    },
    {
      q: '市役所のテレワークはどうなってる？',
      m: 'koganei',
      has: ['試行実施'],
      src: 'koganei',
      why: '取組項目 「テレワークの推進」: 試行実施の継続・本格実施に向けた検討',
    },
    {
      q: '職員アンケートは何人が回答した？',
      m: 'hinode',
      has: ['約120名'],
      src: 'hinode',
      why: 'a topic of the office alone keeps its words: 職員アンケート is what is asked',
    },
  ]);
});

describe('a term asked by not knowing it, or wanting it simply, asks its glossary entry', () => {
  answers([
    {
      q: 'サービスデザイン思考って、かんたんに言うと？',
      has: ['利用者の視点で設計'],
      src: 'koganei',
      why: '小金井市 用語解説; 「かんたんに言うと」 asks what it means',
    },
    {
      q: 'スマート自治体がいまいちわからない',
      m: 'koganei',
      has: ['自動化'],
      src: 'koganei',
      why: '「…がいまいちわからない」 asks what it means',
    },
    {
      q: 'オープンデータってよく分からないんですが',
      m: 'nishitokyo',
      has: ['二次利用'],
      src: 'nishitokyo',
      why: '西東京市 用語解説 (a table): 「機械判別に適したデータ形式で、二次利用可能な…」',
    },
    {
      q: 'BPRの意味おしえて',
      m: 'higashikurume',
      has: ['BPR'],
      not: ['見つかりませんでした'],
      why: 'の意味 + おしえて without を, in kana',
    },
    {
      q: 'ワンスオンリーってどういう考え方？',
      has: ['二度提出することを不要'],
      src: 'nishitokyo',
      why: 'a principle asked as a way of thinking (考え方) is defined by its entry',
    },
  ]);

  it('「意味がわからなくて」 after a question is an aside: the term is the one before the question', () => {
    const a = engine.answer('EBPMってなに？方針によく出てくるけど意味がわからなくて', {
      municipality: 'higashikurume',
    });
    expect(a.kind).toBe('answer');
    expect(a.text).toContain('根拠に基づく政策立案');
  });
});

describe('a term the documents themselves misspell is found by its right spelling', () => {
  answers([
    {
      q: 'デジタルデバイド対策は何をするの？',
      m: 'hinode',
      has: ['スマホ教室'],
      src: 'hinode',
      why: 'its sheet is headed 「施策⑪ デジタルデバイス対策」 (listed as ⑪ デジタルデバイド対策 in the 一覧)',
    },
    {
      q: 'デジタルデバイド対策でどんな教室や相談室をやってるの？',
      m: 'koganei',
      has: ['パソコン相談室'],
      src: 'koganei',
      why: '取組名 「市民のデジタル環境向上への寄与（デジタルデバインド対策）」',
    },
  ]);
});

describe('a table row whose group and name cells are empty goes on with the measure above it', () => {
  answers([
    {
      q: 'スマートフォン講座はデジタルデバイド対策の取組？',
      m: 'koganei',
      has: ['市民のデジタル環境向上への寄与', 'スマートフォン講座'],
      src: 'koganei',
      why: 'the row under 「市民のデジタル環境向上への寄与」 in 主な取組項目 has no 取組名 of its own',
    },
  ]);
});

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
