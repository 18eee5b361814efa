// Redis going away mid-run and coming back: calls go on from the in-process fallback, one clear log
// line each way, and every write acknowledged during the outage reaches Redis afterwards.
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisStore, type StateStore } from '../../src/state/index.js';
import { hasRedisServer, type RedisProcess, startRedis } from '../helpers/redis-server.js';

const available = hasRedisServer();
if (!available) console.warn('\n!!! redis-server is not installed: SKIPPING the Redis outage test !!!\n');

describe.skipIf(!available)('Redis store through an outage', () => {
  let redis: RedisProcess;
  let store: StateStore;
  let peer: StateStore;
  const lines: { event?: string; msg: string }[] = [];
  const keyPrefix = `outage:${randomUUID()}:`;

  beforeAll(async () => {
    redis = await startRedis();
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const line of String(chunk).trim().split('\n')) lines.push(JSON.parse(line));
        done();
      },
    });
    const logger = pino({ level: 'info' }, sink);
    store = createRedisStore({ url: redis.url, logger, keyPrefix });
    peer = createRedisStore({ url: redis.url, logger: pino({ level: 'silent' }), keyPrefix });
    await waitFor(async () => (await store.ping()) && (await peer.ping()));
  });

  afterAll(async () => {
    await store?.close();
    await peer?.close();
    await redis?.stop();
  });

  it('keeps answering while Redis is away and replays what it acknowledged', async () => {
    await store.setPreference('U-before', 'koganei');
    expect(await store.getPreference('U-before')).toBe('koganei');
    let reloadsHeard = 0;
    await peer.onReload(() => {
      reloadsHeard += 1;
    });

    await redis.stop();
    await waitFor(() => store.health?.().degraded === true);
    expect(lines.some((l) => l.event === 'state.redis.down')).toBe(true);
    expect(await store.ping()).toBe(false);

    // every call answers promptly from the fallback
    const started = Date.now();
    expect(await store.getPreference('U-before')).toBe('koganei'); // remembered from before
    await store.setPreference('U-during', 'hinode');
    expect(await store.getPreference('U-during')).toBe('hinode');
    expect(await store.claimEvent('ev-during')).toBe(true);
    expect(await store.claimEvent('ev-during')).toBe(false);
    expect(await store.allowRequest('U-during', 1, 60)).toBe(true);
    expect(await store.allowRequest('U-during', 1, 60)).toBe(false);
    await store.recordUnanswered('停電のときは？', 'musashino');
    expect((await store.listUnanswered(5))[0]?.text).toBe('停電のときは?'); // stored NFKC-normalized
    await store.publishReload('console');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(store.health?.().pendingWrites).toBeGreaterThanOrEqual(4);

    await redis.start();
    await waitFor(() => store.health?.().degraded === false && store.health?.().pendingWrites === 0, 15_000);
    expect(lines.some((l) => l.event === 'state.redis.up')).toBe(true);

    // what was acknowledged during the outage is now in Redis for every process
    const raw = new Redis(redis.url);
    try {
      expect(await raw.hget(`${keyPrefix}prefs`, 'U-during')).toBe('hinode');
      expect(await raw.exists(`${keyPrefix}event:ev-during`)).toBe(1);
    } finally {
      raw.disconnect();
    }
    await waitFor(async () => (await peer.ping()) === true, 10_000);
    expect(await peer.getPreference('U-during')).toBe('hinode');
    expect(await peer.claimEvent('ev-during')).toBe(false);
    expect((await peer.listUnanswered(5)).map((e) => e.text)).toContain('停電のときは?');
    await waitFor(() => reloadsHeard >= 1, 10_000); // the reload published during the outage arrives
  });
});

async function waitFor(check: () => Promise<boolean> | boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('condition not met in time');
}
