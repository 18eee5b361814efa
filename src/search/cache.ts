// Start-up cache: one file per index shard (a municipality's passages and glossary, or the shared FAQ),
// holding the serialized MiniSearch and its derived data under the shard's key (key.ts). A key mismatch means
// that shard is rebuilt, so a cached shard can never be stale, and an edit to one municipality's document
// rebuilds only that municipality's shard. Shards are read, parsed or built one at a time with a pause
// between them (and between chunks of a build), so a reload never holds the event loop for long.
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { ANALYZER_VERSION, type Analyzer } from '../analysis/index.js';
import type { KnowledgeSnapshot } from '../knowledge/index.js';
import type { IndexDoc } from './documents.js';
import { shardKey, textsKey } from './key.js';
import {
  buildShardAsync,
  type Derived,
  MINISEARCH_OPTIONS,
  type SearchIndex,
  type Shard,
  shardSources,
  wrapIndex,
} from './search-index.js';
import { stringifyMiniSearch } from './serialize.js';

interface SerializedShard {
  name: string;
  key: string;
  index: unknown;
  derived: Derived;
}

function serializeShard(shard: Shard): string {
  // SerializedShard's shape, with the index's JSON spliced in as written (no object tree; serialize.ts).
  return `{"name":${JSON.stringify(shard.name)},"key":${JSON.stringify(shard.key)},"index":${stringifyMiniSearch(shard.mini)},"derived":${JSON.stringify(shard.derived)}}`;
}

function toShard(parsed: SerializedShard): Shard {
  const mini = MiniSearch.loadJS<IndexDoc>(parsed.index as Parameters<typeof MiniSearch.loadJS>[0], MINISEARCH_OPTIONS);
  return { name: parsed.name, key: parsed.key, mini, derived: parsed.derived };
}

/** Every shard of an index in one JSON text (tests, tools); the server caches shards in files of their own. */
export function serializeIndex(index: SearchIndex): string {
  return `[${index.shards().map(serializeShard).join(',')}]`;
}

/** The index from serializeIndex output, or null when any shard was built from other inputs. */
export function loadIndex(json: string, snapshot: KnowledgeSnapshot, analyzer: Analyzer): SearchIndex | null {
  let parsed: SerializedShard[];
  try {
    parsed = JSON.parse(json) as SerializedShard[];
  } catch {
    return null;
  }
  const groups = shardSources(snapshot);
  if (!Array.isArray(parsed) || parsed.length !== groups.size) return null;
  for (const p of parsed) {
    const sources = groups.get(p?.name);
    if (!sources || p.key !== shardKey(p.name, sources, analyzer)) return null;
  }
  return wrapIndex(parsed.map(toShard), snapshot, analyzer);
}

const PREFIX = 'search-index-';
const fileName = (name: string, key: string) => `${PREFIX}${name || '_shared'}-${key.slice(-16)}.json`;

/** The cache file of each shard of this snapshot. */
export function cacheFiles(cacheDir: string, snapshot: KnowledgeSnapshot, analyzer: { version: string }): string[] {
  return [...shardSources(snapshot)].map(([name, sources]) =>
    join(cacheDir, fileName(name, shardKey(name, sources, analyzer))),
  );
}

export interface CachedIndex {
  index: SearchIndex;
  fromCache: boolean; // every shard came from the cache
  shardsBuilt: number;
}

export interface LoadOrBuildOptions {
  /** Awaited between shards and between chunks of a build; the default yields to the event loop once. */
  pause?: () => Promise<void>;
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

async function readShard(file: string, name: string, key: string): Promise<Shard | null> {
  let json: string;
  try {
    json = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = JSON.parse(json) as SerializedShard;
    if (parsed?.key !== key || parsed.name !== name || parsed.index == null || parsed.derived == null) return null;
    return toShard(parsed);
  } catch {
    return null;
  }
}

/**
 * Loads each shard from the cache or builds it (and writes its file). Pass the analyzer as a promise
 * (createAnalyzer() not awaited) and the cached shards are read and parsed while kuromoji loads its
 * dictionary. Cache I/O errors only cost time.
 */
export async function loadOrBuildIndex(
  snapshot: KnowledgeSnapshot,
  analyzer: Analyzer | Promise<Analyzer>,
  cacheDir = '.cache',
  options: LoadOrBuildOptions = {},
): Promise<CachedIndex> {
  const pause = options.pause ?? yieldToLoop;
  const expected = { version: ANALYZER_VERSION };
  const groups = [...shardSources(snapshot)].map(([name, sources]) => {
    const key = shardKey(name, sources, expected);
    return { name, sources, key, file: join(cacheDir, fileName(name, key)) };
  });
  // Read and parse the cached shards one after another while the dictionary loads.
  const early = (async () => {
    const found = new Map<string, Shard>();
    for (const g of groups) {
      const shard = await readShard(g.file, g.name, g.key);
      if (shard) found.set(g.name, shard);
      await pause();
    }
    return found;
  })();
  const [ready, cached] = await Promise.all([analyzer, early]);
  const usable = ready.version === ANALYZER_VERSION ? cached : new Map<string, Shard>();
  const shards: Shard[] = [];
  let built = 0;
  let writable = true;
  for (const g of groups) {
    const hit = usable.get(g.name);
    if (hit) {
      shards.push(hit);
      continue;
    }
    const key = shardKey(g.name, g.sources, ready);
    const shard = await buildShardAsync(g.name, g.sources, ready, key, pause);
    shards.push(shard);
    built++;
    if (writable) {
      try {
        await mkdir(cacheDir, { recursive: true });
        const target = join(cacheDir, fileName(g.name, key));
        const tmp = `${target}.${process.pid}.tmp`;
        await writeFile(tmp, serializeShard(shard));
        await rename(tmp, target);
      } catch {
        writable = false; // a read-only checkout still serves; it just builds at every start
      }
      await pause();
    }
  }
  if (built > 0 && writable) {
    // Every knowledge edit gives its shard a new key: drop the files no shard uses, so the folder does not grow.
    const current = new Set(shards.map((s) => fileName(s.name, s.key)));
    try {
      for (const f of await readdir(cacheDir)) {
        if (f.startsWith(PREFIX) && f.endsWith('.json') && !current.has(f))
          await rm(join(cacheDir, f), { force: true });
      }
    } catch {
      // only tidiness
    }
  }
  return { index: wrapIndex(shards, snapshot, ready), fromCache: built === 0, shardsBuilt: built };
}

// The answer room's static texts (headings, sentences, rows: what it measures a question's coverage on),
// analysed once and cached like the shards: one file per municipality, keyed by its texts, the analyzer and
// the analysis code, analysed in chunks with a pause between them when not cached.
const TEXTS_PREFIX = 'analysed-texts-';
const TEXTS_CHUNK = 200;
const textsFile = (name: string, key: string) => `${TEXTS_PREFIX}${name || '_shared'}-${key.slice(-16)}.json`;

interface SerializedTexts {
  key: string;
  terms: [string, string[]][];
}

/**
 * analyzer.terms() of every text of every group, from the cache where a group's texts are unchanged, else
 * analysed (and written). Without a cache folder (null) every group is analysed.
 */
export async function loadOrAnalyzeTexts(
  groups: Map<string, string[]>,
  analyzer: Analyzer,
  cacheDir: string | null = '.cache',
  options: LoadOrBuildOptions = {},
): Promise<{ terms: [string, string[]][]; fromCache: boolean }> {
  const pause = options.pause ?? yieldToLoop;
  const out: [string, string[]][] = [];
  const current = new Set<string>();
  let analysedGroups = 0;
  let writable = cacheDir !== null;
  for (const [name, texts] of groups) {
    const key = textsKey(name, texts, analyzer);
    const file = cacheDir ? join(cacheDir, textsFile(name, key)) : null;
    current.add(textsFile(name, key));
    const cached = file ? await readTexts(file, key) : null;
    if (cached) {
      out.push(...cached);
      await pause();
      continue;
    }
    analysedGroups++;
    const terms: [string, string[]][] = [];
    for (let i = 0; i < texts.length; i += TEXTS_CHUNK) {
      for (const t of texts.slice(i, i + TEXTS_CHUNK)) terms.push([t, analyzer.terms(t)]);
      await pause();
    }
    out.push(...terms);
    if (file && writable && cacheDir) {
      try {
        await mkdir(cacheDir, { recursive: true });
        const tmp = `${file}.${process.pid}.tmp`;
        await writeFile(tmp, JSON.stringify({ key, terms } satisfies SerializedTexts));
        await rename(tmp, file);
      } catch {
        writable = false;
      }
    }
  }
  if (analysedGroups > 0 && writable && cacheDir) {
    try {
      for (const f of await readdir(cacheDir)) {
        if (f.startsWith(TEXTS_PREFIX) && f.endsWith('.json') && !current.has(f))
          await rm(join(cacheDir, f), { force: true });
      }
    } catch {
      // only tidiness
    }
  }
  return { terms: out, fromCache: analysedGroups === 0 };
}

async function readTexts(file: string, key: string): Promise<[string, string[]][] | null> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as SerializedTexts;
    return parsed?.key === key && Array.isArray(parsed.terms) ? parsed.terms : null;
  } catch {
    return null;
  }
}
