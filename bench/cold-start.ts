// One cold start, run as a child process by index-bench.ts: knowledge → analyzer → index (cached or built).
// Prints one JSON line: phase times, ms since process start at ready, whether the cache served, RSS.
import { createAnalyzer } from '../src/analysis/index.js';
import { loadKnowledge } from '../src/knowledge/index.js';
import { loadOrBuildIndex } from '../src/search/index.js';

const cacheDir = process.argv[2] ?? '.cache';
const root = new URL('..', import.meta.url).pathname;
const t0 = performance.now();
const analyzerReady = createAnalyzer().then((a) => {
  analyzerMs = performance.now() - t0;
  return a;
});
let analyzerMs = 0;
const loaded = await loadKnowledge({ root });
const knowledgeMs = performance.now() - t0;
if (!loaded.ok) throw new Error('bench: knowledge did not load');
const synonyms = loaded.snapshot.synonyms;
// The cache is read and parsed while the dictionary loads.
const { index, fromCache } = await loadOrBuildIndex(
  loaded.snapshot,
  analyzerReady.then((a) => a.withSynonyms(synonyms)),
  cacheDir,
);
const indexMs = performance.now() - t0 - Math.max(analyzerMs, knowledgeMs);
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
