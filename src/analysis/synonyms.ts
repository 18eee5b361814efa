// Query-time synonym expansion. A group matches when one of its terms covers whole tokens of the query
// (so 「マイナ」 does not fire inside 「マイナポータル」); the group's other terms are added down-weighted.
import type { SynonymGroup } from '../knowledge/index.js';

export const SYNONYM_WEIGHT = 0.5;
export const CANONICAL_WEIGHT = 0.6;

export interface CompiledTerm {
  normalized: string; // char-filtered form, matched against the normalized query
  terms: string[]; // its analyzed terms; the last one is the joined compound when it has several parts
  phrase: boolean; // several words (紙の削減): it can trigger its group but is not added as one term
}

export interface CompiledGroup {
  members: CompiledTerm[];
}

export function compileSynonyms(
  groups: SynonymGroup[],
  normalize: (s: string) => string,
  analyze: (s: string) => { terms: string[]; concepts: number },
): CompiledGroup[] {
  return groups
    .map((g) => ({
      members: g.terms
        .map((t) => {
          const { terms, concepts } = analyze(t);
          return { normalized: normalize(t), terms, phrase: concepts > 1 };
        })
        .filter((m) => m.normalized.length > 0 && m.terms.length > 0),
    }))
    .filter((g) => g.members.length >= 2);
}

/** Where a member occurs on token boundaries of the query. */
function occursOnBoundaries(query: string, needle: string, starts: Set<number>, ends: Set<number>): boolean {
  let from = 0;
  for (;;) {
    const at = query.indexOf(needle, from);
    if (at < 0) return false;
    if (starts.has(at) && ends.has(at + needle.length)) return true;
    from = at + 1;
  }
}

export interface Expansion {
  term: string;
  weight: number;
}

/** A member matches as written on token boundaries, or by base form when it is one word (作った → 作る). */
export function expandSynonyms(
  groups: CompiledGroup[],
  query: string,
  starts: Set<number>,
  ends: Set<number>,
  queryTerms: Set<string>,
): Expansion[] {
  const out: Expansion[] = [];
  for (const g of groups) {
    const hit = g.members.findIndex(
      (m) =>
        occursOnBoundaries(query, m.normalized, starts, ends) || (m.terms.length === 1 && queryTerms.has(m.terms[0]!)),
    );
    if (hit < 0) continue;
    g.members.forEach((m, i) => {
      if (i === hit || m.phrase) return;
      // The whole member (its joined form), not its parts: 個人番号カード, not 個人 + 番号.
      const head = m.terms.reduce((a, b) => (b.length > a.length ? b : a));
      out.push({ term: head, weight: i === 0 ? CANONICAL_WEIGHT : SYNONYM_WEIGHT });
    });
  }
  return out;
}
