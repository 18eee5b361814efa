// knowledge:import: a PDF or text file → a seed under SEEDS_DIR, its documents.yaml entry, and a report.
export { ImportError } from './errors.js';
export {
  formatImportReport,
  type ImportOptions,
  type ImportReport,
  importDocument,
  MAX_IMPORT_BYTES,
} from './import-document.js';
