// The index retrieves without MiniSearch's per-term result objects (src/search/corpus-scoring.ts `retrieve`): it
// must return exactly what MiniSearch's own `search` returns for the same query — the same documents in the
// same order, scores to the last bit, query terms in MiniSearch's order, matches with their keys in its order,
// the stored fields — on every shard, with and without a document filter, for the project's questions and the
// bench generator's.
import type MiniSearch from 'minisearch';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateQuestions } from '../../bench/questions.js';
import { type Analyzer, createAnalyzer } from '../../src/analysis/index.js';
import type { KnowledgeSnapshot } from '../../src/knowledge/index.js';
import { type Retrieved, retrieve, retrievedList, type SubQuery } from '../../src/search/corpus-scoring.js';
import { type IndexDoc, MORPH_FIELDS, SEP } from '../../src/search/documents.js';
import { buildIndex, type SearchIndex } from '../../src/search/index.js';
import { loadCorpus, projectQuestions } from '../knowledge/corpus.js';

let snapshot: KnowledgeSnapshot;
let analyzer: Analyzer;
let index: SearchIndex;
let questions: string[];
beforeAll(async () => {
  snapshot = await loadCorpus();
  analyzer = await createAnalyzer({ synonyms: snapshot.synonyms });
  index = buildIndex(snapshot, analyzer);
  questions = [...projectQuestions().map((r) => r.q), ...generateQuestions(snapshot, 150).map((q) => q.q)];
}, 60_000);

const BOOST = { name: 2, title: 1, body: 1, context: 0.5, bigram: 0.25, reading: 0.5 };
const identity = (s: string) => s.split(SEP);

/** A question's sub-queries as the index makes them: weighted morphological terms, bigrams, readings. */
function subQueries(text: string): SubQuery[] {
  const { terms, bigrams } = analyzer.analyzeQuery(text);
  const weights = new Map(terms.map((t) => [t.term, t.weight]));
  const subs: SubQuery[] = [];
  if (terms.length)
    subs.push({ terms: terms.map((t) => t.term), fields: [...MORPH_FIELDS], boostTerm: (t) => weights.get(t) ?? 1 });
  if (bigrams.length) subs.push({ terms: [...new Set(bigrams)], fields: ['bigram'] });
  return subs;
}

function miniSearch(mini: MiniSearch<IndexDoc>, subs: SubQuery[], boostDocument?: Parameters<typeof retrieve>[3]) {
  const queries = subs.map((s) => ({
    queries: [s.terms.join(SEP)],
    fields: [...s.fields],
    tokenize: identity,
    ...(s.boostTerm ? { boostTerm: s.boostTerm } : {}),
  }));
  return mini.search({ combineWith: 'OR', queries }, { boost: BOOST, boostDocument });
}

/** Everything a result carries, with the key order of its match and the score's bits. */
const plain = (r: Retrieved | ReturnType<typeof miniSearch>[number]) => ({
  id: r.id,
  score: r.score,
  queryTerms: r.queryTerms,
  matchKeys: Object.keys(r.match),
  match: JSON.stringify(r.match),
  type: r.type,
  municipality: r.municipality,
});

function same(mini: MiniSearch<IndexDoc>, subs: SubQuery[], boostDocument?: Parameters<typeof retrieve>[3]) {
  const want = miniSearch(mini, subs, boostDocument).map(plain);
  const at = retrieve(mini, subs, BOOST, boostDocument);
  const got = retrievedList(at).map(plain);
  expect(got.length).toBe(want.length);
  expect(at.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    expect(got[i]).toEqual(want[i]);
    expect(Object.is(got[i]!.score, want[i]!.score)).toBe(true);
    // what the ranking reads by position, without the result objects
    expect([at.id(i), at.queryTerms(i), at.termCount(i), at.stored(i, 'municipality')]).toEqual([
      want[i]!.id,
      want[i]!.queryTerms,
      want[i]!.queryTerms.length,
      want[i]!.municipality,
    ]);
    expect(Object.is(at.score(i), want[i]!.score)).toBe(true);
  }
  return want.length;
}

describe('retrieve: MiniSearch’s own results without its result objects', () => {
  it('every question of the sets and the generator, on every shard, every other one with a municipality filter', () => {
    let found = 0;
    const onlyHinode: Parameters<typeof retrieve>[3] = (_id, _term, stored) =>
      stored?.municipality === 'hinode' || stored?.municipality === null ? 1.5 : 0;
    questions.forEach((q, i) => {
      const subs = subQueries(q);
      for (const shard of index.shards()) found += same(shard.mini, subs, i % 2 ? onlyHinode : undefined);
    });
    // most questions find something: the comparison is not over empty lists
    expect(found).toBeGreaterThan(questions.length * 10);
  }, 120_000);

  it.each([
    {
      why: 'a term repeated within a sub-query (MiniSearch adds it twice, lists it once)',
      subs: (t: string[]) => [{ terms: [t[0]!, t[1]!, t[0]!], fields: [...MORPH_FIELDS] }],
    },
    {
      why: 'a term in two sub-queries over other fields (the later one’s fields replace it in the match)',
      subs: (t: string[]) => [
        { terms: [t[1]!, t[0]!], fields: ['title', 'body'] },
        { terms: [t[0]!, 'どこにもない語'], fields: ['body', 'name', 'context'] },
      ],
    },
    {
      why: 'empty terms are dropped as MiniSearch’s processTerm drops them; an empty sub-query finds nothing',
      subs: (t: string[]) => [
        { terms: ['', t[0]!, ''], fields: [...MORPH_FIELDS], boostTerm: (_: string, i: number) => 1 + i / 3 },
        { terms: [''], fields: ['bigram'] },
      ],
    },
  ])('$why', ({ subs }) => {
    const terms = analyzer.analyzeQuery('マイナンバーカードの普及率の目標').terms.map((t) => t.term);
    let found = 0;
    for (const shard of index.shards()) found += same(shard.mini, subs(terms));
    expect(found).toBeGreaterThan(0);
  });

  it('a result’s match is its own: reading or changing one leaves the next query’s results as MiniSearch’s', () => {
    const subs = subQueries('オープンデータの公開件数の目標は');
    const mini = index.shards().find((s) => s.name === 'hinode')!.mini;
    for (const r of retrievedList(retrieve(mini, subs, BOOST))) {
      r.score = -1;
      r.queryTerms.push('汚染');
      for (const fields of Object.values(r.match)) fields.push('bogus');
    }
    same(mini, subs);
  });
});
