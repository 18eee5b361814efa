// Golden Flex JSON for a few real answers (definition, number, route, fallback). The files under
// golden/ are the full replies as LINE would receive them (the console preview can load them); the
// comparison is on structure — components, layouts, action types, our own labels — so a change in an
// answer's wording does not break it. UPDATE_GOLDEN=1 rewrites them.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { messagingApi } from '@line/bot-sdk';
import { beforeAll, describe, expect, test } from 'vitest';
import type { AnswerEngine } from '../../src/answer/types.js';
import type { MunicipalityId } from '../../src/knowledge/model.js';
import {
  BUTTON_LABELS,
  buildReply,
  CHANGE_MUNICIPALITY,
  decodePostback,
  type MunicipalityInfo,
} from '../../src/line/index.js';
import { validateLine } from '../fixtures/line-openapi/validate-line-messages.mjs';
import { loadLineTestEngine } from './helpers/engine.js';
import { assertWithinLimits } from './helpers/limits.js';

const CASES: { name: string; q: string; m: MunicipalityId; kind: string; why: string }[] = [
  { name: 'definition', q: '書かない窓口とは', m: 'hinode', kind: 'answer', why: 'a term from the glossary or text' },
  {
    name: 'number',
    q: 'マイナンバーカードの保有率は',
    m: 'higashikurume',
    kind: 'answer',
    why: 'a figure from a table',
  },
  {
    name: 'route',
    q: '住民票をコンビニで取りたい',
    m: 'koganei',
    kind: 'route',
    why: 'a procedure: channels as buttons',
  },
  {
    name: 'fallback',
    q: '明日の天気は？',
    m: 'higashikurume',
    kind: 'fallback',
    why: 'not in the documents: who to ask',
  },
];

// Kept as they are: layout vocabulary and our own labels. Everything else free text becomes "<text>".
const STRUCTURAL = new Set(['type', 'layout', 'style', 'size', 'weight', 'height', 'spacing', 'margin', 'color']);
const OUR_LABELS = new Set<string>([...Object.values(BUTTON_LABELS), CHANGE_MUNICIPALITY]);

function skeleton(value: unknown, key = ''): unknown {
  if (Array.isArray(value) && key === 'items') {
    // related questions (message actions) come and go with the engine's wording: not structure
    const ours = value.filter((i: { action?: { type?: string } }) => i.action?.type !== 'message');
    return ours.map((v) => skeleton(v));
  }
  if (Array.isArray(value)) {
    // runs of look-alike items (related questions, channels) collapse to one: their number is data
    const items = value.map((v) => skeleton(v));
    return items.filter((v, i) => i === 0 || JSON.stringify(v) !== JSON.stringify(items[i - 1]));
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, skeleton(v, k)]));
  }
  if (typeof value !== 'string') return value;
  if (STRUCTURAL.has(key)) return value;
  if (key === 'label' && OUR_LABELS.has(value)) return value;
  if (key === 'data') return `<postback:${decodePostback(value)?.a ?? 'foreign'}>`;
  return '<text>';
}

let engine: AnswerEngine;
let municipalities: MunicipalityInfo[];
beforeAll(async () => {
  ({ engine, municipalities } = await loadLineTestEngine());
});

describe('golden Flex replies', () => {
  test.each(CASES)('$name: $q ($why)', ({ name, q, m, kind }) => {
    const answer = engine.answer(q, { municipality: m });
    expect(answer.kind).toBe(kind);
    const messages = buildReply(answer, { question: q, municipalities });
    const body = { replyToken: 'golden', messages };
    expect(validateLine('ReplyMessageRequest', body)).toEqual([]);
    assertWithinLimits(messages);
    expect(messages[0]?.type).toBe('flex');

    const file = join(import.meta.dirname, 'golden', `${name}.json`);
    if (process.env.UPDATE_GOLDEN || !existsSync(file)) writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
    const golden = JSON.parse(readFileSync(file, 'utf8')) as { messages: messagingApi.Message[] };
    // the golden file itself is a valid reply within LINE's limits
    expect(validateLine('ReplyMessageRequest', golden)).toEqual([]);
    assertWithinLimits(golden.messages);
    expect(skeleton(messages)).toEqual(skeleton(golden.messages));
  });
});
