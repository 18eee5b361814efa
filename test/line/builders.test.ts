// The pure message builders: content, buttons and LINE's limits, checked against LINE's OpenAPI description.
import type { messagingApi } from '@line/bot-sdk';
import { describe, expect, test } from 'vitest';
import type { Answer } from '../../src/answer/types.js';
import {
  BUTTON_LABELS,
  buildContactReply,
  buildFollowGreeting,
  buildOtherMunicipalitiesReply,
  buildReply,
  buildSourcesReply,
  buildUnsupported,
  decodePostback,
  encodePostback,
  fitReply,
  fitsJsonBytes,
  jsonBytes,
  jsonBytesBound,
  LINE_LIMITS,
} from '../../src/line/index.js';
import { validateLine } from '../fixtures/line-openapi/validate-line-messages.mjs';
import { bigRoute, clarify, definition, fallback, greeting, oversized, route } from './helpers/answers.js';
import { MUNICIPALITIES } from './helpers/bot.js';
import { assertWithinLimits, buttonsOf, flexOf, quickLabels } from './helpers/limits.js';

const ctx = (question = '書かない窓口とは？') => ({ question, municipalities: MUNICIPALITIES });

function valid(messages: messagingApi.Message[]) {
  expect(validateLine('ReplyMessageRequest', { replyToken: 'x', messages })).toEqual([]);
  assertWithinLimits(messages);
}

describe('buildReply', () => {
  test.each([
    { name: 'definition', answer: definition, why: 'an answer with sources' },
    { name: 'route', answer: route, why: 'channels as buttons' },
    { name: 'fallback', answer: fallback, why: 'no sources, no municipality' },
    { name: 'clarify', answer: clarify, why: 'municipality choice as quick replies' },
    { name: 'greeting', answer: greeting, why: 'text with quick replies' },
    { name: 'oversized', answer: oversized, why: 'every field over its limit' },
    { name: 'bigRoute', answer: bigRoute, why: 'seven channels with long text and URLs' },
  ])('$name is a valid reply within LINE limits ($why)', ({ answer }) => {
    valid(buildReply(answer, ctx('あ'.repeat(5000))));
    valid(buildReply(answer, ctx()));
  });

  test('an answer is one Flex bubble: municipality, text, source footer, the three buttons', () => {
    const [message] = buildReply(definition, ctx());
    const flex = flexOf(message);
    expect(flex.altText).toContain('書かない窓口とは');
    expect(flex.altText).not.toMatch(/[{}<>]/); // plain text
    const body = JSON.stringify(flex.contents.body);
    expect(body).toContain('東久留米市');
    expect(body).toContain(definition.text);
    const footer = JSON.stringify(flex.contents.footer);
    expect(footer).toContain('出典: 東久留米市DX推進方針 › 3章 DX推進に向けた取組み');
    expect(buttonsOf(flex).map((b) => b.action.label)).toEqual([
      BUTTON_LABELS.sources,
      BUTTON_LABELS.other,
      BUTTON_LABELS.contact,
    ]);
    const labels = quickLabels(flex);
    expect(labels).toEqual(['おくやみ窓口とは', 'マイナンバーカードの保有率は', '自治体を変更']);
  });

  test('route answers get one button per channel: a URI when the channel has a URL, else a postback', () => {
    const flex = flexOf(buildReply(route, ctx('住民票を取りたい'))[0]);
    const [online, store, counter, sources] = buttonsOf(flex).map((b) => b.action);
    expect(online).toMatchObject({ type: 'uri', label: 'オンライン申請', uri: 'https://myna.go.jp/' });
    expect(store).toMatchObject({ type: 'postback', label: 'コンビニ交付' });
    expect(decodePostback((store as messagingApi.PostbackAction).data!)).toEqual({
      a: 'ch',
      m: 'higashikurume',
      c: 'convenience-store',
      q: '住民票を取りたい',
    });
    expect(counter).toMatchObject({ type: 'postback', label: '窓口' });
    expect(sources).toMatchObject({ type: 'postback', label: BUTTON_LABELS.sources });
  });

  test('clarify offers each municipality; choosing one asks again and remembers it', () => {
    const [message] = buildReply(clarify, ctx('住民票を取りたい'));
    expect(message?.type).toBe('text');
    const items = message?.quickReply?.items ?? [];
    expect(quickLabels(message)).toEqual(MUNICIPALITIES.map((m) => m.name));
    const data = (items[1]!.action as messagingApi.PostbackAction).data!;
    expect(decodePostback(data)).toEqual({ a: 'ask', m: 'koganei', q: '住民票を取りたい', s: 1 });
  });

  test('a route that needs a municipality offers the choices under the bubble', () => {
    const needsChoice: Answer = { ...route, municipality: null, choices: ['koganei', 'hinode'] };
    const flex = flexOf(buildReply(needsChoice, ctx())[0]);
    expect(quickLabels(flex)).toEqual(['小金井市', '日の出町']);
  });

  test('an oversized answer is cut to fit: quick replies, labels, bubble size', () => {
    const [message] = buildReply(oversized, ctx());
    const flex = flexOf(message);
    expect(flex.quickReply?.items).toHaveLength(LINE_LIMITS.quickReplyItems);
    expect(jsonBytes(flex.contents)).toBeLessThanOrEqual(LINE_LIMITS.bubbleBytes);
    expect(quickLabels(flex).at(-1)).toBe('自治体を変更');
  });
});

// A bubble's size is checked against a bound first and its JSON written only when the bound cannot tell (the
// reply's JSON is then written once, when sent); the bound must never be below the real size.
describe('JSON size bound', () => {
  test.each([
    { value: 'ascii', why: 'one byte a character' },
    { value: '住民票の写し', why: 'three bytes a character in UTF-8' },
    { value: '\u0000\u001f\n"\\', why: 'escapes: up to six bytes a character' },
    { value: '😀👍🏻', why: 'surrogate pairs: four bytes for two code units' },
    { value: '\ud800x\udfff', why: 'lone surrogates are escaped (six bytes)' },
    { value: -2.2250738585072014e-308, why: 'the longest number' },
    { value: [1, null, undefined, true, 'a'], why: 'an array: undefined becomes null' },
    { value: { a: undefined, b: { c: [{}, []] }, 'é"': 'x' }, why: 'objects: undefined members left out' },
    { value: flexOf(buildReply(oversized, ctx())[0]).contents, why: 'an oversized answer bubble' },
    { value: flexOf(buildReply(route, ctx())[0]), why: 'a route message' },
  ])('is never below the size ($why)', ({ value }) => {
    expect(jsonBytesBound(value)).toBeGreaterThanOrEqual(jsonBytes(value));
  });

  test.each([
    { value: 'a'.repeat(100), limit: 150, fits: true, why: 'bound 602 above the limit, real size 102 within it' },
    { value: 'a'.repeat(100), limit: 101, fits: false, why: 'real size 102 above the limit' },
    { value: { t: '住'.repeat(10) }, limit: 200, fits: true, why: 'the bound decides' },
  ])('decides by the real size when the bound cannot ($why)', ({ value, limit, fits }) => {
    expect(fitsJsonBytes(value, limit)).toBe(fits);
    expect(fitsJsonBytes(value, limit)).toBe(jsonBytes(value) <= limit);
  });
});

describe('postback data', () => {
  test.each([
    { q: '書かない窓口とは？', why: 'short question kept whole' },
    { q: '住民票'.repeat(200), why: 'long question cut to fit 300 characters' },
    { q: '"\\'.repeat(300), why: 'characters JSON escapes count too' },
  ])('round-trips and stays within 300 characters ($why)', ({ q }) => {
    const data = encodePostback({ a: 'src', m: 'koganei', q });
    expect([...data].length).toBeLessThanOrEqual(LINE_LIMITS.postbackData);
    const back = decodePostback(data);
    expect(back).toMatchObject({ a: 'src', m: 'koganei' });
    expect(q.startsWith((back as { q: string }).q)).toBe(true);
  });

  // An id of the right shape (「tokyo」) passes here: whether it is known is the snapshot's business (handler).
  test.each(['', 'not json', '{"a":"set","m":"Tokyo!"}', '{"a":"set","m":"x"}', '{"a":"drop"}'])(
    'foreign data %j is rejected',
    (data) => {
      expect(decodePostback(data)).toBeNull();
    },
  );
});

describe('other replies', () => {
  test('出典を見る: one message per source, at most five, quick reply on the last', () => {
    const messages = buildSourcesReply(oversized, ctx());
    expect(messages).toHaveLength(LINE_LIMITS.messagesPerReply);
    valid(messages);
    expect(messages.slice(0, -1).every((m) => !m.quickReply)).toBe(true);
    expect(messages.at(-1)?.quickReply).toBeDefined();
    const first = buildSourcesReply(definition, ctx())[0] as messagingApi.TextMessage;
    expect(first.text).toContain('東久留米市DX推進方針');
    expect(first.text).toContain('行政手続のオンライン化');
  });

  test('他の自治体では？ offers the other four municipalities', () => {
    const [m] = buildOtherMunicipalitiesReply('書かない窓口とは？', 'higashikurume', MUNICIPALITIES);
    valid([m!]);
    expect(quickLabels(m)).toEqual(['小金井では？', '日の出では？', '武蔵野では？', '西東京では？']);
  });

  test('窓口・問い合わせ lists the channels with phone and URL', () => {
    const [m] = buildContactReply(route, ctx()) as messagingApi.TextMessage[];
    valid([m!]);
    expect(m?.text).toContain('オンライン申請');
    expect(m?.text).toContain('https://myna.go.jp/');
    expect(m?.text).toContain('042-470-7777');
  });

  test.each([
    { build: () => buildFollowGreeting(MUNICIPALITIES), why: 'follow: greeting + municipality choice' },
    { build: () => buildUnsupported('sticker', MUNICIPALITIES), why: 'sticker' },
    { build: () => buildUnsupported('media', MUNICIPALITIES), why: 'image, video, audio, file' },
    { build: () => buildUnsupported('location', MUNICIPALITIES), why: 'location' },
  ])('$why is valid', ({ build }) => {
    valid(build());
  });

  test('fitReply keeps five messages and moves the quick reply to the last', () => {
    const text = (t: string, qr?: boolean): messagingApi.Message => ({
      type: 'text',
      text: t,
      ...(qr ? { quickReply: { items: [] } } : {}),
    });
    const out = fitReply([text('1'), text('2'), text('3'), text('4'), text('5'), text('6', true)]);
    expect(out.map((m) => (m as messagingApi.TextMessage).text)).toEqual(['1', '2', '3', '4', '5']);
    expect(out[4]?.quickReply).toBeDefined();
  });
});
