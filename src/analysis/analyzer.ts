// createAnalyzer: the char filter, kuromoji tokens and the Lucene-style chain behind one object.
import type { SynonymGroup } from '../knowledge/index.js';
import { normalizeForIndex } from '../knowledge/index.js';
import type { SharedDictionary } from './dictionary.js';
import { kanaToKatakana } from './kana.js';
import { createRespeller, type LexiconEntry, type Respeller, type Respelling } from './respell.js';
import { FUNCTION_KANA, isPunctuation } from './stop.js';
import { type CompiledGroup, compileSynonyms, expandSynonyms } from './synonyms.js';
import { chainReadings, chainTerms, contentSpans, type ReadingTerm, readingOf, spanBigrams } from './terms.js';
import {
  createPieceMemo,
  loadTokenizer,
  type PieceMemo,
  type RawTokenizer,
  type Token,
  toTokens,
} from './tokenizer.js';

/** Names the analyzer in cache keys (the search room also hashes this code, so a forgotten bump is harmless). */
export const ANALYZER_VERSION = 'madoguchi-analyzer/2+kuromoji-0.1.2-ipadic';

export interface QueryTerm {
  term: string;
  weight: number;
  synonym: boolean;
  group: number; // the concept it belongs to: a compound's parts and joined form share one; synonyms their own
}

export interface Analyzer {
  readonly version: string;
  /** The char filter: zero-width removal, NFKC, OCR repairs, lower-case. Same at index and query time. */
  normalize(text: string): string;
  /** kuromoji morphemes of the normalized text. */
  tokenize(text: string): Token[];
  /** Index-time morphological terms. */
  terms(text: string): string[];
  /** Character bigrams over content spans. */
  bigrams(text: string): string[];
  /** Query-side terms: question words dropped, synonyms added down-weighted. */
  queryTerms(text: string): QueryTerm[];
  /** Query-side bigrams (question words dropped). */
  queryBigrams(text: string): string[];
  /** terms(), bigrams() and the readings of the content words from one tokenization (index build). */
  analyze(text: string): { terms: string[]; bigrams: string[]; readings: ReadingTerm[] };
  /** The katakana reading of the whole text (unknown kana words read as written); null when a word has none. */
  reading(text: string): string | null;
  /**
   * The question as the rest of the pipeline should read it: normalize(), then hiragana respelled by reading
   * and katakana/Latin typos corrected against the lexicon (withLexicon); only normalize() without one.
   */
  normalizeQuery(text: string): string;
  /** normalizeQuery() with what was changed and the readings found (the search room weighs them). */
  respell(text: string): Respelling;
  /** A new analyzer that respells queries against this lexicon (the index's vocabulary). */
  withLexicon(entries: LexiconEntry[]): Analyzer;
  /** queryTerms() and queryBigrams() from one tokenization (search). */
  analyzeQuery(text: string): { terms: QueryTerm[]; bigrams: string[] };
  /** A new analyzer with other synonym groups, sharing the loaded dictionary. */
  withSynonyms(groups: SynonymGroup[]): Analyzer;
  /**
   * The same analyzer reading kuromoji's tokens through `memo` (normalized text → tokens): one question's
   * texts are tokenized once, whichever methods read them and whichever analyzer shares the memo (the
   * tokens depend on the dictionary alone). A memo lives as long as its caller keeps it (one question).
   */
  withTokenMemo(memo: Map<string, Token[]>): Analyzer;
  /**
   * A map that lives as long as this analyzer's question (withTokenMemo), one per `table` (an object naming what
   * is kept, with what it depends on besides the analyzer: a caller's synonym sets, its own function); null
   * without a question. For callers deriving pure results from a question's texts that more than one reader asks.
   */
  questionMemo?<V>(table: object): Map<string, V> | null;
}

export interface AnalyzerOptions {
  synonyms?: SynonymGroup[];
  dicPath?: string;
  dictionary?: SharedDictionary; // the dictionary's files already in shared memory (loadDictionary)
  // false: kuromoji runs on every text, nothing remembered across texts (benches timing kuromoji's own cost)
  remember?: boolean;
}

export async function createAnalyzer(options: AnalyzerOptions = {}): Promise<Analyzer> {
  const raw = await loadTokenizer(options.dicPath, options.dictionary);
  const memos = options.remember === false ? {} : { pieces: createPieceMemo(), short: createPieceMemo() };
  return analyzerFrom({ raw, ...memos }, options.synonyms ?? [], null);
}

// kuromoji, and the pieces of long texts and the short texts it tokenized lately (shared by every analyzer made
// from this one)
interface Kuromoji {
  raw: RawTokenizer;
  pieces?: PieceMemo;
  short?: PieceMemo;
}

/**
 * What an analyzer with a token memo (one question) also remembers for that question: each text's char-filtered
 * form, and the query terms, index terms, bigrams and respelling of each normalized text (all pure functions of
 * it and the analyzer's synonyms and lexicon); callers get copies.
 */
interface QuestionScope {
  normalized: Map<string, string>;
  queryTerms: Map<string, QueryTerm[]>;
  terms: Map<string, string[]>;
  queryBigrams: Map<string, string[]>;
  respelled: Map<string, Respelling>;
  tables: WeakMap<object, Map<string, unknown>>;
}

const copyTerms = (terms: QueryTerm[]) => terms.map((t) => ({ ...t }));

function remember<V>(map: Map<string, V> | undefined, key: string, make: () => V): V {
  if (!map) return make();
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    map.set(key, v);
  }
  return v;
}

const KANJI_RUN = /[\u3400-\u9FFF\uF900-\uFAFF々]{2}/;

// A word written in kanji and the endings kuromoji reads after it (verbs, adjectives, auxiliaries, て/ば): its
// okurigana and auxiliaries, which a word respelled from the kana must not cut into (「推進していきたい」 is 推進 + し + て
// + いき + たい, not して + い + 期待). Only after kanji: kana typed for a loanword (「でじたるでばいど」) is read by
// kuromoji as stray verbs, which say nothing.
const INFLECTING = new Set(['動詞', '形容詞', '助動詞']);
const HAS_KANJI = /[\u3400-\u9FFF\uF900-\uFAFF々]/;

function okuriganaChains(kuromoji: Kuromoji, text: string): [number, number][] {
  const spans: [number, number][] = [];
  let chained = false;
  for (const t of toTokens(kuromoji.raw, text, kuromoji.pieces, kuromoji.short)) {
    if (HAS_KANJI.test(t.surface)) chained = true;
    else if (chained && (INFLECTING.has(t.pos) || t.pos1 === '接続助詞'))
      spans.push([t.start, t.start + t.surface.length]);
    else chained = false;
  }
  return spans;
}

/** One word of IPADIC's, read by it (an unknown word has no reading). */
function isDictionaryWord(kuromoji: Kuromoji, word: string): boolean {
  const tokens = toTokens(kuromoji.raw, word, kuromoji.pieces, kuromoji.short);
  return tokens.length === 1 && tokens[0]!.surface === word && tokens[0]!.reading !== undefined;
}

function analyzerFrom(
  kuromoji: Kuromoji,
  groups: SynonymGroup[],
  respeller: Respeller | null,
  shared?: { compiled: CompiledGroup[]; memo: Map<string, Token[]>; scope: QuestionScope },
): Analyzer {
  const { raw } = kuromoji;
  const scope = shared?.scope;
  const normalize = (text: string) => remember(scope?.normalized, text, () => normalizeForIndex(text));
  const memo = shared?.memo;
  const tokenizeNormalized = (n: string): Token[] => {
    if (!n) return [];
    if (!memo) return toTokens(raw, n, kuromoji.pieces, kuromoji.short);
    let tokens = memo.get(n);
    if (!tokens) {
      tokens = toTokens(raw, n, kuromoji.pieces, kuromoji.short);
      memo.set(n, tokens);
    }
    return tokens;
  };
  const terms = (text: string) => {
    const n = normalize(text);
    return scope
      ? remember(scope.terms, n, () => chainTerms(tokenizeNormalized(n))).slice()
      : chainTerms(tokenizeNormalized(n));
  };
  const queryBigramsOf = (n: string) =>
    scope
      ? remember(scope.queryBigrams, n, () =>
          spanBigrams(contentSpans(tokenizeNormalized(n), { question: true })),
        ).slice()
      : spanBigrams(contentSpans(tokenizeNormalized(n), { question: true }));
  // one analyzer per question memo, so a caller asking again for the same memo gets what it remembered
  const scoped = new WeakMap<Map<string, Token[]>, Analyzer>();
  const compiled: CompiledGroup[] =
    shared?.compiled ??
    compileSynonyms(groups, normalize, (text) => {
      const concepts: number[] = [];
      const found = chainTerms(tokenizeNormalized(normalize(text)), {}, concepts);
      return { terms: found, concepts: new Set(concepts).size };
    });

  /** The respelled text with its kanji words typed by the wrong conversion corrected (推進体勢 → 推進体制). */
  function withHomophones(speller: Respeller, r: Respelling): Respelling {
    if (!KANJI_RUN.test(r.text)) return r;
    let text = '';
    let last = 0;
    const changes = [...r.changes];
    for (const t of toTokens(raw, r.text, kuromoji.pieces, kuromoji.short)) {
      const reading = t.pos === '名詞' ? readingOf(t) : undefined;
      const to = reading ? speller.homophone(t.surface, reading) : null;
      if (!to) continue;
      text += r.text.slice(last, t.start) + to;
      last = t.start + t.surface.length;
      changes.push({ from: t.surface, to, kind: 'typo' });
    }
    return last ? { ...r, text: text + r.text.slice(last), changes } : r;
  }

  function respellText(text: string): Respelling {
    const n = normalize(text);
    if (!respeller) return { text: n, changes: [], readings: [] };
    const r = remember(scope?.respelled, n, () => withHomophones(respeller, respeller.respell(n)));
    return scope ? { text: r.text, changes: r.changes.map((c) => ({ ...c })), readings: r.readings.slice() } : r;
  }

  /** queryTermsOf the normalized text, remembered for the question (a copy each time). */
  function queryTermsFor(n: string): QueryTerm[] {
    if (!scope) return queryTermsOf(n, tokenizeNormalized(n));
    return copyTerms(remember(scope.queryTerms, n, () => queryTermsOf(n, tokenizeNormalized(n))));
  }

  function queryTermsOf(n: string, tokens: Token[]): QueryTerm[] {
    const seen = new Map<string, QueryTerm>();
    const groups: number[] = [];
    const terms = chainTerms(tokens, { question: true }, groups);
    terms.forEach((term, i) => {
      if (!seen.has(term)) seen.set(term, { term, weight: 1, synonym: false, group: groups[i] ?? i });
    });
    let next = Math.max(-1, ...groups) + 1;
    const starts = new Set(tokens.map((t) => t.start));
    const ends = new Set(tokens.map((t) => t.start + t.surface.length));
    for (const { term, weight } of expandSynonyms(compiled, n, starts, ends, new Set(seen.keys()))) {
      if (!seen.has(term)) seen.set(term, { term, weight, synonym: true, group: next++ });
    }
    return [...seen.values()];
  }

  return {
    version: ANALYZER_VERSION,
    normalize,
    // A copy: memoized tokens are shared by every reader of the memo.
    tokenize: (text) => (memo ? tokenizeNormalized(normalize(text)).slice() : tokenizeNormalized(normalize(text))),
    terms,
    bigrams: (text) => spanBigrams(contentSpans(tokenizeNormalized(normalize(text)))),
    queryBigrams: (text) => queryBigramsOf(normalize(text)),
    queryTerms: (text) => queryTermsFor(normalize(text)),
    analyze(text) {
      const tokens = tokenizeNormalized(normalize(text));
      return { terms: chainTerms(tokens), bigrams: spanBigrams(contentSpans(tokens)), readings: chainReadings(tokens) };
    },
    reading(text) {
      let out = '';
      for (const t of tokenizeNormalized(normalize(text).replace(/\s+/g, ''))) {
        if (isPunctuation(t.surface)) continue; // エビデンス・ベースド: the dot is not read
        const r = readingOf(t) ?? kanaToKatakana(t.surface);
        if (!r) return null;
        out += r;
      }
      return out || null;
    },
    normalizeQuery: (text) => respellText(text).text,
    respell: (text) => respellText(text),
    withLexicon: (entries) =>
      analyzerFrom(
        kuromoji,
        groups,
        createRespeller(
          entries,
          FUNCTION_KANA,
          (text) => okuriganaChains(kuromoji, text),
          (word) => isDictionaryWord(kuromoji, word),
        ),
      ),
    analyzeQuery(text) {
      const n = normalize(text);
      if (scope) return { terms: queryTermsFor(n), bigrams: queryBigramsOf(n) };
      const tokens = tokenizeNormalized(n);
      return {
        terms: queryTermsOf(n, tokens),
        bigrams: spanBigrams(contentSpans(tokens, { question: true })),
      };
    },
    withSynonyms: (next) => analyzerFrom(kuromoji, next, respeller),
    questionMemo<V>(table: object): Map<string, V> | null {
      if (!scope) return null;
      let map = scope.tables.get(table);
      if (!map) {
        map = new Map();
        scope.tables.set(table, map);
      }
      return map as Map<string, V>;
    },
    withTokenMemo(next) {
      let a = scoped.get(next);
      if (!a) {
        const fresh: QuestionScope = {
          normalized: new Map(),
          queryTerms: new Map(),
          terms: new Map(),
          queryBigrams: new Map(),
          respelled: new Map(),
          tables: new WeakMap(),
        };
        a = analyzerFrom(kuromoji, groups, respeller, { compiled, memo: next, scope: fresh });
        scoped.set(next, a);
      }
      return a;
    },
  };
}
