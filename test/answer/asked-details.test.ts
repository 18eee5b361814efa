// A detail asked beyond the topic (cue table DETAILS): which kinds (「電子マネーの種類」「何が使える」) or where
// (「どこでやってる」「開催場所」). An answer about the topic whose text does not give the detail says so first, then what
// the document does say; one that gives it (a kind named, a facility) is left as it was. Rows written from the seeds.
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnswerEngine } from '../../src/answer/types.js';
import { norm } from '../helpers/answer-rows.js';
import { loadTestEngine } from '../helpers/engine.js';

let engine: AnswerEngine;
beforeAll(async () => {
  engine = await loadTestEngine();
});

const NOT_GIVEN = '記載はありません。資料にあるのは次のことです';

describe('the detail asked is not in the text: said first, then what the text says', () => {
  it.each([
    {
      q: '使える電子マネーの種類は？',
      m: 'hinode' as const,
      has: ['日の出町の資料には、電子マネーの種類の記載はありません', '電子マネーによる納付の検討'],
      why: '施策⑭ 電子決済（公金）: the measure only, no kind of 電子マネー named',
    },
    {
      q: '電子マネーは何が使える？',
      m: 'hinode' as const,
      has: ['電子マネーの種類の記載はありません', '電子マネーによる納付'],
      why: '「何が使える」 asks which kinds, as 種類 does',
    },
    {
      q: 'スマートフォン講座の開催場所は？',
      m: 'koganei' as const,
      has: ['スマートフォン講座の場所の記載はありません', 'スマートフォン講座を開催'],
      why: '取組項目 「市民のデジタル環境向上への寄与」: the course is held, where is not said',
    },
  ])('$q ($why)', ({ q, m, has }) => {
    const a = engine.answer(q, { municipality: m });
    expect(a.kind).toBe('answer');
    for (const h of has) expect(norm(a.text)).toContain(norm(h));
    expect(a.sources[0]?.municipality).toBe(m);
  });
});

describe('the detail is in the text: no not-stated line', () => {
  it.each([
    {
      q: 'スポーツ施設で使えるキャッシュレス決済の種類は？',
      m: 'nishitokyo' as const,
      has: '交通系IC',
      why: '重点取組 12-2: 交通系ICカード is the kind used (a word of the キャッシュレス group the question does not write)',
    },
    {
      q: 'キャッシュレス決済はどこで使える？',
      m: 'nishitokyo' as const,
      has: '施設',
      why: '重点取組 12-2: 指定管理施設, スポーツ施設 name where',
    },
  ])('$q ($why)', ({ q, m, has }) => {
    const a = engine.answer(q, { municipality: m });
    expect(a.text).toContain(has);
    expect(a.text).not.toContain(NOT_GIVEN);
  });

  it('a question asking no detail is answered as before (「電子マネーで払える？」 asks whether, not which)', () => {
    const a = engine.answer('電子マネーの導入予定は？', { municipality: 'hinode' });
    expect(a.text).not.toContain(NOT_GIVEN);
  });
});

// The staff's mindset asked in words no heading uses (心構え, 心得, 姿勢): the municipality's own list of how its staff
// should go about DX, headed as 視点 / か条 / 原則 / 心得 (a section heading, or a title line before the list).
describe('a mindset asked: the document’s own list of how its staff should go about DX', () => {
  it.each([
    {
      q: '職員の心構えは？',
      m: 'higashikurume' as const,
      has: '全職員のデジタルリテラシー',
      why: '5. 取り組む際に必要な視点 (a heading ending in 視点)',
    },
    {
      q: '職員の心構えは？',
      m: 'koganei' as const,
      has: '市民目線で取り組もう',
      why: '「小金井市職員のDX推進5か条」, a title line naming the staff; not the three 「…創出の視点」 headings',
    },
    {
      q: '職員に求められる姿勢は？',
      m: 'koganei' as const,
      has: '小さなことから取り組もう',
      why: '姿勢 asks the same',
    },
  ])('$q ($m: $why)', ({ q, m, has }) => {
    const a = engine.answer(q, { municipality: m });
    expect(a.kind).toBe('answer');
    expect(a.text).toContain(has);
    expect(a.sources[0]?.municipality).toBe(m);
  });

  it('a municipality with no such list is not given another’s (日の出町)', () => {
    const a = engine.answer('職員の心構えは？', { municipality: 'hinode' });
    expect(a.text).not.toContain('取り組もう');
    expect(a.text).not.toContain('全職員のデジタルリテラシー');
  });
});
