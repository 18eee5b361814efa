// DESIGN.md: each room exports from its index.ts; other rooms (and the composition roots) import that, never
// a deep file. This reads every import of src/ and fails on one that reaches into another room.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return filesUnder(full);
    return /\.ts$/.test(name) ? [full] : [];
  });
}

/** The room a file of src/ belongs to: its first folder, or null for a composition root (src/main.ts …). */
const roomOf = (file: string): string | null => {
  const rel = path.relative(SRC, file).split(path.sep);
  return rel.length > 1 ? rel[0]! : null;
};

function deepImports(): string[] {
  const found: string[] = [];
  for (const file of filesUnder(SRC)) {
    const from = roomOf(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
      const target = path.resolve(path.dirname(file), m[1]!);
      if (!target.startsWith(SRC)) continue;
      const to = roomOf(target);
      if (to === null || to === from) continue;
      if (path.relative(path.join(SRC, to), target) !== 'index.js') {
        found.push(`${path.relative(SRC, file)} → ${m[1]}`);
      }
    }
  }
  return found;
}

describe('rooms import each other through index.ts only', () => {
  it('no file of src/ imports a deep file of another room', () => {
    expect(deepImports()).toEqual([]);
  });

  it('the check sees an import it must refuse (it can fail)', () => {
    // the check's own reading of a path, on a made-up deep import from the line room
    const target = path.resolve(path.join(SRC, 'line'), '../answer/types.js');
    expect(path.relative(path.join(SRC, roomOf(target)!), target)).not.toBe('index.js');
    expect(roomOf(path.join(SRC, 'main.ts'))).toBeNull();
  });
});
