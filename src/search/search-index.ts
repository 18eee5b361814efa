// buildIndex: one MiniSearch per municipality over its passages and glossary entries, and one over the FAQ
// entries of every municipality. A query runs the morphological terms (title + body, synonyms down-weighted)
// and the bigram recall net together, in the shards its municipality needs.
import MiniSearch from 'minisearch';
import { type Analyzer, CONTACT_WORDS, type LexiconEntry, type QueryTerm, type Token } from '../analysis/index.js';
import type { FaqEntry, GlossaryEntry, KnowledgeSnapshot, MunicipalityId, Passage } from '../knowledge/index.js';
import {
  everyStored,
  perDocument,
  type Retrieval,
  type Retrieved,
  retrieve,
  type SubQuery,
  shardSize,
  useCorpusStatistics,
} from './corpus-scoring.js';
import {
  addGlossaryPhrases,
  addSharedPhrases,
  collectSources,
  createFieldAnalyzer,
  FIELDS,
  type HitType,
  type IndexDoc,
  LexiconCounter,
  MORPH_FIELDS,
  previousPassages,
  SEP,
  type Source,
  sourceText,
  toIndexDocs,
} from './documents.js';
import { type DocFeatures, definedWord, detectIntent, docFeatures, prior, type QueryIntent } from './intent.js';
import { indexKey, shardKey } from './key.js';
import { createMunicipalityMatcher, type MunicipalityMatcher } from './municipality.js';

export interface SearchOptions {
  /** Restrict or boost one municipality. undefined: use the one named in the query, if any. null: none. */
  municipality?: MunicipalityId | null;
  filter?: 'only' | 'boost'; // default 'only'
  /**
   * Without a municipality: read only these municipalities' shards (and the shared one), in the index's order,
   * so hits rank exactly as the full fan-out filtered to them. The not-stated step's bounded fan-out.
   */
  among?: readonly MunicipalityId[];
  types?: HitType[];
  limit?: number; // default 10
  /** The caller's memo of kuromoji's tokens (Analyzer.withTokenMemo): one question analysed once. */
  tokens?: Map<string, Token[]>;
  /**
   * The caller's memo of MiniSearch's results, keyed by the query as MiniSearch receives it (terms, weights,
   * bigrams, readings, shards, filter): texts that analyse alike (「Xはいつから」「Xとは」 both query X) are
   * retrieved once; each is still ranked for its own intent and limit.
   */
  retrievals?: Map<string, Retrieval[]>;
}

export interface SearchHit {
  id: string;
  type: HitType;
  score: number;
  terms: string[]; // matched query terms (morphological; bigrams only when nothing else matched)
  match: Record<string, string[]>; // term → fields it matched in
  municipality: MunicipalityId | null;
  passage?: Passage;
  glossary?: GlossaryEntry;
  faq?: FaqEntry;
}

export interface SearchIndex {
  readonly key: string; // indexKey(): a hash of the snapshot contents, analyzer/index versions and their code
  readonly size: number;
  search(query: string, opts?: SearchOptions): SearchHit[];
  /** The municipality named in a question, as the search sees it. */
  detectMunicipality(query: string): MunicipalityId | null;
  /** Build-time data of every shard, merged (document frequencies over the whole corpus). */
  derived(): Derived;
  /** Every indexed word's reading and spelling: what Analyzer.withLexicon respells questions against. */
  lexicon(): LexiconEntry[];
  /** One MiniSearch per municipality (and one for entries of every municipality), each cached on its own. */
  shards(): readonly Shard[];
  /**
   * Every municipality with documents, those whose documents hold more of the concepts first (each concept:
   * its alternative terms; a rarer term weighs more), ties in the snapshot's order. Read from a term →
   * municipalities table built with the index, so it costs the same with 5 or 80 municipalities' documents.
   */
  holders(concepts: readonly (readonly string[])[]): MunicipalityId[];
}

/**
 * The index of one municipality's passages and glossary ('' : the FAQ entries that hold for every
 * municipality). A question scoped to a municipality searches its shard and the shared one, so it costs
 * the same with 5 or 80 municipalities; an unscoped one searches every shard and merges the hits.
 */
export interface Shard {
  name: string; // municipality id, or SHARED
  key: string; // shardKey(): a hash of the shard's contents, the analyzer/index versions and their code
  mini: MiniSearch<IndexDoc>;
  derived: Derived;
}
export const SHARED = '';

// Field boosts. A glossary term or FAQ question (name) names its entry; a heading (title) is shared by a
// whole section, so it counts no more than the body. The bigram net only breaks ties and rescues
// compounds kuromoji splits badly; the context field (the passage before) carries the label a table row
// or list item answers.
// The reading field holds the readings of hiragana typed in the question: its terms are also respelled into
// the morphological fields, so it adds what shares the reading (homophones, other spellings) at a lower weight.
const BOOST = { name: 2, title: 1, body: 1, context: 0.5, bigram: 0.25, reading: 0.5 };
// A word corrected from a typo (ブロックチエーン → ブロックチェーン) counts less than one typed right.
const TYPO_WEIGHT = 0.6;
const MUNICIPALITY_BOOST = 1.5;
// How much the share of query terms a document matches counts (MiniSearch's own factor counts bigrams).
const COVERAGE_POWER = 2;
// A glossary entry whose term is exactly the word a definition question asks about.
const EXACT_TERM = 2;
// Terms in more than this share of documents are left out of a query that has rarer terms.
const COMMON_TERM_SHARE = 0.3;

export const MINISEARCH_OPTIONS = {
  idField: 'key',
  fields: [...FIELDS],
  storeFields: ['type', 'municipality'],
  tokenize: (text: string) => text.split(SEP),
  processTerm: (term: string) => term || null,
};

export function createMiniSearch(): MiniSearch<IndexDoc> {
  return new MiniSearch<IndexDoc>(MINISEARCH_OPTIONS);
}

export function buildIndex(snapshot: KnowledgeSnapshot, analyzer: Analyzer): SearchIndex {
  const shards = [...shardSources(snapshot)].map(([name, sources]) =>
    buildShard(name, sources, analyzer, shardKey(name, sources, analyzer)),
  );
  return wrapIndex(shards, snapshot, analyzer);
}

/** The snapshot's sources grouped by shard (municipality; SHARED for entries of every municipality). */
export function shardSources(snapshot: KnowledgeSnapshot): Map<string, Map<string, Source>> {
  const groups = new Map<string, Map<string, Source>>();
  for (const [key, source] of collectSources(snapshot)) {
    const name = (source.passage ?? source.glossary ?? source.faq)?.municipality ?? SHARED;
    const group = groups.get(name) ?? new Map<string, Source>();
    groups.set(name, group);
    group.set(key, source);
  }
  return groups;
}

// Documents analysed between two pauses of an asynchronous build (a pause lets requests run).
const BUILD_CHUNK = 40;

const glossaryOf = (sources: Map<string, Source>) =>
  [...sources.values()].flatMap((s) => (s.glossary ? [s.glossary] : []));

/** One shard, built at once (tests, CLI). */
export function buildShard(name: string, sources: Map<string, Source>, analyzer: Analyzer, key: string): Shard {
  const lexicon = new LexiconCounter();
  addGlossaryPhrases(lexicon, glossaryOf(sources), analyzer);
  const docs = toIndexDocs(sources, analyzer, lexicon);
  const mini = createMiniSearch();
  mini.addAll(docs);
  return { name, key, mini, derived: derive(docs, sources, analyzer, lexicon) };
}

/** One shard built in chunks, awaiting `pause` between them so that the event loop runs (reloads). */
export async function buildShardAsync(
  name: string,
  sources: Map<string, Source>,
  analyzer: Analyzer,
  key: string,
  pause: () => Promise<void>,
): Promise<Shard> {
  const lexicon = new LexiconCounter();
  addGlossaryPhrases(lexicon, glossaryOf(sources), analyzer);
  const entries = [...sources];
  const docs: IndexDoc[] = [];
  const context = previousPassages(sources);
  const analyzed = createFieldAnalyzer(analyzer, lexicon);
  for (let i = 0; i < entries.length; i += BUILD_CHUNK) {
    docs.push(...toIndexDocs(new Map(entries.slice(i, i + BUILD_CHUNK)), analyzer, lexicon, context, analyzed));
    await pause();
  }
  const mini = createMiniSearch();
  for (let i = 0; i < docs.length; i += BUILD_CHUNK * 5) {
    mini.addAll(docs.slice(i, i + BUILD_CHUNK * 5));
    await pause();
  }
  const derived = derive(docs, sources, analyzer, lexicon);
  await pause();
  return { name, key, mini, derived };
}

function mergeCounts(lists: [string, number][][]): [string, number][] {
  const sum = new Map<string, number>();
  for (const list of lists) for (const [k, n] of list) sum.set(k, (sum.get(k) ?? 0) + n);
  return [...sum];
}

/** The lexicon of the whole index: the shards' lexicons summed, with the shared phrases. */
function mergeLexicons(shards: Shard[], snapshot: KnowledgeSnapshot, analyzer: Analyzer): LexiconEntry[] {
  const lexicon = new LexiconCounter();
  addSharedPhrases(lexicon, snapshot, analyzer);
  for (const s of shards) for (const [reading, spelling, n] of s.derived.lexicon) lexicon.add(reading, spelling, n);
  return lexicon.entries();
}

/** What the index derives from its documents at build time; serialized with it so a warm start skips it. */
export interface Derived {
  docFreq: [string, number][]; // morphological fields
  bigramFreq: [string, number][];
  features: [string, DocFeatures][];
  lexicon: LexiconEntry[]; // [reading, spelling, count] of every indexed word and glossary/synonym phrase
}

function derive(docs: IndexDoc[], sources: Map<string, Source>, analyzer: Analyzer, lexicon: LexiconCounter): Derived {
  return {
    lexicon: lexicon.entries(),
    docFreq: [...docFrequencies(docs, [...MORPH_FIELDS])],
    bigramFreq: [...docFrequencies(docs, ['bigram'])],
    features: [...sources].map(([k, source]) => [k, docFeatures(source, analyzer.normalize(sourceText(source)))]),
  };
}

export function wrapIndex(shards: Shard[], snapshot: KnowledgeSnapshot, analyzer: Analyzer): SearchIndex {
  const matcher: MunicipalityMatcher = createMunicipalityMatcher(snapshot.municipalities);
  const key = indexKey(shards.map((s) => s.key));
  const sources = collectSources(snapshot);
  const byName = new Map(shards.map((s) => [s.name, s.mini]));
  const allMinis = shards.map((s) => s.mini);
  const shared = byName.get(SHARED);
  useCorpusStatistics(allMinis);
  const documentCount = shards.reduce((n, s) => n + shardSize(s.mini), 0);
  const derived: Derived = {
    docFreq: mergeCounts(shards.map((s) => s.derived.docFreq)),
    bigramFreq: mergeCounts(shards.map((s) => s.derived.bigramFreq)),
    features: shards.flatMap((s) => s.derived.features),
    lexicon: mergeLexicons(shards, snapshot, analyzer),
  };
  // Questions are respelled against this index's own vocabulary (hiragana by reading, katakana typos).
  const speller = analyzer.withLexicon(derived.lexicon);

  // Document frequency of each morphological term, for pruning near-stop-words from long queries.
  const docFreq = new Map(derived.docFreq);
  const bigramFreq = new Map(derived.bigramFreq);
  const commonDf = Math.max(1, documentCount * COMMON_TERM_SHARE);
  const holders = createHolderTable(shards, snapshot, docFreq, documentCount);

  const features = new Map(derived.features);
  const glossaryNames = new Map(
    snapshot.glossary.map((g) => [g.id, [g.term, ...g.aliases].map((n) => analyzer.normalize(n).replace(/\s+/g, ''))]),
  );
  // The colophons and covers (passages a contact question may be answered by) of each municipality, in index order.
  const contactKeys = new Map<MunicipalityId, string[]>();
  for (const [k, f] of features) {
    const p = f.contact ? sources.get(k)?.passage : undefined;
    if (!p?.municipality) continue;
    const keys = contactKeys.get(p.municipality) ?? [];
    keys.push(k);
    contactKeys.set(p.municipality, keys);
  }
  // Words of a contact question that are not its topic (the cue table's contact words), as this analyzer splits them.
  const contactWords = new Set(CONTACT_WORDS.flatMap((p) => analyzer.terms(p)));
  const titleTerms = new Map(snapshot.documents.map((d) => [d.meta.id, new Set(analyzer.terms(d.meta.title))]));
  // Shards holding only the documents of the municipality they are named after (the shared one: of none): a search
  // scoped to a municipality reads its shard and the shared one, whose every document boostDocument's filter keeps.
  const ownOnly = new WeakSet(
    shards.filter((s) => everyStored(s.mini, 'municipality', s.name === SHARED ? null : s.name)).map((s) => s.mini),
  );
  const ceilings = createPriorCeilings(features, sources);
  // Each shard's sources and features by document number: what ranking reads for every result.
  const byDoc = new Map<MiniSearch<IndexDoc>, DocTable>(
    shards.map((s) => [
      s.mini,
      {
        sources: perDocument(s.mini, (id) => sources.get(id)),
        features: perDocument(s.mini, (id) => features.get(id)),
      },
    ]),
  );
  const noTable: DocTable = { sources: [], features: [] };

  function search(query: string, opts: SearchOptions = {}): SearchHit[] {
    // one question's analyses (its token memo) are shared by every search it makes
    const respelled = (opts.tokens ? speller.withTokenMemo(opts.tokens) : speller).respell(query);
    const normalized = respelled.text;
    const detected = matcher.detect(normalized);
    const municipality = opts.municipality === undefined ? detected.municipality : opts.municipality;
    const filterMode = opts.filter ?? 'only';
    const text = detected.rest;

    const reader = opts.tokens ? analyzer.withTokenMemo(opts.tokens) : analyzer;
    const { terms: analyzed, bigrams } = reader.analyzeQuery(text);
    if (analyzed.length === 0 && bigrams.length === 0) return [];
    const corrected = new Set(respelled.changes.filter((c) => c.kind === 'typo').flatMap((c) => reader.terms(c.to)));
    // Copies: the analyzer's results may be memoized and shared.
    const qTerms = analyzed.map((t) => (corrected.has(t.term) ? { ...t, weight: t.weight * TYPO_WEIGHT } : t));
    const weights = new Map(qTerms.map((t) => [t.term, t.weight]));
    const coverage = coverageOf(qTerms);
    // The question's searches (its own, each composer's, each follow-up check's) read the same texts' cues again.
    const intentMemo = reader.questionMemo?.<QueryIntent>(detectIntent);
    let intent = intentMemo?.get(text);
    if (!intent) {
      intent = detectIntent(text);
      intentMemo?.set(text, intent);
    }
    const defined = intent.definition ? definedWord(detected.rest.trim()) : null;
    const types = opts.types ? new Set(opts.types) : null;

    // Filtering inside boostDocument (0 = skip) drops other municipalities before they are scored.
    const only = municipality && filterMode === 'only' ? municipality : null;
    const boosted = municipality && filterMode === 'boost' ? municipality : null;
    const boostDocument = (_id: string, _term: string, stored?: Record<string, unknown>) => {
      if (types && !types.has(stored?.type as HitType)) return 0;
      const m = stored?.municipality;
      if (only && m !== only && m !== null) return 0;
      return boosted && m === boosted ? MUNICIPALITY_BOOST : 1;
    };
    // MiniSearch's OR of sub-queries, each a SEP-joined list of terms it splits again
    const queries: SubQuery[] = [];
    // Like Lucene's CommonTermsQuery: a term in most documents (推進, 化) only costs time when rarer terms
    // are there to rank by. A two-character one still matches, weakly, as a bigram.
    const rare = qTerms.filter((t) => (docFreq.get(t.term) ?? 0) <= commonDf);
    const searched = rare.some((t) => !t.synonym) ? rare : qTerms;
    const morph = searched.map((t) => t.term).join(SEP);
    if (searched.length)
      queries.push({
        terms: morph.split(SEP),
        fields: MORPH_FIELDS,
        boostTerm: (term: string) => weights.get(term) ?? 1,
      });
    const rareBigrams = [...new Set(bigrams)].filter((b) => (bigramFreq.get(b) ?? 0) <= commonDf);
    if (rareBigrams.length) queries.push({ terms: rareBigrams.join(SEP).split(SEP), fields: ['bigram'] });
    if (respelled.readings.length)
      queries.push({ terms: [...new Set(respelled.readings)].join(SEP).split(SEP), fields: ['reading'] });

    // The municipality's shard (and the shared one) when the question is scoped to it, else every shard (or
    // those of the municipalities asked among, in the same order).
    const own = only ? byName.get(only) : undefined;
    const among = !municipality && opts.among ? new Set<string>([...opts.among, SHARED]) : null;
    const minis = only
      ? [own, shared].filter((m): m is MiniSearch<IndexDoc> => !!m)
      : among
        ? shards.filter((s) => among.has(s.name)).map((s) => s.mini)
        : allMinis;
    // boostDocument is 1 for every document read when no type is filtered, no municipality boosted and the
    // shards read hold only the asked municipality's documents and those of none: MiniSearch then multiplies by
    // 1 as it does without one, so none is passed (a call per posting saved).
    const keepsAll = !types && !boosted && (!only || minis.every((m) => ownOnly.has(m)));
    const docBoost = keepsAll ? undefined : boostDocument;
    // what MiniSearch's search({ combineWith: 'OR', queries }, { boost, boostDocument }) returns, shard by shard
    const retrieveAll = () => minis.map((m) => retrieve(m, queries, BOOST, docBoost));
    // Everything MiniSearch reads: the shards (only, among) and boostDocument (only, boosted, types), the three
    // queries and boostTerm's weights.
    const key = opts.retrievals
      ? JSON.stringify([
          only,
          among ? [...among].sort() : null,
          boosted,
          opts.types ?? null,
          searched.length ? morph : null,
          searched.map((t) => weights.get(t.term) ?? 1),
          rareBigrams,
          [...new Set(respelled.readings)],
        ])
      : '';
    let results = opts.retrievals?.get(key);
    if (!results) {
      results = retrieveAll();
      opts.retrievals?.set(key, results);
    }
    const tables = minis.map((m) => byDoc.get(m) ?? noTable);
    // A result's coverage reads the query terms it matched; every term coverage looks for is one of the query's
    // weighted terms, so it reads its query terms whole (the same answer as those in `weights`, without a copy).
    const scoreOf = (at: Retrieval, i: number, source: Source, table: DocTable): number => {
      const queryTerms = at.queryTerms(i);
      const covered = coverage(queryTerms);
      const base = at.score(i) / Math.max(1, queryTerms.length);
      const doc = at.doc(i);
      const f = doc >= 0 ? table.features[doc] : features.get(at.id(i));
      let score = base * (0.25 + covered) ** COVERAGE_POWER * (f ? prior(intent, source, f) : 1);
      // 「AIとは」: the entry for AI itself, before 生成AI.
      if (defined && source.glossary && glossaryNames.get(source.glossary.id)?.includes(defined)) score *= EXACT_TERM;
      return score;
    };
    const limit = opts.limit ?? 10;
    // The most scoreOf can give a result: its BM25 part per term times full coverage, the largest prior any
    // document gets for this intent and the exact-term factor (a margin for rounding). Weights that are not
    // finite numbers could make a score NaN, which the ranking must see: then every result is scored.
    const ceiling =
      1.25 ** COVERAGE_POWER * ceilings(intent) * (defined ? Math.max(1, EXACT_TERM) : 1) * CEILING_MARGIN;
    const bound = qTerms.every((t) => Number.isFinite(t.weight))
      ? (at: Retrieval, i: number) => (at.score(i) / Math.max(1, at.termCount(i))) * ceiling
      : null;
    // Only the first `limit` of the stable sort by score are kept, unless a colophon may be moved up (below).
    const ranked =
      (intent.contact && municipality) || !(Number.isInteger(limit) && limit > 0)
        ? rankAll(results, tables, sources, scoreOf)
        : (topRanked(results, tables, sources, scoreOf, limit, bound) ?? rankAll(results, tables, sources, scoreOf));
    // 「担当課はどこ」「住所は」 about a municipality's policy as a whole: its colophon answers first, even when
    // it shares no word with the question. A question with a topic of its own (「キャッシュレスの所管課」) is
    // left to the matching passages, which name their own 所管課.
    if (intent.contact && municipality) {
      const topical = qTerms.filter((t) => !t.synonym && !contactWords.has(t.term)).map((t) => t.term);
      const top = ranked[0]?.score ?? 1;
      const inject = (contactKeys.get(municipality) ?? [])
        .filter((k) => {
          const p = sources.get(k)!.passage!;
          if (types && !types.has('passage')) return false;
          const title = titleTerms.get(p.documentId);
          return topical.every((t) => title?.has(t));
        })
        .map((k) => ({ k, rank: ranked.findIndex((x) => idOf(x) === k) }));
      for (const { k, rank } of inject) {
        if (rank >= 0) ranked[rank]!.score = top * 1.05;
        else
          ranked.push({
            at: null,
            i: -1,
            r: { id: k, score: 0, terms: [], queryTerms: [], match: {}, municipality, type: 'passage' },
            source: sources.get(k)!,
            score: top * 1.05,
          });
      }
      ranked.sort((a, b) => b.score - a.score);
    }

    const hits: SearchHit[] = [];
    for (const x of ranked.slice(0, limit)) {
      const { source, score } = x;
      const id = idOf(x);
      const queryTerms = x.r ? x.r.queryTerms : x.at!.queryTerms(x.i);
      const matched = queryTerms.filter((t) => weights.has(t));
      const municipality = (x.r ? x.r.municipality : x.at!.stored(x.i, 'municipality')) as MunicipalityId | null;
      const hit = new Hit(
        id.slice(id.indexOf(':') + 1),
        source.type,
        score,
        matched.length ? matched : queryTerms,
        municipality ?? null,
        x,
      );
      if (source.passage) hit.passage = source.passage;
      if (source.glossary) hit.glossary = source.glossary;
      if (source.faq) hit.faq = source.faq;
      hits.push(hit);
    }
    return hits;
  }

  return {
    key,
    size: documentCount,
    search,
    detectMunicipality: (query) => matcher.detect(analyzer.normalize(query)).municipality,
    derived: () => derived,
    lexicon: () => derived.lexicon,
    shards: () => shards,
    holders,
  };
}

/** A shard's sources and features by document number. */
interface DocTable {
  sources: (Source | undefined)[];
  features: (DocFeatures | undefined)[];
}

/** A result ranked: its place in a retrieval (its object made only for the hits kept), or an object of its own. */
interface Ranked {
  at: Retrieval | null;
  i: number;
  r: Retrieved | null;
  source: Source;
  score: number;
}
type ScoreOf = (at: Retrieval, i: number, source: Source, table: DocTable) => number;

const idOf = (x: Ranked) => (x.r ? x.r.id : x.at!.id(x.i));

/**
 * A hit. Its match is read only when shown (the debug panel), so it is made then, from the postings; a getter on
 * the class, not one defined on each hit (an object literal with a getter is slow to create).
 */
class Hit implements SearchHit {
  declare passage?: Passage;
  declare glossary?: GlossaryEntry;
  declare faq?: FaqEntry;
  readonly #ranked: Ranked;
  #match: Record<string, string[]> | null = null;
  constructor(
    public id: string,
    public type: HitType,
    public score: number,
    public terms: string[],
    public municipality: MunicipalityId | null,
    ranked: Ranked,
  ) {
    this.#ranked = ranked;
  }
  get match(): Record<string, string[]> {
    this.#match ??= (this.#ranked.r ?? this.#ranked.at!.result(this.#ranked.i)).match;
    return this.#match;
  }
}

function sourceAt(at: Retrieval, i: number, table: DocTable, sources: ReadonlyMap<string, Source>): Source {
  const doc = at.doc(i);
  return (doc >= 0 ? table.sources[doc] : undefined) ?? sources.get(at.id(i))!;
}

/** Every result with its score, sorted by score (stable: ties keep MiniSearch's order). */
function rankAll(
  results: readonly Retrieval[],
  tables: readonly DocTable[],
  sources: ReadonlyMap<string, Source>,
  scoreOf: ScoreOf,
): Ranked[] {
  const ranked: Ranked[] = [];
  results.forEach((at, s) => {
    const table = tables[s]!;
    for (let i = 0; i < at.length; i++) {
      const source = sourceAt(at, i, table, sources);
      ranked.push({ at, i, r: null, source, score: scoreOf(at, i, source, table) });
    }
  });
  ranked.sort((a, b) => b.score - a.score);
  return ranked;
}

/**
 * The first `limit` of rankAll's order without sorting every result: each result goes after every kept one
 * scoring at least as much (as the stable sort places it), and past `limit` it is dropped. null when a score is
 * not a number (the sort's order is then the sort's own).
 */
// How much a score's ceiling is raised over the exact product: far above the rounding of three multiplications.
const CEILING_MARGIN = 1 + 1e-9;

/**
 * The largest prior any indexed document gets for an intent (1 for a document without features), per intent:
 * no document's score can take more from its prior.
 */
function createPriorCeilings(
  features: ReadonlyMap<string, DocFeatures>,
  sources: ReadonlyMap<string, Source>,
): (intent: QueryIntent) => number {
  const known = new Map<string, number>();
  return (intent) => {
    const key = `${+intent.definition}${+intent.time}${+intent.number}${+intent.contact}`;
    let ceiling = known.get(key);
    if (ceiling === undefined) {
      ceiling = 1;
      for (const [id, f] of features) {
        const source = sources.get(id);
        if (source) ceiling = Math.max(ceiling, prior(intent, source, f));
      }
      known.set(key, ceiling);
    }
    return ceiling;
  };
}

function topRanked(
  results: readonly Retrieval[],
  tables: readonly DocTable[],
  sources: ReadonlyMap<string, Source>,
  scoreOf: ScoreOf,
  limit: number,
  bound: ((at: Retrieval, i: number) => number) | null,
): Ranked[] | null {
  const top: Ranked[] = [];
  for (let s = 0; s < results.length; s++) {
    const at = results[s]!;
    const table = tables[s]!;
    for (let i = 0; i < at.length; i++) {
      // Once `limit` are kept, a result whose score cannot pass the last kept one's is dropped as below, unscored.
      // (A NaN bound compares false: that result is scored, and a NaN score still returns null.)
      if (bound && top.length === limit && bound(at, i) <= top[limit - 1]!.score) continue;
      const source = sourceAt(at, i, table, sources);
      const score = scoreOf(at, i, source, table);
      if (Number.isNaN(score)) return null;
      if (top.length === limit && !(score > top[limit - 1]!.score)) continue;
      let k = top.length;
      while (k > 0 && top[k - 1]!.score < score) k--;
      top.splice(k, 0, { at, i, r: null, source, score });
      if (top.length > limit) top.pop();
    }
  }
  return top;
}

/**
 * Which municipalities' documents hold each morphological term, from every shard's document frequencies (no
 * search): what ranks the municipalities that can state a topic. Memory: one small array per term.
 */
function createHolderTable(
  shards: Shard[],
  snapshot: KnowledgeSnapshot,
  docFreq: ReadonlyMap<string, number>,
  documentCount: number,
): SearchIndex['holders'] {
  const withShard = new Map(shards.map((s) => [s.name, s]));
  const names = snapshot.municipalities.map((m) => m.id).filter((id) => withShard.has(id));
  const byTerm = new Map<string, number[]>(); // term → positions in names
  names.forEach((name, i) => {
    for (const [term] of withShard.get(name)!.derived.docFreq) {
      const at = byTerm.get(term);
      if (at) at.push(i);
      else byTerm.set(term, [i]);
    }
  });
  return (concepts) => {
    const score = new Float64Array(names.length);
    const holds = new Uint8Array(names.length);
    for (const alternatives of concepts) {
      // One concept whichever spelling a municipality uses (人工知能 or AI): weighed by how rare it is as a whole.
      holds.fill(0);
      let df = 0;
      for (const term of alternatives) {
        df += docFreq.get(term) ?? 0;
        for (const i of byTerm.get(term) ?? []) holds[i] = 1;
      }
      const weight = Math.log(1 + documentCount / Math.max(1, df));
      for (let i = 0; i < names.length; i++) if (holds[i]) score[i] = (score[i] ?? 0) + weight;
    }
    return names
      .map((id, i) => ({ id, i }))
      .sort((a, b) => score[b.i]! - score[a.i]! || a.i - b.i)
      .map((x) => x.id);
  };
}

function docFrequencies(docs: IndexDoc[], fields: (typeof FIELDS)[number][]): Map<string, number> {
  const df = new Map<string, number>();
  for (const doc of docs) {
    const terms = new Set(fields.flatMap((f) => (doc[f] ? doc[f].split(SEP) : [])));
    for (const t of terms) if (t) df.set(t, (df.get(t) ?? 0) + 1);
  }
  return df;
}

/**
 * The share of the question's concepts a document matches. A compound and its parts are one concept
 * (公衆無線LAN = 公衆 + 無線 + LAN), so a long compound cannot outweigh a second, separate word; the joined
 * form counts whole, parts count pro rata. A synonym adds its weight as a partial concept.
 */
function coverageOf(qTerms: QueryTerm[]): (matched: readonly string[]) => number {
  const groups = new Map<number, string[]>();
  for (const t of qTerms) if (!t.synonym) groups.set(t.group, [...(groups.get(t.group) ?? []), t.term]);
  const synonyms = qTerms.filter((t) => t.synonym);
  const concepts = [...groups.values()].map((terms) => {
    const joined = terms.length > 1 ? terms.reduce((a, b) => (b.length > a.length ? b : a)) : null;
    return { joined, parts: joined ? terms.filter((t) => t !== joined) : terms };
  });
  const n = concepts.length || 1;
  return (matched) => {
    let sum = 0;
    for (const c of concepts) {
      if (c.joined && matched.includes(c.joined)) sum += 1;
      else {
        // the share of its parts matched (counted, not filtered into a list: this runs for every result scored)
        let found = 0;
        for (const t of c.parts) if (matched.includes(t)) found++;
        sum += found / (c.parts.length || 1);
      }
    }
    for (const t of synonyms) if (matched.includes(t.term)) sum += t.weight;
    return Math.min(1, sum / n);
  };
}
