// The answer worker as the server runs it (src/serving-store.ts over real worker threads on the bundled
// corpus, no mock of our engine): a reload swaps workers while questions are in flight and every one is
// answered; a worker that dies is replaced and the questions it held are answered by its replacement.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDictionary, type SharedDictionary } from '../../src/analysis/index.js';
import type { Answer } from '../../src/answer/index.js';
import { type AnswerThread, spawnAnswerThread } from '../../src/answer-thread.js';
import type { ReloadOutcome } from '../../src/knowledge/index.js';
import { createServingStore, type ServingStore } from '../../src/serving-store.js';
import { PROJECT_ROOT } from '../helpers/engine.js';

const KINDS = ['answer', 'route', 'clarify', 'fallback', 'greeting'];
// Distinct questions (the answer cache on the main thread would otherwise answer repeats itself).
const TOPICS = [
  '書かない窓口',
  'ガバメントクラウド',
  'マイナンバーカード',
  'DX推進計画',
  'キャッシュレス決済',
  '電子申請',
];
const ENDINGS = ['とは', 'はいつから？', 'の担当は？', 'の目標は？', 'について教えて'];
const question = (i: number) =>
  `${TOPICS[i % TOPICS.length]}${ENDINGS[Math.floor(i / TOPICS.length) % ENDINGS.length]}（${i}）`;

let dictionary: SharedDictionary;
let cacheDir: string;
const stores: ServingStore[] = [];

beforeAll(async () => {
  dictionary = await loadDictionary();
  cacheDir = mkdtempSync(path.join(tmpdir(), 'madoguchi-worker-'));
}, 60_000);
afterAll(async () => {
  for (const s of stores) await s.close();
  rmSync(cacheDir, { recursive: true, force: true });
});

const spawnWorker = () =>
  spawnAnswerThread({
    data: { root: PROJECT_ROOT, knowledgeDir: 'knowledge', seedsDir: 'seeds', cacheDir, dictionary },
  });

async function start(onReload?: (o: ReloadOutcome) => void, size = 1): Promise<ServingStore> {
  const store = await createServingStore({
    spawn: spawnWorker,
    size,
    logger: pino({ level: 'silent' }),
    ...(onReload ? { onReload } : {}),
  });
  stores.push(store);
  return store;
}

const valid = (a: Answer) => KINDS.includes(a.kind) && typeof a.text === 'string' && a.text.length > 0;

describe('answer worker', () => {
  it('answers on a worker thread, not on the main thread', async () => {
    const store = await start();
    const a = await store.engine.answer('書かない窓口とは');
    expect(a.kind).toBe('answer');
    expect(store.status().worker.threadIds[0]).toBeGreaterThan(0); // the main thread is 0
    // what the main thread keeps of the snapshot: the municipalities and the question sets
    expect(store.current().snapshot.municipalities.length).toBeGreaterThanOrEqual(5);
    expect(store.current().snapshot.questionSets.length).toBeGreaterThan(0);
    await store.close();
  }, 120_000);

  it('reports where each answered question spent its time (queue, answer, return) and its GC pauses', async () => {
    const timings: { queuedMs: number; answerMs: number; returnMs: number }[] = [];
    const store = await createServingStore({
      spawn: () =>
        spawnAnswerThread({
          data: { root: PROJECT_ROOT, knowledgeDir: 'knowledge', seedsDir: 'seeds', cacheDir, dictionary },
          onTiming: (t) => timings.push(t),
        }),
      logger: pino({ level: 'silent' }),
      answerCache: 0,
    });
    stores.push(store);
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => store.engine.answer(question(i))));
    expect(answers.every(valid)).toBe(true);
    // one timing per answered question; six sent at once: the later ones waited behind the earlier ones
    expect(timings).toHaveLength(6);
    for (const t of timings) for (const ms of Object.values(t)) expect(ms).toBeGreaterThanOrEqual(0);
    expect(timings.some((t) => t.answerMs > 0)).toBe(true);
    expect(timings.at(-1)!.queuedMs).toBeGreaterThan(0);
    await store.close();
  }, 120_000);

  it('a reload swaps workers while questions are in flight: every question is answered, the old worker ends', async () => {
    let pendingAtSwap = -1;
    let old: AnswerThread | null = null;
    const store = await start((outcome) => {
      // called right after the swap: how many questions the old worker still held then
      if (outcome.ok && old) pendingAtSwap = old.pending;
    });
    old = store.current().threads[0]!;
    const asked: Promise<Answer>[] = [];
    let i = 0;
    let reloading = true;
    const reload = store.reload('admin (test)').finally(() => {
      reloading = false;
    });
    // a backlog of questions kept on the serving worker until a little after the swap
    while (reloading) {
      const missing = Math.max(0, 20 - store.current().threads[0]!.pending);
      for (let k = 0; k < missing; k++) asked.push(store.engine.answer(question(i++)));
      await new Promise((r) => setTimeout(r, 20));
    }
    for (let k = 0; k < 20; k++) asked.push(store.engine.answer(question(i++)));
    const outcome = await reload;
    expect(outcome.ok).toBe(true);
    expect(outcome.version).toBe(2);
    expect(pendingAtSwap).toBeGreaterThan(0); // the test's premise: questions were in flight at the swap
    const answers = await Promise.all(asked);
    expect(answers).toHaveLength(i);
    expect(answers.every(valid)).toBe(true);
    expect(store.current().threads[0]!.threadId).not.toBe(old.threadId);
    await waitFor(() => !old!.alive, 30_000); // retired once its questions were answered
    await store.close();
  }, 180_000);

  it('a failed reload keeps the old worker serving', async () => {
    const store = await createServingStore({
      spawn: (() => {
        let n = 0;
        return () =>
          spawnAnswerThread({
            // the second worker is pointed at a knowledge folder that does not exist
            data: {
              root: PROJECT_ROOT,
              knowledgeDir: n++ === 0 ? 'knowledge' : 'no-such-knowledge',
              seedsDir: 'seeds',
              cacheDir,
              dictionary,
            },
          });
      })(),
      logger: pino({ level: 'silent' }),
    });
    stores.push(store);
    const before = store.current().threads[0]!;
    const outcome = await store.reload('admin (test)');
    expect(outcome.ok).toBe(false);
    expect(outcome.errors.length).toBeGreaterThan(0);
    expect(store.current().threads[0]!).toBe(before);
    expect(valid(await store.engine.answer('電子申請とは'))).toBe(true);
    await store.close();
  }, 180_000);

  it('a worker that dies is replaced, and the questions it held are answered by its replacement', async () => {
    const store = await start();
    const first = store.current().threads[0]!;
    const asked = Array.from({ length: 40 }, (_, k) => store.engine.answer(question(1000 + k)));
    await waitFor(() => first.pending > 0, 5_000);
    const held = first.pending;
    // ended behind the store's back, as a crash (out of memory, a native fault) would end it
    await first.worker.terminate();
    expect(held).toBeGreaterThan(0);
    // asked while the replacement is starting: waits for it
    asked.push(store.engine.answer(question(2000)));
    const answers = await Promise.all(asked);
    expect(answers.every(valid)).toBe(true);
    expect(store.current().threads[0]!.threadId).not.toBe(first.threadId);
    expect(store.status().worker.restarts).toBe(1);
    expect(store.status().lastReload?.reason).toMatch(/^restart: /);
    await store.close();
  }, 180_000);

  it('a pool of two shares the questions: asked at once, both workers answer, none holds more than two', async () => {
    const store = await start(undefined, 2);
    const [a, b] = store.current().threads;
    expect(a!.threadId).not.toBe(b!.threadId);
    // all asked in one turn of the event loop: each worker is given two, the other eight wait in the store
    // and go to whichever worker answers first (test/server/answer-queue.test.ts checks the order)
    const asked = Array.from({ length: 12 }, (_, k) => store.engine.answer(question(3000 + k)));
    await new Promise((r) => setImmediate(r)); // the questions reach the store (engine.answer is async)
    expect(Math.max(a!.pending, b!.pending)).toBeLessThanOrEqual(2);
    expect(Math.min(a!.pending, b!.pending)).toBeGreaterThanOrEqual(1);
    expect(store.status().worker.pending).toBeGreaterThan(a!.pending + b!.pending); // the rest wait in the store
    expect((await Promise.all(asked)).every(valid)).toBe(true);
    expect(a!.answered + b!.answered).toBe(12);
    expect(Math.min(a!.answered, b!.answered)).toBeGreaterThanOrEqual(2);
    expect(store.status().worker).toMatchObject({ size: 2, alive: 2, pending: 0 });
    await store.close();
  }, 180_000);

  it('one worker of a pool dies: the other answers meanwhile (and what the dead one held), then a new pool serves', async () => {
    // the replacement pool starts only when the test opens the gate, so "meanwhile" is certain
    const gate = openable();
    let spawned = 0;
    const store = await createServingStore({
      spawn: async () => {
        if (spawned++ >= 2) await gate.opened;
        return spawnWorker();
      },
      size: 2,
      logger: pino({ level: 'silent' }),
    });
    stores.push(store);
    const [first, second] = store.current().threads;
    const asked = Array.from({ length: 20 }, (_, k) => store.engine.answer(question(4000 + k)));
    await waitFor(() => first!.pending > 0, 5_000); // the test's premise: the dying worker holds questions
    await first!.worker.terminate();
    // the survivor answers everything, the dead worker's questions included; the store counts as answering
    expect(store.answering()).toBe(true);
    expect(store.status().worker.alive).toBe(1);
    const answers = await Promise.all([...asked, store.engine.answer(question(5000))]);
    expect(answers.every(valid)).toBe(true);
    expect(store.current().threads).toEqual([first, second]); // no replacement yet: the gate is shut
    gate.open();
    await waitFor(() => store.status().worker.restarts === 1, 120_000);
    expect(store.status().worker).toMatchObject({ size: 2, alive: 2 });
    expect(store.current().threads).not.toContain(first);
    await store.close();
  }, 240_000);
});

async function waitFor(check: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('condition not met in time');
}

function openable(): { opened: Promise<void>; open(): void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}
