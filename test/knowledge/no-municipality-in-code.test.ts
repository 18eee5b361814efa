// Municipalities are data: no id, name, short form or alias of a bundled municipality may appear in src/
// outside comments (a list in code is what made a sixth municipality impossible without a developer).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../helpers/engine.js';

const SRC = path.join(PROJECT_ROOT, 'src');
const CODE = /\.(ts|js|mjs|css|html)$/;

/** The code of a source file with its comments blanked out (strings and template literals kept). */
function withoutComments(source: string): string {
  let out = '';
  let i = 0;
  let quote: string | null = null;
  while (i < source.length) {
    const c = source[i]!;
    const next = source[i + 1];
    if (quote) {
      out += c;
      if (c === '\\') {
        out += next ?? '';
        i += 2;
        continue;
      }
      // a quote inside a regular expression literal must not swallow the rest of the file
      if (c === quote || (c === '\n' && quote !== '`')) quote = null;
      i++;
      continue;
    }
    if (c === '/' && next === '/') {
      while (i < source.length && source[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end < 0 ? source.length : end + 2;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    out += c;
    i++;
  }
  return out;
}

function codeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return codeFiles(p);
    return CODE.test(e.name) ? [p] : [];
  });
}

function bundledNames(): string[] {
  const file = parse(readFileSync(path.join(PROJECT_ROOT, 'knowledge/municipalities.yaml'), 'utf8')) as {
    municipalities: { id: string; name: string; shortName: string; aliases?: string[] }[];
  };
  return file.municipalities.flatMap((m) => [m.id, m.name, m.shortName, ...(m.aliases ?? [])]);
}

function findNames(code: string, names: string[]): string[] {
  const lower = code.normalize('NFKC').toLowerCase();
  return names.filter((n) => lower.includes(n.normalize('NFKC').toLowerCase()));
}

describe('no municipality in code', () => {
  const names = bundledNames();

  it('reads the bundled five and their names from knowledge/municipalities.yaml', () => {
    expect(names).toEqual(
      expect.arrayContaining(['higashikurume', '小金井市', '日の出', 'Musashino', 'にしとうきょう']),
    );
  });

  it.each([
    { code: "const m = '小金井';", found: ['小金井'], why: 'a name in a string is a list in code' },
    { code: "ids = ['hinode']", found: ['hinode'], why: 'an id in code' },
    { code: 'x = 1; // 小金井市 only in a comment', found: [], why: 'comments may give examples' },
    { code: '/* 西東京市 */ y = 2;', found: [], why: 'block comments too' },
    {
      code: "const re = /[\"']/; const n = '武蔵野';",
      found: ['武蔵野'],
      why: 'a quote in a regex does not hide the line',
    },
    {
      code: 'const u = "https://x"; k = `musashino`;',
      found: ['musashino'],
      why: '// inside a string is not a comment',
    },
  ])('the scanner: $why', ({ code, found }) => {
    expect(
      findNames(withoutComments(code), ['小金井', 'hinode', '小金井市', '西東京市', '武蔵野', 'musashino']),
    ).toEqual(expect.arrayContaining(found));
    if (found.length === 0) expect(findNames(withoutComments(code), ['小金井市', '西東京市'])).toEqual([]);
  });

  it('finds no id, name or alias of the bundled municipalities in src/ outside comments', () => {
    const offenders = codeFiles(SRC).flatMap((file) => {
      const hits = findNames(withoutComments(readFileSync(file, 'utf8')), names);
      return hits.length ? [`${path.relative(PROJECT_ROOT, file)}: ${hits.join(', ')}`] : [];
    });
    expect(offenders).toEqual([]);
  });
});
