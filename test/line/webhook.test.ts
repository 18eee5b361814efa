// The webhook over HTTP: signatures, malformed bodies, verification, prompt 200, exactly-once delivery,
// every event type, group mentions, standby, and LINE answering 500, 429 or not at all.
import type { messagingApi } from '@line/bot-sdk';
import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { AnswerEngine } from '../../src/answer/types.js';
import { encodePostback, type MunicipalityInfo } from '../../src/line/index.js';
import { validateLine } from '../fixtures/line-openapi/validate-line-messages.mjs';
import { LINE_PATHS } from '../helpers/line-stand-in.js';
import { type Bot, SECRET, sign, startBot, TOKEN } from './helpers/bot.js';
import { loadLineTestEngine } from './helpers/engine.js';
import {
  followEvent,
  GROUP,
  joinEvent,
  messageEvent,
  postbackEvent,
  textEvent,
  USER,
  unfollowEvent,
} from './helpers/events.js';
import { assertWithinLimits, quickLabels } from './helpers/limits.js';

let engine: AnswerEngine;
let municipalities: MunicipalityInfo[];
let bot: Bot;
const start = (e: AnswerEngine, options: Parameters<typeof startBot>[1] = {}) =>
  startBot(e, { municipalities, ...options });

beforeAll(async () => {
  ({ engine, municipalities } = await loadLineTestEngine());
});
beforeEach(async () => {
  bot = await start(engine);
});
afterEach(async () => {
  await bot.close();
});

type ReplyBody = { replyToken: string; messages: messagingApi.Message[] };
const replies = () => bot.line.requestsTo(LINE_PATHS.reply).map((r) => r.body as ReplyBody);
const onlyReply = () => {
  const all = replies();
  expect(all).toHaveLength(1);
  const body = all[0]!;
  expect(validateLine('ReplyMessageRequest', body)).toEqual([]);
  assertWithinLimits(body.messages);
  return body;
};
const textOf = (m: messagingApi.Message | undefined) => (m as messagingApi.TextMessage).text;

describe('webhook request', () => {
  test.each([
    { signature: null, why: 'no x-line-signature header' },
    { signature: 'bm90IGEgc2lnbmF0dXJl', why: 'a signature that does not match' },
    { signature: sign('{"events":[]}', 'another-secret'), why: 'signed with another channel secret' },
  ])('401 and nothing processed: $why', async ({ signature }) => {
    const body = JSON.stringify({ destination: 'U1', events: [textEvent('DXとは？')] });
    const res = await bot.post(body, signature);
    expect(res.status).toBe(401);
    await bot.drain();
    expect(bot.reports).toEqual([]);
    expect(bot.line.requests).toEqual([]);
  });

  test('400 for a signed body that is not JSON', async () => {
    const res = await bot.post('{"events": [');
    expect(res.status).toBe(400);
    expect(bot.line.requests).toEqual([]);
  });

  test('413 for a body over the size cap, before the signature is checked', async () => {
    const res = await bot.post(JSON.stringify({ events: [], pad: 'x'.repeat(2 * 1024 * 1024) }), 'c2ln');
    expect(res.status).toBe(413);
    expect(bot.line.requests).toEqual([]);
  });

  test('400 for signed JSON without an events array', async () => {
    expect((await bot.post('{"destination":"U1"}')).status).toBe(400);
  });

  test('200 for the console verification request (events: []) and nothing sent', async () => {
    const res = await bot.post(JSON.stringify({ destination: 'Ubot', events: [] }));
    expect(res.status).toBe(200);
    await bot.drain();
    expect(bot.line.requests).toEqual([]);
  });

  test('200 arrives before the reply is sent (events are handled after the response)', async () => {
    // The stand-in holds the reply call for 1.5 s (under the bot's LINE timeout); an event is reported only once its reply has been answered. So
    // the 200 must arrive while nothing is reported yet: an order, not a time (which a loaded machine stretches).
    bot.line.failNext(LINE_PATHS.reply, { status: 200, body: { sentMessages: [] }, delayMs: 1500 });
    const res = await bot.post(JSON.stringify({ events: [textEvent('DXとは？')] }));
    expect(res.status).toBe(200);
    expect(bot.reports).toEqual([]);
    await bot.drain();
    expect(bot.line.requestsTo(LINE_PATHS.reply)).toHaveLength(1);
    expect(bot.reports.map((r) => r.outcome)).toEqual(['replied']);
  });

  test('the signature is checked over the raw bytes, with the channel secret', () => {
    expect(sign('{}', SECRET)).not.toBe(sign('{ }', SECRET));
  });
});

describe('exactly once', () => {
  test('a redelivered event already handled is skipped; the reply token is used once', async () => {
    const event = textEvent('書かない窓口とは', { id: '01JREDELIVERY0000000000001' });
    await bot.deliver(event);
    await bot.deliver({ ...event, deliveryContext: { isRedelivery: true } });
    expect(replies()).toHaveLength(1);
    expect(bot.reports.map((r) => r.outcome)).toEqual(['replied', 'duplicate']);
  });

  test('a redelivered event seen for the first time is answered; past its reply token, by push with a retry key', async () => {
    const old = textEvent('書かない窓口とは', { redelivery: true, timestamp: Date.now() - 120_000 });
    await bot.deliver(old);
    expect(replies()).toHaveLength(0);
    const [push] = bot.line.requestsTo(LINE_PATHS.push);
    expect(push?.headers['x-line-retry-key']).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect((push!.body as { to: string }).to).toBe(USER);
    expect(validateLine('PushMessageRequest', push?.body)).toEqual([]);
    expect(bot.reports[0]?.outcome).toBe('pushed');
  });

  test('a push LINE answers with 500 is retried with the same retry key', async () => {
    bot.line.failNext(LINE_PATHS.push, { status: 500, body: { message: 'Internal error' } });
    await bot.deliver(textEvent('書かない窓口とは', { timestamp: Date.now() - 120_000 }));
    const pushes = bot.line.requestsTo(LINE_PATHS.push);
    expect(pushes).toHaveLength(2);
    expect(pushes[0]?.headers['x-line-retry-key']).toBe(pushes[1]?.headers['x-line-retry-key']);
    expect(bot.reports[0]?.outcome).toBe('pushed');
  });

  test('every Messaging API call carries the channel access token', async () => {
    await bot.deliver(textEvent('DXとは？'));
    expect(bot.line.requests.every((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });
});

describe('LINE failing', () => {
  test.each([
    {
      status: 500,
      body: { message: 'An error occurred in the API server' },
      why: 'LINE may have failed before sending',
    },
    {
      status: 429,
      body: { message: 'The API rate limit has been exceeded. Try again later.' },
      why: 'rate limited: nothing sent',
    },
    { status: 0, body: null, why: 'no answer in time: the token is tried again, not a second message' },
  ])('a reply that fails with $status is retried with the same token ($why)', async ({ status, body }) => {
    bot.line.failNext(LINE_PATHS.reply, status === 0 ? 'timeout' : { status, body });
    const event = textEvent('書かない窓口とは');
    expect((await bot.deliver(event)).status).toBe(200);
    expect(bot.apiErrors).toEqual([status]);
    expect(bot.reports[0]?.outcome).toBe('replied');
    const tokens = bot.line.requestsTo(LINE_PATHS.reply).map((r) => (r.body as ReplyBody).replyToken);
    expect(tokens).toEqual([event.replyToken, event.replyToken]);
    expect(bot.line.requestsTo(LINE_PATHS.push)).toHaveLength(0);
  });

  test('a reply token LINE rejects (400) is not retried: the answer goes as a push with a retry key', async () => {
    bot.line.failNext(LINE_PATHS.reply, { status: 400, body: { message: 'Invalid reply token' } });
    const event = textEvent('書かない窓口とは');
    await bot.deliver(event);
    expect(bot.apiErrors).toEqual([400]);
    expect(bot.reports[0]?.outcome).toBe('pushed');
    expect(bot.line.requestsTo(LINE_PATHS.reply)).toHaveLength(1);
    const [push] = bot.line.requestsTo(LINE_PATHS.push);
    expect((push!.body as { to: string }).to).toBe(USER);
    const logged = bot.logs.find((l) => l.msg === 'line: reply failed; pushing');
    expect(logged).toMatchObject({ webhookEventId: event.webhookEventId, status: 400 });
    expect(String(logged?.lineError)).toContain('Invalid reply token');
  });

  test('LINE failing every call: bounded retries, then the event is recorded as finally failed', async () => {
    bot.line.failNext(/\/v2\/bot\/message\//, { status: 503, body: { message: 'unavailable' } }, 1000);
    const event = textEvent('書かない窓口とは', { timestamp: Date.now() - 120_000 }); // past the reply token
    await bot.deliver(event);
    expect(bot.reports[0]?.outcome).toBe('send-failed');
    const pushes = bot.line.requestsTo(LINE_PATHS.push);
    expect(pushes).toHaveLength(6); // the default number of push calls
    expect(new Set(pushes.map((p) => p.headers['x-line-retry-key'])).size).toBe(1);
    expect(bot.logs.find((l) => l.msg === 'line: event finally failed')).toMatchObject({
      webhookEventId: event.webhookEventId,
      reason: 'send-failed',
      level: 50,
    });
    bot.line.reset();
    await bot.deliver(textEvent('DXとは？'));
    expect(bot.reports[1]?.outcome).toBe('replied');
  });

  test('stopping while LINE hangs: answered until the drain deadline, the rest logged with webhookEventId and counted', async () => {
    await bot.close();
    const left: number[] = [];
    bot = await start(engine, { apiTimeoutMs: 200, drainMs: 700, hooks: { onLeftover: (n) => left.push(n) } });
    bot.line.failNext(LINE_PATHS.reply, 'timeout', 1000);
    const held = textEvent('書かない窓口とは');
    expect((await bot.post(JSON.stringify({ destination: 'Ubot', events: [held] }))).status).toBe(200);
    const started = Date.now();
    expect(await bot.stop()).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(650); // waited for the deadline, not less
    expect(left).toEqual([1]);
    expect(bot.logs.find((l) => l.msg === 'line: event not answered before shutdown')).toMatchObject({
      webhookEventId: held.webhookEventId,
      level: 50,
    });
  });

  test('a 429 with Retry-After is waited out before the push is tried again', async () => {
    bot.line.failNext(LINE_PATHS.push, { status: 429, body: { message: 'rate' }, headers: { 'retry-after': '1' } });
    await bot.deliver(textEvent('書かない窓口とは', { timestamp: Date.now() - 120_000 }));
    const [first, second] = bot.line.requestsTo(LINE_PATHS.push);
    expect(bot.reports[0]?.outcome).toBe('pushed');
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(1000);
  });

  test('an engine that throws is logged with the webhookEventId and the user gets an apology', async () => {
    await bot.close();
    const broken: AnswerEngine = {
      answer() {
        throw new Error('index exploded');
      },
    };
    bot = await start(broken);
    const event = textEvent('DXとは？');
    await bot.deliver(event);
    expect(bot.reports[0]?.outcome).toBe('failed');
    expect(textOf(onlyReply().messages[0])).toContain('申し訳ありません');
    expect(bot.logs.find((l) => l.msg === 'line: event failed')).toMatchObject({
      webhookEventId: event.webhookEventId,
    });
  });

  test('more events waiting than the bound: the next webhook gets 503, and is taken again once they are done', async () => {
    await bot.close();
    bot = await start(engine, { apiTimeoutMs: 500, maxPendingEvents: 2 });
    bot.line.failNext(LINE_PATHS.reply, 'timeout', 2); // LINE holds the first two replies
    const body = (...events: object[]) => JSON.stringify({ destination: 'Ubot', events });
    expect((await bot.post(body(textEvent('書かない窓口とは'), textEvent('DXとは？')))).status).toBe(200);
    const refused = await bot.post(body(textEvent('RPAとは')));
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await refused.json()).toEqual({ error: 'line: overloaded, try again' });
    expect(bot.logs.find((l) => l.msg === 'line: overloaded; webhooks refused with 503')).toMatchObject({
      pendingEvents: 2,
      maxPendingEvents: 2,
    });
    // a verification request (no events) is still answered
    expect((await bot.post(body())).status).toBe(200);
    await bot.drain(); // the two held replies time out and are tried again with their tokens
    expect(bot.reports.map((r) => r.outcome)).toEqual(['replied', 'replied']);
    expect((await bot.deliver(textEvent('RPAとは'))).status).toBe(200);
    expect(bot.reports[2]?.outcome).toBe('replied');
  });

  test('one malformed event does not stop the others in the same request', async () => {
    await bot.deliver({ type: 'message', timestamp: 'yesterday' }, followEvent());
    expect(bot.reports.map((r) => r.outcome)).toEqual(['invalid', 'replied']);
  });
});

describe('event types', () => {
  test('follow: a greeting and the municipality choice', async () => {
    await bot.deliver(followEvent());
    const [m] = onlyReply().messages;
    expect(textOf(m)).toContain('友だち追加ありがとうございます');
    expect(quickLabels(m)).toEqual(municipalities.map((x) => x.name));
  });

  test('follow after a block says welcome back', async () => {
    await bot.deliver(followEvent({ isUnblocked: true }));
    expect(textOf(onlyReply().messages[0])).toContain('おかえりなさい');
  });

  test('unfollow forgets the user and sends nothing', async () => {
    await bot.state.setPreference(USER, 'koganei');
    await bot.deliver(unfollowEvent());
    expect(await bot.state.getPreference(USER)).toBeNull();
    expect(bot.line.requests).toEqual([]);
    expect(bot.reports[0]?.outcome).toBe('forgotten');
  });

  test.each([
    { type: 'sticker' as const, expect: 'スタンプ' },
    { type: 'image' as const, expect: '文字で送って' },
    { type: 'video' as const, expect: '文字で送って' },
    { type: 'audio' as const, expect: '文字で送って' },
    { type: 'file' as const, expect: '文字で送って' },
    { type: 'location' as const, expect: '自治体を選ぶ' },
  ])('$type: a short helpful text', async ({ type, expect: words }) => {
    await bot.deliver(messageEvent(type));
    const [m] = onlyReply().messages;
    expect(m?.type).toBe('text');
    expect(textOf(m)).toContain(words);
    expect([...textOf(m)].length).toBeLessThan(200);
  });

  test('standby: nothing is sent and the event is not claimed', async () => {
    const event = textEvent('DXとは？', { mode: 'standby' });
    await bot.deliver(event);
    expect(bot.line.requests).toEqual([]);
    expect(bot.reports[0]?.outcome).toBe('standby');
    expect(await bot.state.claimEvent(event.webhookEventId)).toBe(true);
  });

  test('join a group: a short greeting explaining mentions', async () => {
    await bot.deliver(joinEvent());
    expect(textOf(onlyReply().messages[0])).toContain('メンション');
  });

  test.each(['leave', 'memberJoined', 'memberLeft', 'unsend', 'videoPlayComplete', 'beacon', 'somethingNew'])(
    '%s: nothing sent',
    async (type) => {
      await bot.deliver({ ...followEvent(), type, follow: undefined });
      expect(bot.line.requests).toEqual([]);
      expect(bot.reports[0]?.outcome).toBe('ignored');
    },
  );

  test('a postback that is not ours is ignored', async () => {
    await bot.deliver(postbackEvent('action=buy&itemid=111'));
    expect(bot.line.requests).toEqual([]);
    expect(bot.reports[0]?.outcome).toBe('ignored');
  });
});

describe('group and room chats', () => {
  const inGroup = { source: { type: 'group' as const, groupId: GROUP, userId: USER } };

  test.each([
    { mention: undefined, why: 'no mention at all' },
    { mention: [{ index: 0, length: 4, isSelf: false }], why: 'another member is mentioned' },
    { mention: [{ index: 0, length: 4, type: 'all' as const }], why: '@All is not a question to the bot' },
  ])('not answered: $why', async ({ mention }) => {
    await bot.deliver(textEvent('@まど 書かない窓口とは', { ...inGroup, ...(mention ? { mention } : {}) }));
    expect(bot.line.requests).toEqual([]);
    expect(bot.reports[0]?.outcome).toBe('ignored');
  });

  test('answered when the bot is mentioned, without the mention in the question', async () => {
    let asked = '';
    const spy: AnswerEngine = {
      answer: (q, o) => {
        asked = q;
        return engine.answer(q, o);
      },
    };
    await bot.close();
    bot = await start(spy, { loading: { afterMs: 0 } });
    await bot.deliver(
      textEvent('@窓口bot 書かない窓口とは', { ...inGroup, mention: [{ index: 0, length: 6, isSelf: true }] }),
    );
    expect(asked).toBe('書かない窓口とは');
    expect(onlyReply().messages[0]?.type).toBe('flex');
    // no loading animation in groups: LINE shows it in 1:1 chats only
    expect(bot.line.requestsTo(LINE_PATHS.loading)).toEqual([]);
  });

  test('stickers in a group are not answered', async () => {
    await bot.deliver(messageEvent('sticker', inGroup));
    expect(bot.line.requests).toEqual([]);
  });
});

describe('loading animation and rate limit', () => {
  test('for a 1:1 question that may take a while, the loading animation starts before the reply', async () => {
    await bot.close();
    bot = await start(engine, { loading: { afterMs: 0, seconds: 20 } });
    await bot.deliver(textEvent('書かない窓口とは'));
    const paths = bot.line.requests.map((r) => r.path);
    expect(paths).toEqual([LINE_PATHS.loading, LINE_PATHS.reply]);
    expect(bot.line.requests[0]?.body).toEqual({ chatId: USER, loadingSeconds: 20 });
    expect(validateLine('ShowLoadingAnimationRequest', bot.line.requests[0]?.body)).toEqual([]);
  });

  test('the question is answered while the loading call is on its way; the reply still goes after it', async () => {
    await bot.close();
    let askedAt = 0;
    const timed: AnswerEngine = {
      answer: (q, o) => {
        askedAt = Date.now();
        return engine.answer(q, o);
      },
    };
    bot = await start(timed, { loading: { afterMs: 0 } });
    // LINE takes 1.5 s over the loading call: the answer does not wait for it, the reply does
    bot.line.failNext(LINE_PATHS.loading, { status: 200, body: {}, delayMs: 1500 });
    await bot.deliver(textEvent('書かない窓口とは'));
    const [loading, reply] = bot.line.requests;
    expect([loading?.path, reply?.path]).toEqual([LINE_PATHS.loading, LINE_PATHS.reply]);
    expect(askedAt - loading!.at).toBeLessThan(1000); // asked before LINE answered the loading call
    expect(reply!.at - loading!.at).toBeGreaterThanOrEqual(1500);
  });

  test.each([
    { response: { status: 500 } as const, why: 'LINE answers 500' },
    { response: 'timeout' as const, why: 'LINE does not answer' },
  ])('the answer still goes out when the loading animation fails ($why)', async ({ response }) => {
    await bot.close();
    bot = await start(engine, { loading: { afterMs: 0 }, apiTimeoutMs: 500 });
    bot.line.failNext(LINE_PATHS.loading, response);
    await bot.deliver(textEvent('書かない窓口とは'));
    expect(bot.reports[0]?.outcome).toBe('replied');
    expect(bot.logs.some((l) => l.msg === 'line: loading animation failed')).toBe(true);
  });

  test('a quick answer does not start the loading animation', async () => {
    await bot.deliver(textEvent('書かない窓口とは'));
    expect(bot.line.requestsTo(LINE_PATHS.loading)).toEqual([]);
  });

  test('past the per-user limit, a polite message instead of an answer', async () => {
    await bot.close();
    bot = await start(engine, { rateLimit: { limit: 2, windowSeconds: 60 } });
    await bot.deliver(textEvent('DXとは？'), textEvent('書かない窓口とは'), textEvent('おくやみ窓口とは'));
    const all = replies();
    expect(all.map((r) => r.messages[0]?.type)).toEqual(['flex', 'flex', 'text']);
    expect(textOf(all[2]?.messages[0])).toContain('もう一度送ってください');
  });
});

describe('logs', () => {
  test('never carry the full user id', async () => {
    await bot.deliver(textEvent('DXとは？'), followEvent(), postbackEvent(encodePostback({ a: 'set', m: 'hinode' })));
    expect(bot.logs.length).toBeGreaterThan(0);
    expect(JSON.stringify(bot.logs)).not.toContain(USER);
    expect(bot.logs.some((l) => typeof l.userHash === 'string' && l.userHash.startsWith('u_'))).toBe(true);
  });
});

describe('stage timings (what bench:webhook reads from /metrics)', () => {
  test.each([
    {
      events: () => [textEvent('DXとは？')],
      stages: ['intake', 'before-answer', 'answer', 'send', 'total'],
      why: 'a question passes every stage once',
    },
    {
      events: () => [followEvent()],
      stages: ['intake', 'send', 'total'],
      why: 'a greeting asks nothing: no answer stages',
    },
    { events: () => [unfollowEvent()], stages: ['intake'], why: 'nothing sent: no send and no total' },
  ])('$why', async ({ events, stages }) => {
    await bot.close();
    const seen: { stage: string; ms: number }[] = [];
    bot = await start(engine, { hooks: { onStage: (stage, ms) => seen.push({ stage, ms }) } });
    await bot.deliver(...events());
    expect(seen.map((s) => s.stage)).toEqual(stages);
    expect(seen.every((s) => Number.isFinite(s.ms) && s.ms >= 0)).toBe(true);
  });
});
