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

const NOTE_LINE = /^\(\*([⁰¹²³⁴⁵⁶⁷⁸⁹0-9]*)\)\s*(.+)$/;
// The term right before a marker: back to the previous bracket, punctuation or particle-free boundary.
const MARKER = /([^\s、。，,「」『』()（）・]+(?: [A-Z](?= ?[A-Z(]))*(?: ?[A-Z])*)\(\*([⁰¹²³⁴⁵⁶⁷⁸⁹0-9]*)\)/g;
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
    for (const m of line.matchAll(MARKER)) {
      // 「AI(*³)やRPA(*⁴)」: a particle before the term is not part of it.
      const term = normalizeText(m[1]!)
        .replace(/\s+/g, '')
        .replace(/^[ぁ-ん]+(?=[^ぁ-ん])/, '');
      if (term) markers.push({ term, number: toNumber(m[2] ?? ''), line: i + 1 });
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
