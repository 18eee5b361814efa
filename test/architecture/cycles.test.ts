// No import cycle between the modules of src/: a file never reaches itself through its imports. Type-only
// imports count (a type cycle is the same tangle of ideas, and it turns into a load-order bug the day one of
// its edges carries a value). Rooms import each other through their index.ts, so a cycle between rooms is a
// cycle between files too. The graph is read the way imports.test.ts reads it; Tarjan's algorithm names
// every cycle at once.
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

/** Every relative import (static, type-only, re-export or dynamic) of every file of src/, as src-relative paths. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of filesUnder(SRC)) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) =>
      path.relative(SRC, path.resolve(path.dirname(file), m[1]!)).replace(/\.js$/, '.ts'),
    );
    graph.set(path.relative(SRC, file), [...new Set(targets)]);
  }
  return graph;
}

/** The strongly connected components of more than one file (or a file importing itself): the cycles. */
function cyclesOf(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || graph.get(v)?.includes(v)) found.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('no import cycles between the modules of src/', () => {
  it('the import graph of src/ has no cycle', () => {
    const graph = importGraph();
    expect(graph.size).toBeGreaterThan(100); // the reading found the files
    expect(cyclesOf(graph)).toEqual([]);
  });

  it('the check finds a cycle when there is one (it can fail)', () => {
    // a made-up graph: documents ↔ intent through a type, and a longer ring a → b → c → a
    const graph = new Map([
      ['search/documents.ts', ['search/intent.ts']],
      ['search/intent.ts', ['search/documents.ts']],
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts', 'd.ts']],
      ['d.ts', []],
    ]);
    expect(cyclesOf(graph)).toEqual([
      ['search/documents.ts', 'search/intent.ts'],
      ['a.ts', 'b.ts', 'c.ts'],
    ]);
  });

  it('reads type-only imports and re-exports as edges', () => {
    const graph = importGraph();
    // search/intent.ts imports only a type from source.ts; search/documents.ts re-exports from it
    expect(graph.get('search/intent.ts')).toContain('search/source.ts');
    // answer/index.ts reaches the analysis room by a re-export only (`export { CUES } from …`)
    expect(graph.get('answer/index.ts')).toContain('analysis/index.ts');
  });
});
