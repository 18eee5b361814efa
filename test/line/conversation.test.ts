// Conversations with the real engine over HTTP: questions, the municipality preference and its
// override, and every button of ours (出典 / 他の自治体 / 窓口 / a channel / a municipality choice).
import type { messagingApi } from '@line/bot-sdk';
import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { AnswerEngine } from '../../src/answer/types.js';
import { BUTTON_LABELS, decodePostback, encodePostback, type MunicipalityInfo } from '../../src/line/index.js';
import { validateLine } from '../fixtures/line-openapi/validate-line-messages.mjs';
import { LINE_PATHS } from '../helpers/line-stand-in.js';
import { type Bot, startBot } from './helpers/bot.js';
import { loadLineTestEngine } from './helpers/engine.js';
import { postbackEvent, textEvent, USER } from './helpers/events.js';
import { assertWithinLimits, buttonsOf, flexOf, quickLabels } from './helpers/limits.js';

let engine: AnswerEngine;
let municipalities: MunicipalityInfo[];
let bot: Bot;

beforeAll(async () => {
  ({ engine, municipalities } = await loadLineTestEngine());
});
beforeEach(async () => {
  bot = await startBot(engine, { municipalities });
});
afterEach(async () => {
  await bot.close();
});

type ReplyBody = { replyToken: string; messages: messagingApi.Message[] };

// Deliver one event and return the one reply it caused, checked against LINE's description and limits.
async function exchange(event: object & { replyToken?: string }): Promise<messagingApi.Message[]> {
  const before = bot.line.requestsTo(LINE_PATHS.reply).length;
  await bot.deliver(event);
  const sent = bot.line.requestsTo(LINE_PATHS.reply).slice(before);
  expect(sent).toHaveLength(1);
  const body = sent[0]!.body as ReplyBody;
  expect(body.replyToken).toBe(event.replyToken);
  expect(validateLine('ReplyMessageRequest', body)).toEqual([]);
  assertWithinLimits(body.messages);
  return body.messages;
}

const textOf = (m: messagingApi.Message | undefined) => (m as messagingApi.TextMessage).text;
const nameOf = (id: string | null) => municipalities.find((m) => m.id === id)?.name ?? '';

describe('a question', () => {
  test('is answered with a Flex bubble citing the source the engine used', async () => {
    const q = '書かない窓口とは';
    const expected = engine.answer(q, { municipality: 'hinode' });
    await bot.state.setPreference(USER, 'hinode');
    const [message, more] = await exchange(textEvent(q));
    expect(more).toBeUndefined();
    const flex = flexOf(message);
    expect(JSON.stringify(flex.contents.body)).toContain(expected.text.split('\n')[0]);
    if (expected.sources[0]) expect(JSON.stringify(flex.contents.footer)).toContain(expected.sources[0].document);
    const labels = buttonsOf(flex).map((b) => b.action.label);
    expect(labels).toEqual(expect.arrayContaining([BUTTON_LABELS.other, BUTTON_LABELS.contact]));
    expect(labels.includes(BUTTON_LABELS.sources)).toBe(expected.sources.length > 0);
    expect(quickLabels(flex).at(-1)).toBe('自治体を変更');
  });

  test('a procedure gets one button per usable channel: a URI when the channel has a URL', async () => {
    const q = '住民票をコンビニで取りたい';
    const expected = engine.answer(q, { municipality: 'koganei' });
    expect(expected.kind).toBe('route');
    await bot.state.setPreference(USER, 'koganei');
    const flex = flexOf((await exchange(textEvent(q)))[0]);
    const buttons = buttonsOf(flex);
    // planned channels and ones the documents do not mention are lines in the text, never buttons
    const details = (expected.route?.details ?? []).filter((ch) => ch.status === 'available');
    expect(details.length).toBeGreaterThan(0);
    details.forEach((ch, i) => {
      const action = buttons[i]!.action;
      expect(action.label).toContain(ch.label.slice(0, 10));
      expect(action.type).toBe(ch.url ? 'uri' : 'postback');
    });
  });

  test('the preference answers for the chosen municipality; a name in the question overrides it once', async () => {
    const set = await exchange(postbackEvent(encodePostback({ a: 'set', m: 'koganei' })));
    expect(textOf(set[0])).toContain('小金井市');
    expect(await bot.state.getPreference(USER)).toBe('koganei');

    const mine = flexOf((await exchange(textEvent('マイナンバーカードの保有率は')))[0]);
    expect(mine.altText).toContain(
      `【${nameOf(engine.answer('マイナンバーカードの保有率は', { municipality: 'koganei' }).municipality)}】`,
    );

    const other = flexOf((await exchange(textEvent('東久留米市のマイナンバーカードの保有率は')))[0]);
    expect(other.altText).toContain('【東久留米市】');
    expect(await bot.state.getPreference(USER)).toBe('koganei');
  });

  test('「自治体を変更」 offers the five municipalities; tapping one stores it', async () => {
    const [choice] = await exchange(textEvent('自治体を変更'));
    expect(quickLabels(choice)).toEqual(municipalities.map((m) => m.name));
    const item = choice?.quickReply?.items?.[2]?.action as messagingApi.PostbackAction;
    await exchange(postbackEvent(item.data!));
    expect(await bot.state.getPreference(USER)).toBe(municipalities[2]!.id);
  });

  test('a municipality name on its own is taken as the choice', async () => {
    const [m] = await exchange(textEvent('武蔵野市'));
    expect(textOf(m)).toContain('武蔵野市に設定しました');
    expect(await bot.state.getPreference(USER)).toBe('musashino');
  });

  test.each([
    { text: 'Musashino', id: 'musashino', why: 'romaji alias' },
    { text: 'ＮＩＳＨＩＴＯＫＹＯ', id: 'nishitokyo', why: 'full-width capitals' },
    { text: 'ひのでまち', id: 'hinode', why: 'kana alias' },
  ])('a name typed alone in any form is the choice: $text ($why)', async ({ text, id }) => {
    const [m] = await exchange(textEvent(text));
    expect(textOf(m)).toContain(`${nameOf(id)}に設定しました`);
    expect(await bot.state.getPreference(USER)).toBe(id);
  });

  test('a button naming a municipality no longer in the knowledge offers the current list instead', async () => {
    const [m] = await exchange(postbackEvent(encodePostback({ a: 'set', m: 'mitaka' })));
    expect(quickLabels(m)).toEqual(municipalities.map((x) => x.name));
    expect(await bot.state.getPreference(USER)).toBeNull();
  });

  test('with no municipality chosen, a procedure asks which one and the choice is remembered', async () => {
    const q = '住民票をコンビニで取りたい';
    const expected = engine.answer(q, { municipality: null });
    const [m] = await exchange(textEvent(q));
    if (!expected.choices?.length) return; // the engine chose on its own: nothing to ask
    const labels = quickLabels(m);
    expect(labels.slice(0, expected.choices.length)).toEqual(expected.choices.map(nameOf));
    const pick = m?.quickReply?.items?.[1]?.action as messagingApi.PostbackAction;
    const [answer] = await exchange(postbackEvent(pick.data!));
    expect(await bot.state.getPreference(USER)).toBe(expected.choices[1]);
    expect(answer?.type).toBe('flex');
  });
});

describe('more municipalities than a quick reply shows (LINE: 13 items)', () => {
  // 20 municipalities, the bundled five first: the sixth onwards exist only as data.
  const many = (): MunicipalityInfo[] => [
    ...municipalities,
    ...Array.from({ length: 15 }, (_, i) => ({
      id: `town-${i + 1}`,
      name: `試験町${i + 1}`,
      aliases: [`shikencho${i + 1}`],
    })),
  ];
  let big: Bot;
  beforeEach(async () => {
    big = await startBot(engine, { municipalities: many() });
  });
  afterEach(async () => {
    await big.close();
  });
  const replyTo = async (event: object) => {
    const before = big.line.requestsTo(LINE_PATHS.reply).length;
    await big.deliver(event);
    const body = big.line.requestsTo(LINE_PATHS.reply).slice(before)[0]!.body as ReplyBody;
    expect(validateLine('ReplyMessageRequest', body)).toEqual([]);
    assertWithinLimits(body.messages);
    return body.messages;
  };

  test('the choice shows 12, most chosen first, and a way to type the name; a typed name is understood', async () => {
    // the 17th municipality chosen twice (by typing its alias) moves into the list, first
    for (let i = 0; i < 2; i++) {
      const [set] = await replyTo(textEvent('shikencho12'));
      expect(textOf(set)).toContain('試験町12に設定しました');
    }
    const [choice] = await replyTo(textEvent('自治体を変更'));
    const labels = quickLabels(choice);
    expect(labels).toHaveLength(13);
    expect(labels[0]).toBe('試験町12');
    expect(labels.at(-1)).toBe('その他の自治体');
    expect(textOf(choice)).toContain('名前');
    const more = choice?.quickReply?.items?.at(-1)?.action as messagingApi.PostbackAction;
    const [prompt] = await replyTo(postbackEvent(more.data!));
    expect(textOf(prompt)).toContain('自治体の名前を送ってください');
    await replyTo(textEvent('試験町15'));
    expect(await big.state.getPreference(USER)).toBe('town-15');
  });
});

describe('our buttons', () => {
  const q = '書かない窓口とは';
  const buttonsFor = async () => {
    await bot.state.setPreference(USER, 'higashikurume');
    return buttonsOf(flexOf((await exchange(textEvent(q)))[0]));
  };
  const tap = (buttons: messagingApi.FlexButton[], label: string) => {
    const b = buttons.find((x) => x.action.label === label);
    expect(b, label).toBeDefined();
    return exchange(postbackEvent((b!.action as messagingApi.PostbackAction).data!));
  };

  test('出典を見る: the documents, sections and excerpts of the answer', async () => {
    const expected = engine.answer(q, { municipality: 'higashikurume' });
    const buttons = await buttonsFor();
    if (expected.sources.length === 0) return;
    const messages = await tap(buttons, BUTTON_LABELS.sources);
    expect(messages.length).toBe(Math.min(5, expected.sources.length));
    expect(textOf(messages[0])).toContain(expected.sources[0]!.document);
    expect(textOf(messages[0])).toContain(expected.sources[0]!.excerpt.slice(0, 20));
  });

  test('他の自治体では？: the other four, and tapping one answers the same question there', async () => {
    const [choice] = await tap(await buttonsFor(), BUTTON_LABELS.other);
    const items = choice?.quickReply?.items ?? [];
    expect(items).toHaveLength(municipalities.length - 1);
    const koganei = items.find((i) => i.action?.label?.startsWith('小金井'))!.action as messagingApi.PostbackAction;
    expect(decodePostback(koganei.data!)).toEqual({ a: 'ask', m: 'koganei', q });
    const [answer] = await exchange(postbackEvent(koganei.data!));
    expect((answer as messagingApi.FlexMessage).altText ?? textOf(answer)).toBeTruthy();
    expect(await bot.state.getPreference(USER)).toBe('higashikurume'); // asking elsewhere does not move the user
  });

  test('他の自治体では？ on a question naming a municipality answers for the one tapped', async () => {
    const named = '東久留米市のマイナンバーカードの保有率は';
    const flex = flexOf((await exchange(textEvent(named)))[0]);
    expect(flex.altText).toContain('【東久留米市】');
    const other = buttonsOf(flex).find((b) => b.action.label === BUTTON_LABELS.other)!;
    const [choice] = await exchange(postbackEvent((other.action as messagingApi.PostbackAction).data!));
    const musashino = choice?.quickReply?.items?.find((i) => i.action?.label?.startsWith('武蔵野'));
    const [answer] = await exchange(postbackEvent((musashino!.action as messagingApi.PostbackAction).data!));
    const shown = answer?.type === 'flex' ? answer.altText : textOf(answer);
    expect(shown).not.toContain('【東久留米市】');
    if (answer?.type === 'flex') expect(shown).toContain('【武蔵野市】');
  });

  test('窓口・問い合わせ: who to ask in the municipality', async () => {
    const [m] = await tap(await buttonsFor(), BUTTON_LABELS.contact);
    expect(textOf(m)).toContain('東久留米市');
    expect(textOf(m)).toMatch(/042-470-7704|企画経営室/);
  });

  test('a channel button without a URL explains the channel', async () => {
    const route = engine.answer('住民票をコンビニで取りたい', { municipality: 'koganei' });
    const ch = route.route?.details.find((d) => !d.url);
    if (!ch) return;
    const [m] = await exchange(
      postbackEvent(encodePostback({ a: 'ch', m: 'koganei', c: ch.id, q: '住民票をコンビニで取りたい' })),
    );
    expect(textOf(m)).toContain(ch.label);
  });
});
