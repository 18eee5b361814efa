// The Redis store: many processes behave as one. While Redis is away, every call is served by an
// in-process memory store and each write is queued; when Redis is back the queue is replayed, so
// nothing acknowledged is lost (a question counted twice in the unanswered log is the worst case).
import { createHash, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { MunicipalityId } from '../knowledge/model.js';
import { createMemoryStore } from './memory.js';
import type { StateStore, UnansweredEntry, UnansweredSort } from './types.js';
import { unansweredKey } from './unanswered.js';

export interface RedisStoreOptions {
  url: string;
  logger: Logger;
  keyPrefix?: string; // default "madoguchi:"; tests give each run its own
  commandTimeoutMs?: number; // a slow Redis must not hold a webhook reply; default 500
  maxUnanswered?: number;
  maxPendingWrites?: number;
}

type PendingWrite =
  | { type: 'forget'; userId: string }
  | { type: 'event'; eventId: string; expiresAt: number }
  | { type: 'unanswered'; text: string; municipality: MunicipalityId | null; at: number }
  | { type: 'reload'; origin: string };

const DEFAULT_EVENT_TTL = 24 * 60 * 60;

const RATE_SCRIPT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`;

// KEYS: counts zset, recent zset, meta hash. ARGV: member, time ms, meta json, max entries, increment
const UNANSWERED_SCRIPT = `
redis.call('ZINCRBY', KEYS[1], tonumber(ARGV[5]), ARGV[1])
local prev = redis.call('ZSCORE', KEYS[2], ARGV[1])
if (not prev) or tonumber(prev) < tonumber(ARGV[2]) then redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1]) end
redis.call('HSET', KEYS[3], ARGV[1], ARGV[3])
local max = tonumber(ARGV[4])
local n = redis.call('ZCARD', KEYS[2])
if n > max then
  local old = redis.call('ZRANGE', KEYS[2], 0, n - max - 1)
  for _, m in ipairs(old) do
    redis.call('ZREM', KEYS[1], m)
    redis.call('HDEL', KEYS[3], m)
  end
  redis.call('ZREMRANGEBYRANK', KEYS[2], 0, n - max - 1)
end
return n`;

interface ScriptedRedis extends Redis {
  madoguchiRate(key: string, windowMs: number): Promise<number>;
  madoguchiUnanswered(
    counts: string,
    recent: string,
    meta: string,
    member: string,
    at: number,
    json: string,
    max: number,
    increment: number,
  ): Promise<number>;
}

export function createRedisStore(options: RedisStoreOptions): StateStore {
  const { logger } = options;
  const p = options.keyPrefix ?? 'madoguchi:';
  const maxUnanswered = options.maxUnanswered ?? 5000;
  const maxPending = options.maxPendingWrites ?? 100_000;
  const keys = {
    prefs: `${p}prefs`,
    event: (id: string) => `${p}event:${id}`,
    rate: (user: string) => `${p}rate:${user}`,
    // hashed: a session key may hold a user id, and key names show up in SCAN, MONITOR and slow logs
    session: (key: string) => `${p}session:${createHash('sha256').update(key).digest('hex').slice(0, 32)}`,
    counts: `${p}unanswered:count`,
    recent: `${p}unanswered:recent`,
    meta: `${p}unanswered:meta`,
    reloadChannel: `${p}reload`,
    reloadGen: `${p}reload:gen`,
  };
  const instance = randomUUID();
  const local = createMemoryStore({ maxUnanswered });
  const connection = {
    // fail fast while disconnected (the fallback answers instead); keep reconnecting forever
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: options.commandTimeoutMs ?? 500,
    connectTimeout: 2000,
    retryStrategy: (times: number) => Math.min(100 * 2 ** Math.min(times, 5), 2000),
    lazyConnect: false,
  };
  const client = new Redis(options.url, connection) as ScriptedRedis;
  client.defineCommand('madoguchiRate', { numberOfKeys: 1, lua: RATE_SCRIPT });
  client.defineCommand('madoguchiUnanswered', { numberOfKeys: 3, lua: UNANSWERED_SCRIPT });
  // the subscriber queues its SUBSCRIBE until connected; ioredis re-subscribes after reconnects
  const sub = new Redis(options.url, { ...connection, enableOfflineQueue: true, commandTimeout: undefined });

  const pendingPrefs = new Map<string, MunicipalityId>(); // latest preference per user wins
  const pending: PendingWrite[] = [];
  const listeners = new Set<(origin: string) => void>();
  let down = false;
  let replaying: Promise<void> | null = null;
  let closed = false;
  let seenGen: number | null = null;
  let dropped = 0;

  const where = redactUrl(options.url);

  function markDown(reason: unknown) {
    if (down || closed) return;
    down = true;
    logger.warn(
      { event: 'state.redis.down', redis: where, err: errorText(reason) },
      'state: Redis unreachable; serving from the in-process fallback and queueing writes until it is back',
    );
  }

  function queue(write: PendingWrite) {
    if (pending.length >= maxPending) {
      pending.shift();
      dropped += 1;
    }
    pending.push(write);
  }

  async function replay(): Promise<void> {
    const count = pending.length + pendingPrefs.size;
    const started = Date.now();
    try {
      // writes that arrive during the replay are queued too, so drain until both are empty
      while (pendingPrefs.size > 0 || pending.length > 0) {
        for (const [userId, municipality] of [...pendingPrefs]) {
          await client.hset(keys.prefs, userId, municipality);
          if (pendingPrefs.get(userId) === municipality) pendingPrefs.delete(userId);
        }
        while (pending.length > 0) {
          await applyWrite(pending[0]!);
          pending.shift();
        }
      }
      down = false;
      logger.info(
        { event: 'state.redis.up', redis: where, replayed: count, dropped, ms: Date.now() - started },
        `state: Redis is back; replayed ${count} queued writes`,
      );
      dropped = 0;
      await catchUpReloads();
    } catch (err) {
      logger.warn(
        { event: 'state.redis.replay_failed', err: errorText(err), left: pending.length },
        'state: replay paused',
      );
    }
  }

  async function applyWrite(write: PendingWrite): Promise<void> {
    switch (write.type) {
      case 'forget':
        await client.hdel(keys.prefs, write.userId);
        await client.del(keys.rate(write.userId));
        return;
      case 'event': {
        const ms = write.expiresAt - Date.now();
        if (ms > 0) await client.set(keys.event(write.eventId), '1', 'PX', ms, 'NX');
        return;
      }
      case 'unanswered':
        await recordRemote(write.text, write.municipality, write.at);
        return;
      case 'reload':
        await publishRemote(write.origin);
        return;
    }
  }

  async function recordRemote(text: string, municipality: MunicipalityId | null, at: number) {
    const key = unansweredKey(text, municipality);
    if (!key) return;
    await client.madoguchiUnanswered(
      keys.counts,
      keys.recent,
      keys.meta,
      key.member,
      at,
      JSON.stringify({ text: key.text, municipality }),
      maxUnanswered,
      1,
    );
  }

  async function publishRemote(origin: string) {
    const gen = await client.incr(keys.reloadGen);
    await client.publish(keys.reloadChannel, JSON.stringify({ instance, origin, gen }));
  }

  // A process whose subscriber was away may have missed a reload: the generation counter tells.
  async function catchUpReloads() {
    const gen = Number((await client.get(keys.reloadGen)) ?? 0);
    if (seenGen !== null && gen > seenGen) {
      logger.info({ event: 'state.reload.caught_up', gen }, 'state: a reload was published while Redis was away');
      seenGen = gen;
      for (const listener of listeners) listener('missed-while-disconnected');
    } else if (seenGen === null || gen > seenGen) {
      seenGen = gen;
    }
  }

  client.on('ready', () => {
    if (closed) return;
    if (!down && seenGen === null) {
      catchUpReloads().catch(() => undefined);
      return;
    }
    replaying ??= replay().finally(() => {
      replaying = null;
    });
  });
  client.on('error', (err) => markDown(err));
  client.on('close', () => markDown(new Error('connection closed')));
  sub.on('error', () => undefined); // the command client reports outages once; this would repeat them

  sub.subscribe(keys.reloadChannel).catch(() => undefined); // ioredis re-subscribes on reconnect
  sub.on('message', (_channel: string, raw: string) => {
    let message: { instance?: string; origin?: string; gen?: number };
    try {
      message = JSON.parse(raw);
    } catch {
      return;
    }
    if (typeof message.gen === 'number') seenGen = Math.max(seenGen ?? 0, message.gen);
    if (message.instance === instance) return;
    for (const listener of listeners) listener(String(message.origin ?? 'unknown'));
  });

  // Run against Redis; on any failure answer from the fallback and, for writes, queue a replay.
  async function run<T>(remote: () => Promise<T>, fallback: () => Promise<T>, write?: () => void): Promise<T> {
    if (!closed && client.status === 'ready' && !replaying) {
      try {
        return await remote();
      } catch (err) {
        if (client.status !== 'ready') markDown(err);
        else logger.warn({ event: 'state.redis.command_failed', err: errorText(err) }, 'state: Redis command failed');
      }
    }
    write?.();
    return fallback();
  }

  return {
    kind: 'redis',
    async getPreference(userId) {
      const queued = pendingPrefs.get(userId);
      if (queued) return queued;
      return run(
        async () => {
          const value = (await client.hget(keys.prefs, userId)) as MunicipalityId | null;
          if (value) await local.setPreference(userId, value); // remembered for an outage
          return value;
        },
        () => local.getPreference(userId),
      );
    },
    async setPreference(userId, municipality) {
      await local.setPreference(userId, municipality);
      await run(
        async () => {
          await client.hset(keys.prefs, userId, municipality);
          pendingPrefs.delete(userId);
        },
        async () => undefined,
        () => pendingPrefs.set(userId, municipality),
      );
    },
    async forgetUser(userId) {
      await local.forgetUser(userId);
      pendingPrefs.delete(userId);
      await run(
        async () => {
          await client.hdel(keys.prefs, userId);
          await client.del(keys.rate(userId));
        },
        async () => undefined,
        () => queue({ type: 'forget', userId }),
      );
    },
    async claimEvent(eventId, ttlSeconds = DEFAULT_EVENT_TTL) {
      return run(
        async () => (await client.set(keys.event(eventId), '1', 'EX', ttlSeconds, 'NX')) === 'OK',
        async () => {
          const fresh = await local.claimEvent(eventId, ttlSeconds);
          if (fresh) queue({ type: 'event', eventId, expiresAt: Date.now() + ttlSeconds * 1000 });
          return fresh;
        },
      );
    },
    async allowRequest(userId, limit, windowSeconds) {
      return run(
        async () => (await client.madoguchiRate(keys.rate(userId), windowSeconds * 1000)) <= limit,
        () => local.allowRequest(userId, limit, windowSeconds),
      );
    },
    // Contexts are short-lived: while Redis is away they live in this process only and are not replayed
    // (a conversation that loses its thread is read as new questions, never an error).
    async getSession(key) {
      return run(
        () => client.get(keys.session(key)),
        () => local.getSession(key),
      );
    },
    async setSession(key, value, ttlSeconds) {
      await run(
        async () => {
          await client.set(keys.session(key), value, 'EX', Math.max(1, Math.round(ttlSeconds)));
        },
        () => local.setSession(key, value, ttlSeconds),
      );
    },
    async clearSession(key) {
      await local.clearSession(key);
      await run(
        async () => {
          await client.del(keys.session(key));
        },
        async () => undefined,
      );
    },
    async recordUnanswered(text, municipality) {
      const at = Date.now();
      await run(
        () => recordRemote(text, municipality, at),
        () => local.recordUnanswered(text, municipality),
        () => queue({ type: 'unanswered', text, municipality, at }),
      );
    },
    async listUnanswered(limit = 50, sort: UnansweredSort = 'frequent') {
      return run(
        () => listRemote(limit, sort),
        () => local.listUnanswered(limit, sort),
      );
    },
    async publishReload(origin) {
      await run(
        () => publishRemote(origin),
        async () => undefined,
        () => queue({ type: 'reload', origin }),
      );
    },
    async onReload(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    async ping() {
      if (closed || client.status !== 'ready') return false;
      try {
        return (await client.ping()) === 'PONG';
      } catch {
        return false;
      }
    },
    health() {
      return {
        kind: 'redis',
        connected: client.status === 'ready',
        degraded: down,
        pendingWrites: pending.length + pendingPrefs.size,
      };
    },
    async close() {
      if (closed) return;
      if (replaying) await replaying.catch(() => undefined);
      closed = true;
      listeners.clear();
      await local.close();
      await Promise.all([quit(client), quit(sub)]);
    },
  };

  async function listRemote(limit: number, sort: UnansweredSort): Promise<UnansweredEntry[]> {
    const n = Math.max(0, limit);
    if (n === 0) return [];
    const members =
      sort === 'recent' ? await client.zrevrange(keys.recent, 0, n - 1) : await client.zrevrange(keys.counts, 0, n - 1);
    if (members.length === 0) return [];
    const [metas, counts, times] = await Promise.all([
      client.hmget(keys.meta, ...members),
      client.zmscore(keys.counts, ...members),
      client.zmscore(keys.recent, ...members),
    ]);
    const entries: UnansweredEntry[] = [];
    members.forEach((_member, i) => {
      const raw = metas[i];
      if (!raw) return;
      const meta = JSON.parse(raw) as { text: string; municipality: MunicipalityId | null };
      entries.push({
        text: meta.text,
        municipality: meta.municipality,
        count: Number(counts[i] ?? 0),
        lastSeen: new Date(Number(times[i] ?? 0)).toISOString(),
      });
    });
    if (sort === 'frequent') {
      entries.sort((a, b) => b.count - a.count || b.lastSeen.localeCompare(a.lastSeen));
    }
    return entries;
  }
}

async function quit(redis: Redis) {
  try {
    if (redis.status === 'ready') await redis.quit();
    else redis.disconnect();
  } catch {
    redis.disconnect();
  }
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    u.username = '';
    return u.toString();
  } catch {
    return 'redis';
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
