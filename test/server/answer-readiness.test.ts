// /readyz over real HTTP with the serving store of main.ts (real answer worker threads, bundled corpus):
// while every answer worker is gone and the replacement is still starting, questions would wait for it, so
// the process says it is not ready (a load balancer sends the traffic elsewhere); once the replacement
// answers, ready again. The replacement starts only when the test opens a gate: no timing involved.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDictionary, type SharedDictionary } from '../../src/analysis/index.js';
import { spawnAnswerThread } from '../../src/answer-thread.js';
import { createMetrics, createRequestListener, listen, type RunningServer } from '../../src/server/index.js';
import { createServingStore, type ServingStore } from '../../src/serving-store.js';
import { createMemoryStore } from '../../src/state/index.js';
import { PROJECT_ROOT } from '../helpers/engine.js';

let dictionary: SharedDictionary;
let cacheDir: string;
let store: ServingStore | undefined;
let server: RunningServer | undefined;

beforeAll(async () => {
  dictionary = await loadDictionary();
  cacheDir = mkdtempSync(path.join(tmpdir(), 'madoguchi-readiness-'));
}, 60_000);
afterAll(async () => {
  await server?.close(1000);
  await store?.close();
  rmSync(cacheDir, { recursive: true, force: true });
});

async function readyz(base: string): Promise<{ status: number; body: { checks?: { answers?: { ok: boolean } } } }> {
  const res = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(10_000) });
  return { status: res.status, body: (await res.json()) as { checks?: { answers?: { ok: boolean } } } };
}

describe('/readyz and the answer worker', () => {
  it('is 503 naming the answers check while the only answer worker is being replaced, 200 once it is', async () => {
    let openGate = () => {};
    const gate = new Promise<void>((resolve) => {
      openGate = resolve;
    });
    let spawned = 0;
    store = await createServingStore({
      spawn: async () => {
        if (spawned++ >= 1) await gate; // the replacement waits for the test
        return spawnAnswerThread({
          data: { root: PROJECT_ROOT, knowledgeDir: 'knowledge', seedsDir: 'seeds', cacheDir, dictionary },
        });
      },
      size: 1,
      logger: pino({ level: 'silent' }),
    });
    const serving = store;
    const app = createRequestListener({
      logger: pino({ level: 'silent' }),
      state: createMemoryStore(),
      metrics: createMetrics(),
      runtime: () => ({
        engine: serving.engine,
        municipalities: serving.current().snapshot.municipalities,
        version: serving.current().version,
      }),
      answering: () => serving.answering(),
    });
    server = await listen(app, { host: '127.0.0.1', port: 0 });

    const before = await readyz(server.url);
    expect(before.status).toBe(200);
    expect(before.body.checks?.answers?.ok).toBe(true);

    // ended behind the store's back, as a crash would end it
    await serving.current().threads[0]!.worker.terminate();
    const during = await readyz(server.url);
    expect(during.status).toBe(503);
    expect(during.body.checks?.answers?.ok).toBe(false);
    // a question asked now waits for the replacement (it is not lost)
    const asked = serving.engine.answer('書かない窓口とは');

    openGate();
    const answer = await asked;
    expect(answer.kind).toBe('answer');
    const after = await readyz(server.url);
    expect(after.status).toBe(200);
    expect(after.body.checks?.answers?.ok).toBe(true);
  }, 180_000);
});
