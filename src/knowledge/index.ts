// The knowledge room: turns the seed policy documents and the admin-edited YAML files under knowledge/
// into one validated, citable, immutable KnowledgeSnapshot — or a list of errors naming file, line and field.
// Other rooms import from here only.
export { formatKnowledgeError, formatPath, KnowledgeLoadError } from './errors.js';
export * from './facts/index.js';
export {
  formatImportReport,
  ImportError,
  type ImportOptions,
  type ImportReport,
  importDocument,
  MAX_IMPORT_BYTES,
} from './import/index.js';
export { type LoadOptions, loadKnowledge, sectionMatches } from './load.js';
export * from './model.js';
export {
  createMunicipalityDetector,
  foldMunicipalityName,
  type MunicipalityDetector,
  type MunicipalityNames,
} from './municipalities.js';
export { cleanDisplay, normalizeForIndex, normalizeText } from './normalize.js';
export { MOTTO } from './parse/headings.js';
export { parseDocument } from './parse/index.js';
export * as schemas from './schemas.js';
export { MunicipalityIdSchema } from './schemas.js';
export { formatStatsTable, knowledgeStats, type MunicipalityStats } from './stats.js';
export {
  countsOf,
  createKnowledgeStore,
  createReloadRunner,
  type KnowledgeStore,
  type KnowledgeStoreOptions,
  type MunicipalityCounts,
  type ReloadOutcome,
  type StoreCurrent,
  type StoreLogger,
  type StoreStatus,
  storeStatus,
} from './store.js';
export { type Watcher, type WatchOptions, watchFiles } from './watch.js';
