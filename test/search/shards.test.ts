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

describe('reading some municipalities (the not-stated step’s bounded fan-out)', () => {
  const among = ['hinode', 'nishitokyo'];
  const all = (options: Parameters<SearchIndex['search']>[1]) => (q: string) =>
    sharded.search(q, { limit: 10_000, ...options }).map((h) => [h.id, h.municipality, Number(h.score.toPrecision(9))]);

  it('ranks as every shard does, filtered to those municipalities and the shared entries', () => {
    for (const q of questions) {
      const full = all({ municipality: null })(q).filter(([, m]) => m === null || among.includes(m as string));
      expect(all({ municipality: null, among })(q), q).toEqual(full);
    }
  });

  it('a question’s shared retrievals keep a search among some municipalities apart from the full fan-out', () => {
    const q = 'マイナンバーカードの普及';
    const retrievals = new Map();
    const hits = (options: Parameters<SearchIndex['search']>[1]) =>
      sharded.search(q, { municipality: null, limit: 50, ...options }).map((h) => [h.id, h.municipality]);
    const some = hits({ among, retrievals });
    const every = hits({ retrievals });
    expect(some).toEqual(hits({ among }));
    expect(every).toEqual(hits({}));
    expect(every.some(([, m]) => m && !among.includes(m))).toBe(true);
  });

  // Which municipalities' documents hold a topic: from the index's term table, no search.
  const cases = [
    { concepts: [['5g']], first: ['higashikurume'], why: 'only 東久留米市 writes of 5G; the others follow in order' },
    { concepts: [['チャットボット']], first: ['koganei', 'hinode', 'nishitokyo'], why: 'its holders, in order' },
    {
      concepts: [['チャットボット'], ['ドローン']],
      first: ['nishitokyo', 'koganei', 'hinode'],
      why: '西東京市 holds both concepts',
    },
    {
      concepts: [['人工知能', 'ai']],
      first: ['higashikurume', 'koganei', 'hinode', 'musashino', 'nishitokyo'],
      why: 'one concept whichever spelling: 小金井市 writes only AI and is not ranked after those writing 人工知能',
    },
    {
      concepts: [['gigaスクール'], ['ガバメントクラウド']],
      first: ['koganei'],
      why: 'GIGAスクール (one municipality) is rarer than ガバメントクラウド (four): holding it weighs more',
    },
  ];
  it.each(cases)('$concepts: $why', ({ concepts, first }) => {
    const ranked = sharded.holders(concepts);
    expect(ranked.slice(0, first.length)).toEqual(first);
    expect([...ranked].sort()).toEqual(snapshot.municipalities.map((m) => m.id).sort());
  });
});
