// How the shards score: BM25 with the whole corpus's statistics in every shard (so hits from several shards
// compare, and a sharded index ranks as one index did), and each term's per-document BM25 part computed once
// per index instead of at every query. Both reach into MiniSearch 7's internals (pinned in package.json);
// test/search/shards.test.ts and test/search/corpus-scoring.test.ts check the scores against MiniSearch's own.
import type MiniSearch from 'minisearch';
import { type IndexDoc, SEP } from './documents.js';

type FieldTermData = Map<number, Map<number, number>>; // field id → document number → term frequency
type Stored = Record<string, unknown> | undefined;
type BoostDocument = (id: string, term: string, stored: Stored) => number;
interface RawResult {
  score: number;
  terms: string[];
  match: Record<string, string[]>;
}
type RawResults = Map<number, RawResult>;
interface QuerySpec {
  term: string;
  fuzzy: boolean | number;
  prefix: boolean;
  termBoost: number;
}
type SpecOptions = Record<string, unknown> & { fields?: string[]; boost?: Record<string, number> };
type TermResults = (
  sourceTerm: string,
  derivedTerm: string,
  termWeight: number,
  termBoost: number,
  data: FieldTermData | undefined,
  fieldBoosts: Record<string, number>,
  boostDocument: BoostDocument | undefined,
  bm25: unknown,
  results?: RawResults,
) => RawResults;
interface MiniInternals {
  _documentCount: number;
  _avgFieldLength: number[];
  _fieldIds: Record<string, number>;
  _documentIds: Map<number, string>;
  _storedFields: Map<number, Stored>;
  _index: Iterable<[string, FieldTermData]>;
  _options: { fields: string[]; searchOptions: SpecOptions };
  termResults: TermResults;
  executeQuerySpec(query: QuerySpec, options: SpecOptions): RawResults;
}

/** One field's postings of one term in one shard, with each document's BM25 part (before any boost). */
interface Postings {
  docs: number[];
  ids: string[];
  stored: Stored[];
  raw: Float64Array;
}

const localCounts = new WeakMap<MiniSearch<IndexDoc>, number>();

/** A shard's remembered postings of a term (undefined: the shard has no such term; null: score it afresh). */
interface TermTables {
  postings(term: string): Map<number, Postings> | null | undefined;
  data(term: string): FieldTermData | undefined; // the shard's own postings (field → document → frequency)
}
const tablesOf = new WeakMap<MiniSearch<IndexDoc>, TermTables>();

/** Whether every document of a shard stores `value` in `field` (none stored counts as undefined). */
export function everyStored(mini: MiniSearch<IndexDoc>, field: string, value: unknown): boolean {
  for (const stored of (mini as unknown as MiniInternals)._storedFields.values())
    if (stored?.[field] !== value) return false;
  return true;
}

/** The documents a shard holds itself (its MiniSearch reports the corpus's count once scoring is shared). */
export const shardSize = (mini: MiniSearch<IndexDoc>) => localCounts.get(mini) ?? mini.documentCount;

/**
 * BM25 over the whole corpus in every shard: the document count, average field lengths and each term's
 * document frequency are the corpus's, not the shard's, so a shard scores a passage exactly as one index
 * over every municipality did (and hits from several shards compare). A term's corpus frequency is summed
 * over the shards once, when a query first meets it.
 *
 * What a query pays per matching document is then only the boosts: the rest of BM25 (term frequency,
 * field length, the corpus's document frequency) does not change while the index lives, so each term's
 * postings get their BM25 parts computed once — by MiniSearch's own termResults with every weight 1, so
 * the numbers are its own — when a query first meets the term, and a query multiplies them by its weights
 * in MiniSearch's order (the same floating-point results).
 */
export function useCorpusStatistics(minis: readonly MiniSearch<IndexDoc>[]): void {
  const inner = minis.map((m) => m as unknown as MiniInternals);
  for (const m of minis) if (!localCounts.has(m)) localCounts.set(m, m.documentCount);
  const counts = minis.map(shardSize);
  const total = counts.reduce((a, b) => a + b, 0);
  const fields = Math.max(0, ...inner.map((m) => m._avgFieldLength.length));
  const avg = Array.from({ length: fields }, (_, f) =>
    total ? inner.reduce((sum, m, i) => sum + (m._avgFieldLength[f] ?? 0) * counts[i]!, 0) / total : 0,
  );
  // Each shard's terms in a hash map (the shards do not change once wrapped): MiniSearch's radix tree finds a
  // term by scanning each node's children in turn, and the root of a Japanese index has thousands of them (one
  // per first character) — that scan was a tenth of a question's search.
  const termTables = inner.map((m) => new Map(m._index));
  const corpusDf = new Map<string, number[]>();
  const dfOf = (term: string, fieldId: number): number => {
    let perField = corpusDf.get(term);
    if (!perField) {
      perField = Array<number>(fields).fill(0);
      for (const terms of termTables) {
        const data = terms.get(term);
        if (data) for (const [f, docs] of data) perField[f] = (perField[f] ?? 0) + docs.size;
      }
      corpusDf.set(term, perField);
    }
    return perField[fieldId] ?? 0;
  };
  /** The shard's postings, with the corpus's document frequency as their size (what MiniSearch reads as df). */
  const corpusView = (data: FieldTermData, term: string): FieldTermData => {
    if (inner.length === 1) return data;
    const view = new Map<number, Map<number, number>>();
    for (const [f, docs] of data) {
      const size = dfOf(term, f);
      view.set(f, { size, keys: () => docs.keys(), get: (d: number) => docs.get(d) } as unknown as Map<number, number>);
    }
    return view;
  };
  inner.forEach((m, i) => {
    m._documentCount = total;
    m._avgFieldLength = avg;
    const proto = Object.getPrototypeOf(m) as MiniInternals;
    useFieldBoostTable(m, proto.executeQuerySpec, termTables[i]!);
    const own = proto.termResults;
    const names = Object.fromEntries(Object.entries(m._fieldIds).map(([name, id]) => [id, name]));
    // A term's postings in a shard are one object for the index's life (keyed here by it); null: documents were
    // discarded from the shard (MiniSearch prunes them while scoring), so it scores them itself.
    const tables = new WeakMap<FieldTermData, Map<number, Postings> | null>();
    let bm25Seen: unknown;
    const terms = termTables[i]!;
    // each of the shard's terms' postings by the term itself, for retrieve() (only the shard's own terms: a
    // term the shard lacks is not remembered, so questions' words do not grow it)
    const byTerm = new Map<string, Map<number, Postings> | null>();
    tablesOf.set(m as unknown as MiniSearch<IndexDoc>, {
      postings(term) {
        const bm25 = m._options.searchOptions.bm25;
        bm25Seen ??= bm25;
        if (bm25 !== bm25Seen) return null;
        let table = byTerm.get(term);
        if (table === undefined) {
          const data = terms.get(term);
          if (!data) return undefined;
          table = postingsOf(data, term, bm25);
          byTerm.set(term, table);
        }
        return table;
      },
      data: (term) => terms.get(term),
    });
    const postingsOf = (data: FieldTermData, term: string, bm25: unknown): Map<number, Postings> | null => {
      let table = tables.get(data);
      if (table !== undefined) return table;
      table = new Map();
      const view = corpusView(data, term);
      for (const [fieldId, docs] of data) {
        const name = names[fieldId];
        if (name === undefined || [...docs.keys()].some((d) => !m._documentIds.has(d))) {
          table = null;
          break;
        }
        const scored = own.call(m, term, term, 1, 1, view, { [name]: 1 }, undefined, bm25);
        const p: Postings = { docs: [], ids: [], stored: [], raw: new Float64Array(scored.size) };
        let i = 0;
        for (const [doc, r] of scored) {
          p.docs.push(doc);
          p.ids.push(m._documentIds.get(doc)!);
          p.stored.push(m._storedFields.get(doc));
          p.raw[i++] = r.score;
        }
        table.set(fieldId, p);
      }
      tables.set(data, table);
      return table;
    };
    m.termResults = function (
      sourceTerm,
      derivedTerm,
      termWeight,
      termBoost,
      data,
      fieldBoosts,
      boostDocument,
      bm25,
      results = new Map(),
    ) {
      if (data == null) return results;
      // The BM25 parameters are MiniSearch's defaults for every query of ours; other ones are scored afresh.
      bm25Seen ??= bm25;
      const table = bm25 === bm25Seen ? postingsOf(data, derivedTerm, bm25) : null;
      if (!table)
        return own.call(
          this,
          sourceTerm,
          derivedTerm,
          termWeight,
          termBoost,
          corpusView(data, derivedTerm),
          fieldBoosts,
          boostDocument,
          bm25,
          results,
        );
      for (const field of Object.keys(fieldBoosts)) {
        const fieldBoost = fieldBoosts[field]!;
        const p = table.get(m._fieldIds[field]!);
        if (!p) continue;
        const { docs, ids, stored, raw } = p;
        for (let i = 0; i < docs.length; i++) {
          const docBoost = boostDocument ? boostDocument(ids[i]!, derivedTerm, stored[i]) : 1;
          if (!docBoost) continue;
          // MiniSearch's product, in its order
          const weightedScore = termWeight * termBoost * fieldBoost * docBoost * raw[i]!;
          const doc = docs[i]!;
          const result = results.get(doc);
          if (result) {
            result.score += weightedScore;
            if (!result.terms.includes(sourceTerm)) result.terms.push(sourceTerm);
            const match = Object.hasOwn(result.match, derivedTerm) ? result.match[derivedTerm] : undefined;
            if (match) match.push(field);
            else result.match[derivedTerm] = [field];
          } else {
            results.set(doc, { score: weightedScore, terms: [sourceTerm], match: { [derivedTerm]: [field] } });
          }
        }
      }
      return results;
    };
  });
}

// MiniSearch rebuilds a query's field boosts ({ name: 2, title: 1, … }) for every term of every query, one
// object spread per field; they depend only on the fields and the boost table, so they are made once.
const fieldBoostTables = new WeakMap<object, Map<string, Record<string, number>>>();

/**
 * MiniSearch's executeQuerySpec for an exact term (no prefix or fuzzy match), reading its field boosts once and
 * the term's postings from the shard's hash map of terms.
 */
function useFieldBoostTable(
  m: MiniInternals,
  own: MiniInternals['executeQuerySpec'],
  terms: ReadonlyMap<string, FieldTermData>,
): void {
  m.executeQuerySpec = function (query, searchOptions) {
    // MiniSearch reads its options as { ...its defaults, ...the query's }
    const option = (k: string) => (Object.hasOwn(searchOptions, k) ? searchOptions[k] : m._options.searchOptions[k]);
    const boost = option('boost');
    if (query.prefix || query.fuzzy || typeof boost !== 'object' || boost === null)
      return own.call(this, query, searchOptions);
    const fields = (option('fields') as string[] | undefined) || m._options.fields;
    let byFields = fieldBoostTables.get(boost);
    if (!byFields) {
      byFields = new Map();
      fieldBoostTables.set(boost, byFields);
    }
    const key = fields.join('\u0000');
    let boosts = byFields.get(key);
    if (!boosts) {
      boosts = {};
      for (const field of fields)
        boosts[field] = (Object.hasOwn(boost, field) ? (boost as Record<string, number>)[field] : 0) || 1;
      byFields.set(key, boosts);
    }
    return this.termResults(
      query.term,
      query.term,
      1,
      query.termBoost,
      terms.get(query.term),
      boosts,
      option('boostDocument') as BoostDocument | undefined,
      option('bm25'),
    );
  };
}

/** One OR-ed part of a query as MiniSearch receives it: its terms (in order) over some fields. */
export interface SubQuery {
  terms: readonly string[];
  fields: readonly string[];
  boostTerm?: (term: string, i: number, terms: string[]) => number;
}

/** A retrieved document as MiniSearch's `search` returns it (its stored fields spread in). */
export interface Retrieved {
  id: string;
  score: number;
  queryTerms: string[];
  readonly match: Record<string, string[]>;
  [stored: string]: unknown;
}

// Scratch arrays per shard (by document number), reused by every query: a query runs synchronously, alone.
interface Scratch {
  mark: Int32Array; // the epoch that last touched the document, one per level (term, sub-query, query)
  subMark: Int32Array;
  finalMark: Int32Array;
  termsMark: Int32Array;
  termScore: Float64Array;
  subScore: Float64Array;
  finalScore: Float64Array;
  // the documents met, in order: by the current term, the current sub-query, the query
  termOrder: Int32Array;
  subOrder: Int32Array;
  order: Int32Array;
  // each document's query terms, as a chain of (term number, next) pairs in a pool: first and last pair, count
  head: Int32Array;
  tail: Int32Array;
  count: Int32Array;
  poolTerm: Int32Array;
  poolNext: Int32Array;
  epoch: number;
}
const scratches = new WeakMap<MiniSearch<IndexDoc>, Scratch>();
function scratchOf(mini: MiniSearch<IndexDoc>): Scratch {
  let s = scratches.get(mini);
  if (!s) {
    let size = 0;
    for (const d of (mini as unknown as MiniInternals)._documentIds.keys()) size = Math.max(size, d + 1);
    s = {
      mark: new Int32Array(size),
      subMark: new Int32Array(size),
      finalMark: new Int32Array(size),
      termsMark: new Int32Array(size),
      termScore: new Float64Array(size),
      subScore: new Float64Array(size),
      finalScore: new Float64Array(size),
      termOrder: new Int32Array(size),
      subOrder: new Int32Array(size),
      order: new Int32Array(size),
      head: new Int32Array(size),
      tail: new Int32Array(size),
      count: new Int32Array(size),
      poolTerm: new Int32Array(Math.max(64, size)),
      poolNext: new Int32Array(Math.max(64, size)),
      epoch: 0,
    };
    scratches.set(mini, s);
  }
  if (s.epoch > 0x3fffffff) {
    s.mark.fill(0);
    s.subMark.fill(0);
    s.finalMark.fill(0);
    s.termsMark.fill(0);
    s.epoch = 0;
  }
  return s;
}

/**
 * One shard's results of a query, best first: what MiniSearch's `search` returns, read by position. The result
 * objects are made only when asked for (`result`): a query ranks every result by its id, score and query terms
 * and keeps about ten of them.
 */
export interface Retrieval {
  readonly length: number;
  /** The document's number in its shard (-1: results MiniSearch made itself, read by id). */
  doc(i: number): number;
  id(i: number): string;
  /** MiniSearch's score. */
  score(i: number): number;
  /** The query terms the document matched, in MiniSearch's order (the result's own list: not a copy). */
  queryTerms(i: number): string[];
  /** How many query terms the document matched (queryTerms(i).length, without making the list). */
  termCount(i: number): number;
  /** One of the document's stored fields. */
  stored(i: number, field: string): unknown;
  /** The result as MiniSearch returns it (its stored fields spread in); a new object each time. */
  result(i: number): Retrieved;
}

/** Every result of a retrieval, as MiniSearch's `search` returns them. */
export const retrievedList = (r: Retrieval): Retrieved[] => Array.from({ length: r.length }, (_, i) => r.result(i));

/** A shard's value for each of its document numbers (`value` of the document's id), for lookups by position. */
export function perDocument<T>(mini: MiniSearch<IndexDoc>, value: (id: string) => T): (T | undefined)[] {
  const out: (T | undefined)[] = [];
  for (const [doc, id] of (mini as unknown as MiniInternals)._documentIds) out[doc] = value(id);
  return out;
}

type MatchOf = (doc: number) => Record<string, string[]>;

/** retrieve's results: arrays by rank (best first). */
class ScoredRetrieval implements Retrieval {
  // each result's query terms, made when first read
  private readonly lists: (string[] | undefined)[];
  constructor(
    private readonly m: MiniInternals,
    private readonly docs: Int32Array,
    private readonly scores: Float64Array,
    // result i's query terms are names[termIds[k]] for k from termStart[i] to termStart[i + 1]
    private readonly names: readonly string[],
    private readonly termIds: Int32Array,
    private readonly termStart: Int32Array,
    private readonly matchOf: MatchOf,
  ) {
    this.lists = new Array(docs.length);
  }
  get length() {
    return this.docs.length;
  }
  doc(i: number) {
    return this.docs[i]!;
  }
  id(i: number) {
    return this.m._documentIds.get(this.docs[i]!)!;
  }
  score(i: number) {
    return this.scores[i]!;
  }
  queryTerms(i: number) {
    let list = this.lists[i];
    if (!list) {
      list = [];
      for (let k = this.termStart[i]!; k < this.termStart[i + 1]!; k++) list.push(this.names[this.termIds[k]!]!);
      this.lists[i] = list;
    }
    return list;
  }
  termCount(i: number) {
    return this.termStart[i + 1]! - this.termStart[i]!;
  }
  stored(i: number, field: string) {
    return this.m._storedFields.get(this.docs[i]!)?.[field];
  }
  result(i: number): Retrieved {
    const doc = this.docs[i]!;
    const matchOf = this.matchOf;
    const r = new Result(this.id(i), this.scores[i]!, this.queryTerms(i), () => matchOf(doc));
    Object.assign(r, this.m._storedFields.get(doc));
    return r;
  }
}

/** Results MiniSearch made itself (a shard whose BM25 parts are not remembered). */
class ListRetrieval implements Retrieval {
  constructor(private readonly list: Retrieved[]) {}
  get length() {
    return this.list.length;
  }
  doc() {
    return -1;
  }
  id(i: number) {
    return this.list[i]!.id;
  }
  score(i: number) {
    return this.list[i]!.score;
  }
  queryTerms(i: number) {
    return this.list[i]!.queryTerms;
  }
  termCount(i: number) {
    return this.list[i]!.queryTerms.length;
  }
  stored(i: number, field: string) {
    return this.list[i]![field];
  }
  result(i: number) {
    return this.list[i]!;
  }
}

/**
 * `mini.search({ combineWith: 'OR', queries: [each sub-query] }, { boost, boostDocument })` — the same
 * documents in the same order with the same scores to the last bit, query terms and matches — summed straight
 * from the remembered BM25 parts into arrays per document, without MiniSearch's result objects per term and
 * document (a result object, and its match, is made when read). It adds in MiniSearch's order: each field of a
 * term, then each term of a sub-query, then each sub-query. A shard whose parts are not remembered is searched
 * by MiniSearch itself.
 */
export function retrieve(
  mini: MiniSearch<IndexDoc>,
  subs: readonly SubQuery[],
  boost: Record<string, number>,
  boostDocument?: BoostDocument,
): Retrieval {
  const tables = tablesOf.get(mini);
  const m = mini as unknown as MiniInternals;
  // each sub-query's terms as MiniSearch's processTerm keeps them, and each term's postings
  const parts = subs.map((sub) => {
    const terms = sub.terms.filter((t) => !!t);
    return { sub, terms, postings: terms.map((t) => (tables ? tables.postings(t) : null)) };
  });
  if (!tables || parts.some((p) => p.postings.includes(null)))
    return new ListRetrieval(fallback(mini, subs, boost, boostDocument));
  const s = scratchOf(mini);
  const { mark, subMark, finalMark, termsMark, termScore, subScore, finalScore } = s;
  const { termOrder, subOrder, order, head, tail, count } = s;
  // the query's distinct terms, numbered; each document's chain of term numbers lives in the shard's pool
  const names: string[] = [];
  const numbers = new Map<string, number>();
  let pairs = 0;
  const queryEpoch = ++s.epoch;
  let found = 0;
  for (const { sub, terms, postings } of parts) {
    const subEpoch = ++s.epoch;
    let subFound = 0;
    const boosts = sub.fields.map((f) => (Object.hasOwn(boost, f) ? boost[f] : 0) || 1);
    const fieldIds = sub.fields.map((f) => m._fieldIds[f]!);
    for (let t = 0; t < terms.length; t++) {
      const table = postings[t];
      if (!table) continue;
      const term = terms[t]!;
      let number = numbers.get(term);
      if (number === undefined) {
        number = names.length;
        names.push(term);
        numbers.set(term, number);
      }
      const termBoost = sub.boostTerm ? sub.boostTerm(term, t, terms) : 1;
      const termEpoch = ++s.epoch;
      let termFound = 0;
      for (let f = 0; f < fieldIds.length; f++) {
        const p: Postings | undefined = table.get(fieldIds[f]!);
        if (!p) continue;
        const fieldBoost = boosts[f]!;
        const docs: number[] = p.docs;
        const { ids, stored, raw } = p;
        for (let i = 0; i < docs.length; i++) {
          const docBoost = boostDocument ? boostDocument(ids[i]!, term, stored[i]) : 1;
          if (!docBoost) continue;
          // MiniSearch's product, in its order (its termWeight is 1 for an exact term)
          const weightedScore = 1 * termBoost * fieldBoost * docBoost * raw[i]!;
          const doc = docs[i]!;
          if (mark[doc] === termEpoch) termScore[doc] = termScore[doc]! + weightedScore;
          else {
            mark[doc] = termEpoch;
            termScore[doc] = weightedScore;
            termOrder[termFound++] = doc;
          }
        }
      }
      for (let k = 0; k < termFound; k++) {
        const doc = termOrder[k]!;
        if (subMark[doc] === subEpoch) subScore[doc] = subScore[doc]! + termScore[doc]!;
        else {
          subMark[doc] = subEpoch;
          subScore[doc] = termScore[doc]!;
          subOrder[subFound++] = doc;
        }
        // the query terms it matched, in the order MiniSearch's OR adds them (each once)
        if (termsMark[doc] !== queryEpoch) {
          termsMark[doc] = queryEpoch;
          if (pairs === s.poolTerm.length) growPool(s);
          s.poolTerm[pairs] = number;
          s.poolNext[pairs] = -1;
          head[doc] = pairs;
          tail[doc] = pairs;
          count[doc] = 1;
          pairs++;
        } else {
          let seen = false;
          for (let at = head[doc]!; at !== -1; at = s.poolNext[at]!) {
            if (s.poolTerm[at] === number) {
              seen = true;
              break;
            }
          }
          if (seen) continue;
          if (pairs === s.poolTerm.length) growPool(s);
          s.poolTerm[pairs] = number;
          s.poolNext[pairs] = -1;
          s.poolNext[tail[doc]!] = pairs;
          tail[doc] = pairs;
          count[doc] = count[doc]! + 1;
          pairs++;
        }
      }
    }
    for (let k = 0; k < subFound; k++) {
      const doc = subOrder[k]!;
      if (finalMark[doc] === queryEpoch) finalScore[doc] = finalScore[doc]! + subScore[doc]!;
      else {
        finalMark[doc] = queryEpoch;
        finalScore[doc] = subScore[doc]!;
        order[found++] = doc;
      }
    }
  }
  // MiniSearch's scores, then its stable sort by score (the same comparisons on the same sequence: the same order)
  const unsorted = new Float64Array(found);
  const rank: number[] = [];
  for (let k = 0; k < found; k++) {
    const doc = order[k]!;
    unsorted[k] = finalScore[doc]! * (count[doc]! || 1);
    rank.push(k);
  }
  rank.sort((a, b) => unsorted[b]! - unsorted[a]!);
  const docs = new Int32Array(found);
  const scores = new Float64Array(found);
  const termStart = new Int32Array(found + 1);
  const termIds = new Int32Array(pairs);
  let k = 0;
  for (let r = 0; r < found; r++) {
    const doc = order[rank[r]!]!;
    docs[r] = doc;
    scores[r] = unsorted[rank[r]!]!;
    termStart[r] = k;
    for (let at = head[doc]!; at !== -1; at = s.poolNext[at]!) termIds[k++] = s.poolTerm[at]!;
  }
  termStart[found] = k;
  return new ScoredRetrieval(m, docs, scores, names, termIds, termStart, (doc) =>
    matchOf(doc, parts, m, tables, boostDocument),
  );
}

/** A shard's pool of (term, next) pairs, twice as large (it keeps its size for the next queries). */
function growPool(s: Scratch): void {
  const term = new Int32Array(s.poolTerm.length * 2);
  const next = new Int32Array(s.poolNext.length * 2);
  term.set(s.poolTerm);
  next.set(s.poolNext);
  s.poolTerm = term;
  s.poolNext = next;
}

/** A retrieved document; its match (query term → fields) is made when read: only the hits shown read it. */
class Result implements Retrieved {
  [stored: string]: unknown;
  #match: Record<string, string[]> | null = null;
  readonly #make: () => Record<string, string[]>;
  constructor(
    public id: string,
    public score: number,
    public queryTerms: string[],
    make: () => Record<string, string[]>,
  ) {
    this.#make = make;
  }
  get match(): Record<string, string[]> {
    this.#match ??= this.#make();
    return this.#match;
  }
}

/**
 * A document's match as MiniSearch's OR builds it: each term's fields, in the fields' order; a term met again
 * (in a later sub-query) replaces its fields, and keeps its place among the keys (Object.assign).
 */
function matchOf(
  doc: number,
  parts: readonly { sub: SubQuery; terms: string[] }[],
  m: MiniInternals,
  tables: TermTables,
  boostDocument: BoostDocument | undefined,
): Record<string, string[]> {
  const match: Record<string, string[]> = {};
  const id = m._documentIds.get(doc)!;
  const stored = m._storedFields.get(doc);
  for (const { sub, terms } of parts) {
    for (const term of terms) {
      const data = tables.data(term);
      if (!data) continue;
      const fields: string[] = [];
      for (const field of sub.fields) {
        if (data.get(m._fieldIds[field]!)?.has(doc) && (!boostDocument || boostDocument(id, term, stored)))
          fields.push(field);
      }
      if (fields.length) match[term] = fields;
    }
  }
  return match;
}

function fallback(
  mini: MiniSearch<IndexDoc>,
  subs: readonly SubQuery[],
  boost: Record<string, number>,
  boostDocument?: BoostDocument,
): Retrieved[] {
  const identity = (text: string) => text.split(SEP);
  const queries = subs.map((sub) => ({
    queries: [sub.terms.join(SEP)],
    fields: [...sub.fields],
    tokenize: identity,
    ...(sub.boostTerm ? { boostTerm: sub.boostTerm } : {}),
  }));
  return mini.search({ combineWith: 'OR', queries }, { boost, boostDocument }) as unknown as Retrieved[];
}
