// Before/after in one process: the engines of two checkouts (each built from its own code and knowledge) answer
// the bench's distinct questions in turn, after the bench's 100-question warm-up, alternating which goes first.
//   npx tsx bench/engine-ab.ts <before checkout> <after checkout>   (SUGGEST=0: the core; REPS, NQ)
// CLOCK=cpu times each answer by the process's CPU time (user + system) instead of the wall clock: on a machine
// busier than its cores, wall time is mostly waiting for one.
interface Engine {
  answer(q: string, o: object): unknown;
}
interface Setup {
  root: string;
  make(): Engine;
  qs: { q: string; municipality?: string }[];
}
const roots = process.argv.slice(2);
const suggest = process.env.SUGGEST !== '0';
const setups: Setup[] = [];
for (const root of roots) {
  const { createAnalyzer } = await import(`${root}/src/analysis/index.js`);
  const { createAnswerEngine } = await import(`${root}/src/answer/index.js`);
  const { loadKnowledge } = await import(`${root}/src/knowledge/index.js`);
  const { buildIndex } = await import(`${root}/src/search/index.js`);
  const { generateQuestions } = await import(`${root}/bench/questions.js`);
  const snapshot = (await loadKnowledge({ root })).snapshot;
  const analyzer = await createAnalyzer({ synonyms: snapshot.synonyms });
  const index = buildIndex(snapshot, analyzer);
  setups.push({
    root,
    make: () => createAnswerEngine({ snapshot, index, analyzer }),
    qs: generateQuestions(snapshot, Number(process.env.NQ ?? 1200)),
  });
}
const qs = setups[0]!.qs;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const options = (q: { municipality?: string }) =>
  q.municipality ? { municipality: q.municipality, suggest } : { suggest };
const passes = setups.map(() => [] as number[]);
const cpu = process.env.CLOCK === 'cpu';
const now = () => {
  if (!cpu) return performance.now();
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
for (let r = 0; r < Number(process.env.REPS ?? 3); r++) {
  const engines = setups.map((s) => s.make());
  for (const q of qs.slice(0, 100)) for (const e of engines) e.answer(q.q, options(q));
  const times = setups.map(() => [] as number[]);
  qs.forEach((q, i) => {
    const order = i % 2 ? [...engines.keys()].reverse() : [...engines.keys()];
    for (const k of order) {
      const t = now();
      engines[k]!.answer(q.q, options(q));
      times[k]!.push(now() - t);
    }
  });
  times.forEach((t, k) => {
    passes[k]!.push(mean(t));
  });
}
setups.forEach((s, k) => {
  const m = mean(passes[k]!);
  console.log(
    `${s.root}: ${passes[k]!.map((x) => x.toFixed(3)).join(' ')} ms/q${cpu ? ' (CPU)' : ''}, mean ${m.toFixed(3)}, ${(m / mean(passes[0]!)).toFixed(3)}× the first`,
  );
});
