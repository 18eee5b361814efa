// One cold start, run as a child process by index-bench.ts: knowledge → analyzer → index (cached or built).
// Prints one JSON line: phase times, ms since process start at ready, whether the cache served, RSS.
import { createAnalyzer } from '../src/analysis/index.js';
import { loadKnowledge } from '../src/knowledge/index.js';
import { loadOrBuildIndex } from '../src/search/index.js';

const cacheDir = process.argv[2] ?? '.cache';
const root = new URL('..', import.meta.url).pathname;
const t0 = performance.now();
const knowledge = loadKnowledge({ root }).then((r) => ({ r, ms: performance.now() - t0 }));
const analyzerReady = createAnalyzer().then((a) => ({ a, ms: performance.now() - t0 }));
const [{ r: loaded, ms: knowledgeMs }, { a: analyzer, ms: analyzerMs }] = await Promise.all([knowledge, analyzerReady]);
if (!loaded.ok) throw new Error('bench: knowledge did not load');
const t1 = performance.now();
const { index, fromCache } = await loadOrBuildIndex(
  loaded.snapshot,
  analyzer.withSynonyms(loaded.snapshot.synonyms),
  cacheDir,
);
const indexMs = performance.now() - t1;
index.search('マイナンバーカードの普及率');
console.log(
  JSON.stringify({
    startMs: t0,
    knowledgeMs,
    analyzerMs,
    indexMs,
    readyMs: performance.now(),
    fromCache,
    rssMb: process.memoryUsage().rss / 2 ** 20,
  }),
);
