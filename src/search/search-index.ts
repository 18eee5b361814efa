// buildIndex: one MiniSearch over passages, glossary entries and FAQ entries. A query runs the
// morphological terms (title + body, synonyms down-weighted) and the bigram recall net together.
import MiniSearch, { type Query } from 'minisearch';
import type { Analyzer, LexiconEntry, QueryTerm } from '../analysis/index.js';
import type { FaqEntry, GlossaryEntry, KnowledgeSnapshot, MunicipalityId, Passage } from '../knowledge/index.js';
import {
  addPhrases,
  collectSources,
  FIELDS,
  type HitType,
  type IndexDoc,
  LexiconCounter,
  MORPH_FIELDS,
  SEP,
  type Source,
  sourceText,
  toIndexDocs,
} from './documents.js';
import { type DocFeatures, definedWord, detectIntent, docFeatures, prior } from './intent.js';
import { indexKey } from './key.js';
import { createMunicipalityMatcher, type MunicipalityMatcher } from './municipality.js';
import { stringifyMiniSearch } from './serialize.js';

export interface SearchOptions {
  /** Restrict or boost one municipality. undefined: use the one named in the query, if any. null: none. */
  municipality?: MunicipalityId | null;
  filter?: 'only' | 'boost'; // default 'only'
  types?: HitType[];
  limit?: number; // default 10
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
  /** MiniSearch's JSON for MiniSearch.loadJS (serialize.ts). */
  stringify(): string;
  /** Build-time data kept with the serialized index. */
  derived(): Derived;
  /** Every indexed word's reading and spelling: what Analyzer.withLexicon respells questions against. */
  lexicon(): LexiconEntry[];
}

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
// Words of a contact question that are not its topic; analyzed with the index's analyzer.
const CONTACT_PHRASES =
  '担当課 所管課 担当部署 担当部局 担当部門 部署 住所 所在地 電話番号 連絡先 問い合わせ先 問合せ先 お問い合わせ 役場 市役所 町役場 場所 FAX 郵便番号 窓口 メールアドレス どこ';
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
  const sources = collectSources(snapshot);
  const mini = createMiniSearch();
  const lexicon = new LexiconCounter();
  addPhrases(lexicon, snapshot, analyzer);
  const docs = toIndexDocs(sources, analyzer, lexicon);
  mini.addAll(docs);
  return wrapIndex(mini, sources, snapshot, analyzer, derive(docs, sources, analyzer, lexicon));
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

export function wrapIndex(
  mini: MiniSearch<IndexDoc>,
  sources: Map<string, Source>,
  snapshot: KnowledgeSnapshot,
  analyzer: Analyzer,
  derived: Derived,
): SearchIndex {
  // Questions are respelled against this index's own vocabulary (hiragana by reading, katakana typos).
  const speller = analyzer.withLexicon(derived.lexicon);
  const matcher: MunicipalityMatcher = createMunicipalityMatcher(snapshot.municipalities);
  const key = indexKey(snapshot, analyzer);

  // Document frequency of each morphological term, for pruning near-stop-words from long queries.
  const docFreq = new Map(derived.docFreq);
  const bigramFreq = new Map(derived.bigramFreq);
  const commonDf = Math.max(1, mini.documentCount * COMMON_TERM_SHARE);

  const features = new Map(derived.features);
  const glossaryNames = new Map(
    snapshot.glossary.map((g) => [g.id, [g.term, ...g.aliases].map((n) => analyzer.normalize(n).replace(/\s+/g, ''))]),
  );
  const contactKeys = [...features].filter(([, f]) => f.contact).map(([k]) => k);
  const contactWords = new Set(CONTACT_PHRASES.split(' ').flatMap((p) => analyzer.terms(p)));
  const titleTerms = new Map(snapshot.documents.map((d) => [d.meta.id, new Set(analyzer.terms(d.meta.title))]));

  function search(query: string, opts: SearchOptions = {}): SearchHit[] {
    const respelled = speller.respell(query);
    const normalized = respelled.text;
    const detected = matcher.detect(normalized);
    const municipality = opts.municipality === undefined ? detected.municipality : opts.municipality;
    const filterMode = opts.filter ?? 'only';
    const text = detected.rest;

    const { terms: analyzed, bigrams } = analyzer.analyzeQuery(text);
    if (analyzed.length === 0 && bigrams.length === 0) return [];
    const corrected = new Set(respelled.changes.filter((c) => c.kind === 'typo').flatMap((c) => analyzer.terms(c.to)));
    // Copies: the analyzer's results may be memoized and shared.
    const qTerms = analyzed.map((t) => (corrected.has(t.term) ? { ...t, weight: t.weight * TYPO_WEIGHT } : t));
    const weights = new Map(qTerms.map((t) => [t.term, t.weight]));
    const coverage = coverageOf(qTerms);
    const intent = detectIntent(normalized);
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
    const identity = (s: string) => s.split(SEP);
    const queries: Query[] = [];
    // Like Lucene's CommonTermsQuery: a term in most documents (推進, 化) only costs time when rarer terms
    // are there to rank by. A two-character one still matches, weakly, as a bigram.
    const rare = qTerms.filter((t) => (docFreq.get(t.term) ?? 0) <= commonDf);
    const searched = rare.some((t) => !t.synonym) ? rare : qTerms;
    if (searched.length)
      queries.push({
        queries: [searched.map((t) => t.term).join(SEP)],
        fields: [...MORPH_FIELDS],
        tokenize: identity,
        boostTerm: (term: string) => weights.get(term) ?? 1,
      });
    const rareBigrams = [...new Set(bigrams)].filter((b) => (bigramFreq.get(b) ?? 0) <= commonDf);
    if (rareBigrams.length) queries.push({ queries: [rareBigrams.join(SEP)], fields: ['bigram'], tokenize: identity });
    if (respelled.readings.length)
      queries.push({ queries: [[...new Set(respelled.readings)].join(SEP)], fields: ['reading'], tokenize: identity });

    const results = mini.search({ combineWith: 'OR', queries }, { boost: BOOST, boostDocument });
    const ranked = results.map((r) => {
      const source = sources.get(r.id as string)!;
      const matched = r.queryTerms.filter((t) => weights.has(t));
      const covered = coverage(new Set(matched));
      const base = r.score / Math.max(1, r.queryTerms.length);
      const f = features.get(r.id as string);
      let score = base * (0.25 + covered) ** COVERAGE_POWER * (f ? prior(intent, source, f) : 1);
      // 「AIとは」: the entry for AI itself, before 生成AI.
      if (defined && source.glossary && glossaryNames.get(source.glossary.id)?.includes(defined)) score *= EXACT_TERM;
      return { r, source, matched, score };
    });
    ranked.sort((a, b) => b.score - a.score);
    // 「担当課はどこ」「住所は」 about a municipality's policy as a whole: its colophon answers first, even when
    // it shares no word with the question. A question with a topic of its own (「キャッシュレスの所管課」) is
    // left to the matching passages, which name their own 所管課.
    const topical = qTerms.filter((t) => !t.synonym && !contactWords.has(t.term)).map((t) => t.term);
    if (intent.contact && municipality) {
      const top = ranked[0]?.score ?? 1;
      const inject = contactKeys
        .filter((k) => {
          const p = sources.get(k)?.passage;
          if (!p || p.municipality !== municipality || (types && !types.has('passage'))) return false;
          const title = titleTerms.get(p.documentId);
          return topical.every((t) => title?.has(t));
        })
        .map((k) => ({ k, rank: ranked.findIndex((x) => x.r.id === k) }));
      for (const { k, rank } of inject) {
        if (rank >= 0) ranked[rank]!.score = top * 1.05;
        else
          ranked.push({
            r: { id: k, score: 0, terms: [], queryTerms: [], match: {}, municipality, type: 'passage' },
            source: sources.get(k)!,
            matched: [],
            score: top * 1.05,
          });
      }
      ranked.sort((a, b) => b.score - a.score);
    }

    const hits: SearchHit[] = [];
    for (const { r, source, matched, score } of ranked.slice(0, opts.limit ?? 10)) {
      const id = r.id as string;
      const hit: SearchHit = {
        id: id.slice(id.indexOf(':') + 1),
        type: source.type,
        score,
        terms: matched.length ? matched : r.queryTerms,
        match: r.match,
        municipality: (r.municipality as MunicipalityId | null) ?? null,
      };
      if (source.passage) hit.passage = source.passage;
      if (source.glossary) hit.glossary = source.glossary;
      if (source.faq) hit.faq = source.faq;
      hits.push(hit);
    }
    return hits;
  }

  return {
    key,
    size: mini.documentCount,
    search,
    detectMunicipality: (query) => matcher.detect(analyzer.normalize(query)).municipality,
    stringify: () => stringifyMiniSearch(mini),
    derived: () => derived,
    lexicon: () => derived.lexicon,
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
function coverageOf(qTerms: QueryTerm[]): (matched: Set<string>) => number {
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
      if (c.joined && matched.has(c.joined)) sum += 1;
      else sum += c.parts.filter((t) => matched.has(t)).length / (c.parts.length || 1);
    }
    for (const t of synonyms) if (matched.has(t.term)) sum += t.weight;
    return Math.min(1, sum / n);
  };
}
