// The search index (MiniSearch is used only in this room): passages, glossary entries and FAQ entries,
// analyzed by the analysis room, searched with morphological terms and a bigram net in one query.

export { type BaselineKind, buildBaselineIndex } from './baseline.js';
export {
  type CachedIndex,
  cacheFiles,
  loadIndex,
  loadOrAnalyzeTexts,
  loadOrBuildIndex,
  serializeIndex,
} from './cache.js';
export { type HitType, hitText, type Source, sourceText } from './documents.js';
export { INDEX_VERSION, indexKey } from './key.js';
export {
  buildIndex,
  type Derived,
  type SearchHit,
  type SearchIndex,
  type SearchOptions,
  type Shard,
} from './search-index.js';
