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

// Texts composed at answer time (a heading joined to a row) are memoized too, up to this many.
const MAX_MEMO = 200_000;

/**
 * `texts` are analysed now; `analysed` holds texts already analysed (analyzer.terms of each, e.g. read from
 * the cache, src/search/cache.ts) and costs no analysis.
 */
export function createTextTerms(
  analyzer: Analyzer,
  texts: Iterable<string> = [],
  analysed: Iterable<readonly [string, readonly string[]]> = [],
): TextTerms {
  const memo = new Map<string, ReadonlySet<string>>();
  const flatMemo = new Map<string, string>();
  let misses = 0;
  const analyze = (text: string) => {
    const set = new Set(analyzer.terms(text));
    if (memo.size < MAX_MEMO) memo.set(text, set);
    return set;
  };
  for (const [text, terms] of analysed) memo.set(text, new Set(terms));
  for (const t of texts) if (!memo.has(t)) analyze(t);
  return {
    of(text) {
      const hit = memo.get(text);
      if (hit) return hit;
      misses++;
      return analyze(text);
    },
    flat(text) {
      let f = flatMemo.get(text);
      if (f === undefined) {
        f = analyzer.normalize(text).replace(/\s+/g, '');
        if (flatMemo.size < MAX_MEMO) flatMemo.set(text, f);
      }
      return f;
    },
    get misses() {
      return misses;
    },
  };
}
