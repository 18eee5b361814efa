// What a session keeps of its last turns (frames and what answered them, never the messages themselves), as
// schemas: a stored context is input too and is validated when read. Its own file so that the answer types
// (which carry a turn record) and the follow-up reading (which reads one) import it without importing each other.
import { z } from 'zod';
import { ANSWER_KINDS } from './kinds.js';

// Turns kept per session: a follow-up leans on the last one; two more let 「2つ目を詳しく」 reach a list
// answered before a short aside.
export const MAX_TURNS = 3;

// What was understood, as far as a later turn may inherit it. Strings are bounded: a stored context is
// input too (another process, an older version) and is validated when read.
export const TurnFrameSchema = z.object({
  topic: z.string().max(120).nullable(), // the noun phrase asked about (or the term a definition asked)
  terms: z.array(z.string().max(80)).max(20), // its content terms
  attribute: z.string().max(40), // definition, date, quantity, procedure …
  detail: z.string().max(20).optional(), // the attribute's kind: start / end / made (dates), count / rate (figures) …
  modifiers: z.array(z.string().max(20)).max(5), // actual, target, national
  municipalities: z.array(z.string().max(40)).max(10), // named in the question (or inherited by a follow-up)
  chosen: z.string().max(40).nullable(), // the resident's choice when asked
  procedure: z.string().max(60).optional(), // route turns: the procedure (住民票, 課税証明書 …)
  channel: z.string().max(40).optional(), // route turns: the channel wished for
  // A question its attribute cannot restate (「…は何をするの？」「どんなまちを目指してるの？」): its wording with the
  // place taken out, so that 「西東京市は？」 asks it again there. Kept only for such questions.
  asked: z.string().max(120).optional(),
});
export type TurnFrame = z.infer<typeof TurnFrameSchema>;

// One item of a list the answer gave, with its own section when the document has one ('' otherwise).
export const AnsweredItemSchema = z.object({
  label: z.string().max(120),
  ref: z.string().max(240),
  n: z.number().int().positive().max(999).optional(), // its own number (⑦, (6)), picked by 「7番目」
});
export type AnsweredItem = z.infer<typeof AnsweredItemSchema>;

export const AnsweredSchema = z.object({
  kind: z.enum(ANSWER_KINDS),
  municipality: z.string().max(40).nullable(), // the municipality the answer was for
  composer: z.string().max(40).optional(),
  ids: z.array(z.string().max(240)).max(12), // passages or sections cited
  items: z.array(AnsweredItemSchema).max(30).optional(),
  subject: z.string().max(120).optional(), // the measure the answer was about, as the document names it
});
export type Answered = z.infer<typeof AnsweredSchema>;

// The record of one turn as the engine hands it back (on Answer.turn); the conversation stamps `at`.
export const TurnRecordSchema = z.object({ frame: TurnFrameSchema, answered: AnsweredSchema });
export type TurnRecord = z.infer<typeof TurnRecordSchema>;

export const SessionContextSchema = z.object({
  v: z.literal(1),
  turns: z.array(TurnRecordSchema.extend({ at: z.number() })).max(MAX_TURNS),
});
export type SessionContext = z.infer<typeof SessionContextSchema>;

export function parseContext(raw: string | null | undefined): SessionContext | null {
  if (!raw) return null;
  try {
    const parsed = SessionContextSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

// The context after a turn: the new record last, the oldest dropped. A turn that understood nothing
// (greeting, chatter) leaves the thread as it was, so 「ありがとう」 between two questions breaks nothing.
export function appendTurn(context: SessionContext | null, turn: TurnRecord | undefined, at: number): SessionContext {
  const turns = context?.turns ?? [];
  if (!turn || turn.answered.kind === 'greeting' || !isThread(turn.frame)) return { v: 1, turns };
  return { v: 1, turns: [...turns, { ...turn, at }].slice(-MAX_TURNS) };
}

/** A turn a follow-up can lean on: it had a topic or a procedure. */
export const isThread = (f: TurnFrame) => Boolean(f.topic || f.procedure);

// What an answer depends on in a context (caches key on it): the turns without their times.
export function contextKey(context: SessionContext | null | undefined): string {
  if (!context?.turns.length) return '';
  return JSON.stringify(context.turns.map(({ frame, answered }) => [frame, answered]));
}
