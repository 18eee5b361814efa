// The answer worker (a node:worker_threads thread): loads one knowledge snapshot, builds the analyzer,
// index and engine from it, says "ready" with what the main thread keeps of the snapshot (municipalities,
// question sets, counts), then answers questions one at a time. The main thread keeps HTTP, LINE, sessions
// and the console, so an answer never holds up a webhook or /healthz; a reload is a new worker (see
// serving-store.ts). Composition root of the thread, like main.ts is of the process.
import { readlinkSync, writeFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { PerformanceObserver, constants as perf } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { createAnalyzer } from './analysis/index.js';
import {
  ANSWER_THREAD_NAME,
  type AnswerWorkerData,
  type FromWorker,
  type SnapshotSummary,
  type ToWorker,
  threadClock,
} from './answer-protocol.js';
import { countsOf, type KnowledgeError, loadKnowledge } from './knowledge/index.js';
import { createServingRuntimeBuilder } from './serving-runtime.js';

async function start(port: NonNullable<typeof parentPort>, data: AnswerWorkerData): Promise<void> {
  const post = (message: FromWorker) => port.postMessage(message);
  // The dictionary is the processes' shared copy when given; the knowledge files are read meanwhile.
  const analyzer = createAnalyzer(data.dictionary ? { dictionary: data.dictionary } : {});
  analyzer.catch(() => {}); // awaited by the build; a failure surfaces there
  let errors: KnowledgeError[];
  try {
    const result = await loadKnowledge({ root: data.root, knowledgeDir: data.knowledgeDir, seedsDir: data.seedsDir });
    if (!result.ok) {
      post({ type: 'failed', errors: result.errors });
      return;
    }
    const snapshot = result.snapshot;
    // The analyzer memo lives here (with the engine); the answer cache lives on the main thread.
    const build = createServingRuntimeBuilder({ cacheDir: data.cacheDir, analyzer, answerCache: 0 });
    const runtime = await build(snapshot);
    const summary: SnapshotSummary = {
      hash: snapshot.hash,
      loadedAt: snapshot.loadedAt,
      files: snapshot.files,
      municipalities: snapshot.municipalities,
      questionSets: snapshot.questionSets,
      counts: countsOf(snapshot),
      fromCache: runtime.fromCache,
    };
    const engine = runtime.engine;
    port.on('message', (message: ToWorker) => {
      if (message.type !== 'answer') return;
      const startedAt = threadClock();
      try {
        const answer = engine.answer(message.question, message.options);
        post({ type: 'answer', id: message.id, answer, startedAt, ms: threadClock() - startedAt });
      } catch (err) {
        post({ type: 'error', id: message.id, message: err instanceof Error ? err.message : String(err) });
      }
    });
    // GC pauses of this thread, for the main thread's per-stage timings (a pause holds every queued question),
    // and after a full GC the heap it kept: what the engine holds live, apart from garbage not yet collected
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const full = (e as unknown as { detail?: { kind?: number } }).detail?.kind === perf.NODE_PERFORMANCE_GC_MAJOR;
        post({ type: 'gc', ms: e.duration, ...(full ? { liveBytes: getHeapStatistics().used_heap_size } : {}) });
      }
    }).observe({ entryTypes: ['gc'] });
    post({ type: 'ready', summary });
    return;
  } catch (err) {
    errors = [{ file: '(build)', message: err instanceof Error ? err.message : String(err) }];
  }
  post({ type: 'failed', errors });
}

// The thread names itself, so that top -H, ps -L and the webhook bench (bench/proc-stats.ts) tell the
// answer workers' CPU from the main thread's and V8's helpers'. Linux only; elsewhere nothing changes.
function nameThread(): void {
  try {
    writeFileSync('/proc/thread-self/comm', ANSWER_THREAD_NAME);
  } catch {
    // not Linux: the thread keeps its name
  }
}

// By default the worker yields the CPU to the main thread: when both want a core, HTTP (a webhook's
// acknowledgement, /healthz) goes first and an answer waits. Linux gives each thread its own nice value;
// /proc/thread-self names this thread. Elsewhere nothing changes. The price on a shared host: a nice thread
// also yields to every other process there (ANSWER_WORKER_NICE=0 to compete as an equal; see README).
const WORKER_NICE = 10;
function lowerPriority(nice: number): void {
  if (nice <= 0) return;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, nice);
  } catch {
    // not Linux, or not allowed: the worker keeps the process's priority
  }
}

if (parentPort) {
  nameThread();
  const data = workerData as AnswerWorkerData;
  lowerPriority(data.nice ?? WORKER_NICE);
  void start(parentPort, data);
}
