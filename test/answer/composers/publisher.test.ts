import { beforeAll, describe, expect, it } from 'vitest';
import type { AnswerEngine } from '../../../src/answer/types.js';
import { loadTestEngine } from '../../helpers/engine.js';

// The publisher composer answers whom to contact about the policy itself: the document's publisher, with its
// phone when the documents or the municipality's entry give one. Each row says why it is (or is not) its question.
let engine: AnswerEngine;
beforeAll(async () => {
  engine = await loadTestEngine();
});

describe('publisher: whom to ask about the policy', () => {
  const cases = [
    {
      q: 'DX推進方針について問い合わせたいんだけど、どこに連絡すればいい？',
      m: 'higashikurume',
      has: '行政経営課',
      why: '「〜すればいい」 frames the question (いい names no topic): the policy’s publisher answers',
    },
    {
      q: 'DXの方針を作った課に連絡したらよいですか',
      m: 'hinode',
      has: '企画財政課',
      why: '「〜したらよい」 likewise',
    },
    {
      q: 'DX全体方針を編集した部署はどこですか',
      m: 'koganei',
      has: '自治体DX推進担当',
      why: '編集 is a colophon word (編集/発行): the document’s making, no topic of its own',
    },
    {
      q: 'この推進方針を作成したのはどの課？',
      m: 'hinode',
      has: '企画財政課',
      why: '作成 likewise names the document’s making',
    },
  ];
  it.each(cases)('$q ($m) → $has ($why)', ({ q, m, has }) => {
    const a = engine.answer(q, { municipality: m as 'hinode', debug: true });
    expect(a.composer).toBe('publisher');
    expect(a.kind).toBe('answer');
    expect(a.text).toContain(has);
  });

  it('a phone number asked where none is given: says so in the municipality’s name, then who is in charge', () => {
    const a = engine.answer('DX推進の担当部署に電話したいので番号を教えてください', { municipality: 'koganei' });
    // 小金井市's document names 企画財政部自治体DX推進担当 but no phone, and its municipality entry has none either.
    expect(a.composer).toBe('publisher');
    expect(a.text).toMatch(/^小金井市の資料には、電話番号の記載はありません。/);
    expect(a.text).toContain('自治体DX推進担当');
  });

  it('a phone number asked where one is given: the number, not a not-stated line', () => {
    const a = engine.answer('DX推進の担当部署の電話番号は？', { municipality: 'hinode' });
    expect(a.composer).toBe('publisher');
    expect(a.text).toContain('042-588-4117');
    expect(a.text).not.toContain('記載はありません');
  });
});

describe('publisher: a mail address asked', () => {
  it('the document’s colophon gives one (東久留米市): the address, with who is in charge', () => {
    const a = engine.answer('DXの方針についてメールで問い合わせたいので、アドレスを教えて', {
      municipality: 'higashikurume',
    });
    expect(a.composer).toBe('publisher');
    // the colophon line 「E-Mail/gyoseikeiei@…」 of 東久留米市's document, cited
    expect(a.text).toContain('gyoseikeiei@city.higashikurume.lg.jp');
    expect(a.text).toContain('行政経営課');
    expect(a.sources[0]?.excerpt).toContain('gyoseikeiei@');
  });

  it('no document of the municipality gives one (日の出町): says so first, then who is in charge and the phone', () => {
    const a = engine.answer('担当課のメールアドレスは？', { municipality: 'hinode' });
    expect(a.composer).toBe('publisher');
    expect(a.text).toMatch(/^日の出町の資料には、メールアドレスの記載はありません。/);
    expect(a.text).toContain('企画係');
  });

  it('「どこの係」 asks the department as 「どこの課」 does: the publisher’s 係 answers', () => {
    const a = engine.answer('DXの方針はどこの係がまとめているの？', { municipality: 'hinode' });
    expect(a.composer).toBe('publisher');
    expect(a.text).toContain('企画財政課企画係');
  });
});

describe('an organisation asked (「どの組織」「どこの機関」) of a measure: the passage naming it, not the publisher', () => {
  const cases = [
    {
      q: '情報セキュリティを統括しているのはどの組織？',
      m: 'nishitokyo',
      has: '情報セキュリティ対策会議',
      why: 'an organisation is asked as a department is (contact), of a topic of its own: the sentence naming it',
    },
    {
      q: 'DXを進める組織はどこ？',
      m: 'higashikurume',
      has: '経営戦略本部',
      why: 'an organisation asked of DX alone: the promotion structure (document fact), not the publisher (行政経営課)',
    },
    {
      q: '情報化の重点取組のKPIを管理するのはどこの機関？',
      m: 'nishitokyo',
      has: '情報化推進本部',
      why: '機関 likewise; 「情報化推進本部は、重点取組の推進状況をKPIによって管理します」',
    },
  ];
  it.each(cases)('$q ($m) → $has ($why)', ({ q, m, has }) => {
    const a = engine.answer(q, { municipality: m as 'nishitokyo', debug: true });
    expect(a.kind).toBe('answer');
    // the text sits in the organisation's sentence or the structure, whoever composed it, never the colophon line
    expect(a.composer).not.toBe('publisher');
    expect(a.text).toContain(has);
  });
});
