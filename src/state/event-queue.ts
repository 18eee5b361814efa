// The durable intake of webhook events (at least once, answered once).
//
// Redis: each accepted event is appended to a Redis Stream before the webhook answers 200 (one Lua script
// de-duplicates by webhookEventId and appends, atomically), read by a consumer group, and acknowledged
// (XACK, then XDEL) only once LINE accepted its reply or push or it was recorded as finally failed. An
// entry whose consumer died or stopped is claimed by another one (XAUTOCLAIM) after `claimIdleMs`; a live
// consumer keeps its in-flight entries fresh (XCLAIM … JUSTID) so they are not taken from it. A "done"
// marker written in the same script as the XACK lets a claimed entry that was already answered be
// acknowledged without a second answer.
//
// Memory: the same interface over an array, for a single process without Redis. Not durable: what is
// left when the process stops is reported by the caller (logged with its webhookEventId and counted).
import { hostname } from 'node:os';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { RetainedSizes } from './types.js';

export interface QueuedEvent {
  entryId: string;
  webhookEventId: string;
  body: string; // the event's JSON as LINE sent it
  receivedAt: number; // ms, when the webhook carrying it arrived
  // taken over from another consumer (or handed out again): an earlier attempt may have answered it
  redelivered: boolean;
}

export interface EventQueueHealth {
  kind: 'memory' | 'redis';
  connected: boolean;
  inFlight: number;
  waiting: number; // memory: not yet taken; redis: completions waiting for Redis
}

export interface EventQueue {
  readonly kind: 'memory' | 'redis';
  readonly durable: boolean;
  // Stores the events not seen before (de-duplicated by webhookEventId): true for each one stored, false
  // for a duplicate. Rejects when they could not be stored: the webhook must then not answer 200.
  append(events: { webhookEventId: string; body: string }[], receivedAt: number): Promise<boolean[]>;
  // Up to `max` entries for this consumer (stale entries of others first); waits up to `waitMs` for one.
  take(max: number, waitMs: number): Promise<QueuedEvent[]>;
  // The entry is finished: answered (done) or finally failed (a dead-letter record is kept with `reason`).
  complete(entry: QueuedEvent, failure?: string): Promise<void>;
  // Whether an earlier delivery of this event already finished it.
  isDone(webhookEventId: string): Promise<boolean>;
  // Entries taken and not completed (memory: also those not taken yet) — what a stop leaves behind.
  leftovers(): QueuedEvent[];
  health(): EventQueueHealth;
  // What it holds in memory that grows with traffic (memory: the de-duplication ids); none for Redis.
  retained?(): RetainedSizes;
  // Stop taking; in-flight completions are still written. Redis: connections close.
  close(): Promise<void>;
}

export interface RedisEventQueueOptions {
  url: string;
  logger: Logger;
  keyPrefix?: string;
  consumer?: string; // default host-pid-random
  claimIdleMs?: number; // default 30 s
  doneTtlSeconds?: number; // default a day
  commandTimeoutMs?: number; // default 1 s
  maxFailedRecords?: number; // dead-letter stream length (approximate), default 10,000
}

const DEFAULT_DONE_TTL = 24 * 60 * 60;

// KEYS: event de-dup key, stream. ARGV: ttl seconds, webhookEventId, body, receivedAt
const APPEND_SCRIPT = `
if redis.call('SET', KEYS[1], '1', 'NX', 'EX', tonumber(ARGV[1])) then
  redis.call('XADD', KEYS[2], '*', 'id', ARGV[2], 'e', ARGV[3], 'at', ARGV[4])
  return 1
end
return 0`;

// KEYS: done key, stream, dead-letter stream. ARGV: group, entry id, ttl, failure reason ('' when answered),
// webhookEventId, dead-letter max length
const COMPLETE_SCRIPT = `
redis.call('SET', KEYS[1], ARGV[4] == '' and 'answered' or 'failed', 'EX', tonumber(ARGV[3]))
if ARGV[4] ~= '' then
  redis.call('XADD', KEYS[3], 'MAXLEN', '~', tonumber(ARGV[6]), '*', 'id', ARGV[5], 'reason', ARGV[4])
end
redis.call('XACK', KEYS[2], ARGV[1], ARGV[2])
redis.call('XDEL', KEYS[2], ARGV[2])
return 1`;

interface ScriptedRedis extends Redis {
  madoguchiAppend(key: string, stream: string, ttl: number, id: string, body: string, at: number): Promise<number>;
  madoguchiComplete(
    done: string,
    stream: string,
    dead: string,
    group: string,
    entryId: string,
    ttl: number,
    reason: string,
    id: string,
    max: number,
  ): Promise<number>;
}

type StreamEntry = [id: string, fields: string[]];

function toQueued(entry: StreamEntry, redelivered: boolean): QueuedEvent | null {
  const [entryId, fields] = entry;
  if (!fields) return null; // deleted while pending
  const f: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i]!] = fields[i + 1]!;
  if (!f['id'] || f['e'] === undefined) return null;
  return { entryId, webhookEventId: f['id'], body: f['e'], receivedAt: Number(f['at'] ?? 0), redelivered };
}

export function createRedisEventQueue(options: RedisEventQueueOptions): EventQueue {
  const { logger } = options;
  const p = options.keyPrefix ?? 'madoguchi:';
  const keys = {
    stream: `${p}events`,
    dead: `${p}events:failed`,
    seen: (id: string) => `${p}event:${id}`, // shared with StateStore.claimEvent: one de-dup namespace
    done: (id: string) => `${p}event-done:${id}`,
  };
  const group = 'answerers';
  const consumer = options.consumer ?? `${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const claimIdleMs = options.claimIdleMs ?? 30_000;
  const doneTtl = options.doneTtlSeconds ?? DEFAULT_DONE_TTL;
  const maxFailed = options.maxFailedRecords ?? 10_000;
  const base = {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: options.commandTimeoutMs ?? 1000,
    connectTimeout: 2000,
    retryStrategy: (times: number) => Math.min(100 * 2 ** Math.min(times, 5), 2000),
  };
  // Appends and completions issued in the same turn of the event loop go in one write (auto-pipelining).
  const client = new Redis(options.url, { ...base, enableAutoPipelining: true }) as ScriptedRedis;
  client.defineCommand('madoguchiAppend', { numberOfKeys: 2, lua: APPEND_SCRIPT });
  client.defineCommand('madoguchiComplete', { numberOfKeys: 3, lua: COMPLETE_SCRIPT });
  // XREADGROUP … BLOCK holds its connection: it gets one of its own (its timeout is set per call)
  const blocking = new Redis(options.url, { ...base, commandTimeout: undefined, enableOfflineQueue: true });
  blocking.on('error', () => undefined);
  const inFlight = new Map<string, QueuedEvent>(); // entryId → entry
  const unwritten: { entry: QueuedEvent; failure: string }[] = []; // completions Redis did not take yet
  let groupReady = false;
  let lastClaim = 0;
  let closed = false;
  let down = false;
  client.on('error', () => undefined); // reported once per change below
  client.on('ready', () => {
    groupReady = false;
    if (down) {
      down = false;
      logger.info({ event: 'state.events.up' }, 'state: event stream reachable again');
    }
  });

  const note = (err: unknown) => {
    if (down || closed) return;
    down = true;
    logger.warn(
      { event: 'state.events.down', err: err instanceof Error ? err.message : String(err) },
      'state: event stream unreachable; webhooks get 503 until it is back, finished events are kept to acknowledge',
    );
  };

  // A connection on its way up (start-up, a reconnect) is waited for briefly rather than failed at once.
  function connected(ms: number): Promise<void> {
    if (client.status === 'ready' || client.status === 'end' || closed) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        client.off('ready', done);
        resolve();
      }
      client.once('ready', done);
    });
  }

  async function ensureGroup(redis: Redis) {
    if (groupReady) return;
    try {
      await redis.xgroup('CREATE', keys.stream, group, '0', 'MKSTREAM');
    } catch (err) {
      if (!String((err as Error).message).includes('BUSYGROUP')) throw err;
    }
    groupReady = true;
  }

  async function writeCompletion(entry: QueuedEvent, failure: string) {
    await client.madoguchiComplete(
      keys.done(entry.webhookEventId),
      keys.stream,
      keys.dead,
      group,
      entry.entryId,
      doneTtl,
      failure,
      entry.webhookEventId,
      maxFailed,
    );
  }

  async function flushUnwritten() {
    while (unwritten.length > 0) {
      const next = unwritten[0]!;
      await writeCompletion(next.entry, next.failure);
      unwritten.shift();
      inFlight.delete(next.entry.entryId);
    }
  }

  // Keep our in-flight entries from looking idle to the others (and take back any that were claimed
  // while this process was stalled: it is answering them).
  const heartbeat = setInterval(
    () => {
      if (closed || client.status !== 'ready') return;
      flushUnwritten().catch(note);
      const ids = [...inFlight.keys()];
      if (ids.length === 0) return;
      client.xclaim(keys.stream, group, consumer, 0, ...ids, 'JUSTID').catch(note);
    },
    Math.max(200, Math.floor(claimIdleMs / 3)),
  );
  heartbeat.unref();

  return {
    kind: 'redis',
    durable: true,
    async append(events, receivedAt) {
      const added: boolean[] = [];
      try {
        if (!down) await connected(1000);
        for (const e of events) {
          const n = await client.madoguchiAppend(
            keys.seen(e.webhookEventId),
            keys.stream,
            doneTtl,
            e.webhookEventId,
            e.body,
            receivedAt,
          );
          added.push(n === 1);
        }
      } catch (err) {
        note(err);
        throw err;
      }
      return added;
    },
    async take(max, waitMs) {
      if (closed) return [];
      if (client.status !== 'ready') {
        // connecting or reconnecting: not an outage of its own (the commands that fail report it)
        await connected(Math.min(waitMs, 500));
        if ((client.status as string) !== 'ready') return [];
      }
      try {
        await ensureGroup(client);
        const out: QueuedEvent[] = [];
        if (Date.now() - lastClaim >= claimIdleMs / 2) {
          lastClaim = Date.now();
          const claimed = (await client.xautoclaim(keys.stream, group, consumer, claimIdleMs, '0', 'COUNT', max)) as [
            string,
            StreamEntry[],
            string[]?,
          ];
          for (const e of claimed[1] ?? []) {
            const q = toQueued(e, true);
            if (q && !inFlight.has(q.entryId)) out.push(q);
            else if (!q) await client.xack(keys.stream, group, e[0]); // deleted entry: nothing to answer
          }
          if (out.length > 0) logger.info({ claimed: out.length }, 'state: took over events of a stopped consumer');
        }
        if (out.length === 0) {
          const read = blocking.xreadgroup(
            'GROUP',
            group,
            consumer,
            'COUNT',
            max,
            'BLOCK',
            Math.max(1, waitMs),
            'STREAMS',
            keys.stream,
            '>',
          );
          // a stalled Redis never answers a BLOCK: give up a little after it would have
          let timer: NodeJS.Timeout | undefined;
          const res = (await Promise.race([
            read,
            new Promise<never>((_, reject) => {
              timer = setTimeout(() => reject(new Error('XREADGROUP timed out')), waitMs + 2000);
            }),
          ]).finally(() => clearTimeout(timer))) as [string, StreamEntry[]][] | null;
          for (const e of res?.[0]?.[1] ?? []) {
            const q = toQueued(e, false);
            if (q) out.push(q);
          }
        }
        for (const q of out) inFlight.set(q.entryId, q);
        return out;
      } catch (err) {
        if (String((err as Error).message).includes('NOGROUP')) groupReady = false;
        note(err);
        await new Promise((r) => setTimeout(r, Math.min(waitMs, 500)));
        return [];
      }
    },
    async complete(entry, failure = '') {
      try {
        await flushUnwritten();
        await writeCompletion(entry, failure);
        inFlight.delete(entry.entryId);
      } catch (err) {
        // kept (and still in flight, so the heartbeat keeps it ours) until Redis takes it
        unwritten.push({ entry, failure });
        note(err);
      }
    },
    async isDone(webhookEventId) {
      return (await client.exists(keys.done(webhookEventId))) === 1;
    },
    leftovers: () => [...inFlight.values()],
    health: () => ({
      kind: 'redis',
      connected: client.status === 'ready',
      inFlight: inFlight.size,
      waiting: unwritten.length,
    }),
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      try {
        if (client.status === 'ready') await flushUnwritten();
      } catch {
        // left pending in the stream: another consumer takes them over
      }
      blocking.disconnect();
      try {
        if (client.status === 'ready') await client.quit();
        else client.disconnect();
      } catch {
        client.disconnect();
      }
    },
  };
}

export interface MemoryEventQueueOptions {
  maxSeen?: number; // de-dup ids kept (oldest dropped first)
}

export function createMemoryEventQueue(options: MemoryEventQueueOptions = {}): EventQueue {
  const maxSeen = options.maxSeen ?? 200_000;
  // webhookEventId → done (answered or finally failed): one map for de-duplication and isDone, oldest first
  const seen = new Map<string, boolean>();
  const waiting: QueuedEvent[] = [];
  const inFlight = new Map<string, QueuedEvent>();
  let wake: (() => void) | null = null;
  let seq = 0;
  let closed = false;

  return {
    kind: 'memory',
    durable: false,
    async append(events, receivedAt) {
      const added: boolean[] = [];
      for (const e of events) {
        added.push(!seen.has(e.webhookEventId));
        if (seen.has(e.webhookEventId)) continue;
        seen.set(e.webhookEventId, false);
        if (seen.size > maxSeen) seen.delete(seen.keys().next().value as string);
        waiting.push({
          entryId: String(++seq),
          webhookEventId: e.webhookEventId,
          body: e.body,
          receivedAt,
          redelivered: false,
        });
      }
      if (added.includes(true)) wake?.();
      return added;
    },
    async take(max, waitMs) {
      if (waiting.length === 0 && !closed) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, waitMs);
          function done() {
            clearTimeout(timer);
            wake = null;
            resolve();
          }
          wake = done;
        });
      }
      const out = waiting.splice(0, max);
      for (const q of out) inFlight.set(q.entryId, q);
      return out;
    },
    async complete(entry) {
      inFlight.delete(entry.entryId);
      // an id already dropped from the window is not added again (it would push a newer one out)
      if (seen.has(entry.webhookEventId)) seen.set(entry.webhookEventId, true);
    },
    async isDone(webhookEventId) {
      return seen.get(webhookEventId) === true;
    },
    leftovers: () => [...inFlight.values(), ...waiting],
    health: () => ({ kind: 'memory', connected: true, inFlight: inFlight.size, waiting: waiting.length }),
    retained: () => ({ dedup_ids: { size: seen.size, limit: maxSeen } }),
    async close() {
      closed = true;
      wake?.();
    },
  };
}
