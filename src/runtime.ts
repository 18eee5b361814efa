// Builds what answers questions from a knowledge snapshot: the analyzer (dictionary loaded once per process
// and reused across reloads), the index (cached on disk by a hash of every input) and the engine.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Analyzer, createAnalyzer } from './analysis/index.js';
import { createAnswerEngine } from './answer/index.js';
import type { AnswerEngine } from './answer/types.js';
import { formatKnowledgeError, type KnowledgeSnapshot, type LoadOptions, loadKnowledge } from './knowledge/index.js';
import { loadOrBuildIndex, type SearchIndex } from './search/index.js';

export interface Runtime {
  snapshot: KnowledgeSnapshot;
  analyzer: Analyzer;
  index: SearchIndex;
  engine: AnswerEngine;
  fromCache: boolean;
}

export class KnowledgeInvalidError extends Error {
  override name = 'KnowledgeInvalidError';
  constructor(readonly lines: string[]) {
    super(`knowledge: ${lines.length} error(s)\n${lines.join('\n')}`);
  }
}

/**
 * The index cache is keyed by every knowledge input (snapshot.hash) and by the code that builds the index:
 * a hash of the analysis and search rooms' sources, so an upgrade never loads an index built by other code.
 */
export function indexCodeHash(): string {
  const h = createHash('sha256');
  for (const room of ['analysis', 'search']) {
    const dir = fileURLToPath(new URL(`./${room}/`, import.meta.url));
    for (const f of readdirSync(dir).sort()) {
      if (f.endsWith('.ts') || f.endsWith('.js')) h.update(f).update(readFileSync(`${dir}${f}`));
    }
  }
  return h.digest('hex').slice(0, 16);
}

/** Returns a builder that keeps one analyzer (kuromoji's dictionary) for every snapshot it is given. */
export function createRuntimeBuilder(options: { cacheDir?: string | null } = {}) {
  let base: Promise<Analyzer> | null = null;
  return async function build(snapshot: KnowledgeSnapshot): Promise<Runtime> {
    base ??= createAnalyzer().catch((e) => {
      base = null; // a failed dictionary load may be retried
      throw e;
    });
    const analyzer = (await base).withSynonyms(snapshot.synonyms);
    const cacheDir = options.cacheDir === undefined ? `.cache/index-${indexCodeHash()}` : options.cacheDir;
    const { index, fromCache } = cacheDir
      ? await loadOrBuildIndex(snapshot, analyzer, cacheDir)
      : { index: (await import('./search/index.js')).buildIndex(snapshot, analyzer), fromCache: false };
    const engine = createAnswerEngine({ snapshot, index, analyzer });
    return { snapshot, analyzer, index, engine, fromCache };
  };
}

export async function loadSnapshot(options: LoadOptions): Promise<KnowledgeSnapshot> {
  const result = await loadKnowledge(options);
  if (!result.ok) throw new KnowledgeInvalidError(result.errors.map(formatKnowledgeError));
  return result.snapshot;
}

/** Load the knowledge under `root` and build everything once (CLI, tests). */
export async function loadRuntime(options: LoadOptions & { cacheDir?: string | null }): Promise<Runtime> {
  const snapshot = await loadSnapshot(options);
  return createRuntimeBuilder({ cacheDir: options.cacheDir })(snapshot);
}
