// One start-up of the answering runtime on a corpus root, run as a child process by scale-bench.ts:
// knowledge + dictionary → index shards (cached or built) → engine; then, when given questions, each answered
// once by the plain engine (no answer cache, no analysis memo). Prints one JSON line.
import { readFileSync } from 'node:fs';
import { createAnalyzer } from '../src/analysis/index.js';
import { loadKnowledge } from '../src/knowledge/index.js';
import { createRuntimeBuilder } from '../src/runtime.js';
import type { BenchQuestion } from './questions.js';

const [root, cacheDir, questionsFile] = process.argv.slice(2) as [string, string, string | undefined];
const t0 = performance.now();
const analyzer = createAnalyzer();
analyzer.catch(() => {});
const loaded = await loadKnowledge({ root });
if (!loaded.ok) throw new Error('bench: knowledge did not load');
const knowledgeMs = performance.now() - t0;
const runtime = await createRuntimeBuilder({ cacheDir, analyzer })(loaded.snapshot);
const readyMs = performance.now() - t0;
const rssMb = process.memoryUsage().rss / 2 ** 20;
const shards = runtime.index.shards().length;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : Number.NaN;
};
const timings: Record<string, { p50: number; p99: number; mean: number; n: number }> = {};
if (questionsFile) {
  const questions = JSON.parse(readFileSync(questionsFile, 'utf8')) as BenchQuestion[];
  // warm-up (JIT), not measured
  for (const q of questions.slice(0, 50))
    runtime.engine.answer(q.q, q.municipality ? { municipality: q.municipality } : {});
  const by: Record<string, number[]> = { scoped: [], unscoped: [] };
  for (const q of questions) {
    const t = performance.now();
    runtime.engine.answer(q.q, q.municipality ? { municipality: q.municipality } : {});
    by[q.scope === 'none' ? 'unscoped' : 'scoped']!.push(performance.now() - t);
  }
  for (const [k, xs] of Object.entries(by))
    timings[k] = { p50: pct(xs, 50), p99: pct(xs, 99), mean: xs.reduce((a, b) => a + b, 0) / xs.length, n: xs.length };
}
console.log(JSON.stringify({ knowledgeMs, readyMs, rssMb, fromCache: runtime.fromCache, shards, timings }));
