// The patterns that run on document text were rewritten to be linear (issue 18). Two kinds of property:
// 1. on short text from an adversarial alphabet, each rewrite gives exactly what the pattern it replaced
//    gave (the old pattern is kept here as the specification; on short text its backtracking is harmless);
// 2. on long adversarial lines (thousands of characters, where the old patterns ran for seconds to hours),
//    the parse still says what the line is. How long that takes is measured by `npm run bench:parse`.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DocumentMeta, parseDocument } from '../../src/knowledge/index.js';
import { cleanDisplay } from '../../src/knowledge/normalize.js';
import { cleanCell, isPipeSeparator } from '../../src/knowledge/parse/blocks.js';
import { extractFootnotes, findMarkers } from '../../src/knowledge/parse/footnotes.js';
import { englishExpansions } from '../../src/knowledge/parse/glossary.js';

// The patterns as they were (the specification of the rewrites).
const OLD_PIPE_SEPARATOR = /^\|?[\s:|-]*-{2,}[\s:|-]*$/;
const OLD_DOTTED_LEADER = /\s*(?:[.…·・・]{3,}|[—―─\-_]{4,})\s*/g;
const OLD_MARKER = /([^\s、。，,「」『』()（）・]+(?: [A-Z](?= ?[A-Z(]))*(?: ?[A-Z])*)\(\*([⁰¹²³⁴⁵⁶⁷⁸⁹0-9]*)\)/g;
const OLD_EXPANSION =
  /((?:\d+ ?th )?[A-Za-z][A-Za-z]*(?:[ -](?:[A-Za-z][A-Za-z]*|&))+)\s*(?:（([\u30A0-\u30FF・ ]+)）|「[^」]*」)?\s*の略/g;
const oldCleanCellTags = (raw: string) =>
  raw
    .replace(/<li[^>]*>/gi, ' ・')
    .replace(/<\/?(?:p|br|div|ul|ol)[^>]*>/gi, ' ')
    .replace(/<\/?[a-z][^>]*>/gi, '')
    .replace(/<(?:ul|ol|li|p)\b[^>]*$/i, '');

const textOf = (alphabet: string[], maxLength = 40) =>
  fc.array(fc.constantFrom(...alphabet), { maxLength }).map((xs) => xs.join(''));

const meta: DocumentMeta = {
  id: 'adversarial',
  municipality: 'hinode',
  title: '試験文書',
  file: 'seeds/adversarial.txt',
} as DocumentMeta;

describe('each rewrite gives what the pattern it replaced gave (short adversarial text)', () => {
  it('a |---| separator line', () => {
    fc.assert(
      fc.property(textOf(['|', '-', '-', ':', ' ', '\t', 'x', 'あ']), (line) => {
        expect(isPipeSeparator(line)).toBe(OLD_PIPE_SEPARATOR.test(line));
      }),
      { numRuns: 2000 },
    );
  });

  it('dotted leaders in display text', () => {
    const oldClean = (s: string) =>
      s
        .replace(/[\u200B-\u200D\uFEFF\u2060]/g, '')
        .replace(OLD_DOTTED_LEADER, ' ')
        .replace(/[ \t\u3000]+/g, ' ')
        .replace(
          /(?<=[\u3040-\u30FF\u3400-\u9FFF\uF900-\uFAFF\u3000-\u303F\uFF01-\uFF60]) +(?=[\u3040-\u30FF\u3400-\u9FFF\uF900-\uFAFF\u3000-\u303F\uFF01-\uFF60])/g,
          '',
        )
        .trim();
    // Found by this property: a leader right after another one's trailing space was left in place.
    for (const s of ['・.・ ・・.', 'あ... ...x', '—— ———— ____']) expect(cleanDisplay(s)).toBe(oldClean(s));
    fc.assert(
      fc.property(textOf([' ', ' ', '\t', '\u3000', '\n', '.', '…', '・', '-', '—', '_', 'あ', 'x', '1']), (s) => {
        expect(cleanDisplay(s)).toBe(oldClean(s));
      }),
      { numRuns: 2000 },
    );
  });

  it('HTML tags in table cells', () => {
    const tagText = textOf(['<', '>', '/', 'l', 'i', 'L', 'p', 'b', 'r', 'u', 'o', 'a', ' ', 'x', 'あ'], 30);
    fc.assert(
      fc.property(tagText, (raw) => {
        // cleanCell = tags, then entities and cleanDisplay; compare on text without entities
        expect(cleanCell(raw)).toBe(cleanDisplay(oldCleanCellTags(raw)).replace(/^・\s*/, '・'));
      }),
      { numRuns: 3000 },
    );
  });

  it('the term before a footnote marker', () => {
    // whole markers as tokens too, so that most lines hold one
    const line = textOf([
      'A',
      'B',
      'CD',
      'x',
      'あ',
      'や',
      ' ',
      ' ',
      '(*1)',
      '(*)',
      '(*²)',
      '(*',
      '1',
      ')',
      '、',
      '・',
      '(',
    ]);
    fc.assert(
      fc.property(line, (l) => {
        const old = [...l.matchAll(OLD_MARKER)].map((m) => ({ term: m[1], number: m[2] }));
        expect(findMarkers(l)).toEqual(old);
      }),
      { numRuns: 5000 },
    );
  });

  it('English expansions before 「の略」 (phrases of up to 13 words, glosses up to 80 characters)', () => {
    const tokens = [
      'Robotic',
      'AI',
      'x',
      ' ',
      ' ',
      '-',
      '&',
      'の略',
      '（',
      '）',
      'ロボ',
      '「',
      '」',
      '5',
      ' th ',
      'あ',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...tokens), { maxLength: 20 }).map((xs) => xs.join('')),
        (definition) => {
          const old: string[] = [];
          for (const m of definition.matchAll(OLD_EXPANSION)) {
            old.push(m[1]!.replace(/^(\d+) th /, '$1th ').trim());
            if (m[2]) old.push(m[2].replace(/\s+/g, ''));
          }
          expect(englishExpansions(definition)).toEqual(old);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('long adversarial lines still parse to what they are', () => {
  const long = fc.integer({ min: 2_000, max: 20_000 });

  it('a row of dashes ending in another character is a table row, not a header separator', () => {
    fc.assert(
      fc.property(long, fc.constantFrom('x', 'あ', '1'), (n, tail) => {
        const doc = parseDocument(`| 項目 | 値 |\n|${'-'.repeat(n)}${tail}|\n| 件数 | 5 |`, meta);
        const rows = doc.passages.filter((p) => p.kind === 'table-row').map((p) => p.text);
        // the dash row is a data row of its own (its leader of dashes dropped from the cell)
        expect(rows).toEqual([`項目: ${tail}`, '項目: 件数 / 値: 5']);
      }),
      { numRuns: 10 },
    );
  });

  it('a long real separator still marks the header', () => {
    fc.assert(
      fc.property(long, (n) => {
        const doc = parseDocument(`| 項目 | 値 |\n|${'-'.repeat(n)}|${':-'.repeat(n / 2)}|\n| 件数 | 5 |`, meta);
        expect(doc.passages.map((p) => p.text)).toContain('項目: 件数 / 値: 5');
      }),
      { numRuns: 10 },
    );
  });

  it('a long run of spaces inside Japanese text is a line-wrap artefact', () => {
    fc.assert(
      fc.property(long, fc.constantFrom(' ', '\u3000', '\t '), (n, space) => {
        const doc = parseDocument(`はじめに\nデジタル${space.repeat(n)}化を推進します。${'本文'.repeat(20)}`, meta);
        expect(doc.passages.some((p) => p.text.startsWith('デジタル化を推進します。'))).toBe(true);
      }),
      { numRuns: 10 },
    );
  });

  it('a footnote marker after a long run of text finds its term', () => {
    fc.assert(
      fc.property(long, fc.constantFrom('あ', 'A ', '・', '-'), (n, filler) => {
        const line = `${filler.repeat(n / filler.length)}、AI(*1)を活用します。${'x(*'.repeat(n / 6)}`;
        const entries = extractFootnotes([line, '(*1) Artificial Intelligence の略。']);
        expect(entries.map((e) => [e.term, e.aliases])).toEqual([['AI', ['Artificial Intelligence']]]);
      }),
      { numRuns: 10 },
    );
  });

  it('a long unclosed tag in a table cell is dropped, the cell text kept', () => {
    fc.assert(
      fc.property(long, fc.constantFrom('<li', '<p ', '<ul'), (n, tag) => {
        // a cut-off tag at the end of the cell goes
        expect(cleanCell(`窓口<br>${tag.repeat(n / tag.length)}`)).toBe('窓口');
        // a tag closed far away is one tag: <li> becomes a list mark, the others go
        expect(cleanCell(`窓口${tag.repeat(n / tag.length)}>案内`)).toMatch(/^窓口・?案内$/);
      }),
      { numRuns: 10 },
    );
  });

  it('a long English text in a glossary definition yields only the expansion before 「の略」', () => {
    fc.assert(
      fc.property(long, (n) => {
        const def = `${'ab cd '.repeat(n / 6)}。Robotic Process Automation（ロボティック）の略。${'x y '.repeat(n / 4)}`;
        expect(englishExpansions(def)).toEqual(['Robotic Process Automation', 'ロボティック']);
      }),
      { numRuns: 10 },
    );
  });
});
