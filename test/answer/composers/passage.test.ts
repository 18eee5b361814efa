import { beforeAll, describe, expect, it } from 'vitest';
import type { AnswerEngine } from '../../../src/answer/types.js';
import { loadTestEngine } from '../../helpers/engine.js';

// The passage composer quotes the best sentence of the top hits; validation refuses one that does not hold what
// was asked. Each row names the passage that answers (or that nothing does) and why.
let engine: AnswerEngine;
beforeAll(async () => {
  engine = await loadTestEngine();
});

describe('passage: which passage answers a 「どの〜」 (which named thing) question', () => {
  const cases = [
    {
      q: '日の出町の方針はどの計画と整合を図っているの？',
      m: 'hinode',
      id: 'hinode-dx:s28:p8',
      why: 'it names the plans (「第五次日の出町長期総合計画」…) the policy is aligned with; other sentences only say 計画',
    },
  ];
  it.each(cases)('$q', ({ q, m, id }) => {
    const a = engine.answer(q, { municipality: m, debug: true });
    expect(a.composer).toBe('passage');
    expect(a.sources[0]?.passageId).toBe(id);
  });
});

describe('passage: a text that does not name what 「どの〜」 asks for is not given', () => {
  const cases = [
    {
      q: 'どの生成AIサービスを導入したの？',
      m: 'nishitokyo',
      why: '西東京市 reports a 生成AI trial but names no service: no sentence names a サービス, so it is not stated',
    },
    {
      q: '生成AIの実証実験では、どんな名前のサービスを試したの？',
      m: 'nishitokyo',
      why: 'the same fact asked another way: the trial is reported, the service is not named',
    },
  ];
  it.each(cases)('$q', ({ q, m }) => {
    const a = engine.answer(q, { municipality: m, debug: true });
    const passage = a.debug?.composers?.find((c) => c.composer === 'passage');
    expect(passage?.outcome).not.toBe('answered');
    expect(a.text).toContain('記載はありません');
  });
});

describe('passage: 「いつから」 is answered by a year with its start, not by a start without a year', () => {
  const cases = [
    {
      q: '職員のテレワークはいつから始まりますか',
      m: 'hinode',
      id: 'hinode-dx:s39:p3',
      why:
        'the 計画 row gives 令和7年度: 開始; the 現状 cell (「…職員がテレワークを試験的に実施したが」) has a start word ' +
        'and 職員 but no year, so it must not outrank the row',
    },
    {
      q: '電子決裁が本格的に始まるのは何年度？',
      m: 'hinode',
      id: 'hinode-dx:s35:p3',
      why: '本格的に says how it starts, not what: the 電子決裁 計画 row (令和7年度: 開始) answers',
    },
  ];
  it.each(cases)('$q', ({ q, m, id }) => {
    const a = engine.answer(q, { municipality: m, debug: true });
    expect(a.composer).toBe('passage');
    expect(a.sources[0]?.passageId).toBe(id);
    expect(a.text).toContain('令和7年度');
  });
});

describe('passage: an actual figure asked is not given by a row whose 実績 cell is blank', () => {
  it('書かない窓口 (西東京市): 目標 4,000件 with 実績 「-」 — the actual count is not stated', () => {
    const a = engine.answer('書かない窓口って実際に何件くらい利用されたの？', {
      municipality: 'nishitokyo',
      debug: true,
    });
    const passage = a.debug?.composers?.find((c) => c.composer === 'passage');
    expect(passage?.outcome).toBe('invalid');
    expect(passage?.reason).toContain('実績');
    expect(a.text).toMatch(/^西東京市の資料には、.*記載はありません/);
    expect(a.text).not.toContain('4,000');
  });

  it('おくやみ窓口 (西東京市): its row gives 実績 309件, so the actual is answered', () => {
    const a = engine.answer('おくやみ窓口は実際に何件利用された？', { municipality: 'nishitokyo' });
    expect(a.composer).toBe('passage');
    expect(a.text).toContain('309件');
  });

  it('the target asked of the same blank row is still answered (目標 4,000件)', () => {
    const a = engine.answer('書かない窓口の目標は何件？', { municipality: 'nishitokyo' });
    expect(a.composer).toBe('passage');
    expect(a.text).toContain('4,000件');
  });
});

describe('passage: the sentence given first is about the topic itself', () => {
  const cases = [
    {
      q: '生成AIの実証実験で何をしたの？',
      m: 'nishitokyo',
      id: 'nishitokyo-johoka:s52:p28',
      // s44:p1's sentence (「…無償トライアル等を活用した実証実験の検討を行います」) is not quoted.
      unquoted: '無償トライアル',
      why:
        'its 進捗内容 says 「生成AIの活用に向けて実証実験を実施しました」; s44:p1 (実証実験の実施) speaks of trials in ' +
        'general and holds no 生成AI in its section, so it may not lead even beside a quote that does',
    },
    {
      q: '書かない窓口はいつから？',
      m: 'nishitokyo',
      id: 'nishitokyo-kakanai-madoguchi-kaishi',
      unquoted: null,
      why:
        'its sentence says 「書かない窓口」 (令和5年11月から運用を開始): the topic’s verb word 書く is found in 書かない ' +
        'by its stem, though the section is read as written',
    },
  ];
  it.each(cases)('$q', ({ q, m, id, unquoted }) => {
    const a = engine.answer(q, { municipality: m, debug: true });
    expect(a.composer).toBe('passage');
    expect(a.sources[0]?.passageId).toBe(id);
    if (unquoted) expect(a.text).not.toContain(unquoted);
  });
});

describe('a question whose answer is an announced list gets the list, whatever was asked', () => {
  it('「必要な視点はある？」: 「…次の視点が必要です。」 alone says nothing; its items follow it', () => {
    const a = engine.answer('DXを進めるときに必要な視点はある？', { municipality: 'higashikurume', debug: true });
    // A status question (「ある？」) no schedule names: the section headed 「5. 取り組む際に必要な視点」 (s27) answers
    // with the announcement 「本市のDXを推進する際には、次の視点が必要です。」 and the items after it. (Before status
    // questions reached the section composer, the passage composer quoted s27:p1 and brought the same list.)
    expect(a.composer).toBe('section');
    expect(a.debug?.composers?.at(-1)?.reason).toContain('higashikurume-dx:s27');
    expect(a.sources[0]?.passageId).toBe('higashikurume-dx:s27:p1');
    expect(a.text).toContain('次の視点が必要です');
    expect(a.text).toContain('EBPM');
  });
});

describe('passage: a count asked with its own counter (「何市目」「何個」「何年後」) is answered by that counter', () => {
  const cases = [
    {
      q: '小金井市が東京自治体クラウドに加わったのは何市目？',
      m: 'koganei',
      id: 'koganei-dx:s26:p2',
      has: '4市目',
      why: 'the sentence with 「4市目」 beats the ones naming the cloud with another figure (3市, 令和7年度)',
    },
    {
      q: '日の出町の重点項目、令和8年度は何個取り組むの？',
      m: 'hinode',
      id: undefined,
      has: '7個',
      why: 'the 取組個数 row writes the year as R8: 令和8 is found as written there',
    },
    {
      q: '武蔵野市の長期計画は何年後の姿を描いているの？',
      m: 'musashino',
      id: 'musashino-dx:s5:p6',
      has: '10年後',
      why: '何年後 asks a number of years (a count with the counter 年後), not a date',
    },
  ];
  it.each(cases)('$q → $has ($why)', ({ q, m, id, has }) => {
    const a = engine.answer(q, { municipality: m, debug: true });
    expect(a.kind).toBe('answer');
    expect(a.text).toContain(has);
    expect(a.sources[0]?.municipality).toBe(m);
    if (id) expect(a.sources.map((s) => s.passageId)).toContain(id);
  });
});

describe('passage: a figure or a text that does not give what was asked is not given', () => {
  const cases = [
    {
      q: '日の出町の職員は合計で何名？',
      m: 'hinode',
      kind: 'fallback',
      why: '「約120名の職員が回答しました」 counts the survey’s respondents, not all the staff (a total asked)',
    },
    {
      q: '日の出町の職員アンケートには何人が回答した？',
      m: 'hinode',
      kind: 'answer',
      why: 'the respondents asked (回答 in the question): the same sentence answers',
    },
    {
      q: '公衆無線LANの拠点はどこの施設にあるの？',
      m: 'nishitokyo',
      kind: 'fallback',
      why: 'どこの施設 asks facilities by name; the KPI row gives only their number (8拠点)',
    },
  ];
  it.each(cases)('$q → $kind ($why)', ({ q, m, kind }) => {
    const a = engine.answer(q, { municipality: m, debug: true });
    if (kind === 'answer') expect(a.text).toContain('120名');
    expect(a.kind).toBe(kind === 'fallback' ? 'fallback' : 'answer');
  });
});
