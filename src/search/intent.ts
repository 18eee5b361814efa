// What kind of answer a question asks for, and which documents look like that kind of answer. Used as
// ranking priors only: they reorder matches, never add documents that do not match the query.
import {
  askedAttribute,
  CALENDAR_CUE,
  CONTACT_DETAIL_CUE,
  cuesOf,
  DEFINING_CUE,
  DEFINITION,
} from '../analysis/index.js';
import type { Source } from './source.js';

export interface QueryIntent {
  definition: boolean; // the cue table's definition row: 「〜とは」「〜って何」「〜の意味」
  time: boolean; // a date row: 「いつ」「何年」「いつまで」「期間」
  number: boolean; // a quantity row: 「何件」「件数」「割合」「いくら」
  contact: boolean; // a contact row: 「担当課はどこ」「住所」「電話番号」「問い合わせ先」
}

/** The word a definition question asks about (the definition row's term), normalized; null for other questions. */
export function definedWord(normalizedQuery: string): string | null {
  return DEFINITION.exec(normalizedQuery)?.[1]?.replace(/\s+/g, '') ?? null;
}

/**
 * The priors a question asks for: the rows of the cue table that fire on it, read as understand() reads them (a
 * definition row first, then the first attribute of ATTRIBUTE_ORDER), so search and understanding agree.
 */
export function detectIntent(normalizedQuery: string): QueryIntent {
  const fired = cuesOf(normalizedQuery);
  const definition = fired.some((c) => c.id === 'definition');
  const asked = definition ? 'definition' : askedAttribute(fired);
  return { definition, time: asked === 'date', number: asked === 'quantity', contact: asked === 'contact' };
}

export interface DocFeatures {
  date: boolean; // names a year or date: 令和6年度, R6, 2025年, 6月
  number: boolean; // holds a figure
  definitionLike: boolean; // reads like a definition: 〜とは, 〜のこと, 〜を指す
  short: boolean; // a heading or a label rather than content
  leadIn: boolean; // introduces what follows: 「次の視点が必要です。」「以下のとおり」「…:」
  contact: boolean; // a colophon or cover: address, phone, or a line naming the municipality's department
}

const FIGURE = /\d/;
const DEPARTMENT_LINE = /^[^\s。、]{0,12}(市|町|村|区)[^\s。、]{0,16}(課|係|室|担当)$/m;
const LEAD_IN = /((次の|以下の|下記の|次に掲げる).{0,30}(です|ます|とおり|通り)。?$|[:：]$)/;

/** A heading-like or lead-in passage: its text names what the passage after it is about. */
export function isLabel(normalizedText: string): boolean {
  return contentLength(normalizedText) < SHORT_LENGTH || LEAD_IN.test(normalizedText.trim());
}

const SHORT_LENGTH = 16;
const contentLength = (t: string) => t.replace(/[\s|:/\-・、。()（）「」*]/g, '').length;

export function docFeatures(source: Source, normalizedText: string): DocFeatures {
  return {
    date: CALENDAR_CUE.test(normalizedText),
    number: FIGURE.test(normalizedText),
    definitionLike: source.type === 'glossary' || DEFINING_CUE.test(normalizedText),
    short: source.type === 'passage' && contentLength(normalizedText) < SHORT_LENGTH,
    leadIn: source.type === 'passage' && LEAD_IN.test(normalizedText.trim()),
    contact:
      source.type === 'passage' &&
      (CONTACT_DETAIL_CUE.test(normalizedText) || DEPARTMENT_LINE.test((source.passage?.text ?? '').normalize('NFKC'))),
  };
}

const GLOSSARY_FOR_DEFINITION = 3;
const DEFINITION_LIKE_FOR_DEFINITION = 1.5;
// A question for a date or a figure is rarely answered by a passage without one.
const DATE_FOR_TIME = 1.6;
const NO_DATE_FOR_TIME = 0.6;
const FIGURE_FOR_NUMBER = 1.5;
const NO_FIGURE_FOR_NUMBER = 0.6;
const CONTACT_FOR_CONTACT = 4;
const GLOSSARY_FOR_FACT = 0.5;
const SHORT_PASSAGE = 0.6;
const LEAD_IN_PASSAGE = 0.6;

export function prior(intent: QueryIntent, source: Source, f: DocFeatures): number {
  let p = 1;
  if (intent.definition) {
    if (source.type === 'glossary') p *= GLOSSARY_FOR_DEFINITION;
    else if (f.definitionLike) p *= DEFINITION_LIKE_FOR_DEFINITION;
  }
  // A glossary entry defines a word; it does not say when or how many.
  if ((intent.time || intent.number) && !intent.definition && source.type === 'glossary') p *= GLOSSARY_FOR_FACT;
  if (intent.time) p *= f.date ? DATE_FOR_TIME : NO_DATE_FOR_TIME;
  if (intent.number) p *= f.number ? FIGURE_FOR_NUMBER : NO_FIGURE_FOR_NUMBER;
  if (intent.contact && f.contact) p *= CONTACT_FOR_CONTACT;
  else if (f.short) p *= SHORT_PASSAGE;
  if (f.leadIn) p *= LEAD_IN_PASSAGE;
  return p;
}
