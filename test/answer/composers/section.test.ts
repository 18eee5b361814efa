import { beforeAll, describe, expect, it } from 'vitest';
import type { AnswerEngine } from '../../../src/answer/types.js';
import { loadTestEngine } from '../../helpers/engine.js';

// A status question (「どうなってる」「もう始まってる？」) the availability composer cannot answer (no schedule or
// service fact names the topic) is answered from the section whose heading names it: what the municipality
// does there, not the one sentence that defines the topic.
let engine: AnswerEngine;
beforeAll(async () => {
  engine = await loadTestEngine();
});

describe('section: a status question without a schedule or service fact', () => {
  const cases = [
    {
      q: 'デジタルデバイド対策はどうなってますか',
      m: 'musashino',
      section: 'musashino-dx:s19',
      says: '高齢者向けのスマートフォン',
      why:
        'no schedule names デジタルデバイド in 武蔵野市; its section 「(8) デジタルデバイド対策」 says what is done ' +
        '(情報収集し…検討), where the passage composer quoted only the definition 「…格差のことです」',
    },
  ];
  it.each(cases)('$q ($m) → $section', ({ q, m, section, says }) => {
    const a = engine.answer(q, { municipality: m as 'musashino', debug: true });
    expect(a.composer).toBe('section');
    expect(a.debug?.composers?.find((c) => c.composer === 'availability')?.outcome).toBe('declined');
    expect(a.debug?.composers?.at(-1)?.reason).toContain(section);
    expect(a.text).toContain(says);
  });
});
