// Start-up cache: the serialized MiniSearch and its derived data under indexKey (key.ts). A key mismatch
// means rebuild, so a cached index can never be stale.
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import MiniSearch from 'minisearch';
import { ANALYZER_VERSION, type Analyzer } from '../analysis/index.js';
import type { KnowledgeSnapshot } from '../knowledge/index.js';
import { collectSources, type IndexDoc } from './documents.js';
import { indexKey } from './key.js';
import { buildIndex, type Derived, MINISEARCH_OPTIONS, type SearchIndex, wrapIndex } from './search-index.js';

interface Serialized {
  key: string;
  index: unknown;
  derived: Derived;
}

export function serializeIndex(index: SearchIndex): string {
  // Serialized's shape, with the index's JSON spliced in as written (no object tree; serialize.ts).
  return `{"key":${JSON.stringify(index.key)},"index":${index.stringify()},"derived":${JSON.stringify(index.derived())}}`;
}

interface Parsed {
  mini: MiniSearch<IndexDoc>;
  derived: Derived;
}

function parseCache(json: string, key: string): Parsed | null {
  let parsed: Serialized;
  try {
    parsed = JSON.parse(json) as Serialized;
  } catch {
    return null;
  }
  if (parsed?.key !== key || parsed.index == null || parsed.derived == null) return null;
  const mini = MiniSearch.loadJS<IndexDoc>(parsed.index as Parameters<typeof MiniSearch.loadJS>[0], MINISEARCH_OPTIONS);
  return { mini, derived: parsed.derived };
}

/** The index from serializeIndex output, or null when it was built from other inputs. */
export function loadIndex(json: string, snapshot: KnowledgeSnapshot, analyzer: Analyzer): SearchIndex | null {
  const parsed = parseCache(json, indexKey(snapshot, analyzer));
  return parsed && wrapIndex(parsed.mini, collectSources(snapshot), snapshot, analyzer, parsed.derived);
}

export function cacheFile(cacheDir: string, snapshot: KnowledgeSnapshot, analyzer: { version: string }): string {
  return join(cacheDir, `search-index-${indexKey(snapshot, analyzer).slice(-16)}.json`);
}

export interface CachedIndex {
  index: SearchIndex;
  fromCache: boolean;
}

/**
 * Loads the cached index for these inputs or builds it and writes the cache. Pass the analyzer as a promise
 * (createAnalyzer() not awaited) and the cache is read and parsed while kuromoji loads its dictionary.
 * Cache I/O errors only cost time.
 */
export async function loadOrBuildIndex(
  snapshot: KnowledgeSnapshot,
  analyzer: Analyzer | Promise<Analyzer>,
  cacheDir = '.cache',
): Promise<CachedIndex> {
  const expected = { version: ANALYZER_VERSION };
  const file = cacheFile(cacheDir, snapshot, expected);
  const early = readFile(file, 'utf8')
    .then((json) => parseCache(json, indexKey(snapshot, expected)))
    .catch(() => null);
  const [ready, parsed] = await Promise.all([analyzer, early]);
  if (parsed && ready.version === ANALYZER_VERSION) {
    const index = wrapIndex(parsed.mini, collectSources(snapshot), snapshot, ready, parsed.derived);
    return { index, fromCache: true };
  }
  const index = buildIndex(snapshot, ready);
  try {
    const target = cacheFile(cacheDir, snapshot, ready);
    await mkdir(cacheDir, { recursive: true });
    const tmp = `${target}.${process.pid}.tmp`;
    await writeFile(tmp, serializeIndex(index));
    await rename(tmp, target);
    // Every knowledge edit has a new key: drop the files of older keys so the folder does not grow.
    const current = basename(target);
    for (const f of await readdir(cacheDir)) {
      if (f.startsWith('search-index-') && f.endsWith('.json') && f !== current) {
        await rm(join(cacheDir, f), { force: true });
      }
    }
  } catch {
    // A read-only checkout still serves; it just builds at every start.
  }
  return { index, fromCache: false };
}
