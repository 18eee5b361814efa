// The question frame: what a resident asked, typed. understand() fills it from the cue table (analysis/cues.ts); the
// composers read it; the answer carries its summary. Plain data (ids, strings), so a session can keep the
// previous frame and a follow-up can be merged into it.
import type { Attribute, ContactKind, DateKind, QuantityKind, Scope } from '../analysis/index.js';
import type { MunicipalityId } from '../knowledge/index.js';
import type { ProcedureInquiry } from '../routing/index.js';
import type { AskedTime } from './years.js';

// The attribute vocabulary is the cue table's (analysis room): understanding and search read one table.
export type { Attribute, ContactKind, DateKind, QuantityKind, Scope } from '../analysis/index.js';

export interface Topic {
  /** The noun phrase asked about, as the resident wrote it (normalized), question words removed. */
  phrase: string;
  /** Its content terms; a synonym group's phrase is one term "a|b|c" (any of them may say it). */
  terms: string[];
  /** The head noun of the phrase (「地域情報化の基本理念」 → 理念), null when every heading shares it. */
  head: string | null;
  /**
   * Names the question gives that no document uses (「PayPay」「クレジットカード」, as written): whatever answers the
   * rest of the topic, the documents do not say anything of these.
   */
  unstated?: string[];
}

export interface Modifiers {
  actual: boolean; // 実績, 実際
  target: boolean; // 目標
  national: boolean; // 国, 東京都: background chapters may answer
  measures: boolean; // 「どう進める」「何に取り組んでいる」: what is done concretely, not what a thing is
  change: boolean; // 「払えるようになる？」: whether (or when) it becomes possible — a measure's status, not a procedure
}

export interface Frame {
  question: string; // as asked (clipped to MAX_QUESTION)
  normalized: string; // after the analyzer's char filter
  query: string; // normalized, municipality names removed: what is searched
  attribute: Attribute;
  quantity?: QuantityKind;
  date?: DateKind;
  contact?: ContactKind;
  topic: Topic;
  /** A 「どの〜」 question's nouns, head last (「どの長期計画」 → 長期, 計画): the answer names one such thing. */
  named?: string[];
  /**
   * 「公衆無線LANが使える8拠点ってどこ」「3つの考え方ってなに」: the N things the question asks which they are, as it
   * writes them (「8拠点」); a text giving only how many does not answer.
   */
  counted?: string;
  /**
   * A detail of the topic asked beyond it (「電子マネーの種類」 → kinds, 「どこでやってる」 → place; cue table DETAILS):
   * an answer about the topic that does not give it says so first.
   */
  detail?: { id: 'kinds' | 'place'; label: string };
  /** The one year (and month) the question is about (「令和5年の時点で」「2024年度の実績」): a text must give it. */
  when?: AskedTime;
  /** A definition question's term (「書かない窓口」). */
  target: string | null;
  /** A choice question's alternatives (「LoGoフォームとkintoneのどっち」). */
  options: string[];
  municipalities: {
    named: MunicipalityId[]; // in the question, in order
    chosen: MunicipalityId | null; // by the user earlier
    unknown: string[]; // named in the question but outside the knowledge (三鷹市)
  };
  /** The municipality the answer is for: the first named, else the chosen one. */
  municipality: MunicipalityId | null;
  municipalitySource: 'question' | 'user' | 'none';
  scope: Scope;
  modifiers: Modifiers;
  inquiry: ProcedureInquiry;
  /** Ids of the cue rows that fired, for debugging. */
  cues: string[];
  /** A section a follow-up points at (「2つ目を詳しく」「その中の〜のところ」): answered from that section first. */
  focus?: string;
  /**
   * The item a follow-up picks when it has no section of its own (「その第1条は？」: an article the previous answer
   * listed inline), as that answer listed it; `focus` is then the passage or glossary entry that answer cited.
   */
  focusItem?: string;
  /** The place of the item pointed at in the list, when the follow-up asks where it stands (「防災DXは何番目？」). */
  focusPlace?: number;
}

/** What was understood, as the answer carries it (unanswered log, analytics, follow-ups). */
export interface AnswerFrameSummary {
  attribute: string; // definition, quantity, rate, date, status, procedure, chat …
  topic: string | null; // the noun phrase asked about
  municipalities: MunicipalityId[]; // named in the question or chosen
  scope?: 'one' | 'each' | 'which'; // one municipality, each named side by side, which of them all
  terms?: string[]; // the topic's content terms
  modifiers?: string[]; // actual, target, national
}

export function summarize(frame: Frame): AnswerFrameSummary {
  const attribute =
    frame.attribute === 'quantity' && frame.quantity
      ? frame.quantity
      : frame.attribute === 'date' && frame.date
        ? `date:${frame.date}`
        : frame.attribute === 'contact' && frame.contact
          ? frame.contact
          : frame.attribute;
  const municipalities = [...frame.municipalities.named];
  if (!municipalities.length && frame.municipality) municipalities.push(frame.municipality);
  return {
    attribute,
    topic: frame.target ?? (frame.topic.phrase || null),
    municipalities,
    scope: frame.scope,
    terms: frame.topic.terms,
    modifiers: Object.entries(frame.modifiers)
      .filter(([, on]) => on)
      .map(([k]) => k),
  };
}
