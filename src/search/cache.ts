// Start-up cache: the serialized MiniSearch keyed by snapshot hash + analyzer and index versions. A key
// mismatch means rebuild, so a cached index can never be stale.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import type { Analyzer } from '../analysis/index.js';
import type { KnowledgeSnapshot } from '../knowledge/index.js';
import { collectSources, type IndexDoc } from './documents.js';
import { buildIndex, type Derived, indexKey, MINISEARCH_OPTIONS, type SearchIndex, wrapIndex } from './search-index.js';

interface Serialized {
  key: string;
  index: unknown;
  derived: Derived;
}

export function serializeIndex(index: SearchIndex): string {
  return JSON.stringify({ key: index.key, index: index.toJSON(), derived: index.derived() } satisfies Serialized);
}

/** The index from serializeIndex output, or null when it was built from other inputs. */
export function loadIndex(json: string, snapshot: KnowledgeSnapshot, analyzer: Analyzer): SearchIndex | null {
  let parsed: Serialized;
  try {
    parsed = JSON.parse(json) as Serialized;
  } catch {
    return null;
  }
  if (parsed?.key !== indexKey(snapshot, analyzer) || parsed.index == null || parsed.derived == null) return null;
  const mini = MiniSearch.loadJS<IndexDoc>(parsed.index as Parameters<typeof MiniSearch.loadJS>[0], MINISEARCH_OPTIONS);
  return wrapIndex(mini, collectSources(snapshot), snapshot, analyzer, parsed.derived);
}

export function cacheFile(cacheDir: string, snapshot: KnowledgeSnapshot, analyzer: Analyzer): string {
  const digest = createHash('sha256').update(indexKey(snapshot, analyzer)).digest('hex').slice(0, 16);
  return join(cacheDir, `search-index-${digest}.json`);
}

export interface CachedIndex {
  index: SearchIndex;
  fromCache: boolean;
}

/** Loads the cached index for these inputs or builds it and writes the cache. Cache I/O errors only cost time. */
export async function loadOrBuildIndex(
  snapshot: KnowledgeSnapshot,
  analyzer: Analyzer,
  cacheDir = '.cache',
): Promise<CachedIndex> {
  const file = cacheFile(cacheDir, snapshot, analyzer);
  const json = await readFile(file, 'utf8').catch(() => null);
  const cached = json ? loadIndex(json, snapshot, analyzer) : null;
  if (cached) return { index: cached, fromCache: true };
  const index = buildIndex(snapshot, analyzer);
  try {
    await mkdir(cacheDir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, serializeIndex(index));
    await rename(tmp, file);
  } catch {
    // A read-only checkout still serves; it just builds at every start.
  }
  return { index, fromCache: false };
}
