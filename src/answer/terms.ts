// Analyzed terms of the static texts (sentences, headings, heading paths), computed once per snapshot by the
// engine factory, so that answering a question runs the analyzer on the question alone.
import type { Analyzer } from '../analysis/index.js';

export interface TextTerms {
  /** The analyzer's terms of a text: precomputed for the snapshot's texts, memoized for any other. */
  of(text: string): ReadonlySet<string>;
  /** The char filter with white space removed (no morphological analysis). */
  flat(text: string): string;
  /** Texts analyzed since creation that were not precomputed (a test counts them). */
  readonly misses: number;
}

// Texts composed at answer time (a heading joined to a row, a quote validated) are remembered too, the latest
// this many: a server answering distinct questions all day must not grow with them.
const MAX_COMPOSED = 5_000;
const MAX_FLAT = 50_000;

/** A map that forgets its oldest entry beyond `max`. */
export function bounded<V>(max: number) {
  const map = new Map<string, V>();
  return {
    get: (key: string) => map.get(key),
    set(key: string, value: V) {
      map.set(key, value);
      if (map.size > max) map.delete(map.keys().next().value!);
    },
  };
}

/**
 * `texts` are analysed now; `analysed` holds texts already analysed (analyzer.terms of each, e.g. read from
 * the cache, src/search/cache.ts) and costs no analysis.
 */
export function createTextTerms(
  analyzer: Analyzer,
  texts: Iterable<string> = [],
  analysed: Iterable<readonly [string, readonly string[]]> = [],
): TextTerms {
  const memo = new Map<string, ReadonlySet<string>>(); // the snapshot's own texts: kept
  const composed = bounded<ReadonlySet<string>>(MAX_COMPOSED);
  const flatMemo = bounded<string>(MAX_FLAT);
  let misses = 0;
  for (const [text, terms] of analysed) memo.set(text, new Set(terms));
  for (const t of texts) if (!memo.has(t)) memo.set(t, new Set(analyzer.terms(t)));
  return {
    of(text) {
      const hit = memo.get(text) ?? composed.get(text);
      if (hit) return hit;
      misses++;
      const set = new Set(analyzer.terms(text));
      composed.set(text, set);
      return set;
    },
    flat(text) {
      let f = flatMemo.get(text);
      if (f === undefined) {
        f = analyzer.normalize(text).replace(/\s+/g, '');
        flatMemo.set(text, f);
      }
      return f;
    },
    get misses() {
      return misses;
    },
  };
}
