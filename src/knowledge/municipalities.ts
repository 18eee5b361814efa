// The one municipality detector: every way a user names a municipality (id, name, short form, kana and
// romaji aliases from knowledge/municipalities.yaml), matched case- and width-insensitively. Every room
// that reads, strips or resolves a municipality name builds it from the snapshot's list; nothing else
// knows a municipality by name, so a reload that adds one makes it recognised everywhere at once.
import type { MunicipalityId } from './model.js';
import { normalizeForIndex } from './normalize.js';

/** The fields the detector reads; the snapshot's Municipality and the LINE room's MunicipalityInfo fit. */
export interface MunicipalityNames {
  id: MunicipalityId;
  name: string;
  shortName?: string;
  aliases?: readonly string[];
}

export interface MunicipalityDetector<M extends MunicipalityNames = MunicipalityNames> {
  readonly all: readonly M[];
  byId(id: string | null | undefined): M | undefined;
  /** Every municipality named in the text, in the order of first mention. */
  find(text: string): M[];
  /** The text folded (NFKC, lower case) with every municipality name replaced by one space. */
  strip(text: string): string;
  /** An id, or a text that is nothing but one municipality's name (「小金井」「Musashino」「ひので」). */
  resolve(value: string | null | undefined): M | undefined;
}

/**
 * Case- and width-insensitive form used on both sides of every comparison (ＭＵＳＡＳＨＩＮＯ → musashino):
 * the index's own character filter, so a name folds exactly as the question around it does.
 */
export function foldMunicipalityName(text: string): string {
  return normalizeForIndex(text);
}

const compact = (s: string) => s.replace(/[\s\u3000・]+/g, '');

function namesOf(m: MunicipalityNames): string[] {
  return [m.name, m.shortName ?? '', ...(m.aliases ?? [])].map(foldMunicipalityName).filter((n) => n.trim() !== '');
}

export function createMunicipalityDetector<M extends MunicipalityNames>(
  municipalities: readonly M[],
): MunicipalityDetector<M> {
  const byId = new Map(municipalities.map((m) => [m.id, m]));
  const byName = new Map<string, M>();
  // The first municipality listed keeps a name two of them share (the checker reports such a clash).
  for (const m of municipalities) for (const n of namesOf(m)) if (!byName.has(n)) byName.set(n, m);
  const byCompactName = new Map<string, M>();
  for (const [n, m] of byName) if (!byCompactName.has(compact(n))) byCompactName.set(compact(n), m);
  // Longest first, so 西東京市 is cut whole before 西東京 could leave a stray 市.
  const names = [...byName.keys()].sort((a, b) => b.length - a.length);
  const pattern = names.length
    ? new RegExp(names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g')
    : null;

  return {
    all: municipalities,
    byId: (id) => (id ? byId.get(id) : undefined),
    find(text) {
      if (!pattern) return [];
      const found = new Set<M>();
      for (const match of foldMunicipalityName(text).matchAll(pattern)) {
        const m = byName.get(match[0]);
        if (m) found.add(m);
      }
      return [...found];
    },
    strip(text) {
      const folded = foldMunicipalityName(text);
      return pattern ? folded.replace(pattern, ' ') : folded;
    },
    resolve(value) {
      if (!value) return undefined;
      const v = foldMunicipalityName(value).trim();
      return byId.get(v) ?? byName.get(v) ?? byCompactName.get(compact(v));
    },
  };
}
