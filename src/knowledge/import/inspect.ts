// What an admin must hear about an imported text before residents read it: lines that did not decode
// (mojibake), and a document that names another municipality far more than its own.
import { createMunicipalityDetector, type MunicipalityNames } from '../municipalities.js';

// U+FFFD, private-use glyphs (a font without a Unicode map), C0/C1 controls, and the signatures of
// UTF-8 read as Shift_JIS (縺 繧 繝 …) or as Latin-1 (Ã â€ ã\u0081).
const BROKEN = /[\uFFFD\uE000-\uF8FF\u0000-\u0008\u000B\u000C\u000E-\u001F\u0080-\u009F]/g;
const SJIS_MOJIBAKE = /[縺繧繝譁蜿隱荳螟]/g;
const LATIN1_MOJIBAKE = /Ã.|â€|ã[\u0080-\u00BF]/g;

export interface MojibakeReport {
  lines: number[]; // 1-based lines that look broken
  sample: string | null; // the first of them, cut short
}

export function findMojibake(text: string): MojibakeReport {
  const lines: number[] = [];
  let sample: string | null = null;
  text.split('\n').forEach((line, i) => {
    const broken = (line.match(BROKEN) ?? []).length;
    const sjis = (line.match(SJIS_MOJIBAKE) ?? []).length;
    const latin = (line.match(LATIN1_MOJIBAKE) ?? []).length;
    // one 縺 may be a real kanji; several on one line are UTF-8 bytes read as Shift_JIS
    if (broken > 0 || sjis >= 3 || latin >= 2) {
      lines.push(i + 1);
      sample ??= [...line.trim()].slice(0, 30).join('');
    }
  });
  return { lines, sample };
}

export interface MunicipalityLook<M extends MunicipalityNames> {
  own: number; // how often the document names its own municipality
  other: { municipality: M; count: number } | null; // the other municipality it names most
  looksLikeOther: boolean;
}

// Another municipality named at least this often, and more than OTHER_RATIO × the document's own:
// a policy names itself on its cover, in headings and colophon; a neighbour appears in passing.
const OTHER_MIN = 3;
const OTHER_RATIO = 2;

export function lookAtMunicipality<M extends MunicipalityNames>(
  text: string,
  own: M,
  all: readonly M[],
): MunicipalityLook<M> {
  const detector = createMunicipalityDetector(all);
  const counts = new Map<string, number>();
  // one line at a time: find() reports each municipality once per text
  for (const line of text.split('\n'))
    for (const m of detector.find(line)) counts.set(m.id, (counts.get(m.id) ?? 0) + 1);
  const ownCount = counts.get(own.id) ?? 0;
  let other: { municipality: M; count: number } | null = null;
  for (const m of all) {
    const n = counts.get(m.id) ?? 0;
    if (m.id !== own.id && n > (other?.count ?? 0)) other = { municipality: m, count: n };
  }
  const looksLikeOther = other !== null && other.count >= OTHER_MIN && other.count > OTHER_RATIO * ownCount;
  return { own: ownCount, other, looksLikeOther };
}
