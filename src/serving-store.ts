// What the server process serves answers from: one answer worker (answer-thread.ts) behind one reference.
// A reload starts a NEW worker that loads and builds the new snapshot while the old one keeps answering;
// once it is ready the reference is swapped and the old worker ends after the questions already sent to it
// are answered — nothing on the main thread waits for the build, and no question is dropped. A failed
// reload ends the new worker and keeps the old one serving, with every error (file and line) recorded.
// A worker that crashes is started again; the questions it held are asked once more of its replacement.

import type { Answer, AskOptions } from './answer/index.js';
import type { SnapshotSummary } from './answer-protocol.js';
import { type AnswerThread, AnswerThreadGone } from './answer-thread.js';
import { createReloadRunner, type ReloadOutcome, type StoreLogger, type StoreStatus } from './knowledge/index.js';
import { type AnswerCacheStats, type AsyncAnswerEngine, cacheAnswersAsync } from './serving-runtime.js';

export interface ServingCurrent {
  snapshot: SnapshotSummary;
  version: number;
  loadedAt: string;
  thread: AnswerThread;
}

export interface ServingStatus extends StoreStatus {
  worker: { threadId: number; restarts: number; pending: number; answerCache: AnswerCacheStats };
}

export interface ServingStore {
  current(): ServingCurrent;
  /** Answers on the serving worker; a question whose worker crashed is asked once more of its replacement. */
  readonly engine: AsyncAnswerEngine;
  reload(reason: string): Promise<ReloadOutcome>;
  status(): ServingStatus;
  watch(paths: string[], options?: { debounceMs?: number }): Promise<void>;
  close(): Promise<void>;
}

export interface ServingStoreOptions {
  spawn: () => Promise<AnswerThread>; // a new worker on the knowledge as the files are now
  logger: StoreLogger;
  onReload?: (outcome: ReloadOutcome) => void;
  onRestart?: (exitCode: number) => void; // a crashed worker was replaced
  answerCache?: number; // entries on the main thread; 0: none
}

// Tuning, gathered here.
const RETIRE_GRACE_MS = 60_000; // an old worker's questions get this long to finish after a swap
const RESTART_WAIT_MS = 60_000; // a question waits this long for a crashed worker's replacement
const RESTART_BACKOFF_MS = [0, 1_000, 2_000, 5_000, 10_000]; // between failed restarts (then the last)

interface Serving extends ServingCurrent {
  answers: AsyncAnswerEngine & { stats(): AnswerCacheStats };
}

export async function createServingStore(options: ServingStoreOptions): Promise<ServingStore> {
  const { spawn, logger, onReload } = options;
  const cacheEntries = options.answerCache ?? 5000;
  const retiring = new Set<AnswerThread>();
  let restarts = 0;
  let closed = false;
  let crashed = false; // the serving worker is gone and its replacement not ready yet
  let revived: Array<() => void> = [];

  const wrap = (thread: AnswerThread, version: number): Serving => {
    const ask: AsyncAnswerEngine = { answer: (q, o) => thread.ask(q, o) };
    return {
      snapshot: thread.summary,
      version,
      loadedAt: new Date().toISOString(),
      thread,
      answers:
        cacheEntries > 0
          ? cacheAnswersAsync(ask, cacheEntries)
          : { ...ask, stats: () => ({ hits: 0, misses: 0, size: 0 }) },
    };
  };

  let serving = wrap(await spawn(), 1);
  watchCrash(serving.thread);

  function swapIn(thread: AnswerThread): Serving {
    const previous = serving;
    serving = wrap(thread, previous.version + 1);
    watchCrash(thread);
    crashed = false;
    for (const wake of revived) wake();
    revived = [];
    if (previous.thread.alive) {
      // questions already sent to the old worker are answered there, then it ends
      retiring.add(previous.thread);
      void previous.thread.retire(RETIRE_GRACE_MS).finally(() => retiring.delete(previous.thread));
    }
    return previous;
  }

  function watchCrash(thread: AnswerThread) {
    thread.onCrash((code, error) => {
      if (closed || serving.thread !== thread) return; // a retiring worker's questions are asked again anyway
      crashed = true;
      logger.error({ threadId: thread.threadId, code, err: error }, 'serving: answer worker crashed; starting another');
      void restart(code, 0);
    });
  }

  async function restart(code: number, attempt: number): Promise<void> {
    if (closed || !crashed) return;
    const outcome = await reload(`restart: answer worker exited (code ${code})`);
    if (outcome.ok || closed || !crashed) {
      if (outcome.ok) {
        restarts += 1;
        options.onRestart?.(code);
      }
      return;
    }
    const delay = RESTART_BACKOFF_MS[Math.min(attempt + 1, RESTART_BACKOFF_MS.length - 1)] ?? 10_000;
    setTimeout(() => void restart(code, attempt + 1), delay).unref();
  }

  const reloads = createReloadRunner({
    logger,
    ...(onReload ? { onReload } : {}),
    version: () => serving.version,
    async swap() {
      const previous = serving;
      const thread = await spawn();
      if (closed) {
        await thread.terminate();
        throw new Error('serving: closed during the reload');
      }
      swapIn(thread);
      return {
        at: serving.loadedAt,
        version: serving.version,
        changed: serving.snapshot.hash !== previous.snapshot.hash,
        log: { threadId: thread.threadId },
      };
    },
  });
  const reload = reloads.reload;

  /** The serving worker, once there is a live one (after a crash: its replacement, for up to RESTART_WAIT_MS). */
  async function live(): Promise<Serving> {
    if (!crashed) return serving;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        revived = revived.filter((w) => w !== wake);
        reject(new Error('serving: no answer worker available (restarting after a crash)'));
      }, RESTART_WAIT_MS);
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      revived.push(wake);
    });
    return serving;
  }

  const engine: AsyncAnswerEngine = {
    async answer(question: string, askOptions?: AskOptions): Promise<Answer> {
      // Asked at most twice: a question that itself crashes the worker fails visibly the second time.
      for (let attempt = 0; ; attempt++) {
        const s = await live();
        try {
          return await s.answers.answer(question, askOptions);
        } catch (err) {
          if (!(err instanceof AnswerThreadGone) || attempt >= 1 || closed) throw err;
          logger.warn({ threadId: err.threadId }, 'serving: answer worker ended before answering; asking again');
        }
      }
    },
  };

  return {
    current: () => serving,
    engine,
    reload,
    status() {
      const s = serving.snapshot;
      return {
        version: serving.version,
        loadedAt: serving.loadedAt,
        hash: s.hash,
        files: s.files,
        countsPerMunicipality: s.counts,
        questionSets: s.questionSets.map((q) => ({ file: q.file, items: q.items.length })),
        lastReload: reloads.last(),
        watching: reloads.watching(),
        worker: {
          threadId: serving.thread.threadId,
          restarts,
          pending: serving.thread.pending,
          answerCache: serving.answers.stats(),
        },
      };
    },
    async watch(paths, watchOptions = {}) {
      if (!closed) await reloads.watch(paths, watchOptions);
    },
    async close() {
      closed = true;
      // watchers stopped and an in-flight reload finished so nothing starts after close, then every worker ends
      await reloads.close();
      await Promise.all([serving.thread.retire(5_000), ...[...retiring].map((t) => t.terminate())]);
    },
  };
}
