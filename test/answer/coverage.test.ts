// Coverage (the share of a question's content terms a text holds) reads terms prepared once per question
// (needlesOf): each alternative of a synonym term, as written and without white space. Prepared or not, the
// share is the same.
import { describe, expect, it } from 'vitest';
import { coverageIn, needlesOf } from '../../src/answer/extract.js';

const own = new Set(['マイナンバーカード', '保有', '率', '交付']);
const flat = 'マイナンバーカードの保有率は令和5年度末でdx推進計画の目標を上回る';

describe('coverage', () => {
  it.each([
    { qterms: ['保有', '率'], share: 1, why: 'both analysed terms of the text' },
    { qterms: ['保有', '件数'], share: 0.5, why: 'one of two' },
    { qterms: ['dx推進'], share: 1, why: 'not a term of the text, but in its flat form' },
    { qterms: ['dx 推進'], share: 1, why: 'white space is not part of the flat form' },
    { qterms: ['マイナカード|マイナンバーカード'], share: 1, why: 'any alternative of a synonym term' },
    { qterms: ['マイナカード|個人番号カード', '交付'], share: 0.5, why: 'no alternative found' },
    { qterms: ['a||b'], share: 1, why: 'an empty alternative is found anywhere, as before' },
    { qterms: [], share: 0, why: 'no terms: nothing covered' },
  ])('$qterms → $share ($why)', ({ qterms, share }) => {
    expect(coverageIn(own, flat, qterms)).toBe(share);
    expect(coverageIn(own, flat, needlesOf(qterms))).toBe(share);
  });
});
