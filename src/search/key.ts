// The cache key of an index shard: a hash of everything it is built from — the shard's passages, glossary
// and FAQ entries (not just its input files: a parser change alters passages without touching the seeds),
// the analyzer and index versions, and the source of the code that turns them into terms. Any change gives
// a new key, so a cached shard is never stale; an edit to one municipality rebuilds that shard alone.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const INDEX_VERSION = 'madoguchi-index/7';

let fingerprint: string | undefined;

/** Hash of the analysis and search sources and the char filter; stable for one process. */
function codeFingerprint(): string {
  if (fingerprint) return fingerprint;
  const hash = createHash('sha256');
  const here = dirname(fileURLToPath(import.meta.url));
  const files = [
    ...listSources(here),
    ...listSources(join(here, '../analysis')),
    join(here, '../knowledge/normalize.ts'),
    join(here, '../knowledge/normalize.js'),
  ];
  for (const f of files) {
    try {
      hash.update(f.slice(f.lastIndexOf('/'))).update(readFileSync(f));
    } catch {
      // .ts in development, .js when compiled: whichever exists counts.
    }
  }
  fingerprint = hash.digest('hex');
  return fingerprint;
}

function listSources(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => /\.(ts|js)$/.test(f))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

/** The cache key of one shard: its sources (passages, glossary, FAQ), the analyzer and index versions, the code. */
export function shardKey(name: string, sources: Map<string, unknown>, analyzer: { version: string }): string {
  const digest = createHash('sha256')
    .update(`${name}:${analyzer.version}:${INDEX_VERSION}:${codeFingerprint()}:`)
    .update(JSON.stringify([...sources.values()]))
    .digest('hex');
  return `${INDEX_VERSION}:${digest}`;
}

/** The cache key of a group of analysed texts: the texts, the analyzer version, the analysis code. */
export function textsKey(name: string, texts: readonly string[], analyzer: { version: string }): string {
  const digest = createHash('sha256')
    .update(`texts:${name}:${analyzer.version}:${INDEX_VERSION}:${codeFingerprint()}:`)
    .update(JSON.stringify(texts))
    .digest('hex');
  return `${INDEX_VERSION}:${digest}`;
}

/** The key of a whole index: its shards' keys. */
export function indexKey(shardKeys: readonly string[]): string {
  const digest = createHash('sha256').update(shardKeys.join('\n')).digest('hex');
  return `${INDEX_VERSION}:${digest}`;
}
