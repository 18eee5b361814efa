// Footnotes as glossary entries. 武蔵野市's document has no 用語集: it explains terms in footnotes —
// 「AI(*³)」 in the text, 「(*³) Artificial Intelligence の略であり…」 below. OCR sometimes drops the
// superscript of a footnote line (「(*) …」); such a line belongs to the nearest unexplained marker above it.
import { normalizeText } from '../normalize.js';
import type { RawGlossaryEntry } from './glossary.js';

const SUPERSCRIPT: Record<string, string> = {
  '⁰': '0',
  '¹': '1',
  '²': '2',
  '³': '3',
  '⁴': '4',
  '⁵': '5',
  '⁶': '6',
  '⁷': '7',
  '⁸': '8',
  '⁹': '9',
};
const toNumber = (s: string) => [...s].map((c) => SUPERSCRIPT[c] ?? c).join('');

// (\S.*), not (.+): after \s*, (.+) would be retried at every space of a long run when the line holds a
// character . does not match (U+2028).
const NOTE_LINE = /^\(\*([⁰¹²³⁴⁵⁶⁷⁸⁹0-9]*)\)\s*(\S.*)$/;
const MARKER = /\(\*([⁰¹²³⁴⁵⁶⁷⁸⁹0-9]*)\)/g;
// Characters that end a term (looking back from its marker).
const TERM_BOUNDARY = /[\s、。，,「」『』()（）・]/;
const isBoundary = (ch: string) => TERM_BOUNDARY.test(ch);
const isCapital = (ch: string) => ch >= 'A' && ch <= 'Z';

/**
 * The term right before a marker at `end`: a run of non-boundary characters, then any number of
 * 「 X」「 XY」 groups of spaced capitals (OCR's 「C I O」). The same as the pattern
 * /[^\s、。，,「」『』()（）・]+(?: [A-Z](?= ?[A-Z(]))*(?: ?[A-Z])*(?=\(\*)/ found leftmost, but read backwards from
 * the marker: that pattern, run over a line, backtracked cubically on a long run without a marker.
 */
function termBefore(line: string, end: number): string {
  let start = end;
  // spaced-capital groups, as long as something other than a boundary stands before the space
  for (;;) {
    let k = start;
    while (k > 0 && isCapital(line[k - 1]!)) k--;
    if (k === start || k < 2 || line[k - 1] !== ' ' || isBoundary(line[k - 2]!)) break;
    start = k - 1;
  }
  // the run before them (which may hold capitals too)
  while (start > 0 && !isBoundary(line[start - 1]!)) start--;
  return line.slice(start, end);
}
/** Footnote markers in a line with the term written before each (as written; none without a term). */
export function findMarkers(line: string): { term: string; number: string }[] {
  const out: { term: string; number: string }[] = [];
  for (const m of line.matchAll(MARKER)) {
    const term = termBefore(line, m.index);
    if (term) out.push({ term, number: m[1] ?? '' });
  }
  return out;
}

// 「Artificial Intelligence の略」「「chief information officer」の略称」: the expansion is an alias.
const EXPANSION = /^「?([A-Za-z][A-Za-z .'-]+[A-Za-z])」?\s*の略/;

interface Marker {
  term: string;
  number: string;
  line: number;
}

export function extractFootnotes(lines: string[]): RawGlossaryEntry[] {
  const markers: Marker[] = [];
  const notes: { number: string; text: string; line: number }[] = [];
  lines.forEach((raw, i) => {
    const line = raw.trim();
    const note = NOTE_LINE.exec(line);
    if (note) {
      notes.push({ number: toNumber(note[1] ?? ''), text: note[2]!.trim(), line: i + 1 });
      return;
    }
    for (const m of findMarkers(line)) {
      // 「AI(*³)やRPA(*⁴)」: a particle before the term is not part of it.
      const term = normalizeText(m.term)
        .replace(/\s+/g, '')
        .replace(/^[ぁ-ん]+(?=[^ぁ-ん])/, '');
      if (term) markers.push({ term, number: toNumber(m.number), line: i + 1 });
    }
  });
  const used = new Set<Marker>();
  const found = new Map<(typeof notes)[number], Marker>();
  // Numbered notes first; then an unnumbered one takes the earliest unexplained marker above it
  // (footnotes are printed in the order of their markers).
  for (const n of notes.filter((x) => x.number)) {
    const marker = markers.find((m) => !used.has(m) && m.number === n.number);
    if (marker) {
      used.add(marker);
      found.set(n, marker);
    }
  }
  for (const n of notes.filter((x) => !x.number)) {
    const marker = markers.find((m) => !used.has(m) && m.line <= n.line);
    if (marker) {
      used.add(marker);
      found.set(n, marker);
    }
  }
  const entries: RawGlossaryEntry[] = [];
  for (const n of notes) {
    const marker = found.get(n);
    if (!marker) continue;
    const expansion = EXPANSION.exec(n.text)?.[1];
    entries.push({ term: marker.term, aliases: expansion ? [expansion] : [], definition: n.text, line: n.line });
  }
  return entries;
}
