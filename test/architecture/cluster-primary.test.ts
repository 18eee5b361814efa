// The cluster primary only forks, restarts and aggregates metrics: it must not load the server room (express,
// the answer room, kuromoji's loader). Importing them made it 27 MB larger and 0.75 s longer to start, for
// nothing. This follows src/cluster.ts's relative imports and fails when one reaches them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../src');

/** Every file of src/ that `entry` loads through relative imports (type-only imports left out). */
function loadedBy(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^(?:import|export)\s+(?!type\s)[^;]*?from\s+'(\.{1,2}\/[^']+)'/gms)) {
      visit(path.resolve(path.dirname(file), m[1]!.replace(/\.js$/, '.ts')));
    }
  };
  visit(entry);
  return new Set([...seen].map((f) => path.relative(SRC, f)));
}

describe('the cluster primary', () => {
  it('loads neither the server room nor the answer room', () => {
    const loaded = [...loadedBy(path.join(SRC, 'cluster.ts'))];
    expect(loaded.filter((f) => /^(server|answer|analysis|search|line|console)\//.test(f))).toEqual([]);
    expect(loaded).toContain(path.join('telemetry', 'index.ts'));
  });

  it('the walk sees what main.ts loads (it can fail)', () => {
    const loaded = loadedBy(path.join(SRC, 'main.ts'));
    expect(loaded.has(path.join('server', 'app.ts'))).toBe(true);
    expect(loaded.has(path.join('answer', 'index.ts'))).toBe(true);
  });
});
