// The main thread's side of one answer worker: starts it, resolves once it is ready (or rejects with the
// knowledge errors it reported), sends it questions and matches the answers to them. A worker that ends
// before answering rejects every question still in it with AnswerThreadGone, so the caller can ask again
// elsewhere (serving-store.ts does) instead of waiting for ever.
import { extname } from 'node:path';
import { type ResourceLimits, Worker } from 'node:worker_threads';
import type { Answer, AskOptions } from './answer/index.js';
import {
  type AnswerTiming,
  type AnswerWorkerData,
  type FromWorker,
  type SnapshotSummary,
  type ToWorker,
  threadClock,
} from './answer-protocol.js';
import { KnowledgeLoadError } from './knowledge/index.js';

/** The worker ended (crashed, or was stopped) before it answered this question. */
export class AnswerThreadGone extends Error {
  override name = 'AnswerThreadGone';
  constructor(
    readonly threadId: number,
    readonly exitCode: number | null,
  ) {
    super(`serving: answer worker ${threadId} ended before answering`);
  }
}

export interface AnswerThread {
  readonly threadId: number;
  readonly summary: SnapshotSummary;
  readonly worker: Worker; // for the tests that end one the way a crash would
  /** Questions sent and not answered yet. */
  readonly pending: number;
  /** When the oldest of them was sent (threadClock(), ms), or null when none is. */
  readonly oldestSentAt: number | null;
  /** Questions answered (or refused with an error) so far. */
  readonly answered: number;
  readonly alive: boolean;
  ask(question: string, options?: AskOptions): Promise<Answer>;
  /** Told once when the worker ends without being asked to (crash, out of memory). */
  onCrash(listener: (exitCode: number, error: Error | null) => void): void;
  /** Ends the worker once every question already sent is answered (at most `graceMs`). */
  retire(graceMs: number): Promise<void>;
  /** Ends the worker now; questions still in it reject with AnswerThreadGone. */
  terminate(): Promise<void>;
}

export interface SpawnOptions {
  data: AnswerWorkerData;
  resourceLimits?: ResourceLimits;
  onTiming?: (timing: AnswerTiming) => void; // each answered question (metrics)
  onGc?: (ms: number, liveBytes?: number) => void; // each GC pause of the worker (a full one: the heap kept)
}

// dist/answer-worker.js beside dist/answer-thread.js in production (the worker inherits the process's
// flags, the heap cap included); src/answer-worker.ts from source needs tsx's loader in the worker (vitest
// runs without it), and a worker refuses V8 flags in its own execArgv.
const V8_ONLY = /^--(max-old-space-size|max-semi-space-size|expose-gc|stack-size)/;
function workerEntry(): { url: URL; execArgv?: string[] } {
  const ext = extname(new URL(import.meta.url).pathname);
  const url = new URL(`./answer-worker${ext}`, import.meta.url);
  if (ext !== '.ts') return { url };
  const own = process.execArgv.filter((a) => !V8_ONLY.test(a));
  return { url, execArgv: own.some((a) => a.includes('tsx')) ? own : [...own, '--import', 'tsx'] };
}

export function spawnAnswerThread(options: SpawnOptions): Promise<AnswerThread> {
  const entry = workerEntry();
  const worker = new Worker(entry.url, {
    workerData: options.data,
    ...(entry.execArgv ? { execArgv: entry.execArgv } : {}),
    ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
  });
  const threadId = worker.threadId;
  const waiting = new Map<number, { resolve: (a: Answer) => void; reject: (e: Error) => void; sentAt: number }>();
  const crashListeners: Array<(code: number, error: Error | null) => void> = [];
  let nextId = 1;
  let answered = 0;
  let alive = true;
  let stopping = false; // retire/terminate asked for it: an exit is not a crash
  let lastError: Error | null = null;
  let drained: (() => void) | null = null;

  return new Promise<AnswerThread>((resolveReady, rejectReady) => {
    let ready = false;
    const thread: AnswerThread = {
      threadId,
      summary: undefined as unknown as SnapshotSummary, // set on "ready", before anyone sees the thread
      worker,
      get pending() {
        return waiting.size;
      },
      get oldestSentAt() {
        // a Map iterates in insertion order: the first entry is the oldest
        for (const w of waiting.values()) return w.sentAt;
        return null;
      },
      get answered() {
        return answered;
      },
      get alive() {
        return alive;
      },
      ask(question, askOptions = {}) {
        if (!alive) return Promise.reject(new AnswerThreadGone(threadId, null));
        const id = nextId++;
        return new Promise<Answer>((resolve, reject) => {
          waiting.set(id, { resolve, reject, sentAt: threadClock() });
          try {
            worker.postMessage({ type: 'answer', id, question, options: askOptions } satisfies ToWorker);
          } catch (err) {
            waiting.delete(id);
            reject(err instanceof Error ? err : new Error(String(err)));
          }
        });
      },
      onCrash(listener) {
        crashListeners.push(listener);
      },
      async retire(graceMs) {
        stopping = true;
        if (waiting.size > 0 && alive) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, graceMs);
            drained = () => {
              clearTimeout(timer);
              resolve();
            };
          });
        }
        await worker.terminate();
      },
      async terminate() {
        stopping = true;
        await worker.terminate();
      },
    };

    worker.on('message', (message: FromWorker) => {
      switch (message.type) {
        case 'ready':
          ready = true;
          (thread as { summary: SnapshotSummary }).summary = message.summary;
          resolveReady(thread);
          return;
        case 'failed':
          stopping = true;
          void worker.terminate();
          rejectReady(new KnowledgeLoadError(message.errors));
          return;
        case 'gc':
          options.onGc?.(message.ms, message.liveBytes);
          return;
        case 'answer':
        case 'error': {
          const w = waiting.get(message.id);
          if (!w) return;
          waiting.delete(message.id);
          answered += 1;
          if (message.type === 'answer') {
            const doneAt = message.startedAt + message.ms;
            options.onTiming?.({
              queuedMs: Math.max(0, message.startedAt - w.sentAt),
              answerMs: message.ms,
              returnMs: Math.max(0, threadClock() - doneAt),
            });
            w.resolve(message.answer);
          } else w.reject(new Error(message.message));
          if (waiting.size === 0) drained?.();
          return;
        }
      }
    });
    worker.on('error', (err) => {
      lastError = err;
    });
    worker.on('exit', (code) => {
      alive = false;
      const gone = new AnswerThreadGone(threadId, code);
      for (const w of waiting.values()) w.reject(gone);
      waiting.clear();
      drained?.();
      if (!ready) {
        rejectReady(
          lastError ?? new Error(`serving: answer worker ${threadId} exited (code ${code}) before it was ready`),
        );
        return;
      }
      if (stopping) return;
      for (const listener of crashListeners) listener(code, lastError);
    });
  });
}
