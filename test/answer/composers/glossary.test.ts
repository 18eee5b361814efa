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

describe('glossary: the items of a defined set, asked as residents ask them', () => {
  // 「何と何と何のこと」「中身を教えて」「どんなものがある」: the items of a set the glossary defines by name (its entry
  // lists them), not a section that mentions the set in passing.
  const cases = [
    { q: 'デジタル3原則の中身を教えて', why: '中身: what the set holds' },
    { q: 'デジタル3原則にはどんなものがある？', why: 'どんなものがある: its members' },
    { q: 'デジタル3原則って何と何と何？', why: '何と何と何: the three asked one by one' },
    { q: 'デジタル3原則の内容は？', why: '内容: the same as 中身' },
  ];
  it.each(cases)('$q ($why)', ({ q }) => {
    const a = engine.answer(q);
    expect(a.composer).toBe('glossary');
    expect(a.text).toContain('ワンスオンリー');
  });
  it('a set of no counted name (「DXで目指す姿は」) is not a glossary term’s items, though DX is a term', () => {
    const a = engine.answer('西東京市がDXで目指す姿は？');
    expect(a.composer).not.toBe('glossary');
  });
});

// The glossary composer: a term's meaning for the chosen municipality. Another municipality's glossary entry is
// only a reference; the chosen municipality's own text defining the term (a footnote 「①X：…、②Y：…」, a
// 「Xとは…」 sentence) answers first, under its own name. Each row says why.
describe('a term the chosen municipality defines in its text, not in a glossary', () => {
  const cases = [
    {
      q: 'コネクテッド・ワンストップって何？',
      m: 'musashino',
      has: 'ワンストップで実現',
      why: '武蔵野市 defines it as ③ of a footnote list; 西東京市 has a glossary row for it',
    },
    {
      q: 'ワンスオンリーの意味を教えて',
      m: 'musashino',
      has: '二度提出することを不要',
      why: 'the ② clause of the same footnote, up to the next numbered clause',
    },
  ];
  it.each(cases)('$q ($m) → own text, cited to $m ($why)', ({ q, m, has }) => {
    const a = engine.answer(q, { municipality: m as 'musashino', debug: true });
    expect(a.composer).toBe('glossary');
    expect(a.text).toContain(has);
    expect(a.sources[0]?.municipality).toBe(m);
    // the clause is the municipality's own: no 「…の用語集には説明はありません」 lead
    expect(a.text).not.toMatch(/^[^。]*説明はありません/);
  });

  it('a term the chosen municipality neither lists nor defines: another glossary, said to be another’s', () => {
    // 武蔵野市's documents never define ガバメントクラウド; 東久留米市's glossary does.
    const a = engine.answer('ガバメントクラウドとは', { municipality: 'musashino' });
    expect(a.text).toMatch(/^武蔵野市の資料の用語集には「ガバメントクラウド」の説明はありません。参考：/);
    expect(a.sources[0]?.municipality).not.toBe('musashino');
  });
});
