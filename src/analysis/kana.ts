// Kana conversions, by wanakana (WaniKani's kana library: maintained, typed, no dependencies). Only kana
// is converted here: wanakana would also read Latin as romaji (「dx」 → 「ヂャ」), which a query never means.
import { isKana, toKatakana } from 'wanakana';

/** Hiragana (and katakana, ー) as katakana: 「すもーる」 → 「スモール」. Null when the text is not all kana. */
export function kanaToKatakana(text: string): string | null {
  if (!text || !isKana(text)) return null;
  return toKatakana(text, { passRomaji: true });
}

const HIRAGANA_RUN = /[ぁ-ゖ][ぁ-ゖー]*/g;

/** The runs of hiragana (with the long-vowel mark residents type in them: 「すもーる」) in a text. */
export function hiraganaRuns(text: string): { text: string; start: number }[] {
  return [...text.matchAll(HIRAGANA_RUN)].map((m) => ({ text: m[0], start: m.index ?? 0 }));
}

export const isKatakanaWord = (s: string) => /^[ァ-ヺー]+$/.test(s);
export const isLatinWord = (s: string) => /^[a-z][a-z0-9]*$/.test(s);
