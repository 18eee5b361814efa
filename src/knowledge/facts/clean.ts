// The resident-text cleaner: whatever a resident reads (a quoted passage, a fact's text) passes through
// cleanForResident, which removes what PDF conversion and OCR left in the seeds and never rewords.
// Each rule is a row with the reason it exists; a rule repairs only what it can repair with certainty.
import { cleanDisplay } from '../normalize.js';

interface CleanRule {
  pattern: RegExp;
  replace: string | ((match: string, ...groups: string[]) => string);
  why: string;
}

const JA = '\\u3040-\\u30FF\\u3400-\\u9FFF\\uF900-\\uFAFF\\u3005\\u3006';

export const CLEAN_RULES: readonly CleanRule[] = [
  {
    pattern: /<\/?[a-z][^<>]{0,80}>/g,
    replace: ' ',
    why: 'HTML tags from tables converted to Markdown (<p>, <ul …>, <u>)',
  },
  { pattern: /\*\*([^*\n]{1,200})\*\*/g, replace: '$1', why: 'Markdown bold around a phrase' },
  { pattern: /[_^]\{([^{}]{0,20})\}/g, replace: '$1', why: 'LaTeX sub/superscripts OCR produced (^{※「})' },
  { pattern: /\\[a-zA-Z]+(?:\{[^{}]{0,20}\})*/g, replace: ' ', why: 'LaTeX commands OCR produced (\\mathcal{F})' },
  {
    pattern: /\\\S?/g,
    replace: ' ',
    why: 'backslash escapes OCR produced for a label it could not read (\\# \\t \\ \\)',
  },
  {
    pattern: /(?:[+＋*＊#＃](?:\s+|$)){2,}/g,
    replace: ' ',
    why: 'runs of + * # left where OCR read a label as symbols',
  },
  { pattern: /[|｜│¦]/g, replace: ' ', why: 'table pipes left inside a cell or row' },
  {
    pattern: /(?<=[^\s*＊「『(（])[*＊](?=[\s(（、。」』）),/]|$)/gm,
    replace: '',
    why: 'the 「*」 after a term pointing to the glossary (CIO*(副市長)): a footnote mark, not text',
  },
  { pattern: /[·•・.]{3,}|[—―─]{3,}|ー{6,}/g, replace: ' ', why: 'dotted leaders and rules drawn with dashes' },
  {
    pattern: new RegExp(`(?<=[${JA}])し(?=して[いお])`, 'g'),
    replace: '',
    why: 'doubled し after a verb stem (実施しして → 実施して): never Japanese',
  },
  { pattern: /まっす(?=[。．]|$)/g, replace: 'ます', why: 'stuttered sentence end (いきまっす。): never Japanese' },
];

// An OCR'd label cell: a short code of letters, digits and symbols ending in a 2-3 digit number or ===
// (「HIT 255」「4817 255」「40T 255」「+017 215」「1 07 ===」), standing between Japanese text. A code of
// plain small numbers (「30 / 18」「4 環境」) is content: the code must hold a letter or symbol, or a number
// of 3 or more digits.
const NOISE_CODE = new RegExp(
  `(?<=^|[${JA}、。）)]\\s?|\\s)(?:[A-Za-z0-9+#*=Ħ]{1,5}\\s){1,2}(?:\\d{2,3}|===)(?![\\d,.%]|[${JA}A-Za-z%])`,
  'g',
);
const isNoiseCode = (code: string) => /[A-Za-z+#*=Ħ]|\d{3}/.test(code.replace(/\s(?:\d{2,3}|===)\s*$/, ''));

/** Clean display text for residents: no OCR debris, no Markdown, no stray table syntax. */
export function cleanForResident(text: string): string {
  let t = text;
  for (const rule of CLEAN_RULES) t = t.replace(rule.pattern, rule.replace as string);
  t = t.replace(NOISE_CODE, (code) => (isNoiseCode(code) ? ' ' : code));
  t = mergeRepeats(t);
  return t
    .split('\n')
    .map((line) => cleanDisplay(line))
    .filter((line) => line !== '')
    .join('\n');
}

const MIN_REPEAT = 4; // shorter repeats (「推進 推進」 aside) are too often real
const MAX_REPEAT = 60;
const MAX_GAP = 3; // characters of OCR junk allowed between a fragment and its repetition

/**
 * A table cell OCR read twice (「行政サービスの 行政サービスの利便性向上」) or a fragment repeated after a
 * few junk characters (「…決裁業務を電子 全上の方向性に基づき決裁業務を電子化」): keep the first copy.
 * For each position only the later positions holding the same character are tried (no backtracking regex).
 */
export function mergeRepeats(text: string): string {
  if (text.length < 2 * MIN_REPEAT) return text;
  const next = nextSame(text);
  let out = '';
  let i = 0;
  while (i < text.length) {
    const cut = repeatAt(text, i, next);
    if (cut) {
      out += text.slice(i, i + cut.len);
      i = cut.next;
      continue;
    }
    out += text[i];
    i++;
  }
  return out;
}

// A repeat never spans a line, a table separator or a number: 「令和5年度: 検討 / 令和6年度: 検討」 repeats
// by design, and a line break or 「/」 between two copies means two cells, not one cell read twice.
const NOT_IN_REPEAT = /[\s/:：|0-9０-９]/;
const NOT_IN_GAP = /[\n/:：0-9０-９\u3040-\u309F]/; // hiragana: a word of its own (「A と A」)

// The latest position of each UTF-16 code unit while nextSame scans a text (-1: none); reset before it returns.
const lastAt = new Int32Array(0x10000).fill(-1);

/** For each position, the next one holding the same UTF-16 code unit (-1: none). */
function nextSame(s: string): Int32Array {
  const next = new Int32Array(s.length);
  for (let i = s.length - 1; i >= 0; i--) {
    const c = s.charCodeAt(i);
    next[i] = lastAt[c]!;
    lastAt[c] = i;
  }
  for (let i = 0; i < s.length; i++) lastAt[s.charCodeAt(i)] = -1;
  return next;
}

function repeatAt(s: string, i: number, next: Int32Array): { len: number; next: number } | undefined {
  const first = s.charCodeAt(i);
  if (!isJapaneseCode(first)) return undefined;
  const last = Math.min(s.length - MIN_REPEAT, i + 2 * MAX_REPEAT + MAX_GAP);
  let best: { len: number; next: number } | undefined;
  // the later positions holding the same character, in order (the others cannot start a copy)
  let j = next[i]!;
  while (j !== -1 && j < i + MIN_REPEAT) j = next[j]!;
  for (; j !== -1 && j <= last; j = next[j]!) {
    for (let gap = 0; gap <= MAX_GAP; gap++) {
      const len = j - i - gap;
      if (len < MIN_REPEAT || len > MAX_REPEAT || (gap > 0 && len < 8) || j + len > s.length) continue;
      if (best && len <= best.len) continue;
      if (!isJapaneseCode(s.charCodeAt(i + len - 1))) continue;
      const copy = s.slice(i, i + len);
      if (s.slice(j, j + len) !== copy || NOT_IN_REPEAT.test(copy)) continue;
      if (NOT_IN_GAP.test(s.slice(i + len, j))) continue;
      best = { len, next: j + len };
    }
  }
  return best;
}

function isJapaneseCode(c: number): boolean {
  return (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff);
}

/** What the cleaner must never leave in resident text (the test runs every quotable text through it). */
export const DEBRIS: readonly { name: string; pattern: RegExp }[] = [
  { name: 'backslash escape', pattern: /\\/ },
  { name: 'run of +', pattern: /\+\s*\+/ },
  { name: 'Markdown bold', pattern: /\*\*/ },
  { name: 'table pipe', pattern: /[|｜│]/ },
  { name: 'HTML tag', pattern: /<\/?[a-z][^<>]*>/ },
  { name: 'OCR label code', pattern: /(?:^|\s)[A-Za-z0-9+#*/=]{1,5}\s(?:255|215|===)(?:\s|$)/ },
  { name: 'doubled し', pattern: /[\u4E00-\u9FFF]しして[いお]/ },
  { name: 'stuttered ending', pattern: /まっす/ },
];

export function findDebris(text: string): string[] {
  return DEBRIS.filter((d) => d.pattern.test(text)).map((d) => d.name);
}
