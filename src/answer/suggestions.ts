// Follow-ups offered under an answer (LINE quick replies, `related` in the JSON): what residents ask next about
// the same topic and municipality — a definition's schedule and target, a target's actual and rate, a list's
// items, a route's other available channels. Each is a question that stands on its own, and is offered only
// when the engine really answers it (checked once per question and municipality, then remembered).
import type { ChannelId } from '../knowledge/index.js';
import { RESTATE, restateKey, topicWithoutCues } from './follow-up.js';
import type { Frame } from './frame.js';
import type { Answer } from './types.js';

export const MAX_SUGGESTIONS = 4;
// Candidates tried at most per answer: each untried one costs an engine run (remembered afterwards).
const MAX_TRIED = 6;
const LABEL_CHARS = 20; // LINE's action label limit

export interface Suggestion {
  label: string; // ≤ 20 characters
  question: string; // what is sent when tapped: stands on its own
}

// What to offer next after each kind of question: the restatement keys of follow-up.ts, in order. Data:
// each row says why residents ask it next.
const NEXT: readonly { after: (key: string) => boolean; next: readonly string[]; why: string }[] = [
  {
    after: (k) => k === 'definition' || k === 'overview' || k === 'items' || k === 'status',
    next: ['date:start', 'quantity:count:target', 'contact:department'],
    why: 'after what a thing is: when it starts, what it aims at, who runs it',
  },
  {
    after: (k) => k.startsWith('quantity') && k.endsWith(':target'),
    next: ['quantity:count:actual', 'quantity:rate:actual'],
    why: 'after a target: how far it got (実績, 達成率)',
  },
  {
    after: (k) => k.startsWith('quantity') && (k.endsWith(':actual') || k === 'quantity:rate'),
    next: ['quantity:count:target', 'quantity:rate:actual', 'quantity:count:actual'],
    why: 'after an actual figure: the target and the rate',
  },
  {
    after: (k) => k.startsWith('quantity'),
    next: ['quantity:count:target', 'quantity:count:actual', 'date:start'],
    why: 'after a figure: its target, its actual, since when',
  },
  {
    after: (k) => k.startsWith('date'),
    next: ['definition', 'quantity:count:target', 'contact:department'],
    why: 'after a date: what it is, what it aims at, who runs it',
  },
  {
    after: (k) => k.startsWith('contact') || k === 'person' || k === 'reason',
    next: ['definition', 'date:start'],
    why: 'after who or why: what it is and since when',
  },
];

// A route's other channels, as a resident asks for each (routing reads the wish back).
const CHANNEL_WISH: Partial<Record<ChannelId, { label: string; wish: string }>> = {
  online: { label: 'オンラインで申請', wish: 'をオンラインで申請したい' },
  'convenience-store': { label: 'コンビニで取る', wish: 'をコンビニで取りたい' },
  kakanai: { label: '書かない窓口で', wish: 'を書かない窓口で手続きしたい' },
  okuyami: { label: 'おくやみ窓口で', wish: 'についておくやみ窓口で相談したい' },
  'online-consultation': { label: 'オンラインで相談', wish: 'をオンラインで相談したい' },
  cashless: { label: 'キャッシュレスで払う', wish: 'の手数料をキャッシュレスで払いたい' },
};

const toLabel = (s: string) => ([...s].length <= LABEL_CHARS ? s : `${[...s].slice(0, LABEL_CHARS - 1).join('')}…`);

/** The channel a route suggestion asks for (「…をコンビニで取りたい」 → convenience-store). */
export const wishedChannel = (question: string): ChannelId | undefined =>
  Object.entries(CHANNEL_WISH).find(([, w]) => question.endsWith(w.wish))?.[0] as ChannelId | undefined;

export interface SuggestDeps {
  municipalityName(id: string | null): string;
}

/** What a check reads of the answer a tapped question would get: the number of its sources, not the sources. */
export type AloneAnswer = Pick<Answer, 'kind' | 'text' | 'route' | 'reason'> & { sources: number };

/**
 * The engine without suggestions or context: what the tapped question would get; null when no composer
 * answers it (a not-stated reply or a fallback).
 */
export type AnswerAlone = (question: string, municipality: string | null) => AloneAnswer | null;

/** The candidates for an answer, best first (not yet checked). */
export function candidates(frame: Frame, answer: Answer, deps: SuggestDeps): Suggestion[] {
  const place =
    frame.municipalitySource === 'question' && answer.municipality ? deps.municipalityName(answer.municipality) : '';
  const at = place ? `${place}の` : '';
  if (answer.kind === 'route') {
    const procedure = frame.inquiry.procedures[0];
    if (!procedure || !answer.route) return [];
    const wished = frame.inquiry.modes[0] ?? answer.route.channels[0];
    return answer.route.details
      .filter((c) => c.status === 'available' && c.id !== wished && CHANNEL_WISH[c.id])
      .map((c) => ({
        label: toLabel(CHANNEL_WISH[c.id]!.label),
        question: `${at}${procedure}${CHANNEL_WISH[c.id]!.wish}`,
      }));
  }
  const topic = topicWithoutCues(frame.target ?? frame.topic.phrase);
  if (!topic) return [];
  const out: Suggestion[] = [];
  // A list answered: its items, each asked about on its own.
  for (const line of answer.text.split('\n')) {
    const item = /^・\s*(.+)$/.exec(line.trim())?.[1]?.replace(/^[(（]?[0-9０-９①-⑳]+[)）.]?\s*/, '');
    if (item && item.length <= 40) out.push({ label: toLabel(item), question: `${at}${item}について教えて` });
  }
  const key = restateKey({
    attribute: frame.attribute,
    detail: frame.quantity ?? frame.date ?? frame.contact,
    modifiers: (['actual', 'target'] as const).filter((m) => frame.modifiers[m]),
  });
  const row = key ? NEXT.find((r) => r.after(key)) : undefined;
  for (const next of row?.next ?? []) {
    if (next === key || !RESTATE[next]) continue;
    const tail = RESTATE[next]!;
    const question = `${at}${topic}${tail}`;
    const full = `${topic}${tail}`;
    out.push({
      label: toLabel([...full].length <= LABEL_CHARS ? full : tail.replace(/^(?:の|は|に|とは)/, '')),
      question,
    });
  }
  return out;
}

/** Creates the checker: a candidate is offered only when the engine answers it on its own. */
export function createSuggester(deps: SuggestDeps, remember = 2000) {
  // question → the text it is answered with, or null when it is not answered (per engine, so per snapshot)
  const verdicts = new Map<string, string | null>();
  function answers(
    answerAlone: AnswerAlone,
    question: string,
    chosen: string | null,
    kind: Answer['kind'],
    channel?: ChannelId,
  ): string | null {
    const key = `${chosen ?? ''}\u0000${question}`;
    let text = verdicts.get(key);
    if (text === undefined) {
      const a = answerAlone(question, chosen);
      const ok =
        a !== null &&
        a.kind === kind &&
        a.reason !== 'not-stated' &&
        (kind !== 'route' || a.route?.channels[0] === channel) &&
        (kind !== 'answer' || a.sources > 0);
      text = ok ? a.text : null;
      verdicts.set(key, text);
      if (verdicts.size > remember) verdicts.delete(verdicts.keys().next().value!);
    }
    return text;
  }
  return (frame: Frame, answer: Answer, chosen: string | null, answerAlone: AnswerAlone): Suggestion[] => {
    if (answer.kind !== 'answer' && answer.kind !== 'route') return [];
    if (answer.reason === 'not-stated') return [];
    const out: Suggestion[] = [];
    const seen = new Set<string>();
    for (const c of candidates(frame, answer, deps).slice(0, MAX_TRIED)) {
      if (seen.has(c.label)) continue;
      seen.add(c.label);
      const text =
        answer.kind === 'route'
          ? answers(answerAlone, c.question, chosen, 'route', wishedChannel(c.question))
          : answers(answerAlone, c.question, chosen, 'answer');
      // offered when answered, and with something this answer does not already say
      if (text !== null && text !== answer.text) out.push(c);
      if (out.length >= MAX_SUGGESTIONS) break;
    }
    return out;
  };
}
