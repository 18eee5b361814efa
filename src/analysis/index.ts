// The Japanese analyzer (kuromoji is used only in this room): a Lucene-style chain of char filter,
// morphological terms with compounds both ways, character bigrams and query-time synonyms.
export { ANALYZER_VERSION, type Analyzer, type AnalyzerOptions, createAnalyzer, type QueryTerm } from './analyzer.js';
export { hiraganaRuns, kanaToKatakana } from './kana.js';
export {
  boundedEditDistance,
  createRespeller,
  type LexiconEntry,
  MIN_READING_TERM,
  type RespellChange,
  type Respelling,
} from './respell.js';
export { FUNCTION_KANA, QUESTION_WORDS, STOP_WORDS } from './stop.js';
export type { ReadingTerm } from './terms.js';
export { AnalyzerLoadError, type Token } from './tokenizer.js';
