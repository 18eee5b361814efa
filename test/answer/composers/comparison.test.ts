import { beforeAll, describe, expect, it } from 'vitest';
import type { Answer, AnswerEngine } from '../../../src/answer/types.js';
import { loadTestEngine } from '../../helpers/engine.js';

// The comparison composer answers the same frame for each municipality named, side by side. Each row names the
// passage that must answer for each side and why it wins over the one that answered before.
let engine: AnswerEngine;
beforeAll(async () => {
  engine = await loadTestEngine();
});

/** The passage cited for one municipality's side of a side-by-side answer. */
const sideOf = (a: Answer, municipality: string) => a.sources.find((s) => s.municipality === municipality)?.passageId;

describe('comparison: which passage answers each side', () => {
  const cases = [
    {
      q: '武蔵野市と日の出町の方針は、どの長期計画に基づいているの？',
      sides: { musashino: 'musashino-dx:s5:p2', hinode: 'hinode-dx:s28:p8' },
      why:
        'a 「どの長期計画」 question wants a sentence naming one: s5:p2 names 「武蔵野市第六期長期計画」, s27:p8 ' +
        '「第五次日の出町長期総合計画」; s4:p1 names 「第七次総合情報化基本計画」, a 計画 but not a 長期計画',
    },
    {
      q: '日の出町と西東京市では職員のデジタル研修にどう取り組むの？',
      sides: { hinode: 'hinode-dx:s41:p2' },
      why:
        '「どう取り組む」 asks for the measure: 日の出町 s40:p2 (施策概要: e-learningや外部派遣による研修) over s40:p1 ' +
        '(現状: …必要がある), which says why training is needed',
    },
  ];
  it.each(cases)('$q', ({ q, sides }) => {
    const a = engine.answer(q, { debug: true });
    expect(a.composer).toBe('comparison');
    for (const [m, id] of Object.entries(sides)) expect(sideOf(a, m), m).toBe(id);
  });

  it('the sentence chosen for a 「どう取り組む」 side states the measure, not the need', () => {
    const a = engine.answer('日の出町と西東京市では職員のデジタル研修にどう取り組むの？');
    // The 施策概要 cell (e-learning), not the 現状 cell 「…必要がある」.
    expect(a.text).toContain('e-learning');
    expect(a.text).not.toContain('必要がある');
  });
});

describe('comparison: a side with nothing under the literal topic is asked by the topic’s own words', () => {
  const cases = [
    {
      q: '教育の分野のDXについて、小金井市と西東京市はそれぞれ何をしているの？',
      sides: { koganei: 'koganei-dx:s35:p18', nishitokyo: 'nishitokyo-johoka:s52:p10' },
      why:
        'a DX plan does not repeat 「DX」 beside each field: 小金井市 s35:p18 (教育現場のDX推進: GIGAスクール) and 西東京市 ' +
        's52:p10 (学び改革(オンライン教育)) answer by 教育; before, 小金井市 said 記載はありません',
    },
  ];
  it.each(cases)('$q', ({ q, sides }) => {
    const a = engine.answer(q, { debug: true });
    expect(a.composer).toBe('comparison');
    for (const [m, id] of Object.entries(sides)) expect(sideOf(a, m), m).toBe(id);
    expect(a.text).not.toContain('記載はありません');
  });

  it('a side whose documents do not have the topic even by its own words says so, the other side answers', () => {
    const a = engine.answer('福祉分野で、日の出町と武蔵野市はそれぞれ何に取り組んでいる？', { debug: true });
    expect(a.composer).toBe('comparison');
    // 日の出町's plan never says 福祉; 武蔵野市's names 市民福祉 in its purpose (musashino-dx:s3:p1).
    expect(a.text).toContain('■日の出町：資料に記載はありません。');
    expect(sideOf(a, 'musashino')).toBe('musashino-dx:s3:p1');
  });
});

describe('comparison: a side asked by one concept of the topic at a time', () => {
  it('「デジタルが苦手な高齢者への対策」: each side by the concept its documents have', () => {
    const a = engine.answer('デジタルが苦手な高齢者への対策を、東久留米市と日の出町はそれぞれどう進めるの？', {
      debug: true,
    });
    expect(a.composer).toBe('comparison');
    // 東久留米市 has no text with both concepts: its section 「(2) デジタルデバイド対策」 answers by デジタルデバイド;
    // 日の出町's 施策⑪ sheet (スマホ教室, 高齢者をはじめとした…) by 高齢者, the sentence stating what is done.
    expect(sideOf(a, 'higashikurume')).toBe('higashikurume-dx:s39:p1');
    expect(sideOf(a, 'hinode')).toBe('hinode-dx:s44:p2');
  });
});

describe('comparison: the policy documents themselves, side by side', () => {
  it('「AとBのDX方針はいつ作った」: each one’s document fact, though 「DX方針」 is neither title', () => {
    const a = engine.answer('小金井市と武蔵野市のDX方針はそれぞれいつ作ったの？', { debug: true });
    expect(a.composer).toBe('comparison');
    // 「DX方針」 is two words naming any municipality's policy, not another plan's name (「自治体DX推進計画」 is).
    const answered = a.debug?.composers?.find((c) => c.composer === 'comparison')?.reason ?? '';
    expect(answered).toContain('koganei-dx:doc:made');
    expect(answered).toContain('musashino-dx:doc:made');
  });
});

describe('comparison: a status side keeps what the documents say of the measure now', () => {
  it('「RPAの導入はそれぞれどのくらい進んでる」: the stage and the present state for each side', () => {
    const a = engine.answer('東久留米市と日の出町、RPAの導入ってそれぞれどのくらい進んでるの？', { debug: true });
    expect(a.composer).toBe('comparison');
    // 日の出町: the 施策⑩ schedule (事例研究 … 構築) and its 現状 cell, which says why it is not in use yet; before,
    // the side-by-side line kept the schedule only.
    expect(sideOf(a, 'hinode')).toBe('hinode-dx:s43:p3');
    expect(a.text).toContain('費用対効果が見込めず');
    // 東久留米市: 「AI や RPA の導入・活用を推進。」 is continued by 「また、…共同利用を検討。」 in the same passage.
    expect(sideOf(a, 'higashikurume')).toBe('higashikurume-dx:s37:p1');
    expect(a.text).toContain('共同利用を検討');
  });
});

/** One municipality's line of a side-by-side answer (「■西東京市：…」). */
const lineOf = (a: Answer, name: string) => a.text.split('\n').find((l) => l.startsWith(`■${name}：`)) ?? '';

describe('comparison: each side is its single answer condensed, keeping what states the asked thing', () => {
  const cases = [
    {
      q: '小金井市と東久留米市が目指す姿をそれぞれ教えて',
      side: 'koganei',
      name: '小金井市',
      id: 'koganei-dx:s28:p2',
      has: 'スマート自治体',
      why:
        'the single answer quotes s43:p2 「…以下①～⑥が求められる。」 first, which only announces (and what follows it is ' +
        'the next heading); s28:p2 (■目指す姿 …スマート自治体への転換) states the vision. Before, the side kept the first quote',
    },
    {
      q: '小金井市と西東京市、システム標準化にはどう対応してる？',
      side: 'nishitokyo',
      name: '西東京市',
      id: 'nishitokyo-johoka:s34:p3',
      has: 'Fit&Gap',
      why:
        '「本市では…検討や調整を行っています。」 is carried on in its passage by 「引き続き、…(Fit&Gap)分析等を実施し」, the ' +
        'measure itself; before, the side stopped at the first sentence',
    },
    {
      q: '西東京市と小金井市、標準化への対応はどう違う？',
      side: 'nishitokyo',
      name: '西東京市',
      id: 'nishitokyo-johoka:s34:p3',
      has: '本市では',
      why:
        'the single answer quotes 「…国は自治体に対し…義務付ける」 first: what the state does is the background of the ' +
        'municipality’s own measure (「本市では、令和7(2025)年度内の標準化システム移行を目指し」), which comes first',
    },
    {
      q: 'マイナンバーカードの普及状況を西東京市と東久留米市で比べて',
      side: 'nishitokyo',
      name: '西東京市',
      id: 'nishitokyo-johoka:s52:p2',
      has: '達成率: 77.5%',
      why:
        'a share is asked: of the 重点取組 1 block, too long for the side, its first line and the line with the 達成率 are ' +
        'kept with the citation; before, the block was cut by sentences and lost its citation',
    },
  ];
  it.each(cases)('$q', ({ q, side, name, id, has }) => {
    const a = engine.answer(q, { debug: true });
    expect(a.composer).toBe('comparison');
    expect(sideOf(a, side)).toBe(id);
    const line = lineOf(a, name);
    expect(line).toContain(has);
    // each side keeps its own citation
    expect(line).toMatch(new RegExp(`（${a.sources.find((s) => s.municipality === side)?.document}`));
    expect(a.text.length).toBeLessThanOrEqual(500);
  });
});

describe('comparison: a side cut to its room keeps the municipality’s own stance, not the background before it', () => {
  // A policy section often opens with what the state or a law requires (「国は…としています」「…とされています」)
  // and only then says what the municipality does (「本市では…」「しかしながら、本市では…」). Cut to the side's room
  // by its first sentences, the side said only the background: the other municipality's stance was not compared.
  const cases = [
    {
      q: 'マイナンバー制度への対応は武蔵野市と西東京市でどう違う？',
      name: '武蔵野市',
      has: '慎重',
      lacks: '国はDX推進計画において',
      why: '(5) opens with 国は…目指すとしています and its 「また、」 sentence; 本市では…慎重に検討 is the stance',
    },
    {
      q: '西東京市と武蔵野市は、AIやRPAをどう使っていくの？',
      name: '武蔵野市',
      has: '業務プロセスを検討していきます',
      lacks: '活用すべきとされています',
      why: '(3) opens with what 「とされています」 (reported), carried on by 「また、」; the last sentence is the city’s own',
    },
    {
      q: '行政手続のオンライン化、武蔵野市と東久留米市はどう進める？',
      name: '武蔵野市',
      has: '本市では',
      lacks: '努力義務とされています',
      why: '(2) opens with the law (…努力義務とされています) and what 国では does; 本市では…推進していきます follows',
    },
    {
      q: '標準化について、武蔵野市と西東京市の取り組みの違いは？',
      name: '武蔵野市',
      has: '本市においても',
      lacks: '適合しなければならないこととされています',
      why: '(1) opens with the law and 国は…令和7年度としています; 本市においても…検討を進める is the city’s measure',
    },
  ];
  it.each(cases)('$q', ({ q, name, has, lacks }) => {
    const a = engine.answer(q, { debug: true });
    expect(a.composer).toBe('comparison');
    const line = lineOf(a, name);
    expect(line).toContain(has);
    expect(line).not.toContain(lacks);
    expect(a.text.length).toBeLessThanOrEqual(500);
  });
});
