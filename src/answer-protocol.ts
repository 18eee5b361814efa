// What the main thread and an answer worker (answer-worker.ts) say to each other, and what the main thread
// keeps of a snapshot: the municipalities (LINE, the API, the console), the question sets (regression runs)
// and the counts the console's status shows. Everything else of the snapshot stays in the worker.
import type { SharedDictionary } from './analysis/index.js';
import type { Answer, AskOptions } from './answer/index.js';
import type {
  KnowledgeError,
  Municipality,
  MunicipalityCounts,
  MunicipalityId,
  QuestionSet,
} from './knowledge/index.js';

/** The name each answer worker gives its thread (Linux: top -H, ps -L, the webhook bench's CPU split). */
export const ANSWER_THREAD_NAME = 'answer-worker';

export interface AnswerWorkerData {
  root: string;
  knowledgeDir: string;
  seedsDir: string;
  cacheDir: string | null; // null: no index cache on disk
  dictionary?: SharedDictionary; // kuromoji's files in shared memory; absent: the worker reads its own copy
  nice?: number; // the thread's nice value (Linux); absent: 10
}

export interface SnapshotSummary {
  hash: string;
  loadedAt: string;
  files: string[];
  municipalities: Municipality[];
  questionSets: QuestionSet[];
  counts: Record<MunicipalityId, MunicipalityCounts>;
  fromCache: boolean; // the index was read from the disk cache
}

export type ToWorker = { type: 'answer'; id: number; question: string; options: AskOptions };

/** Where a question's time went between the main thread and its answer worker (ms). */
export interface AnswerTiming {
  queuedMs: number; // sent → the worker started on it (waiting behind other questions, or for the CPU)
  answerMs: number; // the worker's own time on it (engine.answer)
  returnMs: number; // the worker finished → the main thread read the answer (the main thread's own backlog)
}

// Clock readings comparable across threads: each thread's performance.timeOrigin differs, this sum does not.
export const threadClock = () => performance.timeOrigin + performance.now();

export type FromWorker =
  | { type: 'ready'; summary: SnapshotSummary }
  | { type: 'failed'; errors: KnowledgeError[] }
  | { type: 'answer'; id: number; answer: Answer; startedAt: number; ms: number } // startedAt: threadClock()
  | { type: 'error'; id: number; message: string }
  | { type: 'gc'; ms: number; liveBytes?: number }; // a GC paused the worker this long (a full one: the heap it kept)
