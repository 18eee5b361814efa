// Several processes as one: two full servers (src/main.ts's startServer) sharing a real redis-server.
// A reload on one reaches the other; with Redis gone, answers go on and /readyz says not ready.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startServer } from '../../src/main.js';
import { hasRedisServer, type RedisProcess, startRedis } from '../helpers/redis-server.js';

const available = hasRedisServer();
if (!available) console.warn('\n!!! redis-server is not installed: SKIPPING the multi-process tests !!!\n');

type Server = Awaited<ReturnType<typeof startServer>>;

describe.skipIf(!available)('two processes sharing Redis', () => {
  let redis: RedisProcess;
  let a: Server;
  let b: Server;

  beforeAll(async () => {
    redis = await startRedis();
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', REDIS_URL: redis.url, LOG_LEVEL: 'silent' });
    const logger = pino({ level: 'silent' });
    a = await startServer(config, logger);
    b = await startServer(config, logger);
    await waitFor(async () => (await a.state.ping()) && (await b.state.ping()));
  }, 180_000); // the first start-up on a clean clone builds the index

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await redis?.stop();
  });

  it('a reload on one process reaches the other', async () => {
    const before = b.store.current().version;
    const outcome = await a.store.reload('admin (test)');
    expect(outcome.ok).toBe(true);
    await waitFor(() => b.store.current().version > before, 20_000);
    expect(b.store.status().lastReload?.reason).toMatch(/^peer: /);
  }, 60_000);

  it('shares preferences between processes', async () => {
    await a.state.setPreference('U-shared', 'nishitokyo');
    expect(await b.state.getPreference('U-shared')).toBe('nishitokyo');
  });

  it('with Redis gone: answers go on, /readyz is 503; with Redis back: ready again', async () => {
    await redis.stop();
    await waitFor(async () => (await fetch(`${a.url}/readyz`)).status === 503, 10_000);
    const ready = (await (await fetch(`${a.url}/readyz`)).json()) as { checks: { state: { ok: boolean } } };
    expect(ready.checks.state.ok).toBe(false);
    const answer = await fetch(`${a.url}/api/answer`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: '書かない窓口とは' }),
    });
    expect(answer.status).toBe(200);
    expect((await fetch(`${a.url}/healthz`)).status).toBe(200);

    await redis.start();
    await waitFor(async () => (await fetch(`${a.url}/readyz`)).status === 200, 15_000);
  }, 60_000);
});

async function waitFor(check: () => Promise<boolean> | boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not met in time');
}
