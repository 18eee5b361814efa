// Shared state (preferences, webhook de-duplication, rate limits, the unanswered log, reload notices):
// in-memory by default, Redis when REDIS_URL is set so any number of processes behave as one.
import type { Logger } from 'pino';
import { createMemoryStore } from './memory.js';
import { createRedisStore } from './redis.js';
import type { StateStore } from './types.js';

export {
  createMemoryEventQueue,
  createRedisEventQueue,
  type EventQueue,
  type EventQueueHealth,
  type QueuedEvent,
  type RedisEventQueueOptions,
} from './event-queue.js';
export { createMemoryStore, type MemoryStoreOptions } from './memory.js';
export { createRedisStore, type RedisStoreOptions } from './redis.js';
export type {
  AnswerStat,
  DayStats,
  RetainedSizes,
  StateHealth,
  StateStore,
  UnansweredDetails,
  UnansweredEntry,
  UnansweredFilter,
  UnansweredSort,
} from './types.js';

export interface CreateStateStoreOptions {
  redisUrl?: string | undefined;
  logger: Logger;
  keyPrefix?: string;
  // What the process keeps in memory (the memory store, or the Redis store's fallback), at most; the
  // unanswered log's bound holds in Redis too. Unset: the stores' defaults.
  bounds?: { sessionChars?: number; claimedIds?: number; unanswered?: number };
}

export function createStateStore(options: CreateStateStoreOptions): StateStore {
  const b = options.bounds ?? {};
  const memory = {
    ...(b.sessionChars !== undefined ? { maxSessionChars: b.sessionChars } : {}),
    ...(b.claimedIds !== undefined ? { maxEvents: b.claimedIds } : {}),
  };
  const unanswered = b.unanswered !== undefined ? { maxUnanswered: b.unanswered } : {};
  if (options.redisUrl) {
    return createRedisStore({
      url: options.redisUrl,
      logger: options.logger,
      ...(options.keyPrefix ? { keyPrefix: options.keyPrefix } : {}),
      ...unanswered,
      fallback: memory,
    });
  }
  return createMemoryStore({ ...memory, ...unanswered });
}
export { createUnansweredRetention, type RetentionOptions } from './retention.js';
export { dayOf, lastDays, MASKS, maskPersonal, normalizeQuestion, safeTopic } from './unanswered.js';
