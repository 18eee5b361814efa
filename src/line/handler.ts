// One webhook event in, at most one reply out. Each event runs in its own error boundary: a failure is
// logged with the webhookEventId and answered with an apology when the reply token is still unused.
import { createHash } from 'node:crypto';
import type { messagingApi } from '@line/bot-sdk';
import { LRUCache } from 'lru-cache';
import type pino from 'pino';
import type { Answer, AnswerService, Conversation } from '../answer/index.js';
import { createMunicipalityDetector, type MunicipalityDetector, type MunicipalityId } from '../knowledge/index.js';
import type { StateStore } from '../state/index.js';
import { type EventLog, eventLog } from './event-log.js';
import { type LineEvent, LineEventSchema, mentionsBot, questionText } from './events.js';
import { LINE_LIMITS } from './limits.js';
import { type LineApi, retryKeyFor } from './line-api.js';
import { decodePostback, type Postback } from './postback.js';
import { replyToPostback } from './postback-reply.js';
import {
  buildFollowGreeting,
  buildJoinGreeting,
  buildMunicipalityChoice,
  buildMunicipalitySet,
  buildProblem,
  buildRateLimited,
  buildReply,
  buildUnsupported,
  CHANGE_MUNICIPALITY,
} from './replies.js';
import type { MunicipalityInfo } from './types.js';

export type EventOutcome =
  | 'replied'
  | 'pushed'
  | 'send-failed'
  | 'duplicate'
  | 'standby'
  | 'ignored'
  | 'forgotten'
  | 'invalid'
  | 'failed';

export interface EventReport {
  webhookEventId: string | null;
  type: string | null;
  outcome: EventOutcome;
}

/**
 * The stages of one event's time, for finding where reply latency comes from: intake (acknowledged → taken
 * from the queue), before-answer (taken → the question asked: rate limit, preference; the loading animation's
 * call runs beside the answer),
 * answer (the question asked → answered: session context and the answer worker), send (the reply or push
 * call to LINE) and total (acknowledged → sent).
 */
export type EventStage = 'intake' | 'before-answer' | 'answer' | 'send' | 'total';

export interface LineHooks {
  onAnswer?(answer: Answer, question: string): void;
  onLineApiError?(status: number): void; // 0: LINE did not answer in time
  onEvent?(report: EventReport): void; // after each event is done (tests, metrics)
  onStage?(stage: EventStage, ms: number): void; // each stage of an event that had it (metrics)
  onFinalFailure?(webhookEventId: string, reason: string): void; // recorded as finally failed
  onLeftover?(count: number, durable: boolean): void; // not answered when the process stopped
}

export interface EventHandlerDeps {
  api: LineApi;
  getEngine: () => AnswerService;
  state: StateStore;
  logger: pino.Logger;
  municipalities: () => MunicipalityInfo[];
  hooks?: LineHooks | undefined;
  conversation: Conversation;
  rateLimit: { limit: number; windowSeconds: number };
  loading: { afterMs: number; seconds: number };
  replyTokenMaxAgeMs: number;
  eventTtlSeconds: number;
}

// Never log a full LINE user id: a short one-way hash, the same one the server's logger puts in place
// of a userId, so log lines stay joinable.
export function userTag(id: string | undefined): string | undefined {
  return id ? `u_${createHash('sha256').update(id).digest('hex').slice(0, 12)}` : undefined;
}

interface Turn {
  event: LineEvent;
  log: EventLog;
  receivedAt: number;
  startedAt: number; // performance.now() when the handler took the event
  redelivered: boolean; // handed out before: an earlier attempt may have used the reply token
  replied: boolean;
  outcome: EventOutcome;
}

const MEDIA = new Set(['image', 'video', 'audio', 'file']);
const REPLIES_KEPT = 256; // answers whose built reply is kept for a wave of identical questions

export function createEventHandler(deps: EventHandlerDeps) {
  const { api, state, hooks } = deps;
  let engineMs = 0; // moving average of answer time: decides whether the loading animation is worth it

  const chatOf = (e: LineEvent) => e.source?.groupId ?? e.source?.roomId ?? e.source?.userId;
  const isOneToOne = (e: LineEvent) => e.source?.type === 'user';
  // One conversation per chat: the user in a one-to-one chat, the group or room otherwise.
  const sessionOf = (e: LineEvent) => {
    const chat = chatOf(e);
    return chat ? `line:${chat}` : null;
  };

  // Reply while the token is young (retrying 5xx, 429 and timeouts with the same token), else — or when
  // the reply could not get through — push with X-Line-Retry-Key (LINE de-duplicates retries of it).
  // 'send-failed' only after the bounded retries are spent: the event is then recorded as finally failed.
  async function send(turn: Turn, messages: messagingApi.Message[]): Promise<void> {
    if (turn.replied) return; // a reply token works once
    turn.replied = true;
    const started = performance.now();
    try {
      await deliver(turn, messages);
    } finally {
      stage('send', performance.now() - started);
    }
  }

  function stage(name: EventStage, ms: number): void {
    try {
      hooks?.onStage?.(name, ms);
    } catch {
      // metrics never stop an event
    }
  }

  async function deliver(turn: Turn, messages: messagingApi.Message[]): Promise<void> {
    const { event, log } = turn;
    const tokenDeadline = event.timestamp + deps.replyTokenMaxAgeMs;
    if (event.replyToken && Date.now() < tokenDeadline) {
      const r = await api.reply(event.replyToken, messages, {
        retryUntil: tokenDeadline,
        tokenMayBeUsed: turn.redelivered,
      });
      if (r.ok) {
        turn.outcome = 'replied';
        if (r.alreadyUsed) log.info('line: reply token already used by an earlier attempt; not sent again');
        else log.debug({ via: 'reply', messages: messages.length }, 'line: sent');
        return;
      }
      hooks?.onLineApiError?.(r.status);
      const pushable = r.status === 0 || r.status === 400 || r.status === 429 || r.status >= 500;
      if (!pushable) {
        turn.outcome = 'send-failed';
        log.error({ via: 'reply', status: r.status, lineError: r.body }, 'line: reply failed');
        return;
      }
      log.warn(
        { via: 'reply', status: r.status, lineError: r.body, attempts: r.attempts },
        'line: reply failed; pushing',
      );
    }
    const to = chatOf(event);
    if (!to) {
      log.warn({ age: Date.now() - event.timestamp }, 'line: reply token expired and no chat to push to; nothing sent');
      turn.outcome = 'send-failed';
      return;
    }
    const result = await api.push(to, messages, retryKeyFor(event.webhookEventId));
    if (result.ok) {
      turn.outcome = 'pushed';
      log.info({ via: 'push', status: result.status }, 'line: sent as a push');
      return;
    }
    turn.outcome = 'send-failed';
    hooks?.onLineApiError?.(result.status);
    log.error(
      { via: 'push', status: result.status, lineError: result.body, attempts: result.attempts },
      'line: push failed',
    );
  }

  async function ask(
    turn: Turn,
    question: string,
    municipality: MunicipalityId | null,
    strict = false,
    inConversation = false,
  ): Promise<Answer> {
    const { event } = turn;
    // The loading call goes out and the question is answered meanwhile (it used to wait for LINE's answer
    // first: one more round trip on exactly the slow answers); the reply is sent only after LINE took the
    // loading call, so the animation never starts after the answer is shown.
    let loading: Promise<void> | null = null;
    if (isOneToOne(event) && event.source?.userId) {
      const elapsed = Date.now() - turn.receivedAt;
      if (elapsed + engineMs >= deps.loading.afterMs) {
        loading = api.showLoading(event.source.userId, deps.loading.seconds).then(
          (r) => {
            if (!r.ok) turn.log.warn({ status: r.status, lineError: r.body }, 'line: loading animation failed');
          },
          () => undefined,
        ); // a courtesy: it never costs the answer
      }
    }
    try {
      return await answerNow(turn, question, municipality, strict, inConversation);
    } finally {
      if (loading) await loading;
    }
  }

  async function answerNow(
    turn: Turn,
    question: string,
    municipality: MunicipalityId | null,
    strict: boolean,
    inConversation: boolean,
  ): Promise<Answer> {
    const { event } = turn;
    const started = performance.now();
    stage('before-answer', started - turn.startedAt);
    // Questions the user asks (typed, a quick reply tapped) are turns of their conversation; our buttons
    // (出典, 窓口, a channel) re-answer an earlier question and leave the thread alone.
    const session = inConversation ? sessionOf(event) : null;
    const answer = await deps.conversation.ask(deps.getEngine(), question, { municipality, strict, session });
    const answerMs = performance.now() - started;
    stage('answer', answerMs);
    engineMs = engineMs === 0 ? answerMs : engineMs * 0.8 + answerMs * 0.2;
    try {
      hooks?.onAnswer?.(answer, question);
    } catch (err) {
      turn.log.warn({ err }, 'line: onAnswer hook failed');
    }
    return answer;
  }

  async function allowed(turn: Turn): Promise<boolean> {
    const who = turn.event.source?.userId ?? chatOf(turn.event);
    if (!who) return true;
    if (await state.allowRequest(who, deps.rateLimit.limit, deps.rateLimit.windowSeconds)) return true;
    turn.log.info('line: rate limit reached');
    await send(turn, buildRateLimited());
    return false;
  }

  const ctxFor = (question: string) => ({ question, municipalities: deps.municipalities() });

  // The serving engine hands out one frozen answer object per (question, municipality) in an emergency
  // wave of identical questions; the reply built for it is kept for the latest few hundred such answers (a
  // wave asks a few questions). Kept with every cached answer instead (a WeakMap on the 5,000 of the answer
  // cache), replies and their JSON were most of the main thread's heap under distinct questions: ~60 MB.
  const replies = new LRUCache<Answer, Map<string, messagingApi.Message[]>>({ max: REPLIES_KEPT });
  function replyFor(answer: Answer, question: string): messagingApi.Message[] {
    if (!Object.isFrozen(answer)) return buildReply(answer, ctxFor(question));
    let byQuestion = replies.get(answer);
    if (!byQuestion) {
      byQuestion = new Map();
      replies.set(answer, byQuestion);
    }
    let messages = byQuestion.get(question);
    if (!messages) {
      messages = buildReply(answer, ctxFor(question));
      byQuestion.set(question, messages);
    }
    return messages;
  }

  // The snapshot's municipalities, read on every event (a reload may add one); one detector per list.
  const detectors = new WeakMap<readonly MunicipalityInfo[], MunicipalityDetector<MunicipalityInfo>>();
  function detector(): MunicipalityDetector<MunicipalityInfo> {
    const list = deps.municipalities();
    let d = detectors.get(list);
    if (!d) {
      d = createMunicipalityDetector(list);
      detectors.set(list, d);
    }
    return d;
  }

  // How often each municipality was chosen in this process: with more municipalities than a quick reply
  // shows, the most chosen come first (the rest are typed by name).
  const chosenCount = new Map<MunicipalityId, number>();
  function choiceOrder(): MunicipalityInfo[] {
    const list = deps.municipalities();
    if (list.length <= LINE_LIMITS.quickReplyItems) return list;
    return list
      .map((m, i) => ({ m, i, n: chosenCount.get(m.id) ?? 0 }))
      .sort((a, b) => b.n - a.n || a.i - b.i)
      .map((x) => x.m);
  }
  async function choose(userId: string, id: MunicipalityId): Promise<void> {
    await state.setPreference(userId, id);
    chosenCount.set(id, (chosenCount.get(id) ?? 0) + 1);
  }

  // A municipality typed on its own ("小金井市", "小金井", "Musashino", "ひので") is a choice, not a question.
  function municipalityNamed(text: string): MunicipalityInfo | undefined {
    return detector().resolve(text.replace(/[\s　]+/g, ''));
  }

  // 他の自治体では？ asks the same question for another municipality: drop the names in it that would
  // otherwise override the choice.
  function withoutMunicipalityNames(question: string): string {
    if (detector().find(question).length === 0) return question;
    const q = detector().strip(question).replace(/\s+/g, ' ');
    return q.replace(/^[のはで、\s]+/, '').trim() || question;
  }

  async function onText(turn: Turn): Promise<void> {
    const { event } = turn;
    const group = !isOneToOne(event);
    if (group && !mentionsBot(event)) {
      turn.outcome = 'ignored';
      return;
    }
    const text = group ? questionText(event) : (event.message?.text ?? '').trim();
    const userId = event.source?.userId;
    if (!text) {
      await send(turn, buildMunicipalityChoice(choiceOrder()));
      return;
    }
    if (text === CHANGE_MUNICIPALITY) {
      await send(turn, buildMunicipalityChoice(choiceOrder()));
      return;
    }
    const named = municipalityNamed(text);
    if (named && userId) {
      await choose(userId, named.id);
      await send(turn, buildMunicipalitySet(named.name));
      return;
    }
    // The preference is read while the rate limit is checked (with Redis: one write and one read for both,
    // and for every event of the same moment); a refused question never uses it.
    const preferred = userId ? state.getPreference(userId) : Promise.resolve(null);
    preferred.catch(() => undefined); // awaited below unless refused; a failure then surfaces there
    if (!(await allowed(turn))) return;
    const preference = await preferred;
    const answer = await ask(turn, text, preference, false, true);
    turn.log.info(
      { kind: answer.kind, municipality: answer.municipality, confidence: answer.confidence },
      'line: answered',
    );
    // A follow-up's buttons (出典, 窓口, 他の自治体) ask again the question it stood for, not 「それはいつから？」.
    await send(turn, replyFor(answer, answer.resolvedQuestion ?? text));
  }

  async function onPostback(turn: Turn, p: Postback): Promise<void> {
    const userId = turn.event.source?.userId;
    const municipalities = deps.municipalities();
    // a question asked through a button counts toward the rate limit, as a typed one does
    if (p.a === 'ask' && municipalities.some((m) => m.id === p.m) && !(await allowed(turn))) return;
    const reply = await replyToPostback(p, {
      municipalities,
      choiceOrder: choiceOrder(),
      // 出典, 窓口 and channel buttons re-answer an earlier question; an asked one is a turn of the conversation
      ask: (question, municipality, strict) => ask(turn, question, municipality, strict, p.a === 'ask'),
      withoutMunicipalityNames,
    });
    if (reply.remember && userId) await choose(userId, reply.remember);
    await send(turn, reply.messages);
  }

  async function dispatch(turn: Turn): Promise<void> {
    const { event } = turn;
    const oneToOne = isOneToOne(event);
    switch (event.type) {
      case 'message': {
        const type = event.message?.type ?? '';
        if (type === 'text') return onText(turn);
        if (!oneToOne) break; // in groups only a mention gets an answer, and media cannot mention
        if (type === 'sticker') return send(turn, buildUnsupported('sticker', deps.municipalities()));
        if (type === 'location') return send(turn, buildUnsupported('location', choiceOrder()));
        if (MEDIA.has(type)) return send(turn, buildUnsupported('media', deps.municipalities()));
        break;
      }
      case 'postback': {
        const p = decodePostback(event.postback?.data ?? '');
        if (p) return onPostback(turn, p);
        turn.log.warn('line: postback data not ours');
        break;
      }
      case 'follow':
        return send(turn, buildFollowGreeting(choiceOrder(), event.follow?.isUnblocked === true));
      case 'unfollow':
        if (event.source?.userId) {
          await state.forgetUser(event.source.userId);
          await deps.conversation.reset(`line:${event.source.userId}`);
          turn.outcome = 'forgotten';
          turn.log.info('line: user state forgotten');
        }
        return;
      case 'join':
        return send(turn, buildJoinGreeting());
    }
    turn.outcome = 'ignored';
  }

  // `deduplicated`: the intake already de-duplicated by webhookEventId (the durable queue does); `redelivered`:
  // an earlier attempt at this event may have sent something.
  async function handle(
    raw: unknown,
    receivedAt: number,
    opts: { deduplicated?: boolean; redelivered?: boolean } = {},
  ): Promise<EventReport> {
    const parsed = LineEventSchema.safeParse(raw);
    if (!parsed.success) {
      const r = raw as { webhookEventId?: unknown; type?: unknown } | null;
      const webhookEventId = typeof r?.webhookEventId === 'string' ? r.webhookEventId : null;
      deps.logger.warn({ webhookEventId, issue: parsed.error.issues[0]?.message }, 'line: event not understood');
      return report(deps.logger, {
        webhookEventId,
        type: typeof r?.type === 'string' ? r.type : null,
        outcome: 'invalid',
      });
    }
    const event = parsed.data;
    stage('intake', Date.now() - receivedAt);
    const log = eventLog(deps.logger, () => ({
      webhookEventId: event.webhookEventId,
      event: event.type,
      chat: event.source?.type,
      userHash: userTag(event.source?.userId),
      redelivery: event.deliveryContext?.isRedelivery ?? false,
    }));
    const turn: Turn = {
      event,
      log,
      receivedAt,
      startedAt: performance.now(),
      redelivered: opts.redelivered === true,
      replied: false,
      outcome: 'ignored',
    };
    try {
      if (event.mode === 'standby') {
        // another channel (a module or chat operator) holds the chat: we must not answer
        turn.outcome = 'standby';
        log.debug('line: standby, nothing sent');
      } else if (!opts.deduplicated && !(await state.claimEvent(event.webhookEventId, deps.eventTtlSeconds))) {
        turn.outcome = 'duplicate';
        log.info('line: event already handled, skipped');
      } else {
        await dispatch(turn);
      }
    } catch (err) {
      turn.outcome = 'failed';
      log.error({ err }, 'line: event failed');
      if (!turn.replied && event.replyToken) {
        try {
          await send(turn, buildProblem());
          turn.outcome = 'failed';
        } catch (sendErr) {
          log.error({ err: sendErr }, 'line: could not send the apology');
        }
      }
    }
    if (turn.replied) stage('total', Date.now() - receivedAt);
    return report(log, { webhookEventId: event.webhookEventId, type: event.type, outcome: turn.outcome });
  }

  function report(log: EventLog, r: EventReport): EventReport {
    try {
      hooks?.onEvent?.(r);
    } catch (err) {
      log.warn({ err }, 'line: onEvent hook failed');
    }
    return r;
  }

  return { handle };
}
