// The shards score terms from BM25 parts computed once per term (src/search/corpus-scoring.ts) and field boosts
// made once per field list. Both are remembered for the index's life, so they must give exactly MiniSearch's
// own results — same documents, order, scores to the last bit, terms and matches — whatever was asked before,
// and whatever a caller did to the results it got (MiniSearch's OR combinator mutates result objects).
import MiniSearch, { type Query, type SearchOptions } from 'minisearch';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Analyzer, createAnalyzer } from '../../src/analysis/index.js';
import type { KnowledgeSnapshot } from '../../src/knowledge/index.js';
import { useCorpusStatistics } from '../../src/search/corpus-scoring.js';
import { collectSources, type IndexDoc, MORPH_FIELDS, SEP } from '../../src/search/documents.js';
import { buildShard, SHARED } from '../../src/search/search-index.js';
import { loadCorpus } from '../knowledge/corpus.js';

let snapshot: KnowledgeSnapshot;
let analyzer: Analyzer;
let mini: MiniSearch<IndexDoc>; // every document in one shard, scored through the remembered parts
let reference: MiniSearch<IndexDoc>; // the same MiniSearch read with MiniSearch's own methods
beforeAll(async () => {
  snapshot = await loadCorpus();
  analyzer = await createAnalyzer({ synonyms: snapshot.synonyms });
  mini = buildShard(SHARED, collectSources(snapshot), analyzer, 'all').mini;
  useCorpusStatistics([mini]);
  // Own properties shadow the instance's replaced methods; the index data is read through the prototype chain.
  reference = Object.assign(Object.create(mini) as MiniSearch<IndexDoc>, {
    termResults: (MiniSearch.prototype as unknown as Record<string, unknown>).termResults,
    executeQuerySpec: (MiniSearch.prototype as unknown as Record<string, unknown>).executeQuerySpec,
  });
});

const identity = (s: string) => s.split(SEP);
const BOOST = { name: 2, title: 1, body: 1, context: 0.5, bigram: 0.25, reading: 0.5 };

/** A query as the index makes one: morphological terms with weights, the bigram net, OR-combined. */
function queryOf(text: string, weight = (_t: string) => 1): Query {
  const { terms, bigrams } = analyzer.analyzeQuery(text);
  const queries: Query[] = [];
  if (terms.length)
    queries.push({
      queries: [terms.map((t) => t.term).join(SEP)],
      fields: [...MORPH_FIELDS],
      tokenize: identity,
      boostTerm: weight,
    });
  if (bigrams.length)
    queries.push({ queries: [[...new Set(bigrams)].join(SEP)], fields: ['bigram'], tokenize: identity });
  return { combineWith: 'OR', queries };
}

const both = (q: Query, options: SearchOptions) => ({
  got: mini.search(q, options),
  want: reference.search(q, options),
});

const onlyIn =
  (m: string): SearchOptions['boostDocument'] =>
  (_id, _term, stored) =>
    stored?.municipality === m || stored?.municipality === null ? 1 : 0;

describe('remembered BM25 parts and field boosts', () => {
  it.each([
    { q: 'マイナンバーカードの普及率の目標は', options: { boost: BOOST }, why: 'terms and bigrams, field boosts' },
    {
      q: 'ガバメントクラウドへの移行はいつから',
      options: { boost: BOOST, boostDocument: onlyIn('koganei') },
      why: 'a document filter (0 skips a document) on top',
    },
    {
      q: 'テレワークの導入',
      options: { boost: BOOST, boostDocument: () => 1.5 },
      why: 'a document boost multiplies in MiniSearch’s order',
    },
    { q: 'オープンデータとは', options: {}, why: 'no boost table: every field 1' },
  ])('$q: exactly MiniSearch’s own results ($why)', ({ q, options }) => {
    const { got, want } = both(
      queryOf(q, (t) => (t.length > 2 ? 1.25 : 0.7)),
      options,
    );
    expect(got.length).toBeGreaterThan(0);
    expect(got).toEqual(want);
  });

  it('a term asked again with other weights, filters and fields reads nothing left from before', () => {
    const q = 'オープンデータの公開件数の目標は';
    const first = mini.search(queryOf(q), { boost: BOOST });
    // the same terms with other term weights, another document filter and only some fields
    mini.search(
      queryOf(q, () => 3),
      { boost: BOOST, boostDocument: onlyIn('hinode') },
    );
    mini.search({ queries: [queryOf(q)], fields: ['body'] } as Query, { boost: { body: 4 } });
    const again = both(queryOf(q), { boost: BOOST });
    expect(again.got).toEqual(first);
    expect(again.got).toEqual(again.want);
  });

  it('results a caller changed do not change the next query’s results', () => {
    const q = 'RPAの導入効果';
    const first = mini.search(queryOf(q), { boost: BOOST });
    const copy = structuredClone(first);
    for (const r of first) {
      r.score = -1;
      r.queryTerms.push('汚染');
      for (const fields of Object.values(r.match)) fields.push('bogus');
    }
    expect(mini.search(queryOf(q), { boost: BOOST })).toEqual(copy);
  });

  it('a term repeated within one query is counted as MiniSearch counts it', () => {
    const term = analyzer.analyzeQuery('マイナンバーカード').terms[0]!.term;
    const q: Query = { queries: [[term, term].join(SEP)], fields: [...MORPH_FIELDS], tokenize: identity };
    const { got, want } = both(q, { boost: BOOST });
    expect(got.length).toBeGreaterThan(0);
    expect(got).toEqual(want);
  });
});
