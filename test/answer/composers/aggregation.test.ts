import { beforeAll, describe, expect, it } from 'vitest';
import type { Answer, AnswerEngine } from '../../../src/answer/types.js';
import { loadTestEngine } from '../../helpers/engine.js';

// The aggregation composer answers 「〜しているのはどこ」 across every municipality. Each row names what answers for
// each municipality that has it (a section or passage id, or a fact's citation) and why it wins.
let engine: AnswerEngine;
beforeAll(async () => {
  engine = await loadTestEngine();
});

const cited = (a: Answer, municipality: string) =>
  a.sources.filter((s) => s.municipality === municipality).map((s) => s.passageId ?? s.section);

describe('aggregation: what each municipality says of the topic', () => {
  const cases = [
    {
      q: 'フロントヤード改革に触れているのはどこの自治体？',
      each: { higashikurume: 'higashikurume-dx:s32:p1', nishitokyo: 'nishitokyo-johoka:s33:p1' },
      says: ['住民と自治体の接点', '書かない窓口'],
      why:
        'asked who writes of it: each one’s own section on the topic ((1) 自治体フロントヤード改革の推進, ' +
        '①自治体フロントヤード改革の推進) says what it holds there, not the list of six 重点取組 it is one item of',
    },
    {
      q: '自治体フロントヤード改革を方針に掲げているのはどの自治体？',
      each: { higashikurume: 'higashikurume-dx:s32:p1', nishitokyo: 'nishitokyo-johoka:s33:p1' },
      says: ['おくやみ窓口'],
      why:
        'the same question by another verb: 西東京市 says what it does (「おくやみ窓口」「書かない窓口」), not the ' +
        'background sentence that opens its section',
    },
  ];
  it.each(cases)('$q', ({ q, each, says }) => {
    const a = engine.answer(q, { debug: true });
    expect(a.composer).toBe('aggregation');
    for (const [m, id] of Object.entries(each)) expect(cited(a, m), m).toContain(id);
    for (const s of says) expect(a.text).toContain(s);
    // The words that ask which municipality (方針, 自治体) are not the topic: no one is listed for them alone.
    expect(a.choices?.sort()).toEqual(Object.keys(each).sort());
  });

  it('asked who does it, each says its status on one line with the stages', () => {
    const a = engine.answer('キャッシュレス決済を導入しているのはどの自治体？', { debug: true });
    expect(a.composer).toBe('aggregation');
    // 日の出町's 施策⑭ sheet gives the stage of each year; its line must carry them, not stop at 「次のとおりです。」
    expect(a.text).toMatch(/■日の出町：[^\n]*令和7年度: 開始/);
    expect(a.text).not.toMatch(/次のとおりです。\n■/);
  });

  it('a topic named by a synonym group the analyzer splits is still the topic (「お|くやみ|窓口」)', () => {
    const a = engine.answer('5つの市町のうち、おくやみ窓口について書いてあるのはどこ？', { debug: true });
    expect(a.composer).toBe('aggregation');
    // Only 西東京市's documents speak of it (its service fact read from the result sheets); 方針 or 町 is not the topic.
    expect(a.choices).toEqual(['nishitokyo']);
  });
});
