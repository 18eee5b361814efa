// The Redis store: many processes behave as one. While Redis is away, every call is served by an
// in-process memory store and each write is queued; when Redis is back the queue is replayed, so
// nothing acknowledged is lost (a question counted twice in the unanswered log is the worst case).
import { createHash, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { MunicipalityId } from '../knowledge/index.js';
import { createMemoryStore, type MemoryStoreOptions } from './memory.js';
import type {
  AnswerStat,
  DayStats,
  StateStore,
  UnansweredDetails,
  UnansweredEntry,
  UnansweredFilter,
  UnansweredSort,
} from './types.js';
import {
  cleanTopic,
  dayOf,
  matchesFilter,
  STATS_KEEP_DAYS,
  STATS_SCOPE_ALL,
  sortUnanswered,
  statsScope,
  unansweredKey,
} from './unanswered.js';

export interface RedisStoreOptions {
  url: string;
  logger: Logger;
  keyPrefix?: string; // default "madoguchi:"; tests give each run its own
  commandTimeoutMs?: number; // a slow Redis must not hold a webhook reply; default 500
  maxUnanswered?: number;
  maxPendingWrites?: number;
  // The in-process fallback's bounds while Redis is away (contexts in characters, claimed ids)
  fallback?: Pick<MemoryStoreOptions, 'maxSessionChars' | 'maxEvents'>;
  now?: () => number; // the unanswered log's clock (tests of the retention purge move it)
}

type PendingWrite =
  | { type: 'forget'; userId: string }
  | { type: 'event'; eventId: string; expiresAt: number }
  | { type: 'unanswered'; text: string; municipality: MunicipalityId | null; details: UnansweredDetails; at: number }
  | { type: 'mark'; id: string; handled: boolean }
  | { type: 'delete'; id: string }
  | { type: 'purge'; before: number }
  | { type: 'stat'; stat: AnswerStat & { at: number } }
  | { type: 'reload'; origin: string };

const DEFAULT_EVENT_TTL = 24 * 60 * 60;

const RATE_SCRIPT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`;

// KEYS: counts zset, recent zset, meta hash, first-seen hash, handled set.
// ARGV: id, time ms, meta json (fields to set), max entries, increment
const UNANSWERED_SCRIPT = `
redis.call('ZINCRBY', KEYS[1], tonumber(ARGV[5]), ARGV[1])
local prev = redis.call('ZSCORE', KEYS[2], ARGV[1])
if (not prev) or tonumber(prev) < tonumber(ARGV[2]) then redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1]) end
redis.call('HSETNX', KEYS[4], ARGV[1], ARGV[2])
local meta = cjson.decode(ARGV[3])
local old = redis.call('HGET', KEYS[3], ARGV[1])
if old then
  local o = cjson.decode(old)
  for k, v in pairs(meta) do o[k] = v end
  meta = o
end
redis.call('HSET', KEYS[3], ARGV[1], cjson.encode(meta))
local max = tonumber(ARGV[4])
local n = redis.call('ZCARD', KEYS[2])
if n > max then
  local gone = redis.call('ZRANGE', KEYS[2], 0, n - max - 1)
  for _, m in ipairs(gone) do
    redis.call('ZREM', KEYS[1], m)
    redis.call('HDEL', KEYS[3], m)
    redis.call('HDEL', KEYS[4], m)
    redis.call('SREM', KEYS[5], m)
  end
  redis.call('ZREMRANGEBYRANK', KEYS[2], 0, n - max - 1)
end
return n`;

// One answer counted, overall and for its scope: the same increments and expiries a MULTI of 7–11 commands
// made, as one command (one reply to read instead of a QUEUED per command and EXEC's array, and it goes out
// in the same write as the other commands of the moment, where a MULTI is a write of its own).
// KEYS: day's counters hash, topics hash overall, topics hash of the scope.
// ARGV: ttl seconds, kind, unanswered ('1' or ''), topic ('' for none), overall scope, the scope.
const STAT_SCRIPT = `
local ttl = tonumber(ARGV[1])
for i = 0, 1 do
  local scope = ARGV[5 + i]
  redis.call('HINCRBY', KEYS[1], scope .. '|total', 1)
  redis.call('HINCRBY', KEYS[1], scope .. '|kind|' .. ARGV[2], 1)
  if ARGV[3] == '1' then redis.call('HINCRBY', KEYS[1], scope .. '|unanswered', 1) end
  if ARGV[4] ~= '' then
    redis.call('HINCRBY', KEYS[2 + i], ARGV[4], 1)
    redis.call('EXPIRE', KEYS[2 + i], ttl)
  end
end
redis.call('EXPIRE', KEYS[1], ttl)
return 1`;

interface ScriptedRedis extends Redis {
  madoguchiRate(key: string, windowMs: number): Promise<number>;
  madoguchiStat(
    counters: string,
    topicsAll: string,
    topicsScope: string,
    ttl: number,
    kind: string,
    unanswered: '1' | '',
    topic: string,
    all: string,
    scope: string,
  ): Promise<number>;
  madoguchiUnanswered(
    counts: string,
    recent: string,
    meta: string,
    first: string,
    handled: string,
    id: string,
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
    first: `${p}unanswered:first`,
    handled: `${p}unanswered:handled`,
    stats: (day: string) => `${p}stats:${day}`,
    topics: (day: string, scope: string) => `${p}stats:${day}:topics:${scope}`,
    reloadChannel: `${p}reload`,
    reloadGen: `${p}reload:gen`,
  };
  const now = options.now ?? Date.now;
  const instance = randomUUID();
  const local = createMemoryStore({ ...options.fallback, maxUnanswered, now });
  const connection = {
    // fail fast while disconnected (the fallback answers instead); keep reconnecting forever
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: options.commandTimeoutMs ?? 500,
    connectTimeout: 2000,
    retryStrategy: (times: number) => Math.min(100 * 2 ** Math.min(times, 5), 2000),
    lazyConnect: false,
  };
  // Commands issued in the same turn of the event loop (many events' rate checks, preferences, sessions)
  // go to Redis in one write and their replies come back in one read (ioredis's auto-pipelining; each
  // command keeps its own timeout and reply, and one connection keeps their order).
  const client = new Redis(options.url, { ...connection, enableAutoPipelining: true }) as ScriptedRedis;
  client.defineCommand('madoguchiRate', { numberOfKeys: 1, lua: RATE_SCRIPT });
  client.defineCommand('madoguchiUnanswered', { numberOfKeys: 5, lua: UNANSWERED_SCRIPT });
  client.defineCommand('madoguchiStat', { numberOfKeys: 3, lua: STAT_SCRIPT });
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
  let stalled = false; // connected, but commands fail (a stalled or overloaded Redis): logged once

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
        await recordRemote(write.text, write.municipality, write.details, write.at);
        return;
      case 'mark':
        await markRemote(write.id, write.handled);
        return;
      case 'delete':
        await deleteRemote(write.id);
        return;
      case 'purge':
        await purgeRemote(write.before);
        return;
      case 'stat':
        await statRemote(write.stat);
        return;
      case 'reload':
        await publishRemote(write.origin);
        return;
    }
  }

  async function recordRemote(
    text: string,
    municipality: MunicipalityId | null,
    details: UnansweredDetails,
    at: number,
  ) {
    const key = unansweredKey(text, municipality);
    if (!key) return;
    const meta: Record<string, string | null> = { text: key.text, municipality };
    const topic = cleanTopic(details.topic, key.text);
    if (details.attribute) meta['attribute'] = details.attribute;
    if (topic) meta['topic'] = topic;
    if (details.reason) meta['reason'] = details.reason;
    if (details.channel) meta['channel'] = details.channel;
    await client.madoguchiUnanswered(
      keys.counts,
      keys.recent,
      keys.meta,
      keys.first,
      keys.handled,
      key.id,
      at,
      JSON.stringify(meta),
      maxUnanswered,
      1,
    );
  }

  async function markRemote(id: string, handled: boolean): Promise<boolean> {
    if ((await client.zscore(keys.recent, id)) === null) return false;
    if (handled) await client.sadd(keys.handled, id);
    else await client.srem(keys.handled, id);
    return true;
  }

  async function deleteRemote(id: string): Promise<boolean> {
    const [[, removed] = []] =
      (await client
        .multi()
        .zrem(keys.recent, id)
        .zrem(keys.counts, id)
        .hdel(keys.meta, id)
        .hdel(keys.first, id)
        .srem(keys.handled, id)
        .exec()) ?? [];
    return Number(removed) > 0;
  }

  async function purgeRemote(before: number): Promise<number> {
    const ids = await client.zrangebyscore(keys.recent, '-inf', `(${before}`);
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      await client
        .multi()
        .zrem(keys.recent, ...chunk)
        .zrem(keys.counts, ...chunk)
        .hdel(keys.meta, ...chunk)
        .hdel(keys.first, ...chunk)
        .srem(keys.handled, ...chunk)
        .exec();
    }
    return ids.length;
  }

  async function statRemote(stat: AnswerStat & { at: number }) {
    const day = dayOf(stat.at);
    const ttl = STATS_KEEP_DAYS * 24 * 60 * 60;
    const topic = cleanTopic(stat.topic);
    const scope = statsScope(stat.municipality);
    await client.madoguchiStat(
      keys.stats(day),
      keys.topics(day, STATS_SCOPE_ALL),
      keys.topics(day, scope),
      ttl,
      stat.kind,
      stat.unanswered ? '1' : '',
      topic ?? '',
      STATS_SCOPE_ALL,
      scope,
    );
  }

  async function readStatsRemote(days: string[], scope: string): Promise<DayStats[]> {
    const tx = client.multi();
    for (const day of days) {
      tx.hgetall(keys.stats(day));
      tx.hgetall(keys.topics(day, scope));
    }
    const results = (await tx.exec()) ?? [];
    return days.map((day, i) => {
      const counters = (results[2 * i]?.[1] ?? {}) as Record<string, string>;
      const topics = (results[2 * i + 1]?.[1] ?? {}) as Record<string, string>;
      const out: DayStats = { day, total: 0, unanswered: 0, kinds: {}, topics: {} };
      for (const [field, value] of Object.entries(counters)) {
        const [s, name, kind] = field.split('|');
        if (s !== scope) continue;
        if (name === 'total') out.total = Number(value);
        else if (name === 'unanswered') out.unanswered = Number(value);
        else if (name === 'kind' && kind) out.kinds[kind] = Number(value);
      }
      for (const [t, value] of Object.entries(topics)) out.topics[t] = Number(value);
      return out;
    });
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
        const value = await remote();
        if (stalled) {
          stalled = false;
          logger.info({ event: 'state.redis.answering', redis: where }, 'state: Redis answers commands again');
        }
        return value;
      } catch (err) {
        if (client.status !== 'ready') markDown(err);
        else if (!stalled) {
          // one line per change of state: a stall fails every command, thousands a second
          stalled = true;
          logger.warn(
            { event: 'state.redis.command_failed', redis: where, err: errorText(err) },
            'state: Redis command failed; serving from the fallback (not logged again until Redis answers)',
          );
        }
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
    async recordUnanswered(text, municipality, details = {}) {
      const at = now();
      await run(
        () => recordRemote(text, municipality, details, at),
        () => local.recordUnanswered(text, municipality, details),
        () => queue({ type: 'unanswered', text, municipality, details, at }),
      );
    },
    async listUnanswered(limit = 50, sort: UnansweredSort = 'frequent', filter?: UnansweredFilter) {
      return run(
        () => listRemote(limit, sort, filter),
        () => local.listUnanswered(limit, sort, filter),
      );
    },
    async markUnanswered(id, handled) {
      return run(
        () => markRemote(id, handled),
        () => local.markUnanswered(id, handled),
        () => queue({ type: 'mark', id, handled }),
      );
    },
    async deleteUnanswered(id) {
      // removed here too, so an outage's local copy never brings it back
      const localRemoved = await local.deleteUnanswered(id);
      const remote = await run(
        () => deleteRemote(id),
        async () => localRemoved,
        () => queue({ type: 'delete', id }),
      );
      return remote || localRemoved;
    },
    async purgeUnanswered(before) {
      const localRemoved = await local.purgeUnanswered(before);
      return run(
        () => purgeRemote(before),
        async () => localRemoved,
        () => queue({ type: 'purge', before }),
      );
    },
    async recordAnswerStat(stat) {
      const timed = { ...stat, at: stat.at ?? now() };
      await run(
        () => statRemote(timed),
        () => local.recordAnswerStat(timed),
        () => queue({ type: 'stat', stat: timed }),
      );
    },
    async readStats(days, municipality) {
      const scope = municipality === null ? STATS_SCOPE_ALL : municipality;
      return run(
        () => readStatsRemote(days, scope),
        () => local.readStats(days, municipality),
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
    // the fallback (and mirror) this process keeps, and the writes waiting for Redis
    retained: () => ({
      ...local.retained(),
      pending_writes: { size: pending.length + pendingPrefs.size, limit: maxPending },
    }),
    async close() {
      if (closed) return;
      if (replaying) await replaying.catch(() => undefined);
      closed = true;
      listeners.clear();
      await local.close();
      await Promise.all([quit(client), quit(sub)]);
    },
  };

  async function listRemote(
    limit: number,
    sort: UnansweredSort,
    filter: UnansweredFilter | undefined,
  ): Promise<UnansweredEntry[]> {
    const n = Math.max(0, limit);
    if (n === 0) return [];
    // at most maxUnanswered ids (5,000): filtered and ordered here, as the memory store does
    const ids = await client.zrevrange(keys.recent, 0, -1);
    if (ids.length === 0) return [];
    const [metas, counts, times, firsts, handled] = await Promise.all([
      client.hmget(keys.meta, ...ids),
      client.zmscore(keys.counts, ...ids),
      client.zmscore(keys.recent, ...ids),
      client.hmget(keys.first, ...ids),
      client.smembers(keys.handled),
    ]);
    const done = new Set(handled);
    const entries: UnansweredEntry[] = [];
    ids.forEach((id, i) => {
      const raw = metas[i];
      if (!raw) return;
      const meta = JSON.parse(raw) as Record<string, string | null | undefined>;
      const last = Number(times[i] ?? 0);
      const entry: UnansweredEntry = {
        id,
        text: String(meta['text'] ?? ''),
        municipality: (meta['municipality'] ?? null) as MunicipalityId | null,
        attribute: meta['attribute'] ?? null,
        topic: meta['topic'] ?? null,
        reason: meta['reason'] ?? null,
        channel: meta['channel'] ?? null,
        count: Number(counts[i] ?? 0),
        firstSeen: new Date(Number(firsts[i] ?? last)).toISOString(),
        lastSeen: new Date(last).toISOString(),
        handled: done.has(id),
      };
      if (matchesFilter(entry, filter)) entries.push(entry);
    });
    return sortUnanswered(entries, sort).slice(0, n);
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
