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
}

export function createStateStore(options: CreateStateStoreOptions): StateStore {
  if (options.redisUrl) {
    return createRedisStore({
      url: options.redisUrl,
      logger: options.logger,
      ...(options.keyPrefix ? { keyPrefix: options.keyPrefix } : {}),
    });
  }
  return createMemoryStore();
}
export { createUnansweredRetention, type RetentionOptions } from './retention.js';
export { dayOf, lastDays, MASKS, maskPersonal, normalizeQuestion, safeTopic } from './unanswered.js';
