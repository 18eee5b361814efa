// The answer room's static texts are analysed once and cached per municipality: a warm start reads every
// group, an edit re-analyses its own group only, and the cached terms are the analyzer's own.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Analyzer, createAnalyzer } from '../../src/analysis/index.js';
import { loadOrAnalyzeTexts } from '../../src/search/index.js';

let analyzer: Analyzer;
let dir: string;
beforeAll(async () => {
  analyzer = await createAnalyzer();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

// Counts analyses, so a test can tell a cached group from an analysed one.
function counting(): { analyzer: Analyzer; texts: string[] } {
  const texts: string[] = [];
  return {
    analyzer: {
      ...analyzer,
      terms: (t: string) => {
        texts.push(t);
        return analyzer.terms(t);
      },
    },
    texts,
  };
}

const groups = () =>
  new Map([
    ['koganei', ['DX推進の3本の柱', '書かない窓口を令和5年11月に開始しました。']],
    ['hinode', ['日の出町DX重点16項目', 'ペーパーレス化を進めます。']],
  ]);

describe('loadOrAnalyzeTexts', () => {
  it('analyses every text once, then reads the same terms from the cache', async () => {
    dir = mkdtempSync(join(tmpdir(), 'madoguchi-texts-'));
    const cold = counting();
    const first = await loadOrAnalyzeTexts(groups(), cold.analyzer, dir);
    expect(first.fromCache).toBe(false);
    expect(cold.texts).toHaveLength(4);
    expect(new Map(first.terms).get('ペーパーレス化を進めます。')).toEqual(
      analyzer.terms('ペーパーレス化を進めます。'),
    );
    const warm = counting();
    const second = await loadOrAnalyzeTexts(groups(), warm.analyzer, dir);
    expect(second.fromCache).toBe(true);
    expect(warm.texts).toHaveLength(0);
    expect(second.terms).toEqual(first.terms);
  });

  it('re-analyses only the group whose texts changed, and drops the stale file', async () => {
    dir = mkdtempSync(join(tmpdir(), 'madoguchi-texts-'));
    await loadOrAnalyzeTexts(groups(), analyzer, dir);
    const edited = groups();
    edited.set('hinode', ['日の出町DX重点16項目', '電子決裁を導入します。']);
    const run = counting();
    const out = await loadOrAnalyzeTexts(edited, run.analyzer, dir);
    expect(run.texts).toEqual(['日の出町DX重点16項目', '電子決裁を導入します。']); // koganei's group came from the cache
    expect(new Map(out.terms).has('ペーパーレス化を進めます。')).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith('analysed-texts-hinode'))).toHaveLength(1);
  });

  it('analyses without a cache folder (null) and with one it cannot write', async () => {
    dir = mkdtempSync(join(tmpdir(), 'madoguchi-texts-'));
    const none = await loadOrAnalyzeTexts(groups(), analyzer, null);
    expect(none.terms).toHaveLength(4);
    // A folder below a plain file can be neither read nor created.
    writeFileSync(join(dir, 'plain-file'), '');
    const unwritable = await loadOrAnalyzeTexts(groups(), analyzer, join(dir, 'plain-file', 'cache'));
    expect(unwritable.terms).toEqual(none.terms);
  });
});
