import { beforeAll, describe, expect, it } from 'vitest';
import type { AnswerEngine } from '../../src/answer/types.js';
import { askedTime, timeMismatch } from '../../src/answer/years.js';
import { loadTestEngine } from '../helpers/engine.js';

// A question about one point in time (「令和5年の時点で」「2024年度の実績」) is answered only by a text giving that
// time: another year's figure is a nearby figure, not the answer.

describe('askedTime: the one year a question is about', () => {
  const cases = [
    { q: '令和5年の時点だと保有率は', year: 2023, why: 'an era year' },
    { q: '令和元年度の件数は', year: 2019, why: '元 is the first year' },
    { q: '2024年度のテレワーク実施率', year: 2024, why: 'a western year' },
    { q: '令和5年3月末の保有率', year: 2023, month: 3, why: 'a year and its month' },
    { q: '令和8年度以降の予定は', year: 2026, onward: true, why: '以降: that year or later' },
    { q: '令和4年度から令和8年度までの計画', year: null, why: 'a span asked is no single year' },
    { q: 'マイナンバーカードの保有率は', year: null, why: 'no year' },
    { q: 'R5のオンライン化', year: null, why: 'a bare R5 in a question is not read as a year' },
  ];
  it.each(cases)('$why', ({ q, year, month, onward }) => {
    const t = askedTime(q);
    expect(t?.year ?? null).toBe(year);
    if (month) expect(t?.month).toBe(month);
    if (onward) expect(t?.onward).toBe(true);
  });
});

describe('timeMismatch: whether a text gives the asked time', () => {
  const r5 = askedTime('令和5年度の実績')!;
  const cases = [
    { text: '令和6年6月末時点の保有率は71.5%。', fits: false, why: 'another year' },
    { text: '（※「実績」は令和5年9月30日現在の数値）', fits: true, why: 'the year asked' },
    { text: '2023年度の実績は5件', fits: true, why: 'the same year written in the western way' },
    { text: '計画期間は令和4年度から令和8年度までとします。', fits: true, why: 'a span over the year' },
    { text: '令和4～8年度の5年間', fits: true, why: 'a span whose end omits the era' },
    { text: 'R3実績 / R4取組 / R6予定', fits: false, why: 'short table years, none the one asked' },
    { text: '令和7(2025)年度末までに移行', fits: false, why: 'an era year with its western year, neither asked' },
    { text: '保有率は71.5%。', fits: false, why: 'no year at all' },
  ];
  it.each(cases)('$why', ({ text, fits }) => {
    expect(timeMismatch(r5, text) === null).toBe(fits);
  });
  it('a month asked is not given by the same year’s other month', () => {
    const march = askedTime('令和5年3月末の保有率')!;
    expect(timeMismatch(march, '令和5年9月30日現在の数値')).not.toBeNull();
    expect(timeMismatch(march, '令和5年度の実績')).toBeNull();
  });
  it('「以降」 is given by a later year', () => {
    expect(timeMismatch(askedTime('令和6年度以降')!, '令和7年度に導入予定')).toBeNull();
  });
});

let engine: AnswerEngine;
beforeAll(async () => {
  engine = await loadTestEngine();
});

const NOT_STATED = /記載はありません|見つかりませんでした/;

describe('a figure asked for a year the documents do not give is not stated, though another year’s is', () => {
  const cases = [
    {
      q: '令和5年3月末の時点で、マイナンバーカードの保有率はどのくらい？',
      m: 'higashikurume',
      not: '71.5',
      why: 'the glossary gives 令和6年6月末 only; before, that figure answered',
    },
    {
      q: '2023年時点のマイナンバーカード保有率って全国と比べてどう？',
      m: 'higashikurume',
      not: '71.5',
      why: 'the same, the year written in the western way',
    },
    {
      q: '令和6年度の駅前情報発信拠点の活用件数の実績は？',
      m: 'nishitokyo',
      not: '86',
      why: 'the 実績 column is of 令和5年9月30日; before, it answered 令和6年度',
    },
    {
      q: '2025年のおくやみ窓口の受付件数はどれくらいだった？',
      m: 'nishitokyo',
      not: '309',
      why: 'the same row for another year and service',
    },
  ];
  it.each(cases)('$q', ({ q, m, not }) => {
    const a = engine.answer(q, { municipality: m });
    expect(a.text).toMatch(NOT_STATED);
    // any figure it quotes is not given as the answer to the year asked
    if (a.kind === 'answer') expect(a.text.indexOf(not)).toBeGreaterThan(a.text.search(NOT_STATED));
  });

  const answered = [
    {
      q: '令和5年9月末時点のマイナンバーカードの交付枚数の実績は？',
      m: 'nishitokyo',
      has: '159,565',
      why: 'the 実績 is of 令和5年9月30日: the year and month asked',
    },
    {
      q: '令和6年6月末時点のマイナンバーカードの保有率は？',
      m: 'higashikurume',
      has: '71.5',
      why: 'the glossary’s own date',
    },
  ];
  it.each(answered)('$q (answered)', ({ q, m, has }) => {
    const a = engine.answer(q, { municipality: m });
    expect(a.kind).toBe('answer');
    expect(a.text).not.toMatch(NOT_STATED);
    expect(a.text).toContain(has);
  });
});

describe('the not-stated answer names the time asked, and gives the time the documents do as such', () => {
  it('「令和5年3月末の保有率」: not stated for 令和5年3月; 参考: the 令和6年6月末 figure, said to be of that time', () => {
    const a = engine.answer('令和5年3月末の時点で、マイナンバーカードの保有率はどのくらい？', {
      municipality: 'higashikurume',
    });
    expect(a.text.startsWith('東久留米市の資料には、令和5年3月の')).toBe(true);
    expect(a.text).toContain('参考：資料にあるのは次の時点のものです。令和6年6月末');
    expect(a.sources[0]?.municipality).toBe('higashikurume');
  });
});
