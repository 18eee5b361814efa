// Conversation classes: what a conversation holds from one turn to the next — the KPI row a figure chain is on —
// through the real engine and a memory store. Rows written from the seeds, each with its reason.
import { beforeAll, describe, expect, it } from 'vitest';
import { createConversation } from '../../src/answer/index.js';
import type { Answer, AnswerEngine } from '../../src/answer/types.js';
import { createMemoryStore } from '../../src/state/index.js';
import { loadTestEngine } from '../helpers/engine.js';

let engine: AnswerEngine;
beforeAll(async () => {
  engine = await loadTestEngine();
}, 60_000);

async function converse(municipality: string | null, ...turns: string[]): Promise<Answer[]> {
  const store = createMemoryStore();
  const conversation = createConversation({ sessions: store, ttlSeconds: 60 });
  const out: Answer[] = [];
  for (const q of turns) out.push(await conversation.ask(engine, q, { municipality, session: 's' }));
  await store.close();
  return out;
}

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
