// One MiniSearch per municipality (issue 18: a scoped question costs the same with 5 or 80 municipalities).
// The shards score with the whole corpus's BM25 statistics, so the sharded index must rank exactly as one
// index over every document does — for unscoped questions (every shard, hits merged) and scoped ones.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Analyzer, createAnalyzer } from '../../src/analysis/index.js';
import type { KnowledgeSnapshot } from '../../src/knowledge/index.js';
import { collectSources } from '../../src/search/documents.js';
import { buildIndex, type SearchIndex } from '../../src/search/index.js';
import { buildShard, SHARED, wrapIndex } from '../../src/search/search-index.js';
import { loadCorpus, ROOT } from '../knowledge/corpus.js';

let snapshot: KnowledgeSnapshot;
let analyzer: Analyzer;
let sharded: SearchIndex;
let single: SearchIndex;
beforeAll(async () => {
  snapshot = await loadCorpus();
  analyzer = await createAnalyzer({ synonyms: snapshot.synonyms });
  sharded = buildIndex(snapshot, analyzer);
  // every document in one shard (the shared one, searched for every question): the index before sharding
  single = wrapIndex([buildShard(SHARED, collectSources(snapshot), analyzer, 'all')], snapshot, analyzer);
});

const questions = readFileSync(join(ROOT, 'knowledge/questions/regression.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { q: string }).q);

const ranking = (index: SearchIndex, q: string, municipality?: string | null) =>
  index
    .search(q, { limit: 20, ...(municipality !== undefined ? { municipality } : {}) })
    .map((h) => [h.id, Number(h.score.toPrecision(9))]);

describe('sharded index', () => {
  it('has one shard per municipality with documents, plus the shared FAQ', () => {
    const names = sharded.shards().map((s) => s.name);
    const withDocs = new Set(snapshot.passages.map((p) => p.municipality));
    for (const m of withDocs) expect(names).toContain(m);
    expect(sharded.size).toBe(single.size);
  });

  it('ranks unscoped questions as one index over every document (same hits, same order, same scores)', () => {
    for (const q of questions) expect(ranking(sharded, q, null), q).toEqual(ranking(single, q, null));
  });

  it('ranks a question scoped to a municipality as the one index filtered to it', () => {
    for (const m of snapshot.municipalities.map((x) => x.id)) {
      for (const q of questions.slice(0, 10))
        expect(ranking(sharded, q, m), `${m}: ${q}`).toEqual(ranking(single, q, m));
    }
  });
});
