// Conversations on LINE through the stand-in: each chat is one conversation, kept in the state store
// under the chat, cleared by unfollow and by 「最初から」, and no user id reaches the logs.
import type { messagingApi } from '@line/bot-sdk';
import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { AnswerEngine } from '../../src/answer/types.js';
import { encodePostback, type MunicipalityInfo } from '../../src/line/index.js';
import { validateLine } from '../fixtures/line-openapi/validate-line-messages.mjs';
import { LINE_PATHS } from '../helpers/line-stand-in.js';
import { type Bot, startBot } from './helpers/bot.js';
import { loadLineTestEngine } from './helpers/engine.js';
import { followEvent, postbackEvent, textEvent, USER, unfollowEvent } from './helpers/events.js';
import { assertWithinLimits } from './helpers/limits.js';

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
