// What a long-running server builds from each snapshot: the runtime of runtime.ts (analyzer, index, engine)
// plus the answer cache, which only a server needs. It is per snapshot, so a reload starts it empty.
// - answer cache: in an emergency thousands of residents ask the same few questions; an answer depends
//   only on (question, municipality, the session's last turns) and the snapshot, so identical questions
//   are answered once.
// (A memo of the analyzer's results per text, up to 50,000 texts per method, stood here once; the analysis
// room now remembers tokens per piece of text and analyses the static texts once per snapshot, and the memo
// no longer saved anything: the same CPU per distinct question with and without it, answers identical.)

import { LRUCache } from 'lru-cache';
import type { Analyzer } from './analysis/index.js';
import type { Answer, AnswerEngine, AskOptions } from './answer/index.js';
import { contextKey } from './answer/index.js';
import { createRuntimeBuilder } from './runtime.js';

// lru-cache (least recently used first) with the hit and miss counts the console shows.
function createLru<V extends {}>(max: number) {
  const cache = new LRUCache<string, V>({ max });
  const counts = { hits: 0, misses: 0 };
  return {
    get(key: string): V | undefined {
      const value = cache.get(key);
      if (value === undefined) counts.misses += 1;
      else counts.hits += 1;
      return value;
    },
    set: (key: string, value: V) => void cache.set(key, value),
    peek: (key: string) => cache.peek(key),
    delete: (key: string) => void cache.delete(key),
    stats: (): AnswerCacheStats => ({ ...counts, size: cache.size }),
  };
}

export interface AnswerCacheStats {
  hits: number;
  misses: number;
  size: number;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

// A follow-up's answer depends on the turns before it: they are part of the key.
const answerKey = (question: string, options: AskOptions) =>
  `${options.municipality ?? ''}\u0000${options.strict ? 1 : 0}\u0000${question}\u0000${contextKey(options.context)}`;

export function cacheAnswers(engine: AnswerEngine, max = 5000): AnswerEngine & { stats(): AnswerCacheStats } {
  const cache = createLru<Answer>(max);
  return {
    answer(question, options = {}) {
      if (options.debug) return engine.answer(question, options);
      const key = answerKey(question, options);
      let answer = cache.get(key);
      if (answer === undefined) {
        answer = deepFreeze(engine.answer(question, options));
        cache.set(key, answer);
      }
      // Frozen, so one object serves every caller safely (and the LINE room can reuse its reply for it).
      return answer;
    },
    stats: cache.stats,
  };
}

/** An engine answering elsewhere (the answer worker), as its callers on the main thread see it. */
export interface AsyncAnswerEngine {
  answer(question: string, options?: AskOptions): Promise<Answer>;
}

// The answer cache on the main thread, in front of the answer worker: an emergency wave of identical
// questions is answered here without a trip to the worker, and identical questions asked at the same time
// share one trip (the cache holds the promise). A failed answer is not kept.
export function cacheAnswersAsync(
  engine: AsyncAnswerEngine,
  max = 5000,
): AsyncAnswerEngine & { stats(): AnswerCacheStats } {
  const cache = createLru<Promise<Answer>>(max);
  return {
    answer(question, options = {}) {
      if (options.debug) return engine.answer(question, options);
      const key = answerKey(question, options);
      let answer = cache.get(key);
      if (answer === undefined) {
        const asked = engine.answer(question, options).then(deepFreeze);
        asked.catch(() => {
          if (cache.peek(key) === asked) cache.delete(key);
        });
        cache.set(key, asked);
        answer = asked;
      }
      return answer;
    },
    stats: cache.stats,
  };
}

export interface ServingRuntimeOptions {
  cacheDir: string | null;
  answerCache?: number; // entries; 0 turns the answer cache off
  analyzer?: Promise<Analyzer>; // the dictionary load, started before the knowledge load
}

// The runtime builder of runtime.ts (one kuromoji dictionary per process, reused by every reload), with
// the answer cache only a long-running server needs.
export function createServingRuntimeBuilder(options: ServingRuntimeOptions) {
  const entries = options.answerCache ?? 5000;
  return createRuntimeBuilder({
    cacheDir: options.cacheDir,
    ...(options.analyzer ? { analyzer: options.analyzer } : {}),
    ...(entries > 0 ? { wrapEngine: (e: AnswerEngine) => cacheAnswers(e, entries) } : {}),
  });
}
