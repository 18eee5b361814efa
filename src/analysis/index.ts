// The Japanese analyzer (kuromoji is used only in this room): a Lucene-style chain of char filter,
// morphological terms with compounds both ways, character bigrams and query-time synonyms; and the cue table
// (how a question asks for each kind of fact) that understanding and the search priors both read.
export { ANALYZER_VERSION, type Analyzer, type AnalyzerOptions, createAnalyzer, type QueryTerm } from './analyzer.js';
export {
  ADDRESS_CUE,
  AMOUNT_CUE,
  ASPECT_CUE,
  ATTRIBUTE_ORDER,
  type Attribute,
  askedAttribute,
  askingRow,
  BACKGROUND,
  CALENDAR_CUE,
  CONTACT_DETAIL_CUE,
  CONTACT_WORDS,
  COUNTED_ITEMS,
  COUNTERS,
  type ContactKind,
  CUES,
  type Cue,
  type CueMeaning,
  cuesOf,
  DATE_CUE,
  type DateKind,
  DEFINING_CUE,
  DEFINITION,
  DETAILS,
  type DetailCue,
  EMAIL_CUE,
  FAX_CUE,
  FIGURE_CUE,
  HOURS_CUE,
  KIND_ASKED,
  MEASURE_CUE,
  NAME_ASKED,
  NATIONAL_CHAPTER,
  NEED_CUE,
  namesInstance,
  ORG_CUE,
  ORGANISATION_KINDS,
  PERSON_TITLE,
  PHONE_CUE,
  POSTAL_CUE,
  PROPER_NAME_CUE,
  type QuantityKind,
  RATE_CUE,
  ROLE_CUE,
  type Scope,
  STATUS_CUE,
  STREET_CUE,
} from './cues.js';
export type { SharedDictionary } from './dictionary.js';
export { boundedEditDistance, moraEditCost } from './distance.js';
export { hiraganaRuns, kanaToKatakana, latinReadings } from './kana.js';
export {
  createRespeller,
  type LexiconEntry,
  MIN_READING_TERM,
  type RespellChange,
  type Respelling,
} from './respell.js';
export { FUNCTION_KANA, QUESTION_WORDS, STOP_WORDS } from './stop.js';
export type { ReadingTerm } from './terms.js';
export { AnalyzerLoadError, loadDictionary, type Token } from './tokenizer.js';
