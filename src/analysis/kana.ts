// Kana conversions, by wanakana (WaniKani's kana library: maintained, typed, no dependencies). Only kana
// is converted here: wanakana would also read Latin as romaji (「dx」 → 「ヂャ」), which a query never means.
import { isKana, isKatakana, toKatakana } from 'wanakana';

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

// The names of the Latin letters as residents write them in katakana (「アールピーエー」 for RPA).
const LETTER_NAMES: Record<string, string> = {
  a: 'エー',
  b: 'ビー',
  c: 'シー',
  d: 'ディー',
  e: 'イー',
  f: 'エフ',
  g: 'ジー',
  h: 'エイチ',
  i: 'アイ',
  j: 'ジェー',
  k: 'ケー',
  l: 'エル',
  m: 'エム',
  n: 'エヌ',
  o: 'オー',
  p: 'ピー',
  q: 'キュー',
  r: 'アール',
  s: 'エス',
  t: 'ティー',
  u: 'ユー',
  v: 'ブイ',
  w: 'ダブリュー',
  x: 'エックス',
  y: 'ワイ',
  z: 'ゼット',
};
// A Latin word read as romaji only when it is made of plain syllables (giga, logo): wanakana would read any
// letters (「dx」 → 「ヂャ」).
const ROMAJI_SYLLABLES = /^(?:[kgsztdnhbpmyrw]?[aiueo]|n(?![aiueoy]))+$/;
// An acronym is read letter by letter up to this length (ICT, RPA, EBPM).
const MAX_ACRONYM = 5;

/**
 * The katakana a resident may write for a word with Latin in it: its letters' names (ict → アイシーティー), its romaji
 * (giga → ギガ), a katakana part kept as written (gigaスクール → ギガスクール).
 */
export function latinReadings(word: string): string[] {
  const parts = word.match(/[a-z][a-z0-9]*|[ァ-ヺー]+/g);
  if (!parts || parts.join('') !== word || !parts.some(isLatinWord)) return [];
  let out = [''];
  for (const part of parts) {
    const read = isLatinWord(part) ? latinWordReadings(part) : [part];
    out = out.flatMap((o) => read.map((r) => o + r));
  }
  return out;
}

function latinWordReadings(word: string): string[] {
  const out: string[] = [];
  if (word.length <= MAX_ACRONYM && /^[a-z]+$/.test(word)) out.push([...word].map((c) => LETTER_NAMES[c]).join(''));
  if (ROMAJI_SYLLABLES.test(word)) {
    const k = toKatakana(word);
    if (isKatakana(k)) out.push(k);
  }
  return out;
}
