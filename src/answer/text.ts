// Sentence handling for extractive answers: split, score, trim to whole sentences within a budget.

const SENTENCE_END = /(?<=[。！？!?])|\n+/;

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

/** A key for comparing terms loosely: NFKC, lower-case, letters and digits only, long vowels dropped. */
export function looseKey(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '')
    .replace(/ー/g, '');
}

export function hasDigit(s: string): boolean {
  return /[0-9０-９]/.test(s);
}

export const DATE_CUE = /令和|平成|昭和|[0-9]{4}年|年度|[0-9]+月|r[0-9]|から|まで/i;
export const ORG_CUE = /課|室|係|部|担当|局|本部|委員会|役場|市役所|住所|電話|〒|[0-9]{2,4}-[0-9]{2,4}-[0-9]{3,4}/;
