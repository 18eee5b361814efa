// The cache key of an index: a hash of everything the index is built from — the snapshot's passages,
// glossary, FAQ and municipalities (not just its input files: a parser change alters passages without
// touching the seeds), the analyzer and index versions, and the source of the code that turns them into
// terms. Any change gives a new key, so a cached index is never stale.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KnowledgeSnapshot } from '../knowledge/index.js';

export const INDEX_VERSION = 'madoguchi-index/6';

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

const contentHashes = new WeakMap<KnowledgeSnapshot, string>();

function contentHash(snapshot: KnowledgeSnapshot): string {
  let h = contentHashes.get(snapshot);
  if (!h) {
    h = createHash('sha256')
      .update(JSON.stringify([snapshot.passages, snapshot.glossary, snapshot.faq, snapshot.municipalities]))
      .update(JSON.stringify(snapshot.documents.map((d) => d.meta)))
      .digest('hex');
    contentHashes.set(snapshot, h);
  }
  return h;
}

export function indexKey(snapshot: KnowledgeSnapshot, analyzer: { version: string }): string {
  const digest = createHash('sha256')
    .update(`${contentHash(snapshot)}:${analyzer.version}:${INDEX_VERSION}:${codeFingerprint()}`)
    .digest('hex');
  return `${INDEX_VERSION}:${digest}`;
}
