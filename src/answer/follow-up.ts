// Conversations: what a session remembers of its last turns (frames and what answered them, never the
// messages themselves), and the cues that end a conversation. Reading a follow-up against it lives here too.
import { z } from 'zod';
import type { Answer, AnswerKind } from './types.js';

// Turns kept per session: a follow-up leans on the last one; two more let 「2つ目を詳しく」 reach a list
// answered before a short aside.
export const MAX_TURNS = 3;

const ANSWER_KINDS = ['answer', 'route', 'clarify', 'fallback', 'greeting'] as const satisfies readonly AnswerKind[];

// What was understood, as far as a later turn may inherit it. Strings are bounded: a stored context is
// input too (another process, an older version) and is validated when read.
export const TurnFrameSchema = z.object({
  topic: z.string().max(120).nullable(), // the noun phrase asked about
  attribute: z.string().max(40), // definition, date, quantity, procedure …
  municipalities: z.array(z.string().max(40)).max(10), // named in the question
  chosen: z.string().max(40).nullable(), // the resident's choice when asked
  aspect: z.string().max(20).optional(), // start / end / period (dates), target / actual / rate (figures)
  procedure: z.string().max(60).optional(), // route turns: the procedure (住民票, 課税証明書 …)
  channel: z.string().max(40).optional(), // route turns: the channel wished for
});
export type TurnFrame = z.infer<typeof TurnFrameSchema>;

// One item of a list the answer gave, with where its own text lives (a section or passage id).
export const AnsweredItemSchema = z.object({ label: z.string().max(120), ref: z.string().max(240) });
export type AnsweredItem = z.infer<typeof AnsweredItemSchema>;

export const AnsweredSchema = z.object({
  kind: z.enum(ANSWER_KINDS),
  municipality: z.string().max(40).nullable(), // the municipality the answer was for
  composer: z.string().max(40).optional(),
  ids: z.array(z.string().max(240)).max(12), // passages, facts or sections cited
  items: z.array(AnsweredItemSchema).max(30).optional(),
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

export const EMPTY_CONTEXT: SessionContext = { v: 1, turns: [] };

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
  if (!turn || turn.answered.kind === 'greeting') return { v: 1, turns };
  return { v: 1, turns: [...turns, { ...turn, at }].slice(-MAX_TURNS) };
}

// What an answer depends on in a context (caches key on it): the turns without their times.
export function contextKey(context: SessionContext | null | undefined): string {
  if (!context?.turns.length) return '';
  return JSON.stringify(context.turns.map(({ frame, answered }) => [frame, answered]));
}

// Messages that end the conversation (the next question starts afresh). A message is a reset when, after
// the politeness around it is dropped, it is one of these — not when it merely contains one
// (「最初から読むべき資料は」 is a question).
export const RESET_CUES: readonly { words: readonly string[]; why: string }[] = [
  {
    words: ['最初から', 'はじめから', '初めから', '始めから', '一から', 'いちから'],
    why: 'start over from the beginning',
  },
  { words: ['リセット', '会話をリセット', '履歴をリセット', 'reset'], why: 'the word residents know from apps' },
  { words: ['やり直し', 'やりなおし', '仕切り直し', 'クリア', 'clear'], why: 'start again, clear what was said' },
  { words: ['話題を変える', '話を変える', '別の質問', '新しい質問'], why: 'a new topic announced on its own' },
];

// Politeness and particles around a bare cue: 「最初からお願いします」「リセットして」「やり直したい」.
const AROUND_CUE =
  /^(?:えっと|あの|じゃあ|では|もう一度|もういちど|一度)?(.+?)(?:で|に)?(?:する|します|して|してください|して下さい|したい|お願いします|おねがいします|お願い|おねがい|ください|下さい|たい)?$/;

export function isResetMessage(text: string): boolean {
  const t = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s、。，．,.!！?？〜~ー…・「」]+/g, '');
  if (!t || t.length > 24) return false;
  const bare = AROUND_CUE.exec(t)?.[1] ?? t;
  for (const cue of RESET_CUES) {
    for (const w of cue.words) if (t === w || bare === w || bare === w.replace(/し$/, '')) return true;
  }
  return false;
}

// The record of a turn: the frame as understood and what the answer cited.
export function recordTurn(frame: TurnFrame, answer: Answer, items?: AnsweredItem[]): TurnRecord {
  const ids = [...new Set(answer.sources.map((s) => s.passageId ?? `${s.documentId}#${s.section}`))].slice(0, 12);
  const answered: Answered = { kind: answer.kind, municipality: answer.municipality, ids };
  if (answer.composer) answered.composer = answer.composer.slice(0, 40);
  if (items?.length) answered.items = items.slice(0, 30);
  return { frame, answered };
}
