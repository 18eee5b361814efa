// The answer contract (DESIGN.md): CLI --jsonl, POST /api/answer, the LINE adapter and the console all
// consume exactly this shape. More fields may be added; the listed ones may not change meaning.

import type { ChannelId, ChannelStatus, MunicipalityId } from '../knowledge/index.js';
import type { AnswerFrameSummary, Frame } from './frame.js';
import type { AnswerKind } from './kinds.js';
import type { SessionContext, TurnRecord } from './session.js';

export type { AnswerKind } from './kinds.js';

export type Intent =
  | 'definition'
  | 'number'
  | 'time'
  | 'who'
  | 'list'
  | 'procedure'
  | 'greeting'
  | 'out-of-scope'
  | 'general';

export interface AnswerSource {
  municipality: MunicipalityId;
  document: string; // document title, e.g. 東久留米市DX推進方針
  documentId: string;
  section: string; // heading path joined with " › "
  excerpt: string;
  passageId?: string;
}

export interface RouteChannel {
  id: ChannelId;
  label: string; // オンライン申請
  status: ChannelStatus;
  text: string; // one resident-facing line
  url?: string;
  phone?: string;
}

export interface RouteDecision {
  channels: ChannelId[]; // ordered 行かない → 書かない → 待たない
  details: RouteChannel[];
  procedure?: string; // 住民票, 転出届 …
  mode?: string; // online, convenience-store … the wish the resident expressed
}

export interface DebugHit {
  id: string;
  type: 'passage' | 'glossary' | 'faq';
  score: number;
  terms: string[];
  match: Record<string, string[]>; // term → fields
  municipality: MunicipalityId;
  text: string;
}

export interface ComposerTrace {
  composer: string;
  outcome: 'answered' | 'declined' | 'not-accepted' | 'invalid';
  reason: string;
}

export interface AnswerDebug {
  intent: Intent;
  frame?: Frame;
  composers?: ComposerTrace[]; // in order: which composer answered, and why the ones before it did not
  municipality: MunicipalityId | null;
  municipalitySource: 'question' | 'user' | 'none';
  targets: string[];
  terms: string[]; // analyzer terms of the question
  hits: DebugHit[];
  route: RouteDecision | null;
  ms: number;
}

export type { AnswerFrameSummary } from './frame.js';

export interface Answer {
  id?: string;
  kind: AnswerKind;
  text: string; // ≤ 500 characters, resident-facing
  sources: AnswerSource[];
  route: { channels: ChannelId[]; details: RouteChannel[] } | null;
  confidence: number; // 0..1
  municipality: MunicipalityId | null; // the municipality the answer is for (null: none chosen)
  choices?: MunicipalityId[]; // kind "clarify": the municipalities to choose from
  related?: string[]; // follow-up questions the adapters may offer (LINE quick replies)
  // The same follow-ups with a short label each (≤ 20 characters): LINE shows the label, sends the question.
  followUps?: { label: string; question: string }[];
  contact?: { municipality: MunicipalityId; text: string }; // who to ask (fallback / route)
  // What was understood (always set by the engine): the unanswered log, analytics and follow-ups read it.
  frame?: AnswerFrameSummary;
  // Why the engine fell back or said "not stated" (a short code such as 'no-topic', 'not-stated',
  // 'outside-coverage', 'low-coverage'), and which composer answered otherwise.
  reason?: string;
  composer?: string;
  debug?: AnswerDebug; // only when asked for ({ debug: true })
  // What this turn leaves for the next one (frame and what answered it); the conversation stores it in the
  // session and adapters leave it out of what they send.
  turn?: TurnRecord;
  // A follow-up restated as the question it stands for (「ガバメントクラウドはいつから？」): what the answer
  // answers, and what buttons that answer the question again (出典, 窓口) ask.
  resolvedQuestion?: string;
}

export interface AskOptions {
  municipality?: MunicipalityId | null; // the user's chosen municipality; a name in the question wins
  debug?: boolean;
  // Answer only from this municipality's documents (「他の自治体では？」: the resident asks about that one).
  strict?: boolean;
  // The session's last turns: a follow-up (「それはいつから？」「小金井市は？」) is read against them.
  context?: SessionContext;
  // false: no follow-up suggestions (each unchecked suggestion costs one engine run; benchmarks of the core).
  suggest?: boolean;
}

export interface AnswerEngine {
  answer(question: string, options?: AskOptions): Answer;
}

/** The engine's own entry point with the full frame it used (follow-ups keep it for the next turn). */
export interface FramedAnswer {
  answer: Answer;
  frame: Frame;
}
