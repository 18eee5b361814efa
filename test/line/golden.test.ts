// Golden Flex JSON for a few real answers (definition, number, route, fallback). Each file under
// golden/ holds the question, the engine's answer and the full reply LINE would receive (the console
// preview can load it). Live answers are compared on structure — components, layouts, action types, our
// own labels — so a change in wording does not break them. UPDATE_GOLDEN=1 rewrites the files.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { messagingApi } from '@line/bot-sdk';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Answer, AnswerEngine } from '../../src/answer/types.js';
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

// What the engine decides (whether an answer cites a source) may change as the engine improves; the
// live comparison leaves those parts out. The stored answer pins the LINE room's own output exactly.
function withoutSourceParts(skel: unknown): unknown {
  const json = JSON.stringify(skel);
  const parsed = JSON.parse(json) as { contents?: { footer?: { contents?: unknown[] } } }[];
  for (const m of parsed) {
    const footer = m.contents?.footer;
    if (footer?.contents) {
      footer.contents = footer.contents.filter(
        (c) => !(c as { size?: string }).size?.startsWith('xxs') && !JSON.stringify(c).includes('<postback:src>'),
      );
    }
  }
  return parsed;
}

interface Golden {
  question: string;
  municipality: MunicipalityId;
  answer: Answer; // what the engine answered when the file was written
  body: { replyToken: string; messages: messagingApi.Message[] };
}

describe('golden Flex replies', () => {
  test.each(CASES)('$name: $q ($why)', ({ name, q, m, kind }) => {
    const ctx = { question: q, municipalities };
    const answer = engine.answer(q, { municipality: m });
    expect(answer.kind).toBe(kind);
    const messages = buildReply(answer, ctx);
    expect(validateLine('ReplyMessageRequest', { replyToken: 'golden', messages })).toEqual([]);
    assertWithinLimits(messages);
    expect(messages[0]?.type).toBe('flex');

    const file = join(import.meta.dirname, 'golden', `${name}.json`);
    if (process.env.UPDATE_GOLDEN || !existsSync(file)) {
      const golden: Golden = { question: q, municipality: m, answer, body: { replyToken: 'golden', messages } };
      writeFileSync(file, `${JSON.stringify(golden, null, 2)}\n`);
    }
    const golden = JSON.parse(readFileSync(file, 'utf8')) as Golden;
    // the golden reply itself is valid and within LINE's limits
    expect(validateLine('ReplyMessageRequest', golden.body)).toEqual([]);
    assertWithinLimits(golden.body.messages);
    // the builders still turn the stored answer into exactly the stored reply
    expect(buildReply(golden.answer, { question: golden.question, municipalities })).toEqual(golden.body.messages);
    // and today's real answer has the same structure
    expect(withoutSourceParts(skeleton(messages))).toEqual(withoutSourceParts(skeleton(golden.body.messages)));
  });
});
