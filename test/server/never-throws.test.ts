// Property tests: whatever a resident types, the analyzer and the answer engine return normally —
// an Answer of a known kind within the text limit — and never throw.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnswerEngine } from '../../src/answer/types.js';
import type { Runtime } from '../../src/runtime.js';
import { cacheAnswers } from '../../src/serving-runtime.js';
import { loadTestRuntime } from '../helpers/engine.js';
import { BUNDLED_MUNICIPALITY_IDS as MUNICIPALITY_IDS } from '../helpers/municipalities.js';

// built once for the whole file (kuromoji and the index take seconds)
const runtimePromise = loadTestRuntime();

const KINDS = ['answer', 'route', 'clarify', 'fallback', 'greeting'];

// Fragments residents really type, so generated strings also reach the deep paths of the engine.
const WORDS = [
  'マイナンバーカード',
  '保有率',
  'とは',
  '何％',
  'いつから',
  '担当課',
  '書かない窓口',
  '住民票',
  'コンビニ',
  '小金井市',
  '東久留米',
  '日の出町',
  'DX',
  'ＲＰＡ',
  '？',
  '。',
  '\n',
  '\u0000',
  '🪪',
  '　',
  'ｶﾀｶﾅ',
  '①',
  '令和6年',
];

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.array(fc.constantFrom(...WORDS), { maxLength: 12 }).map((w) => w.join('')),
  fc
    .tuple(fc.array(fc.constantFrom(...WORDS), { maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 20 }))
    .map(([w, s]) => `${w.join('')}${s}`),
);
const municipality = fc.constantFrom(null, ...MUNICIPALITY_IDS);
// Every string, U+0000 and lone surrogates included (the char filter turns them into a space and U+FFFD).
const rawText = anyText;

describe('never throws on arbitrary strings', () => {
  let runtime: Runtime;
  beforeAll(async () => {
    runtime = await runtimePromise;
  }, 180_000);

  it('the analyzer: every method returns for any string', () => {
    const a = runtime.analyzer;
    fc.assert(
      fc.property(rawText, (text) => {
        expect(typeof a.normalize(text)).toBe('string');
        expect(Array.isArray(a.tokenize(text))).toBe(true);
        expect(Array.isArray(a.terms(text))).toBe(true);
        expect(Array.isArray(a.bigrams(text))).toBe(true);
        expect(Array.isArray(a.queryTerms(text))).toBe(true);
        expect(Array.isArray(a.queryBigrams(text))).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('the engine: a known kind, text within 500 characters, confidence in 0..1', () => {
    fc.assert(
      fc.property(rawText, municipality, (question, m) => {
        const answer = runtime.engine.answer(question, { municipality: m });
        expect(KINDS).toContain(answer.kind);
        expect(answer.text.length).toBeLessThanOrEqual(500);
        expect(answer.confidence).toBeGreaterThanOrEqual(0);
        expect(answer.confidence).toBeLessThanOrEqual(1);
        expect(Array.isArray(answer.sources)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    { text: '住民票\u0000', why: 'U+0000 (kuromoji itself throws on it)' },
    { text: '住民票\uD800を', why: 'a lone high surrogate (kuromoji itself throws on it)' },
    { text: '\uDC00書かない窓口とは', why: 'a lone low surrogate' },
    { text: '\u0007\u001B[31m書かない窓口\u007F', why: 'control characters and an escape sequence' },
  ])('the analyzer and the engine take $why', ({ text }) => {
    expect(() => runtime.analyzer.terms(text)).not.toThrow();
    expect(KINDS).toContain(runtime.engine.answer(text).kind);
  });

  it('the engine: very long input returns too', () => {
    const long = 'マイナンバーカードの保有率は'.repeat(400);
    expect(() => runtime.engine.answer(long, {})).not.toThrow();
  });
});

describe('the serving engine (what LINE and the API call) never throws', () => {
  let engine: AnswerEngine;
  beforeAll(async () => {
    // the same wrapping createServingRuntimeBuilder applies, over the engine built above
    engine = cacheAnswers((await runtimePromise).engine, 100);
  }, 180_000);

  it('answers any string, including U+0000 and lone surrogates', () => {
    fc.assert(
      fc.property(anyText, municipality, (question, m) => {
        const answer = engine.answer(question, { municipality: m });
        expect(KINDS).toContain(answer.kind);
        expect(answer.text.length).toBeLessThanOrEqual(500);
      }),
      { numRuns: 300 },
    );
    expect(engine.answer('\u0000', {}).kind).toBeTruthy();
    expect(engine.answer('\ud800', {}).kind).toBeTruthy();
  });
});
