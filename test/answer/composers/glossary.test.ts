import { beforeAll, describe, expect, it } from 'vitest';
import type { AnswerEngine } from '../../../src/answer/types.js';
import { loadTestEngine } from '../../helpers/engine.js';

// 「〜ってなに」 of a term whose name holds a count (「サービス設計12箇条」) is read as asking for items (「…の3つの柱って
//何」 lists the pillars); when the glossary defines the phrase itself, its entry answers, as for any defined term.
let engine: AnswerEngine;
beforeAll(async () => {
  engine = await loadTestEngine();
});

describe('glossary: a defined term whose name holds a count', () => {
  const cases = [
    {
      q: 'サービス設計12箇条ってなに',
      m: 'higashikurume',
      composer: 'glossary',
      says: 'ノウハウ',
      why: 'the glossary defines 「サービス設計12箇条」 itself: its entry, not a sentence that mentions it in passing',
    },
    {
      q: 'DX推進の3つの柱ってなに',
      m: 'koganei',
      composer: 'section',
      says: '柱',
      why: 'no glossary entry is named 「…3つの柱」: the items are listed as before',
    },
  ];
  it.each(cases)('$q ($m) → $composer ($why)', ({ q, m, composer, says }) => {
    const a = engine.answer(q, { municipality: m as 'koganei' });
    expect(a.composer).toBe(composer);
    expect(a.text).toContain(says);
  });
});
