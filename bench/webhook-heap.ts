// npx tsx --expose-gc bench/webhook-heap.ts   (or NODE_OPTIONS=--expose-gc npx tsx bench/webhook-heap.ts)
// What the main thread keeps under a steady stream of webhook events, structure by structure, each filled to
// its bound with the webhook bench's shapes (bench/webhook-requests.ts: 20,000 users, distinct questions):
// the heap each one holds after a full GC. A single process's RSS rises while these fill (README: Running at
// scale → What a busy process holds) and levels off once they are full; this measures how far.

import { loadRuntime } from '../src/runtime.js';
import { cacheAnswersAsync } from '../src/serving-runtime.js';
import { createMemoryEventQueue, createMemoryStore } from '../src/state/index.js';
import { distinctQuestions, encodeQuestions, signedRequest } from './webhook-requests.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('bench: run with --expose-gc (NODE_OPTIONS=--expose-gc)');
const heap = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const ROOT = new URL('..', import.meta.url).pathname;
const USERS = 20_000; // bench:webhook's default
const userId = (u: number) => `Ubench${String(u).padStart(28, '0')}`;

const runtime = await loadRuntime({ root: ROOT, cacheDir: `${ROOT}.cache` });
const texts = await distinctQuestions(ROOT);
const encoded = encodeQuestions(texts);
const answers = texts.slice(0, 5_000).map((q) => runtime.engine.answer(q, {}));
const turns = answers.flatMap((a) => (a.turn?.frame.topic ? [a.turn] : []));
const rows: [string, string][] = [];

// Each measure builds its structure, reads the heap, and lets it go before the next one.
async function measure(name: string, fill: () => Promise<unknown>): Promise<void> {
  const before = heap();
  const kept = await fill();
  const after = heap();
  rows.push([name, mb(after - before)]);
  if (!kept) throw new Error('bench: nothing kept');
}

await measure('memory queue: webhookEventIds for de-duplication (200,000, the bound)', async () => {
  const queue = createMemoryEventQueue();
  for (let n = 0; n < 200_000; n += 1) {
    const { body } = signedRequest('r', n, USERS, encoded);
    const id = (JSON.parse(body) as { events: { webhookEventId: string }[] }).events[0]!.webhookEventId;
    await queue.append([{ webhookEventId: id, body: '{}' }], 0);
    if (n % 1_000 === 999) for (const e of await queue.take(1_000, 0)) await queue.complete(e);
  }
  return queue;
});

const context = (u: number, count: number) => {
  const picked = Array.from({ length: count }, (_, k) => ({ ...turns[(u * 3 + k) % turns.length]!, at: 0 }));
  return JSON.stringify({ v: 1, turns: picked });
};
for (const count of [1, 2, 3]) {
  await measure(`conversation contexts: ${USERS.toLocaleString('en')} users × ${count} turn(s)`, async () => {
    const store = createMemoryStore();
    for (let u = 0; u < USERS; u += 1) await store.setSession(`line:${userId(u)}`, context(u, count), 1800);
    return store;
  });
}
await measure('conversation contexts: 200,000 users × 3 turns offered (24M-character bound)', async () => {
  const store = createMemoryStore();
  for (let u = 0; u < 200_000; u += 1) await store.setSession(`line:${userId(u)}`, context(u, 3), 1800);
  return store;
});

await measure('answer cache: 5,000 distinct answers (the bound), frozen, as promises', async () => {
  const cache = cacheAnswersAsync({ answer: async (q) => structuredClone(answers[texts.indexOf(q)]!) }, 5_000);
  for (const q of texts.slice(0, 5_000)) await cache.answer(q);
  return cache;
});

await measure(`rate-limit windows: ${USERS.toLocaleString('en')} users in one minute`, async () => {
  const store = createMemoryStore();
  for (let u = 0; u < USERS; u += 1) await store.allowRequest(userId(u), 20, 60);
  return store;
});

await measure('unanswered log (5,000) and analytics topics (2,000 a day and scope)', async () => {
  const store = createMemoryStore();
  for (let i = 0; i < 12_000; i += 1) {
    const q = texts[i % texts.length]!;
    await store.recordUnanswered(q, null, { reason: 'not-stated', topic: null, channel: 'line' });
    await store.recordAnswerStat({ municipality: null, kind: 'answer', topic: `t${i}`, unanswered: true });
  }
  return store;
});

console.log('\nbench:webhook-heap — heap kept after a full GC by each structure of the main thread at its bound');
console.log('| structure | heap |\n|---|---|');
for (const [name, size] of rows) console.log(`| ${name} | ${size} |`);
