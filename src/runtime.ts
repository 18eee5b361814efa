// Builds what answers questions from a knowledge snapshot: the analyzer (dictionary loaded once per process
// and reused across reloads), the index (cached on disk by a hash of every input) and the engine.
import { type Analyzer, createAnalyzer } from './analysis/index.js';
import type { AnswerEngine } from './answer/index.js';
import { createAnswerEngine, createTextTerms, staticTextGroups } from './answer/index.js';
import { KnowledgeLoadError, type KnowledgeSnapshot, type LoadOptions, loadKnowledge } from './knowledge/index.js';
import { buildIndex, loadOrAnalyzeTexts, loadOrBuildIndex, type SearchIndex } from './search/index.js';

export interface Runtime {
  snapshot: KnowledgeSnapshot;
  analyzer: Analyzer;
  index: SearchIndex;
  engine: AnswerEngine;
  fromCache: boolean;
}

export interface RuntimeBuilderOptions {
  cacheDir?: string | null; // null: no disk cache (tests)
  analyzer?: Promise<Analyzer>; // a dictionary load already under way (started before the knowledge load)
  wrapAnalyzer?: (analyzer: Analyzer) => Analyzer; // the server memoizes analyses per snapshot
  wrapEngine?: (engine: AnswerEngine) => AnswerEngine; // the server caches answers per snapshot
}

/** Returns a builder that keeps one analyzer (kuromoji's dictionary) for every snapshot it is given. */
export function createRuntimeBuilder(options: RuntimeBuilderOptions = {}) {
  let base: Promise<Analyzer> | null = options.analyzer ?? null;
  return async function build(snapshot: KnowledgeSnapshot): Promise<Runtime> {
    base ??= createAnalyzer().catch((e) => {
      base = null; // a failed dictionary load may be retried
      throw e;
    });
    const wrap = options.wrapAnalyzer ?? ((a: Analyzer) => a);
    const analyzer = base.then((a) => wrap(a.withSynonyms(snapshot.synonyms)));
    // The cache key covers the snapshot's contents and the analysis/search code (src/search/cache.ts); the
    // cached index is read while the dictionary is still loading.
    const cacheDir = options.cacheDir === undefined ? '.cache' : options.cacheDir;
    const { index, fromCache } = cacheDir
      ? await loadOrBuildIndex(snapshot, analyzer, cacheDir)
      : { index: buildIndex(snapshot, await analyzer), fromCache: false };
    // Questions are respelled against the index's vocabulary (hiragana, typos) before anything reads them.
    const reader = (await analyzer).withLexicon(index.lexicon());
    // The answer room's static texts, analysed once per snapshot (cached per municipality beside the shards,
    // analysed in slices when not), so that answering a question analyses the question alone.
    const analysed = await loadOrAnalyzeTexts(staticTextGroups(snapshot), await base, cacheDir ?? null);
    const textTerms = createTextTerms(reader, [], analysed.terms);
    const plain = createAnswerEngine({ snapshot, index, analyzer: reader, textTerms });
    const engine = options.wrapEngine ? options.wrapEngine(plain) : plain;
    return { snapshot, analyzer: reader, index, engine, fromCache };
  };
}

export async function loadSnapshot(options: LoadOptions): Promise<KnowledgeSnapshot> {
  const result = await loadKnowledge(options);
  if (!result.ok) throw new KnowledgeLoadError(result.errors);
  return result.snapshot;
}

/** Load the knowledge under `root` and build everything once (CLI, tests). */
export async function loadRuntime(options: LoadOptions & { cacheDir?: string | null }): Promise<Runtime> {
  // The dictionary (the slow part) loads while the knowledge files are read and parsed.
  const analyzer = createAnalyzer();
  analyzer.catch(() => {}); // awaited below; a failure surfaces there
  const snapshot = await loadSnapshot(options);
  return createRuntimeBuilder({ cacheDir: options.cacheDir, analyzer })(snapshot);
}
