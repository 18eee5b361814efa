// One suite, two stores: the memory store and the Redis store (real redis-server) must behave alike.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore, createRedisStore, type StateStore } from '../../src/state/index.js';
import { testRedisUrl } from '../helpers/redis-server.js';

const logger = pino({ level: 'silent' });
const redis = await testRedisUrl();

interface Factory {
  name: string;
  // two stores sharing state, like two processes
  pair(): Promise<[StateStore, StateStore]>;
}

const factories: Factory[] = [
  {
    name: 'memory',
    async pair() {
      const bus = new EventEmitter();
      return [createMemoryStore({ bus }), createMemoryStore({ bus })];
    },
  },
];
if (redis) {
  factories.push({
    name: 'redis',
    async pair() {
      const keyPrefix = `test:${randomUUID()}:`;
      const a = createRedisStore({ url: redis.url, logger, keyPrefix });
      const b = createRedisStore({ url: redis.url, logger, keyPrefix });
      await waitFor(async () => (await a.ping()) && (await b.ping()));
      return [a, b];
    },
  });
}

afterAll(async () => {
  await redis?.stop();
});

describe.each(factories)('$name state store', (factory) => {
  let a: StateStore;
  let b: StateStore;
  beforeAll(async () => {
    [a, b] = await factory.pair();
    return async () => {
      await a.close();
      await b.close();
    };
  });

  it('reports its kind and answers ping', async () => {
    expect(a.kind).toBe(factory.name);
    expect(await a.ping()).toBe(true);
    expect(a.health?.().degraded).toBe(false);
  });

  it('keeps a preference per user, shared across processes, and forgets it', async () => {
    const user = `U${randomUUID()}`;
    expect(await a.getPreference(user)).toBeNull();
    await a.setPreference(user, 'koganei');
    if (factory.name !== 'memory') expect(await b.getPreference(user)).toBe('koganei');
    expect(await a.getPreference(user)).toBe('koganei');
    await a.setPreference(user, 'hinode');
    expect(await a.getPreference(user)).toBe('hinode');
    await a.forgetUser(user);
    expect(await a.getPreference(user)).toBeNull();
  });

  it('keeps a session context per key, shared across processes, until it expires or is cleared', async () => {
    const key = `line:U${randomUUID()}`;
    const other = `line:U${randomUUID()}`;
    expect(await a.getSession(key)).toBeNull();
    await a.setSession(key, '{"turns":[1]}', 1);
    await a.setSession(other, '{"turns":[2]}', 30);
    if (factory.name !== 'memory') expect(await b.getSession(key)).toBe('{"turns":[1]}');
    expect(await a.getSession(key)).toBe('{"turns":[1]}');
    await a.setSession(key, '{"turns":[1,3]}', 1); // each write restarts the clock
    expect(await a.getSession(key)).toBe('{"turns":[1,3]}');
    await sleep(1100);
    expect(await a.getSession(key)).toBeNull(); // expired
    expect(await a.getSession(other)).toBe('{"turns":[2]}');
    await a.clearSession(other);
    expect(await a.getSession(other)).toBeNull();
    if (factory.name !== 'memory') expect(await b.getSession(other)).toBeNull();
  });

  it('claims an event id once (a redelivery is a duplicate), and again after it expires', async () => {
    const id = randomUUID();
    expect(await a.claimEvent(id, 1)).toBe(true);
    expect(await a.claimEvent(id, 1)).toBe(false);
    if (factory.name !== 'memory') expect(await b.claimEvent(id, 1)).toBe(false);
    await sleep(1100);
    expect(await a.claimEvent(id, 1)).toBe(true);
  });

  it('claims each of many concurrent deliveries exactly once', async () => {
    const id = randomUUID();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).claimEvent(id)));
    const expected = factory.name === 'memory' ? 2 : 1; // memory stores are separate processes
    expect(results.filter(Boolean)).toHaveLength(expected);
  });

  it('rate-limits per user within a window and resets after it', async () => {
    const user = `U${randomUUID()}`;
    const other = `U${randomUUID()}`;
    const first = await Promise.all([1, 2, 3].map(() => a.allowRequest(user, 3, 1)));
    expect(first).toEqual([true, true, true]);
    expect(await a.allowRequest(user, 3, 1)).toBe(false);
    expect(await a.allowRequest(other, 3, 1)).toBe(true);
    await sleep(1100);
    expect(await a.allowRequest(user, 3, 1)).toBe(true);
  });

  it('logs unanswered questions with counts, newest or most frequent first', async () => {
    await a.recordUnanswered('ゴミの出し方は？', 'koganei');
    await sleep(5);
    await a.recordUnanswered('  ゴミの出し方は? ', 'koganei'); // same question, whitespace and width aside (NFKC)
    await sleep(5);
    await a.recordUnanswered('天気は', null);
    await sleep(5);
    await a.recordUnanswered('ゴミの出し方は？', 'hinode'); // another municipality: its own entry
    await a.recordUnanswered('   ', null); // nothing to log

    const frequent = await a.listUnanswered(10);
    expect(frequent[0]).toMatchObject({ text: 'ゴミの出し方は?', municipality: 'koganei', count: 2 });
    expect(frequent).toHaveLength(3);
    expect(Number.isNaN(Date.parse(frequent[0]!.lastSeen))).toBe(false);

    const recent = await a.listUnanswered(10, 'recent');
    expect(recent.map((e) => [e.text, e.municipality])).toEqual([
      ['ゴミの出し方は?', 'hinode'],
      ['天気は', null],
      ['ゴミの出し方は?', 'koganei'],
    ]);
    expect(await a.listUnanswered(1)).toHaveLength(1);
    if (factory.name !== 'memory') expect(await b.listUnanswered(10)).toHaveLength(3);
  });

  it('keeps the unanswered text whole for mixed scripts, emoji and control characters', async () => {
    const text = 'マイナ🪪カード\u0007 ok 住民票';
    await a.recordUnanswered(text, 'musashino');
    const list = await a.listUnanswered(50, 'recent');
    expect(list[0]?.text).toBe('マイナ🪪カード\u0007 ok 住民票');
  });

  it('tells the other process about a reload, never itself', async () => {
    const heardByA: string[] = [];
    const heardByB: string[] = [];
    const offA = await a.onReload((o) => heardByA.push(o));
    const offB = await b.onReload((o) => heardByB.push(o));
    await sleep(50); // subscription settles
    await a.publishReload('console');
    await waitFor(async () => heardByB.length === 1);
    expect(heardByB).toEqual(['console']);
    expect(heardByA).toEqual([]);
    offB();
    await a.publishReload('again');
    await sleep(100);
    expect(heardByB).toEqual(['console']);
    offA();
  });
});

async function waitFor(check: () => Promise<boolean> | boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await sleep(20);
  }
  throw new Error('condition not met in time');
}

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

describe('memory store bounds', () => {
  it('keeps at most maxEvents de-duplication ids, dropping the oldest', async () => {
    const store = createMemoryStore({ maxEvents: 3 });
    for (const id of ['a', 'b', 'c', 'd']) expect(await store.claimEvent(id)).toBe(true);
    expect(await store.claimEvent('d')).toBe(false); // newest kept
    expect(await store.claimEvent('b')).toBe(false);
    expect(await store.claimEvent('a')).toBe(true); // oldest dropped, so it counts as new again
    await store.close();
  });

  it('keeps at most maxSessions contexts, dropping the least recently written', async () => {
    const store = createMemoryStore({ maxSessions: 2 });
    await store.setSession('a', '1', 60);
    await store.setSession('b', '2', 60);
    await store.setSession('a', '3', 60); // written again: now the newest
    await store.setSession('c', '4', 60);
    expect(await store.getSession('b')).toBeNull();
    expect(await store.getSession('a')).toBe('3');
    expect(await store.getSession('c')).toBe('4');
    await store.close();
  });

  it('keeps the contexts within maxSessionChars (keys and values), dropping the least recently written', async () => {
    const store = createMemoryStore({ maxSessionChars: 30 });
    await store.setSession('a', 'x'.repeat(9), 60); // 10 characters with its key
    await store.setSession('b', 'x'.repeat(9), 60); // 20
    await store.setSession('a', 'y'.repeat(9), 60); // written again: replaces its own 10, now the newest
    await store.setSession('c', 'x'.repeat(9), 60); // 30: all three fit
    expect(await store.getSession('b')).not.toBeNull();
    await store.setSession('d', 'x'.repeat(9), 60); // 40: b, the least recently written, goes
    expect(await store.getSession('b')).toBeNull();
    expect(await store.getSession('a')).toBe('y'.repeat(9));
    await store.clearSession('a'); // cleared: its characters are free again
    await store.setSession('e', 'x'.repeat(9), 60);
    expect(await store.getSession('c')).not.toBeNull();
    expect(await store.getSession('d')).not.toBeNull();
    // one context larger than the whole bound is still kept (the latest turn of a conversation is never lost)
    await store.setSession('f', 'x'.repeat(100), 60);
    expect(await store.getSession('f')).toBe('x'.repeat(100));
    expect(await store.getSession('e')).toBeNull();
    await store.close();
  });
});

describe('redis store session keys', () => {
  it.runIf(redis)('never carry the session key (a LINE user id) in a Redis key name', async () => {
    const keyPrefix = `test:${randomUUID()}:`;
    const store = createRedisStore({ url: redis!.url, logger, keyPrefix });
    await waitFor(() => store.ping());
    const user = `U${randomUUID().replace(/-/g, '')}`;
    await store.setSession(`line:${user}`, '{}', 30);
    const { Redis } = await import('ioredis');
    const probe = new Redis(redis!.url);
    const names = await probe.keys(`${keyPrefix}*`);
    await probe.quit();
    await store.close();
    expect(names.some((n) => n.includes('session:'))).toBe(true);
    expect(names.some((n) => n.includes(user))).toBe(false);
  });
});
