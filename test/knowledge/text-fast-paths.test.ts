// The character filter and the repeat merger skip work their patterns cannot do on a text (a replace whose
// characters the text lacks, positions not holding the same character): they must give what the plain
// sequence of replaces and the full scan gave, on the corpus and on any text.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { mergeRepeats } from '../../src/knowledge/facts/clean.js';
import { cleanDisplay, type KnowledgeSnapshot, normalizeText } from '../../src/knowledge/index.js';
import { loadCorpus } from './corpus.js';

// The reference: normalizeText and cleanDisplay as every replace in turn, unguarded.
const CJK = '\\u3040-\\u30FF\\u3400-\\u9FFF\\uF900-\\uFAFF\\u3000-\\u303F\\uFF01-\\uFF60';
const KATAKANA = '\\u30A0-\\u30FF';
const ref = {
  control: /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g,
  surrogate: /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
  zeroWidth: /[\u200B-\u200D\uFEFF\u2060]/g,
  dash: new RegExp(`(?<=[${KATAKANA}])[\\u2010-\\u2015\\u2212\\-\\uFF0D\\uFF70\\u4E00](?=[${KATAKANA}])`, 'g'),
  letters: /(?<![A-Za-z])[A-Za-z](?: [A-Za-z])+(?![A-Za-z])/g,
  digits: /(?<![\d.,])\d(?: \d)+(?![\d.,])/g,
  cjk: new RegExp(`(?<=[${CJK}]) +(?=[${CJK}])`, 'g'),
  cjkDigit: new RegExp(`(?<=[${CJK}]) +(?=\\d)|(?<=\\d) +(?=[${CJK}])`, 'g'),
  cjkLatin: new RegExp(`(?<=[${CJK}]) +(?=[A-Za-z])|(?<=[A-Za-z]) +(?=[${CJK}])`, 'g'),
  leader: /(?:(?<!\s)\s+)?(?:[.…·・・]{3,}|[—―─\-_]{4,})\s*/g,
};

// normalizeText without its look-alike repair (the same code on both sides): the repair is applied by running
// the real function on texts without Cyrillic or Greek letters only.
function referenceNormalize(s: string): string {
  let t = s.replace(ref.control, ' ').replace(ref.surrogate, '\uFFFD').replace(ref.zeroWidth, '').normalize('NFKC');
  t = t.replace(/\s+/g, ' ');
  t = t.replace(ref.dash, 'ー');
  t = t.replace(ref.letters, (m) => m.replace(/ /g, ''));
  t = t.replace(ref.digits, (m) => m.replace(/ /g, ''));
  t = t.replace(ref.cjk, '').replace(ref.cjkDigit, '').replace(ref.cjkLatin, '');
  t = t.trim();
  const composed = t.normalize('NFC');
  return composed === t ? t : referenceNormalize(composed);
}

const referenceDisplay = (s: string) =>
  s
    .replace(ref.zeroWidth, '')
    .replace(ref.leader, ' ')
    .replace(/[ \t\u3000]+/g, ' ')
    .replace(ref.cjk, '')
    .trim();

// mergeRepeats trying every later position, as it did before it read only those holding the same character.
function referenceMerge(text: string): string {
  const isJa = (c: number) => (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff);
  if (text.length < 8) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    let best: { len: number; next: number } | undefined;
    const first = text.charCodeAt(i);
    if (isJa(first)) {
      const last = Math.min(text.length - 4, i + 123);
      for (let j = i + 4; j <= last; j++) {
        if (text.charCodeAt(j) !== first) continue;
        for (let gap = 0; gap <= 3; gap++) {
          const len = j - i - gap;
          if (len < 4 || len > 60 || (gap > 0 && len < 8) || j + len > text.length) continue;
          if (best && len <= best.len) continue;
          if (!isJa(text.charCodeAt(i + len - 1))) continue;
          const copy = text.slice(i, i + len);
          if (text.slice(j, j + len) !== copy || /[\s/:：|0-9０-９]/.test(copy)) continue;
          if (/[\n/:：0-9０-９\u3040-\u309F]/.test(text.slice(i + len, j))) continue;
          best = { len, next: j + len };
        }
      }
    }
    if (best) {
      out += text.slice(i, i + best.len);
      i = best.next;
    } else out += text[i++];
  }
  return out;
}

const FOREIGN = /[\u0370-\u03FF\u0400-\u04FF]/;
// Every character class the patterns look at: CJK, kana, fullwidth, digits, Latin, spaces of each kind, dashes
// and 一 between katakana, control and zero-width characters, lone and paired surrogates, sound marks.
const UNITS =
  'あいうアイウカｱｶﾞﾟ゛漢字一ー—‐-−－ｰＡＢａｂABcd12３4.,、。・…_ 　\t\n\u0000\u0007\u200B\uFEFF\uD83D\uDE00\uD800\uDC00'.split(
    '',
  );
const texts = fc.oneof(
  fc.string({ unit: fc.constantFrom(...UNITS), maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }).filter((s) => !FOREIGN.test(s.normalize('NFKC'))),
);

describe('the character filter skips only replaces that cannot change the text', () => {
  let snapshot: KnowledgeSnapshot;
  beforeAll(async () => {
    snapshot = await loadCorpus();
  });

  it('gives what every replace in turn gives, on any text', () => {
    fc.assert(
      fc.property(texts, (text) => {
        expect(normalizeText(text)).toBe(referenceNormalize(text));
        expect(cleanDisplay(text)).toBe(referenceDisplay(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('gives what every replace in turn gives, on every passage of the corpus', () => {
    const passages = snapshot.passages.map((p) => p.text).filter((t) => !FOREIGN.test(t.normalize('NFKC')));
    expect(passages.length).toBeGreaterThan(500);
    for (const t of passages) {
      expect(normalizeText(t)).toBe(referenceNormalize(t));
      expect(cleanDisplay(t)).toBe(referenceDisplay(t));
    }
  });
});

describe('mergeRepeats reads only positions holding the same character', () => {
  let snapshot: KnowledgeSnapshot;
  beforeAll(async () => {
    snapshot = await loadCorpus();
  });

  it('merges as the full scan does, on any text', () => {
    // few distinct characters, so repeats (with junk between) are common
    const unit = fc.constantFrom(...'行政サービスの電子化全上 /1\nあ'.split(''));
    const piece = (min: number, max: number) => fc.string({ unit, minLength: min, maxLength: max });
    // a fragment, up to three characters between, the fragment again
    const repeats = fc
      .tuple(piece(0, 30), piece(3, 14), piece(0, 4), piece(0, 30))
      .map(([before, fragment, gap, after]) => `${before}${fragment}${gap}${fragment}${after}`);
    fc.assert(
      fc.property(fc.oneof(repeats, texts), (text) => {
        expect(mergeRepeats(text)).toBe(referenceMerge(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('merges as the full scan does, on every passage of the corpus', () => {
    let merged = 0;
    for (const p of snapshot.passages) {
      expect(mergeRepeats(p.text)).toBe(referenceMerge(p.text));
      if (mergeRepeats(p.text) !== p.text) merged++;
    }
    expect(merged).toBeGreaterThan(0); // the corpus does hold cells read twice
  });
});
