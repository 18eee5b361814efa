// The character filter shared by index time and query time. Both sides must run the same code,
// otherwise 「D X」 in a document never meets 「DX」 in a question.
//
// - normalizeText(s): case kept (glossary terms display as written). Use for passage.normalized.
// - normalizeForIndex(s): normalizeText + lower-case; what an analyzer may feed to its tokenizer.
// - cleanDisplay(s): the light clean-up for display text (no NFKC, no OCR repairs).

const ZERO_WIDTH = /[\u200B-\u200D\uFEFF\u2060]/g;

// Cyrillic and Greek letters that OCR put in place of Latin capitals (ЕВРМ → EBPM).
const LATIN_LOOKALIKE: Record<string, string> = {
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  У: 'Y',
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  х: 'x',
  у: 'y',
  і: 'i',
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
  ο: 'o',
};

// Cyrillic letters that OCR put in place of katakana (デジタルデバйд → デジタルデバイド).
const KATAKANA_LOOKALIKE: Record<string, string> = { й: 'イ', д: 'ド', п: 'ロ', н: 'ト', т: 'ト' };

const KATAKANA = '\\u30A0-\\u30FF';
const CJK = '\\u3040-\\u30FF\\u3400-\\u9FFF\\uF900-\\uFAFF\\u3000-\\u303F\\uFF01-\\uFF60';
const FOREIGN_RUN = /[\u0370-\u03FF\u0400-\u04FF]+/g;
const KATAKANA_CHAR = new RegExp(`[${KATAKANA}]`);
const DASH_IN_KATAKANA = new RegExp(
  `(?<=[${KATAKANA}])[\\u2010-\\u2015\\u2212\\-\\uFF0D\\uFF70\\u4E00](?=[${KATAKANA}])`,
  'g',
);
const SPACED_CAPITALS = /(?<![A-Za-z])[A-Z](?: [A-Z])+(?![A-Za-z])/g;
// For matching, any case: a phone types 「ｄ ｘ」 or 「I c t」 as readily as 「D X」.
const SPACED_LETTERS = /(?<![A-Za-z])[A-Za-z](?: [A-Za-z])+(?![A-Za-z])/g;
const SPACED_DIGITS = /(?<![\d.,])\d(?: \d)+(?![\d.,])/g;
const SPACE_BETWEEN_CJK = new RegExp(`(?<=[${CJK}]) +(?=[${CJK}])`, 'g');

// The three patterns above in one pass over the runs of spaces: a run goes when its neighbours are CJK and CJK, a
// digit or a Latin letter (either side). Removing one run changes no other run's neighbours, so this is what
// the three replaces in turn give.
const SPACE_RUN = / +/g;
const CJK_CHAR = new RegExp(`[${CJK}]`);
const DIGIT_OR_LATIN = /[0-9A-Za-z]/;
function dropWrapSpace(run: string, offset: number, whole: string): string {
  const before = whole[offset - 1];
  const after = whole[offset + run.length];
  if (before === undefined || after === undefined) return run;
  const cjkBefore = CJK_CHAR.test(before);
  const cjkAfter = CJK_CHAR.test(after);
  if (cjkBefore && (cjkAfter || DIGIT_OR_LATIN.test(after))) return '';
  if (cjkAfter && DIGIT_OR_LATIN.test(before)) return '';
  return run;
}

function repairLookalikes(s: string): string {
  return s.replace(FOREIGN_RUN, (run, offset: number, whole: string) => {
    const before = whole[offset - 1] ?? '';
    const after = whole[offset + run.length] ?? '';
    const inKatakana = KATAKANA_CHAR.test(before) || KATAKANA_CHAR.test(after);
    return [...run]
      .map((ch) => (inKatakana ? (KATAKANA_LOOKALIKE[ch] ?? LATIN_LOOKALIKE[ch]) : LATIN_LOOKALIKE[ch]) ?? ch)
      .join('');
  });
}

/** Zero-width removal, NFKC, OCR repairs and whitespace folding. Keeps letter case. */
// Control characters and lone surrogates mean nothing in a question or a document, and kuromoji throws on
// U+0000 and on a lone high surrogate: they become a space and U+FFFD before anything else.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// What the first three filters and the katakana dash look for, tested in one scan before the (slower) replaces:
// a text without any of these characters is left as it is by them. Lookbehind patterns are slow to scan, and
// most texts hold none of their characters.
const FILTERED = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uD800-\uDFFF\u200B-\u200D\uFEFF\u2060]/;
const KATAKANA_DASH_CHAR = /[\u2010-\u2015\u2212\-\uFF0D\uFF70\u4E00]/;

export function normalizeText(s: string): string {
  let t = FILTERED.test(s) ? s.replace(CONTROL, ' ').replace(LONE_SURROGATE, '\uFFFD').replace(ZERO_WIDTH, '') : s;
  t = t.normalize('NFKC');
  t = repairLookalikes(t);
  t = t.replace(/\s+/g, ' ');
  if (KATAKANA_DASH_CHAR.test(t)) t = t.replace(DASH_IN_KATAKANA, 'ー');
  // Every pattern below needs a space (whitespace is one space by now).
  if (t.includes(' ')) {
    t = t.replace(SPACED_LETTERS, (m) => m.replace(/ /g, ''));
    t = t.replace(SPACED_DIGITS, (m) => m.replace(/ /g, ''));
    // Spaces inside Japanese text are PDF line-wrap artefacts, not word boundaries.
    t = t.replace(SPACE_RUN, dropWrapSpace);
  }
  // A dropped space can bring a kana and a loose sound mark together (「う ﾞ」): compose them. The composed kana
  // is new context for the steps above (「ｳ ﾞй」: й now follows ヴ), so such text takes one more pass.
  t = t.trim();
  const composed = t.normalize('NFC');
  return composed === t ? t : normalizeText(composed);
}

/** normalizeText, then lower-cased: the form an index stores and a query is compared in. */
export function normalizeForIndex(s: string): string {
  return normalizeText(s).toLowerCase();
}

// A leader with the spaces around it. Leading spaces are taken only from where their run starts ((?<!\s)):
// without that, every position of a long run of spaces rescans the rest of the run (quadratic). The group is
// optional so that a leader right after the previous match (which took the spaces between) still matches.
const DOTTED_LEADER = /(?:(?<!\s)\s+)?(?:[.…·・・]{3,}|[—―─\-_]{4,})\s*/g;

/**
 * Display text: zero-width chars and dotted leaders removed, whitespace runs folded, and the spaces a PDF
 * line wrap left between two Japanese characters dropped. No NFKC and no OCR repairs: this is what a
 * resident sees quoted.
 */
export function cleanDisplay(s: string): string {
  const t = s
    .replace(ZERO_WIDTH, '')
    .replace(DOTTED_LEADER, ' ')
    .replace(/[ \t\u3000]+/g, ' ');
  return (t.includes(' ') ? t.replace(SPACE_BETWEEN_CJK, '') : t).trim();
}

/** Display text with the OCR repairs (look-alike letters, 「D X」) but without NFKC: for headings. */
export function repairText(s: string): string {
  return cleanDisplay(repairLookalikes(s).replace(SPACED_CAPITALS, (m) => m.replace(/ /g, ''))).replace(
    DASH_IN_KATAKANA,
    'ー',
  );
}
