// The index keeps only the first `limit` hits and drops, unscored, a result whose score cannot pass the last one
// kept (its ceiling: BM25 per term × full coverage × the largest prior × the exact-term factor). It must keep
// exactly the hits, in the order and with the scores, that scoring every result gives — seen here as the first
// `limit` of a search whose limit no result list reaches (nothing dropped), for the project's questions and
// the bench generator's, unscoped, scoped to a municipality, and among two.
import { beforeAll, describe, expect, it } from 'vitest';
import { generateQuestions } from '../../bench/questions.js';
import { createAnalyzer } from '../../src/analysis/index.js';
import type { KnowledgeSnapshot, MunicipalityId } from '../../src/knowledge/index.js';
import { buildIndex, type SearchHit, type SearchIndex } from '../../src/search/index.js';
import { loadCorpus, projectQuestions } from '../knowledge/corpus.js';

let snapshot: KnowledgeSnapshot;
let index: SearchIndex;
let questions: string[];
beforeAll(async () => {
  snapshot = await loadCorpus();
  index = buildIndex(snapshot, await createAnalyzer({ synonyms: snapshot.synonyms }));
  questions = [...projectQuestions().map((r) => r.q), ...generateQuestions(snapshot, 200).map((q) => q.q)];
}, 60_000);

const seen = (hits: SearchHit[]) => hits.map((h) => [h.id, h.score, h.municipality]);

describe('the top-limit ranking drops only results that cannot be kept', () => {
  it('keeps what scoring every result keeps', () => {
    const ids = snapshot.municipalities.map((m) => m.id as MunicipalityId);
    let compared = 0;
    questions.forEach((q, i) => {
      // unscoped, scoped to each municipality in turn, among two
      for (const opts of [{}, { municipality: ids[i % ids.length]! }, { among: ids.slice(0, 2) }]) {
        for (const limit of [3, 10]) {
          const top = index.search(q, { ...opts, limit });
          const all = index.search(q, { ...opts, limit: 100_000 });
          expect(seen(top), `${q} ${JSON.stringify(opts)} limit ${limit}`).toEqual(seen(all.slice(0, limit)));
          compared += top.length;
        }
      }
    });
    expect(compared).toBeGreaterThan(10_000);
  }, 180_000);
});
