// The answer worker's CPU per question, in-process, on the path the webhook bench gives it, against the
// in-process bench's: which engine (`bench`: createAnswerEngine as bench/index-bench.ts builds it; `served`: the
// serving runtime's, with the lexicon and the static texts analysed once; `thread`: the answer worker itself,
// src/answer-worker.ts over the process's shared dictionary as main.ts starts it, asked one question at a time),
// which questions (`gen`: the bench's generated questions with their municipality option; `webhook`: the webhook
// bench's distinct texts in its order, no municipality), whether each message carries its user's session
// context (USERS users in turn, as the webhook bench's users do after their first message; 0: none), whether the
// answer is structured-cloned as postMessage does (CLONE=1), and a pause between questions (GAP_MS). Prints the
// CPU of the engine (for `thread` the worker thread's, from /proc), of this thread and of the whole process,
// and every thread's by name (V8's helpers are "node"); MARK=n prints each n questions' CPU (the JIT settling).
//   node --max-old-space-size=384 --import tsx bench/worker-path.ts [root]
//   ENGINE=bench|served|thread QS=gen|webhook USERS=0|n CLONE=0|1 GAP_MS=0 N=3000 WARM=300 MARK=0
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { createAnalyzer, loadDictionary } from '../src/analysis/index.js';
import { createConversation } from '../src/answer/conversation.js';
import { type Answer, type AskOptions, createAnswerEngine } from '../src/answer/index.js';
import { ANSWER_THREAD_NAME } from '../src/answer-protocol.js';
import { spawnAnswerThread } from '../src/answer-thread.js';
import { loadKnowledge } from '../src/knowledge/index.js';
import { buildIndex } from '../src/search/index.js';
import { createServingRuntimeBuilder } from '../src/serving-runtime.js';
import { generateQuestions } from './questions.js';

const root = process.argv[2] ?? new URL('..', import.meta.url).pathname;
const env = (k: string, d: string) => process.env[k] ?? d;
const ENGINE = env('ENGINE', 'served');
const QS = env('QS', 'webhook');
const USERS = Number(env('USERS', '0'));
const CLONE = env('CLONE', '0') === '1';
const N = Number(env('N', '3000'));
const WARM = Number(env('WARM', '300'));
const GAP_MS = Number(env('GAP_MS', '0'));
const MARK = Number(env('MARK', '0'));
const loaded = await loadKnowledge({ root });
if (!loaded.ok) throw new Error('worker-path: the knowledge does not load');
const snapshot = loaded.snapshot;

// every thread's CPU (ms) by name, from /proc (this process's main thread as "main")
function byThread(): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const f = stat.slice(close + 2).split(' ');
      const name = tid === String(process.pid) ? 'main' : stat.slice(stat.indexOf('(') + 1, close);
      out.set(name, (out.get(name) ?? 0) + (Number(f[11]) + Number(f[12])) * 10);
    } catch {
      // the thread ended meanwhile
    }
  }
  return out;
}

let engine: { answer(q: string, o?: AskOptions): Answer | Promise<Answer> };
if (ENGINE === 'thread') {
  const thread = await spawnAnswerThread({
    data: {
      root,
      knowledgeDir: join(root, 'knowledge'),
      seedsDir: join(root, 'seeds'),
      cacheDir: null,
      dictionary: await loadDictionary(),
    },
  });
  engine = { answer: (q, o) => thread.ask(q, o) };
} else if (ENGINE === 'bench') {
  const analyzer = await createAnalyzer({ synonyms: snapshot.synonyms });
  engine = createAnswerEngine({ snapshot, index: buildIndex(snapshot, analyzer), analyzer });
} else {
  engine = (await createServingRuntimeBuilder({ cacheDir: null, answerCache: 0 })(snapshot)).engine;
}
const qs: { q: string; municipality?: string }[] =
  QS === 'gen'
    ? generateQuestions(snapshot, WARM + N)
    : [...new Set(generateQuestions(snapshot).map((q) => q.q))].map((q) => ({ q }));
const sessions = new Map<string, string>();
const conversation = createConversation({
  sessions: {
    getSession: async (k) => sessions.get(k) ?? null,
    setSession: async (k, v) => void sessions.set(k, v),
    clearSession: async (k) => void sessions.delete(k),
  },
  ttlSeconds: 1800,
});
const thread = () => {
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1000;
};
const proc = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const counts = { inEngine: 0, withContext: 0, followUps: 0, suggestions: 0 };
const service = {
  async answer(q: string, o?: AskOptions) {
    if (o?.context) counts.withContext += 1;
    const t = thread();
    let a = await engine.answer(q, o);
    if (CLONE) a = deserialize(serialize(a));
    counts.inEngine += thread() - t;
    if (a.resolvedQuestion) counts.followUps += 1;
    counts.suggestions += a.followUps?.length ?? 0;
    return a;
  },
};
async function ask(i: number) {
  const q = qs[i % qs.length]!;
  const options = { municipality: (q.municipality ?? null) as AskOptions['municipality'] };
  if (USERS > 0) await conversation.ask(service, q.q, { ...options, strict: false, session: `u${i % USERS}` });
  else await service.answer(q.q, options);
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (let i = 0; i < WARM; i++) await ask(i);
Object.assign(counts, { inEngine: 0, withContext: 0, followUps: 0, suggestions: 0 });
const threads0 = byThread();
const worker0 = threads0.get(ANSWER_THREAD_NAME) ?? 0;
const [t0, p0] = [thread(), proc()];
let mark = [t0, p0];
for (let i = WARM; i < WARM + N; i++) {
  await ask(i);
  if (GAP_MS > 0) await sleep(GAP_MS);
  if (MARK > 0 && (i - WARM + 1) % MARK === 0) {
    const [t, p] = [thread(), proc()];
    console.log(
      `  to question ${i - WARM + 1}: ${((t - mark[0]!) / MARK).toFixed(3)} ms/q this thread, ${((p - mark[1]!) / MARK).toFixed(3)} process`,
    );
    mark = [t, p];
  }
}
const [t1, p1] = [thread(), proc()];
const threads1 = byThread();
if (ENGINE === 'thread') counts.inEngine = (threads1.get(ANSWER_THREAD_NAME) ?? 0) - worker0;
const per = (x: number) => (x / N).toFixed(3);
console.log(
  `ENGINE=${ENGINE} QS=${QS} USERS=${USERS} CLONE=${CLONE ? 1 : 0} GAP_MS=${GAP_MS} N=${N}: engine ${per(counts.inEngine)} ms/q, ` +
    `this thread ${per(t1 - t0)}, process ${per(p1 - p0)} (CPU); with a context ${counts.withContext}, read as a ` +
    `follow-up ${counts.followUps}, suggestions ${counts.suggestions}`,
);
console.log(
  `  by thread (ms/q): ${[...threads1]
    .map(([k, v]) => [k, (v - (threads0.get(k) ?? 0)) / N] as const)
    .filter(([, v]) => v > 0)
    .map(([k, v]) => `${k} ${v.toFixed(3)}`)
    .join(', ')}`,
);
process.exit(0);
