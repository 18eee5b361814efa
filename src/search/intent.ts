// What kind of answer a question asks for, and which documents look like that kind of answer. Used as
// ranking priors only: they reorder matches, never add documents that do not match the query.
import type { Source } from './documents.js';

export interface QueryIntent {
  definition: boolean; // 「〜とは」「〜って何」「〜の意味」
  time: boolean; // 「いつ」「何年」「時期」
  number: boolean; // 「何件」「件数」「目標」「割合」
  contact: boolean; // 「担当課はどこ」「住所」「電話番号」「問い合わせ先」
}

const DEFINITION = /(とは|ってなに|って何|ってなん|の意味|意味は|意味を|どういう意味|どういうこと)/;
const TIME = /(いつ|何年|なんねん|時期|期限|期間|スケジュール|何月|開始|始ま|から\?|まで\?)/;
const NUMBER =
  /(何件|件数|何施設|何拠点|何人|何か所|何箇所|何個|何%|いくつ|いくら|目標|割合|率は|数は|人数|実績|何回|回数|開催数|規模)/;

const CONTACT =
  /(住所|所在地|電話|連絡先|問い?合わせ|問合せ|担当課|担当部署|担当部局|所管課|担当の課|郵便番号|fax|メールアドレス)/;

// 「ペーパーレスとは」「IoTって何ですか」「PDCAの意味を教えて」: the word asked about comes first.
const DEFINED_WORD = /^(.+?)(とは|ってなに|って何|ってなん|の意味|という意味|という言葉|って\?|って$)/;

/** The word a definition question asks about, normalized; null for other questions. */
export function definedWord(normalizedQuery: string): string | null {
  const m = DEFINED_WORD.exec(normalizedQuery.replace(/\s+/g, ''));
  return m?.[1] ?? null;
}

export function detectIntent(normalizedQuery: string): QueryIntent {
  return {
    contact: CONTACT.test(normalizedQuery),
    definition: DEFINITION.test(normalizedQuery),
    time: TIME.test(normalizedQuery),
    number: NUMBER.test(normalizedQuery),
  };
}

export interface DocFeatures {
  date: boolean; // names a year or date: 令和6年度, R6, 2025年, 6月
  number: boolean; // holds a figure
  definitionLike: boolean; // reads like a definition: 〜とは, 〜のこと, 〜を指す
  short: boolean; // a heading or a label rather than content
  leadIn: boolean; // introduces what follows: 「次の視点が必要です。」「以下のとおり」「…:」
  contact: boolean; // a colophon or cover: address, phone, or a line naming the municipality's department
}

const DATE = /(令和|平成|昭和)\s*(\d+|元)|(^|[^a-z])r\s?\d{1,2}([^\d]|$)|\d{4}\s*年|\d+\s*年度|\d+\s*月|年度/i;
const FIGURE = /\d/;
// 〒, a phone number, a postal code or a street address (五丁目6番13号, 本町三丁目3番1号).
const CONTACT_DETAILS = /(〒|\d{2,5}-\d{2,4}-\d{4}|(^|[^\d-])\d{3}-\d{4}($|[^\d-])|丁目\s*\d+\s*番|\d+番地)/;
const DEPARTMENT_LINE = /^[^\s。、]{0,12}(市|町|村|区)[^\s。、]{0,16}(課|係|室|担当)$/m;
const LEAD_IN = /((次の|以下の|下記の|次に掲げる).{0,30}(です|ます|とおり|通り)。?$|[:：]$)/;
const DEFINITION_LIKE = /(とは|のこと|を指す|を意味|の略|の総称|をいう|という意味)/;

/** A heading-like or lead-in passage: its text names what the passage after it is about. */
export function isLabel(normalizedText: string): boolean {
  return contentLength(normalizedText) < SHORT_LENGTH || LEAD_IN.test(normalizedText.trim());
}

const SHORT_LENGTH = 16;
const contentLength = (t: string) => t.replace(/[\s|:/\-・、。()（）「」*]/g, '').length;

export function docFeatures(source: Source, normalizedText: string): DocFeatures {
  return {
    date: DATE.test(normalizedText),
    number: FIGURE.test(normalizedText),
    definitionLike: source.type === 'glossary' || DEFINITION_LIKE.test(normalizedText),
    short: source.type === 'passage' && contentLength(normalizedText) < SHORT_LENGTH,
    leadIn: source.type === 'passage' && LEAD_IN.test(normalizedText.trim()),
    contact:
      source.type === 'passage' &&
      (CONTACT_DETAILS.test(normalizedText) || DEPARTMENT_LINE.test((source.passage?.text ?? '').normalize('NFKC'))),
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
