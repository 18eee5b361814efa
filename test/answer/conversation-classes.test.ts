// Conversation classes: what a conversation holds from one turn to the next — the KPI row a figure chain is on —
// through the real engine and a memory store. Rows written from the seeds, each with its reason.
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnswerEngine } from '../../src/answer/types.js';
import { converseWith } from '../helpers/converse.js';
import { loadTestEngine } from '../helpers/engine.js';

let engine: AnswerEngine;
beforeAll(async () => {
  engine = await loadTestEngine();
}, 60_000);

const converse = (municipality: string | null, ...turns: string[]) => converseWith(engine, municipality, turns);

describe('a figure chain holds the KPI row it is on', () => {
  // 西東京市's キャッシュレス決済等の促進 has three rows, one per department (12-1 市民課 52,600件 10.6%, 12-2 スポーツ振興課
  // 20,000件 50.1%, 13 産業振興課 3,868箇所 113.7%).
  it.each([
    {
      turns: ['手数料のキャッシュレス決済の目標は？', '実績は？', '達成率は？'],
      says: ['52,600', '5,626', '10.6%'],
      never: ['50.1%', '記載はありません'],
      why:
        '手数料 is in the 市民課 row’s result sheet only, where its 達成率 is garbled (「達成率: 1」): the rate asked next is ' +
        'the row’s, read from its clean 一覧 rendering, not another row’s and not 「記載はありません」',
    },
    {
      turns: ['キャッシュレス決済の目標は？', '実績は？', '達成率は？'],
      says: ['20,000', '10,029', '50.1%'],
      never: ['10.6%'],
      why: 'the first answer quoted the スポーツ振興課 row: its actual figure and rate follow',
    },
  ])('$turns ($why)', async ({ turns, says, never }) => {
    const answers = await converse('nishitokyo', ...turns);
    answers.forEach((a, i) => {
      expect(a.kind).toBe('answer');
      expect(a.text).toContain(says[i]);
    });
    for (const n of never) expect(answers.at(-1)!.text).not.toContain(n);
  });

  it('a measure with one row keeps the resident’s words for it', async () => {
    // 駅前情報発信拠点の活用 has no other row: nothing to tell apart
    const [, actual] = await converse('nishitokyo', '駅前の情報発信拠点で行政情報を発信する目標は何件？', '実績は？');
    expect(actual?.resolvedQuestion).toMatch(/^駅前の情報発信拠点/);
    expect(actual?.text).toContain('86');
  });
});

describe('another place after an item of a plan’s own structure asks that place’s structure', () => {
  // 小金井市 heads its structure 「DX 推進の 3 本の柱」, 東久留米市 「基本的な考え方」, 武蔵野市 「3 自治体DXに向けての
  // 基本方針」: an item of one (a pillar) is no topic of the others; the same kind of thing there is their own list.
  it.each([
    {
      m: null,
      turns: ['小金井市のDX推進の柱は？', '1つ目をもっと詳しく', '武蔵野市は？'],
      resolved: /^武蔵野市の自治体DXに向けての基本方針/,
      says: ['業務生産性の向上', '情報セキュリティ対策の強化'],
      why: '武蔵野市 names no 「市民目線でのサービスの質の向上」: its 基本方針 are the list of that role',
    },
    {
      m: null,
      turns: ['東久留米市の基本的な考え方は？', '1つ目を詳しく', '小金井市は？'],
      resolved: /^小金井市のDX 推進の 3 本の柱/,
      says: ['市民目線でのサービスの質の向上'],
      why: '東久留米市’s 考え方 「市民の利便性の向上」 is not a phrase of 小金井市’s documents: its 3 本の柱',
    },
  ])('$turns ($why)', async ({ m, turns, resolved, says }) => {
    const answers = await converse(m, ...turns);
    const last = answers.at(-1)!;
    expect(last.resolvedQuestion).toMatch(resolved);
    for (const s of says) expect(last.text).toContain(s);
  });

  it('an item of a list of measures is asked there as it is (other plans have such measures too)', async () => {
    const answers = await converse(null, '武蔵野市の取組事項を教えて', '2つ目を詳しく', '小金井市は？');
    expect(answers.at(-1)!.resolvedQuestion).toMatch(/^小金井市の行政手続のオンライン化/);
  });
});
