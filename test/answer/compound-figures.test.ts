// A figure inside a compound noun the number heads (東久留米市 「2025年度までに基幹系20業務システムを標準準拠システムへ
// 移行」, 西東京市 「…の18取組」): a count of what the compound names, whether asked by its counter (何システム, 何業務)
// or by いくつ / 数 of the noun. Rows written from the seeds; the regexes tried on the seeds' own wording.
import { beforeAll, describe, expect, it } from 'vitest';
import { countedFigure, nounFigure } from '../../src/answer/counters.js';
import type { AnswerEngine } from '../../src/answer/types.js';
import { answerRows } from '../helpers/answer-rows.js';
import { loadTestEngine } from '../helpers/engine.js';

describe('a number heading a compound counts what the compound names', () => {
  it.each([
    { counter: 'システム', text: '基幹系20業務システムを標準準拠システムへ移行', yes: true, why: '20 of 業務システム' },
    { counter: '業務', text: '基幹系20業務システム', yes: true, why: 'the counter right after the number, as before' },
    { counter: '拠点', text: '実績値: 8拠点', yes: true, why: 'a plain counter' },
    { counter: '件', text: '2025年度件数の推移', yes: false, why: 'a date heads no compound figure' },
    { counter: 'システム', text: '3 情報システムの最適化', yes: false, why: 'a numbered item is no figure' },
  ])('$counter in 「$text」 → $yes ($why)', ({ counter, text, yes }) => {
    expect(countedFigure(counter).test(text)).toBe(yes);
  });

  it.each([
    { terms: ['基幹', 'システム'], text: '2025年度までに基幹系20業務システムを標準準拠システムへ移行', yes: true },
    { terms: ['導入', '取組'], text: '「導入実行」項番1から16の18取組', yes: true },
    { terms: ['システム'], text: '3 情報システムの最適化', yes: false },
    { terms: ['システム'], text: '2025年度までにシステムを移行', yes: false },
  ])('nouns $terms in 「$text」 → $yes', ({ terms, text, yes }) => {
    expect(nounFigure(text, terms)).toBe(yes);
  });
});

let engine: AnswerEngine;
beforeAll(async () => {
  engine = await loadTestEngine();
});
const answers = answerRows(() => engine);

describe('how many, asked of a noun the document counts inside a compound', () => {
  answers([
    {
      q: '基幹系の業務システムはいくつ標準準拠システムに移行するの？',
      m: 'higashikurume',
      has: ['20業務', '2025年度'],
      not: ['記載はありません'],
      src: 'higashikurume',
      why: '3章 (2) 自治体情報システムの標準化・共通化: 20 heads 業務システム',
    },
    {
      q: '何システムを標準準拠システムに移行する？',
      m: 'higashikurume',
      has: ['20業務システム'],
      not: ['記載はありません'],
      src: 'higashikurume',
      why: '何システム: the whole katakana word is the counter, found inside 20業務システム',
    },
    {
      q: '標準準拠システムに移行するシステムの数は？',
      m: 'higashikurume',
      has: ['20業務'],
      not: ['記載はありません'],
      src: 'higashikurume',
      why: '「数は」 of システム: a number heading a compound that holds it',
    },
  ]);
});
