// How residents ask, read as what they ask: the municipality's own office named around a measure (「市役所の」
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
