// POST /api/answer shares the process fairly: an optional API token, a per-client rate limit (the client
// behind a trusted proxy is the forwarded address), a bounded queue for answers; /metrics behind the token
// or off the public port. And no log line carries what a resident wrote, malformed JSON included.
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLineRouter } from '../../src/line/index.js';
import type { Runtime } from '../../src/runtime.js';
import { createApiGuard } from '../../src/server/api-guard.js';
import {
  type AppDeps,
  createMetrics,
  createRequestListener,
  listen,
  type RunningServer,
} from '../../src/server/index.js';
import { createMemoryStore } from '../../src/state/index.js';
import { loadTestRuntime } from '../helpers/engine.js';
import { signLineBody } from '../helpers/line-signature.js';
import { type LineStandIn, startLineStandIn } from '../helpers/line-stand-in.js';

const API_TOKEN = 'api-token-for-the-tests-0001';
let runtime: Runtime;
const servers: RunningServer[] = [];
let line: LineStandIn;

beforeAll(async () => {
  runtime = await loadTestRuntime();
  line = await startLineStandIn({ channelAccessToken: 't' });
}, 180_000);
afterAll(async () => {
  for (const s of servers) await s.close(500);
  await line?.close();
});

async function serve(extra: Partial<AppDeps>, logs: string[] = []) {
  const logger = pino(
    { level: 'debug' },
    new Writable({
      write(chunk, _e, done) {
        logs.push(String(chunk));
        done();
      },
    }),
  );
  const state = createMemoryStore();
  const app = createRequestListener({
    logger,
    state,
    metrics: createMetrics({ defaultMetrics: false }),
    runtime: () => ({ engine: runtime.engine, municipalities: runtime.snapshot.municipalities, version: 1 }),
    ...extra,
  });
  const server = await listen(app, { host: '127.0.0.1', port: 0 });
  servers.push(server);
  return server.url;
}

const ask = (url: string, headers: Record<string, string> = {}, question = '書かない窓口とは') =>
  fetch(`${url}/api/answer`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ question }),
  });

describe('API_TOKEN', () => {
  it('POST /api/answer and /metrics need the token when it is set', async () => {
    const url = await serve({
      apiGuard: { token: API_TOKEN, ratePerMinute: 0, concurrency: 1, queue: 8 },
      metricsAccess: { token: API_TOKEN },
    });
    expect((await ask(url)).status).toBe(401);
    expect((await ask(url, { authorization: 'Bearer not-the-token' })).status).toBe(401);
    expect((await ask(url, { authorization: `Bearer ${API_TOKEN}` })).status).toBe(200);
    expect((await fetch(`${url}/metrics`)).status).toBe(401);
    const metrics = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${API_TOKEN}` } });
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('madoguchi_api_refused_total{reason="token"} 2');
  });

  it('with METRICS_PORT, the public port has no /metrics', async () => {
    const url = await serve({ metricsAccess: 'separate' });
    expect((await fetch(`${url}/metrics`)).status).toBe(404);
  });
});

describe('per-client rate limit', () => {
  it('the limit is per client: past it 429 with Retry-After; another client is still served', async () => {
    const url = await serve({ trustProxy: 'loopback', apiGuard: { ratePerMinute: 3, concurrency: 1, queue: 8 } });
    const from = (ip: string) => ({ 'x-forwarded-for': ip });
    for (let i = 0; i < 3; i++) expect((await ask(url, from('192.0.2.10'))).status).toBe(200);
    const limited = await ask(url, from('192.0.2.10'));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await ask(url, from('192.0.2.11'))).status).toBe(200);
  });
});

describe('bounded concurrency', () => {
  it('runs one answer at a time, lets the others wait in a bounded queue, and refuses past it', async () => {
    const guard = createApiGuard({ ratePerMinute: 0, concurrency: 1, queue: 2 });
    let running = 0;
    let most = 0;
    const work = async () => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 20));
      running -= 1;
      return 'ok';
    };
    const results = await Promise.allSettled([1, 2, 3, 4].map(() => guard.run(work)));
    expect(most).toBe(1);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected']);
    expect((results[3] as PromiseRejectedResult).reason).toMatchObject({ name: 'BusyError' });
  });
});

describe('logs carry no message text', () => {
  it('malformed JSON on /api/answer and on the webhook: the reason is logged, not the text', async () => {
    const logs: string[] = [];
    const secret = 'fair-sharing-secret';
    const lineRouter = createLineRouter({
      line: { channelSecret: secret, channelAccessToken: 't', apiBaseUrl: line.url },
      getEngine: () => runtime.engine,
      state: createMemoryStore(),
      logger: pino(
        { level: 'debug' },
        new Writable({
          write(chunk, _e, done) {
            logs.push(String(chunk));
            done();
          },
        }),
      ),
      municipalities: runtime.snapshot.municipalities,
    });
    const url = await serve({ lineRouter }, logs);
    const marker = '私の住所は東京都秘密町1-2-3';
    const broken = `{"question": "${marker}`;
    expect(
      (
        await fetch(`${url}/api/answer`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: broken,
        })
      ).status,
    ).toBe(400);
    const webhookBody = `{"events": [{"type": "message", "message": {"text": "${marker}"}`;
    const res = await fetch(`${url}/webhook/line`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-line-signature': signLineBody(webhookBody, secret) },
      body: webhookBody,
    });
    expect(res.status).toBe(400);
    const all = logs.join('');
    expect(all).toContain('line: webhook body is not JSON');
    expect(all).not.toContain('秘密町');
    await lineRouter.close();
  });
});
