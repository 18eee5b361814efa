import { beforeAll, describe, expect, it } from 'vitest';
import type { AnswerEngine } from '../../src/answer/types.js';
import { loadTestEngine } from '../helpers/engine.js';

// A term typed with the wrong kanji conversion (a homophone: 体勢 for 体制, 連係 for 連携) is read as the documents'
// word when the documents never write the typed one: each row names the section that must answer.
let engine: AnswerEngine;
beforeAll(async () => {
  engine = await loadTestEngine();
});

describe('a kanji homophone typo is answered as the documents’ word', () => {
  const cases = [
    {
      q: '日の出町のDXの推進体勢を教えて',
      section: '6. DX推進体制',
      why: '体勢 (タイセイ) is in no document; 体制 is: before, a 重点6項目 passage on 連携 answered first',
    },
    {
      q: '小金井市の推進体勢は？',
      section: 'DX 推進の体制',
      why: 'the same typo: before, nothing was found',
    },
    {
      q: '小金井市の産官学民の連係は？',
      section: 'デジタル技術を活用した業務効率化の推進',
      why: '連係 (レンケイ) for 連携: 産官学民連携 is the plan’s word; before, nothing was found',
    },
  ];
  it.each(cases)('$q', ({ q, section }) => {
    const a = engine.answer(q);
    expect(a.kind).toBe('answer');
    expect(a.sources[0]?.section).toContain(section);
  });

  it('a word the documents do write is left alone, though it sounds like another (決済 is not 決裁)', () => {
    const a = engine.answer('日の出町の電子決済はいつから？');
    expect(a.sources[0]?.section).toContain('電子決済（公金）');
  });
});
