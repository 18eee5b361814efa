// Conversations on LINE through the stand-in: each chat is one conversation, kept in the state store
// under the chat, cleared by unfollow and by 「最初から」, and no user id reaches the logs.
import type { messagingApi } from '@line/bot-sdk';
import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { AnswerEngine } from '../../src/answer/types.js';
import { BUTTON_LABELS, decodePostback, encodePostback, type MunicipalityInfo } from '../../src/line/index.js';
import { validateLine } from '../fixtures/line-openapi/validate-line-messages.mjs';
import { LINE_PATHS } from '../helpers/line-stand-in.js';
import { type Bot, startBot } from './helpers/bot.js';
import { loadLineTestEngine } from './helpers/engine.js';
import { followEvent, postbackEvent, textEvent, USER, unfollowEvent } from './helpers/events.js';
import { assertWithinLimits, buttonsOf, flexOf } from './helpers/limits.js';

let engine: AnswerEngine;
let municipalities: MunicipalityInfo[];
let bot: Bot;

beforeAll(async () => {
  ({ engine, municipalities } = await loadLineTestEngine());
}, 60_000);
beforeEach(async () => {
  bot = await startBot(engine, { municipalities });
});
afterEach(async () => {
  await bot.close();
});

type ReplyBody = { replyToken: string; messages: messagingApi.Message[] };

async function exchange(event: object & { replyToken?: string }): Promise<messagingApi.Message[]> {
  const before = bot.line.requestsTo(LINE_PATHS.reply).length;
  await bot.deliver(event);
  const sent = bot.line.requestsTo(LINE_PATHS.reply).slice(before);
  expect(sent).toHaveLength(1);
  const body = sent[0]!.body as ReplyBody;
  expect(validateLine('ReplyMessageRequest', body)).toEqual([]);
  assertWithinLimits(body.messages);
  return body.messages;
}

const SESSION = `line:${USER}`;
const turnsOf = async (key = SESSION) => JSON.parse((await bot.state.getSession(key)) ?? '{"turns":[]}').turns;

const textOf = (m: messagingApi.Message | undefined) =>
  m?.type === 'flex' ? JSON.stringify((m as messagingApi.FlexMessage).contents) : (m as messagingApi.TextMessage).text;
const quickItems = (messages: messagingApi.Message[]) => messages.at(-1)?.quickReply?.items ?? [];

describe('a conversation end to end, as a resident has it', () => {
  test('follow → choose → a definition → 「それはいつから？」 → a tapped follow-up', async () => {
    // follow: the greeting offers the municipalities; tapping one stores it
    const greeting = await exchange(followEvent());
    const choice = quickItems(greeting)
      .map((i) => i.action as messagingApi.PostbackAction)
      .find((a) => a.label === '西東京市');
    expect(choice?.data).toBeTruthy();
    await exchange(postbackEvent(choice!.data!));
    expect(await bot.state.getPreference(USER)).toBe('nishitokyo');

    // a definition question, then a follow-up that names nothing but the new attribute
    await exchange(textEvent('書かない窓口とは'));
    const [dated, ...rest] = await exchange(textEvent('それはいつから？'));
    expect(rest).toEqual([]);
    const expected = engine.answer('書かない窓口はいつから？', { municipality: 'nishitokyo' });
    expect(expected.sources[0]?.municipality).toBe('nishitokyo');
    expect(textOf(dated)).toContain('令和5年11月'); // 西東京市's own date for it
    expect(textOf(dated)).toContain(expected.sources[0]!.document);

    // its buttons ask again the question the follow-up stood for, not 「それはいつから？」
    const buttons = buttonsOf(flexOf(dated));
    const sources = buttons.find((b) => b.action.label === BUTTON_LABELS.sources)
      ?.action as messagingApi.PostbackAction;
    expect(decodePostback(sources.data!)).toMatchObject({
      a: 'src',
      q: expect.stringMatching(/^書かない窓口はいつから/),
    });

    // a quick-reply follow-up: a short label, the whole question sent when tapped, answered like a typed one
    const followUps = quickItems([dated!])
      .map((i) => i.action as messagingApi.MessageAction)
      .filter((a) => a.type === 'message');
    expect(followUps.length).toBeGreaterThanOrEqual(1);
    expect(followUps.length).toBeLessThanOrEqual(4);
    for (const a of followUps) expect([...(a.label ?? '')].length).toBeLessThanOrEqual(20);
    const tapped = followUps[0]!.text ?? '';
    const [answer] = await exchange(textEvent(tapped));
    const typed = engine.answer(tapped, { municipality: 'nishitokyo' });
    expect(typed.kind).toBe('answer');
    expect(textOf(answer)).toContain(typed.text.split('\n')[0]!.slice(0, 30));
    expect(await turnsOf()).toHaveLength(3);
  });
});

describe('a LINE chat is one conversation', () => {
  test('a question is a turn of the user’s conversation; 「最初から」 clears it', async () => {
    await exchange(followEvent());
    await exchange(postbackEvent(encodePostback({ a: 'set', m: 'hinode' })));
    await exchange(textEvent('書かない窓口とは'));
    const turns = await turnsOf();
    expect(turns).toHaveLength(1);
    expect(turns[0].answered.municipality).toBe('hinode');

    const [reset] = await exchange(textEvent('最初から'));
    expect((reset as messagingApi.TextMessage).text).toContain('リセット');
    expect(await bot.state.getSession(SESSION)).toBeNull();
    expect(await bot.state.getPreference(USER)).toBe('hinode'); // the municipality choice stays
  });

  test('unfollow forgets the conversation with the preference', async () => {
    await bot.state.setPreference(USER, 'koganei');
    await exchange(textEvent('マイナンバーカードの保有率は'));
    expect(await turnsOf()).toHaveLength(1);
    await bot.deliver(unfollowEvent());
    expect(await bot.state.getSession(SESSION)).toBeNull();
    expect(await bot.state.getPreference(USER)).toBeNull();
  });

  test('our buttons re-answer an earlier question without adding a turn', async () => {
    await bot.state.setPreference(USER, 'higashikurume');
    await exchange(textEvent('書かない窓口とは'));
    await exchange(postbackEvent(encodePostback({ a: 'src', m: 'higashikurume', q: '書かない窓口とは' })));
    expect(await turnsOf()).toHaveLength(1);
  });

  test('no log line carries the user id', async () => {
    await bot.state.setPreference(USER, 'hinode');
    await exchange(textEvent('書かない窓口とは'));
    await exchange(textEvent('リセット'));
    expect(bot.logs.length).toBeGreaterThan(0);
    expect(JSON.stringify(bot.logs)).not.toContain(USER);
  });
});
