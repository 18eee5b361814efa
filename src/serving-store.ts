// What the server process serves answers from: a pool of answer workers (answer-thread.ts, `size` of them,
// each with the whole snapshot) behind one reference; a question goes to the live worker with the fewest
// questions in hand (see pickThread). A reload starts a NEW pool that loads and builds the new snapshot while the old one
// keeps answering; once every new worker is ready the reference is swapped and the old workers end after
// the questions already sent to them are answered — nothing on the main thread waits for the build, and no
// question is dropped. A failed reload ends the new pool and keeps the old one serving, with every error
// (file and line) recorded. A worker that crashes makes the store start a new pool (a reload); meanwhile
// the pool's other workers answer, and the questions the crashed one held are asked once more elsewhere.

import type { Answer, AskOptions } from './answer/index.js';
import type { SnapshotSummary } from './answer-protocol.js';
import { type AnswerThread, AnswerThreadGone } from './answer-thread.js';
import {
  createReloadRunner,
  type ReloadOutcome,
  type StoreLogger,
  type StoreStatus,
  storeStatus,
} from './knowledge/index.js';
import { type AnswerCacheStats, type AsyncAnswerEngine, cacheAnswersAsync } from './serving-runtime.js';

export interface ServingCurrent {
  snapshot: SnapshotSummary;
  version: number;
  loadedAt: string;
  threads: readonly AnswerThread[]; // the pool, all on this snapshot
}

export interface ServingStatus extends StoreStatus {
  worker: {
    size: number; // answer workers in the pool
    alive: number; // of them, alive now (fewer while a crashed one is being replaced)
    threadIds: number[];
    restarts: number;
    pending: number; // questions sent to the pool (or waiting in the store for a worker) and not answered yet
    answerCache: AnswerCacheStats;
  };
}

export interface ServingStore {
  current(): ServingCurrent;
  /** Answers on the serving pool; a question whose worker crashed is asked once more of another. */
  readonly engine: AsyncAnswerEngine;
  /** At least one answer worker of the serving pool is alive (false while every one is being replaced). */
  answering(): boolean;
  reload(reason: string): Promise<ReloadOutcome>;
  status(): ServingStatus;
  watch(paths: string[], options?: { debounceMs?: number }): Promise<void>;
  /** Ends every worker once the questions sent to it are answered (at most `retireMs`, default 5 s). */
  close(retireMs?: number): Promise<void>;
}

export interface ServingStoreOptions {
  spawn: () => Promise<AnswerThread>; // a new worker on the knowledge as the files are now
  size?: number; // answer workers in the pool (default 1)
  logger: StoreLogger;
  onReload?: (outcome: ReloadOutcome) => void;
  onRestart?: (exitCode: number) => void; // a crashed worker was replaced
  answerCache?: number; // entries on the main thread; 0: none
  // A pool of several: questions each worker holds at once (default 2); the rest wait in the store, in order.
  inFlightPerWorker?: number;
  onPoolWait?: (ms: number) => void; // a question that waited in the store for a worker: how long (metrics)
}

// Tuning, gathered here.
const RETIRE_GRACE_MS = 60_000; // an old worker's questions get this long to finish after a swap
const RESTART_WAIT_MS = 60_000; // a question waits this long for a crashed worker's replacement
const RESTART_BACKOFF_MS = [0, 1_000, 2_000, 5_000, 10_000]; // between failed restarts (then the last)
// Questions a worker of a pool of several holds at once: two, so it starts the next one without waiting for
// the main thread to read its answer, and a question waits behind at most one slow one.
const IN_FLIGHT_PER_WORKER = 2;

interface Held {
  at: number; // performance.now() when it began to wait
  question: string;
  options?: AskOptions;
  resolve: (answer: Answer) => void;
  reject: (err: unknown) => void;
}

interface Serving extends ServingCurrent {
  answers: AsyncAnswerEngine & { stats(): AnswerCacheStats };
}

type Candidate = Pick<AnswerThread, 'alive' | 'pending' | 'oldestSentAt'>;

/**
 * The live worker with the fewest questions in hand; among equals, the one whose oldest unanswered question
 * was sent last (a worker long on one question may be on a slow one, and a question sent there waits behind
 * it); among idle ones, the first after the last one chosen.
 */
export function pickThread<T extends Candidate>(threads: readonly T[], after: number): T | null {
  let best: T | null = null;
  for (let k = 0; k < threads.length; k++) {
    const t = threads[(after + 1 + k) % threads.length]!;
    if (!t.alive) continue;
    if (
      !best ||
      t.pending < best.pending ||
      (t.pending === best.pending && (t.oldestSentAt ?? 0) > (best.oldestSentAt ?? 0))
    )
      best = t;
  }
  return best;
}

/**
 * Starts `size` workers: the first alone (with no index cache on disk it builds and writes one), then the
 * others together (they read it). One that fails ends the others, and the error is the first one's.
 */
async function spawnPool(spawn: () => Promise<AnswerThread>, size: number): Promise<AnswerThread[]> {
  const first = await spawn();
  if (size <= 1) return [first];
  const rest = await Promise.allSettled(Array.from({ length: size - 1 }, () => spawn()));
  const started = [first, ...rest.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))];
  const failed = rest.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (!failed) return started;
  await Promise.all(started.map((t) => t.terminate()));
  throw failed.reason;
}

export async function createServingStore(options: ServingStoreOptions): Promise<ServingStore> {
  const { spawn, logger, onReload } = options;
  const size = Math.max(1, options.size ?? 1);
  const cacheEntries = options.answerCache ?? 5000;
  const retiring = new Set<AnswerThread>();
  let restarts = 0;
  let closed = false;
  let revived: Array<() => void> = [];
  let lastPicked = -1;

  // Questions no worker of the serving pool may take yet (each has `inFlight` in hand): held here, in order,
  // and handed to the first worker that answers one, so no worker idles while another has a backlog (a
  // question sent to a worker waits behind whatever it holds, a slow one included). One store-wide queue: a
  // reload's new pool takes what is left.
  const inFlight = size > 1 ? Math.max(1, options.inFlightPerWorker ?? IN_FLIGHT_PER_WORKER) : Infinity;
  const held: Held[] = [];

  function sendTo(thread: AnswerThread, h: Held): void {
    lastPicked = serving.threads.indexOf(thread);
    options.onPoolWait?.(performance.now() - h.at);
    thread.ask(h.question, h.options).then(h.resolve, h.reject).finally(feed);
  }

  function feed(): void {
    while (held.length > 0) {
      const threads = serving.threads;
      const thread = pickThread(threads, lastPicked);
      if (!thread) {
        // every worker of the pool is gone: the caller waits for the replacement (engine.answer)
        const gone = new AnswerThreadGone(threads[0]?.threadId ?? 0, null);
        for (const h of held.splice(0)) h.reject(gone);
        return;
      }
      if (thread.pending >= inFlight) return;
      sendTo(thread, held.shift()!);
    }
  }

  const wrap = (threads: AnswerThread[], version: number): Serving => {
    const ask: AsyncAnswerEngine = {
      answer: (question, o) => {
        if (held.length === 0) {
          const thread = pickThread(threads, lastPicked);
          if (!thread) return Promise.reject(new AnswerThreadGone(threads[0]?.threadId ?? 0, null));
          if (thread.pending < inFlight) {
            lastPicked = threads.indexOf(thread);
            return thread.ask(question, o).finally(feed);
          }
        }
        return new Promise<Answer>((resolve, reject) => {
          held.push({ at: performance.now(), question, ...(o ? { options: o } : {}), resolve, reject });
        });
      },
    };
    return {
      snapshot: threads[0]!.summary,
      version,
      loadedAt: new Date().toISOString(),
      threads,
      answers:
        cacheEntries > 0
          ? cacheAnswersAsync(ask, cacheEntries)
          : { ...ask, stats: () => ({ hits: 0, misses: 0, size: 0 }) },
    };
  };

  const answering = () => serving.threads.some((t) => t.alive);
  const degraded = () => serving.threads.some((t) => !t.alive);

  let serving = wrap(await spawnPool(spawn, size), 1);
  for (const t of serving.threads) watchCrash(t);

  function swapIn(threads: AnswerThread[]): Serving {
    const previous = serving;
    serving = wrap(threads, previous.version + 1);
    for (const t of threads) watchCrash(t);
    for (const wake of revived) wake();
    revived = [];
    feed(); // what waited for the old pool goes to the new one
    for (const old of previous.threads) {
      if (!old.alive) continue;
      // questions already sent to the old worker are answered there, then it ends
      retiring.add(old);
      void old.retire(RETIRE_GRACE_MS).finally(() => retiring.delete(old));
    }
    return previous;
  }

  let restarting = false;
  function watchCrash(thread: AnswerThread) {
    thread.onCrash((code, error) => {
      if (closed || !serving.threads.includes(thread)) return; // a retiring worker's questions are asked again anyway
      logger.error(
        { threadId: thread.threadId, code, err: error, alive: serving.threads.filter((t) => t.alive).length },
        'serving: answer worker crashed; starting another',
      );
      if (!restarting) void restart(code, 0);
    });
  }

  // A new pool on the files as they are now (a reload), until one is serving with every worker alive; a
  // failed reload is tried again after a back-off. One restart loop at a time.
  async function restart(code: number, attempt: number): Promise<void> {
    if (closed || !degraded()) {
      restarting = false;
      return;
    }
    restarting = true;
    let ok = false;
    try {
      ok = (await reload(`restart: answer worker exited (code ${code})`)).ok;
      if (ok) {
        restarts += 1;
        options.onRestart?.(code);
      }
    } catch (err) {
      logger.error({ err }, 'serving: could not replace the crashed answer worker');
    }
    if (closed || !degraded()) {
      restarting = false;
      return;
    }
    // the reload failed, or a worker of the new pool crashed meanwhile
    const delay = ok ? 0 : (RESTART_BACKOFF_MS[Math.min(attempt + 1, RESTART_BACKOFF_MS.length - 1)] ?? 10_000);
    setTimeout(() => void restart(code, ok ? 0 : attempt + 1), delay).unref();
  }

  const reloads = createReloadRunner({
    logger,
    ...(onReload ? { onReload } : {}),
    version: () => serving.version,
    async swap() {
      const previous = serving;
      const threads = await spawnPool(spawn, size);
      if (closed) {
        await Promise.all(threads.map((t) => t.terminate()));
        throw new Error('serving: closed during the reload');
      }
      swapIn(threads);
      return {
        at: serving.loadedAt,
        version: serving.version,
        changed: serving.snapshot.hash !== previous.snapshot.hash,
        log: { threadIds: threads.map((t) => t.threadId) },
      };
    },
  });
  const reload = reloads.reload;

  /** The serving pool, once a worker of it is alive (after a crash of all: the new pool, for up to RESTART_WAIT_MS). */
  async function live(): Promise<Serving> {
    if (answering()) return serving;
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
      // Asked at most twice: a question that itself crashes a worker fails visibly the second time.
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
    answering,
    reload,
    status() {
      return {
        ...storeStatus(serving, serving.snapshot.counts, reloads),
        worker: {
          size: serving.threads.length,
          alive: serving.threads.filter((t) => t.alive).length,
          threadIds: serving.threads.map((t) => t.threadId),
          restarts,
          pending: serving.threads.reduce((n, t) => n + t.pending, held.length),
          answerCache: serving.answers.stats(),
        },
      };
    },
    async watch(paths, watchOptions = {}) {
      if (!closed) await reloads.watch(paths, watchOptions);
    },
    async close(retireMs = 5_000) {
      closed = true;
      // watchers stopped and an in-flight reload finished so nothing starts after close, then every worker ends
      await reloads.close();
      await Promise.all([
        ...serving.threads.map((t) => t.retire(retireMs)),
        ...[...retiring].map((t) => t.terminate()),
      ]);
    },
  };
}
