// Where a served question's time goes: the engine answers the bench's distinct questions (after its 100-question
// warm-up) with suggestions on, once; run under `node --cpu-prof` to see the split, e.g.
//   node --import tsx --cpu-prof --cpu-prof-dir=/tmp/prof bench/served-profile.ts   (SUGGEST=0: the core; NQ)
import { createAnalyzer } from '../src/analysis/index.js';
import { createAnswerEngine } from '../src/answer/index.js';
import { loadKnowledge } from '../src/knowledge/index.js';
import { buildIndex } from '../src/search/index.js';
import { generateQuestions } from './questions.js';

const root = process.argv[2] ?? new URL('..', import.meta.url).pathname;
const suggest = process.env.SUGGEST !== '0';
const loaded = await loadKnowledge({ root });
if (!loaded.ok) throw new Error(`served-profile: ${loaded.errors.map((e) => e.message).join('; ')}`);
const snapshot = loaded.snapshot;
const analyzer = await createAnalyzer({ synonyms: snapshot.synonyms });
const index = buildIndex(snapshot, analyzer);
const engine = createAnswerEngine({ snapshot, index, analyzer });
const qs = generateQuestions(snapshot, Number(process.env.NQ ?? 1200));
const options = (q: { municipality?: string }) =>
  q.municipality ? { municipality: q.municipality, suggest } : { suggest };
for (const q of qs.slice(0, 100)) engine.answer(q.q, options(q));
const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const heap = () => {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
};
// HEAP_PROF=<file>: where the questions allocate (every sampled allocation, collected or not)
const heapProf = process.env.HEAP_PROF;
const session = heapProf ? new (await import('node:inspector/promises')).Session() : null;
if (session) {
  session.connect();
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
}
const t = cpu();
let at300 = 0;
qs.forEach((q, i) => {
  engine.answer(q.q, options(q));
  if (i === 299) at300 = heap();
});
const ms = (cpu() - t) / qs.length;
if (session && heapProf) {
  const { profile } = await session.post('HeapProfiler.stopSampling');
  (await import('node:fs')).writeFileSync(heapProf, JSON.stringify(profile));
}
console.log(
  `${qs.length} questions, suggest ${suggest}: ${ms.toFixed(3)} ms/q (CPU)` +
    (globalThis.gc ? `, heap after 300 ${at300.toFixed(1)} MB, after ${qs.length} ${heap().toFixed(1)} MB` : ''),
);
