// Sentence handling for extractive answers: split, score, trim to whole sentences within a budget.

// A 。 inside brackets (「…という。」) does not end the sentence.
const SENTENCE_END = /(?<=[。！？!?])(?![）)」』】])|\n+/;

export function splitSentences(text: string): string[] {
  return text
    .split(SENTENCE_END)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Whole sentences from the start of `text` that fit in `max` characters (at least the first, cut with …). */
export function trimToSentences(text: string, max: number): string {
  if (text.length <= max) return text;
  const parts = splitSentences(text);
  let out = '';
  for (const p of parts) {
    if ((out + p).length > max) break;
    out += p;
  }
  if (out) return out;
  return `${text.slice(0, Math.max(0, max - 1))}…`;
}

/** Lines joined into one with a space (「\s*\n\s*」 → 「 」), in linear time on any text. */
export function joinLines(text: string): string {
  // The lookbehind starts a match only where a run of white space begins, so a long run is scanned once.
  return text.replace(/(?<!\s)\s*\n\s*/g, ' ');
}

/** A string for a RegExp that matches it literally. */
export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A text folded for containment tests: NFKC, lower-case, without white space. */
export const foldedKey = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');

/** A key for comparing terms loosely: NFKC, lower-case, letters and digits only, long vowels dropped. */
export function looseKey(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '')
    .replace(/ー/g, '');
}

/**
 * KPI rows give the unit in its own column (「目標値: 50 / 単位: 件 / 実績値: 5」); residents expect 「5件」.
 * Attach the unit to the figure cells of such a row, leaving every other cell as the document has it.
 */
export function attachUnits(row: string): string {
  const unit = /(?:^|\/\s*)単位\s*:\s*([^/\s]+)\s*(?:\/|$)/.exec(row)?.[1];
  if (!unit || /[0-9]/.test(unit)) return row;
  return row.replace(/((?:目標|実績|現状|基準)[^:/]{0,4}\s*:\s*)([0-9][0-9,.]*)(\s*)(?=\/|$)/g, `$1$2${unit}$3`);
}

// An item of a list as the documents and composers write one: at a line's start (or a table cell's, after 「 / 」), a
// bullet, a circled or plain number, a check mark (「・」「①」「1 」「○」「✓」「■」).
const LIST_ITEM = /(?:^|\n|\s\/\s)\s*(?:[・●○◯◆◇■□✓☑▼▶]|[①-⑳]|[0-9]{1,2}(?:[.．、)）]|\s(?![0-9])))/g;

/** How many list items a text holds, by their marks. */
export const listItems = (text: string): number => text.match(LIST_ITEM)?.length ?? 0;
