// The serving store's queue in front of a pool of answer workers: each worker holds at most two questions;
// the rest wait in the store, in order, and go to the first worker that answers one — so a worker stuck on a
// slow question never has others waiting behind it while another worker could take them. Workers here are
// stand-ins whose answers the test releases one by one (the dispatch is under test, not the engine; the
// real workers are in answer-worker.test.ts).
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { Answer, AskOptions } from '../../src/answer/index.js';
import type { SnapshotSummary } from '../../src/answer-protocol.js';
import { type AnswerThread, AnswerThreadGone } from '../../src/answer-thread.js';
import { createServingStore } from '../../src/serving-store.js';

interface StandInThread extends AnswerThread {
  asked: string[]; // every question it was sent, in order
  release(question: string): void; // answers that question
  crash(): void;
}

const summary = {
  hash: 'h',
  loadedAt: new Date(0).toISOString(),
  files: [],
  municipalities: [],
  questionSets: [],
  counts: {},
  fromCache: true,
} as unknown as SnapshotSummary;

let nextThreadId = 1;
function standInThread(): StandInThread {
  const open = new Map<string, { resolve: (a: Answer) => void; reject: (e: Error) => void; sentAt: number }>();
  const crashListeners: Array<(code: number, error: Error | null) => void> = [];
  const threadId = nextThreadId++;
  let alive = true;
  let answered = 0;
  const thread: StandInThread = {
    threadId,
    summary,
    worker: undefined as never,
    asked: [],
    get pending() {
      return open.size;
    },
    get oldestSentAt() {
      for (const o of open.values()) return o.sentAt;
      return null;
    },
    get answered() {
      return answered;
    },
    get alive() {
      return alive;
    },
    ask(question: string, _options?: AskOptions) {
      if (!alive) return Promise.reject(new AnswerThreadGone(threadId, null));
      thread.asked.push(question);
      return new Promise<Answer>((resolve, reject) =>
        open.set(question, { resolve, reject, sentAt: performance.now() }),
      );
    },
    release(question) {
      const o = open.get(question);
      if (!o) throw new Error(`not held: ${question}`);
      open.delete(question);
      answered += 1;
      o.resolve({
        kind: 'answer',
        text: `answer to ${question}`,
        sources: [],
        route: null,
        confidence: 1,
        municipality: null,
      });
    },
    crash() {
      alive = false;
      for (const o of open.values()) o.reject(new AnswerThreadGone(threadId, 1));
      open.clear();
      for (const l of crashListeners) l(1, null);
    },
    onCrash(listener) {
      crashListeners.push(listener);
    },
    async retire() {
      // as a real worker retires: the questions it holds are answered first
      while (alive && open.size > 0) await new Promise((r) => setTimeout(r, 1));
      alive = false;
    },
    async terminate() {
      alive = false;
    },
  };
  return thread;
}

const tick = () => new Promise((r) => setTimeout(r, 0));

const waits: number[] = []; // how long each question waited in the store (onPoolWait)

async function pool(size: number, spawned: StandInThread[]) {
  waits.length = 0;
  return createServingStore({
    spawn: async () => {
      const t = standInThread();
      spawned.push(t);
      return t;
    },
    size,
    answerCache: 0,
    logger: pino({ level: 'silent' }),
    onPoolWait: (ms) => waits.push(ms),
  });
}

describe('serving store: the queue in front of a pool of answer workers', () => {
  it('each worker holds two questions; the rest wait in the store and go, in order, to whichever worker answers first', async () => {
    const threads: StandInThread[] = [];
    const store = await pool(2, threads);
    const [a, b] = threads as [StandInThread, StandInThread];
    const answers = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7'].map((q) => store.engine.answer(q));
    await tick();
    expect([a.pending, b.pending]).toEqual([2, 2]);
    expect(store.status().worker.pending).toBe(7); // 4 in the workers, 3 waiting in the store
    // a is on a slow question; b answers one of its two: the oldest waiting question goes to b, not behind a
    const [bFirst] = b.asked as [string];
    b.release(bFirst);
    await tick();
    expect(b.asked.at(-1)).toBe('q5');
    expect([a.pending, b.pending]).toEqual([2, 2]);
    // b keeps answering while a is still on its first two: b takes everything that waited
    for (const q of b.asked.slice(1)) b.release(q);
    await tick();
    for (const q of b.asked.slice(3)) b.release(q);
    await tick();
    expect(b.asked.slice(2)).toEqual(['q5', 'q6', 'q7']);
    expect(a.asked).toHaveLength(2);
    for (const q of [...a.asked]) a.release(q);
    const texts = (await Promise.all(answers)).map((x) => x.text);
    expect(texts).toEqual(['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7'].map((q) => `answer to ${q}`));
    expect(store.status().worker.pending).toBe(0);
    expect(waits).toHaveLength(3); // q5, q6, q7 waited in the store; q1–q4 went straight to a worker
    await store.close();
  });

  it('one worker alone takes every question at once (nothing gained by holding them: there is no other worker)', async () => {
    const threads: StandInThread[] = [];
    const store = await pool(1, threads);
    const answers = ['q1', 'q2', 'q3', 'q4', 'q5'].map((q) => store.engine.answer(q));
    await tick();
    expect(threads[0]!.pending).toBe(5);
    for (const q of ['q1', 'q2', 'q3', 'q4', 'q5']) threads[0]!.release(q);
    expect(await Promise.all(answers)).toHaveLength(5);
    await store.close();
  });

  it('a worker that dies: what it held and what waited in the store are answered by the others and the new pool', async () => {
    const threads: StandInThread[] = [];
    const store = await pool(2, threads);
    const [a, b] = threads as [StandInThread, StandInThread];
    const answers = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6'].map((q) => store.engine.answer(q));
    await tick();
    a.crash();
    // the replacement pool (two new stand-ins) is being spawned; b and then the new pool answer the rest
    const until = Date.now() + 5_000;
    while (Date.now() < until) {
      for (const t of threads)
        if (t.alive)
          for (const q of [...t.asked])
            if (t.pending > 0)
              try {
                t.release(q);
              } catch {}
      const settled = await Promise.race([Promise.all(answers).then(() => true), tick().then(() => false)]);
      if (settled) break;
    }
    const texts = (await Promise.all(answers)).map((x) => x.text);
    expect(texts).toEqual(['q1', 'q2', 'q3', 'q4', 'q5', 'q6'].map((q) => `answer to ${q}`));
    expect(b.answered + threads.slice(2).reduce((n, t) => n + t.answered, 0)).toBe(6);
    await store.close();
  });
});
