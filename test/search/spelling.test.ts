// Residents' spellings on the bundled corpus: hiragana, typos, width and spacing, and the corpus's own
// look-alike letters. Each table row names the passage or glossary entry that must rank first, and why.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MunicipalityId } from '../../src/knowledge/index.js';
import type { Runtime } from '../../src/runtime.js';
import { loadTestRuntime, PROJECT_ROOT } from '../helpers/engine.js';

let rt: Runtime;
beforeAll(async () => {
  rt = await loadTestRuntime();
}, 60_000);

interface Case {
  q: string;
  top: string;
  why: string;
  m?: MunicipalityId;
  glossary?: boolean; // rank glossary entries only
}

const topOf = (q: string, m?: MunicipalityId, glossary?: boolean) =>
  rt.index.search(q, { ...(m ? { municipality: m } : {}), ...(glossary ? { types: ['glossary' as const] } : {}) })[0]
    ?.id;

describe('readings: hiragana finds what is written in kanji or katakana', () => {
  const cases: Case[] = [
    {
      q: 'しすてむのひょうじゅんかってなに',
      top: 'koganei-dx:g17',
      why: '自治体の情報システム標準化・共通化: システム + 標準化 by reading',
    },
    {
      q: 'かかないまどぐち',
      top: 'nishitokyo-kakanai-madoguchi-kaishi',
      why: 'read whole as 書かない窓口: its FAQ first, as typed in kanji',
    },
    {
      q: 'かかないまどぐち',
      glossary: true,
      top: 'hinode-dx:g4',
      why: 'and its glossary entry first among the entries',
    },
    { q: '書かないまどぐちとは', top: 'hinode-dx:g4', why: 'mixed kana–kanji: まどぐち read as 窓口' },
    {
      q: 'ふろんとやーどかいかく',
      top: 'higashikurume-dx:g24',
      why: 'フロントヤード改革: katakana and kanji parts of one compound',
    },
    { q: 'ふろんとやーど改革', top: 'higashikurume-dx:g24', why: 'half of the compound in hiragana' },
    { q: 'すもーるすたーとってどういういみ', top: 'higashikurume-dx:g17', why: 'a loanword typed in hiragana with ー' },
    { q: 'ぺーぱーれすとは', top: 'hinode-dx:g15', why: 'ペーパーレス in hiragana' },
    { q: 'てれわーく', top: 'koganei-dx:g31', why: 'テレワーク in hiragana: a glossary entry first' },
  ];
  it.each(cases)('$q → $top ($why)', ({ q, top, m, glossary }) => {
    expect(topOf(q, m, glossary)).toBe(top);
  });

  it('the question other rooms read is respelled too (routing sees 戸籍 and コンビニ)', () => {
    expect(rt.analyzer.normalizeQuery('こせきとうほんをこんびにでとりたい')).toMatch(/^戸籍.*をコンビニで/);
  });

  it('ordinary questions are left as typed', () => {
    for (const q of [
      '妊婦面談をオンラインで受けたい',
      'スマホから申請したいんだけど',
      '都市計画図って役場に行かないと見られないの',
    ]) {
      expect(rt.analyzer.normalizeQuery(q)).toBe(rt.analyzer.normalize(q));
    }
  });
});

describe('typos: katakana and Latin words of five or more characters, one edit (two from ten)', () => {
  const cases: Case[] = [
    { q: 'ブロックチエーンとは', top: 'nishitokyo-johoka:g37', why: 'ブロックチェーン, one edit (エ for ェ)' },
    { q: 'デジタルデバイトとは', top: 'higashikurume-dx:g20', why: 'デジタルデバイド, one edit (ト for ド)' },
    { q: 'マイナポタールとは', top: 'hinode-dx:g17', why: 'マイナポータル, a transposition' },
    { q: 'ペーパーレスとは', top: 'hinode-dx:g15', why: 'exact spelling: no correction needed' },
  ];
  it.each(cases)('$q → $top ($why)', ({ q, top, m, glossary }) => {
    expect(topOf(q, m, glossary)).toBe(top);
  });

  it('a corrected word ranks below the same word typed right (down-weighted)', () => {
    // Same target, one query misspelt: the misspelt query's top hit scores lower.
    const exact = rt.index.search('ブロックチェーン')[0]!;
    const typo = rt.index.search('ブロックチエーン')[0]!;
    expect(typo.id).toBe(exact.id);
    expect(typo.score).toBeLessThan(exact.score);
  });
});

describe('width, spacing and case read as the plain word', () => {
  const cases: Case[] = [
    { q: 'ﾘﾓｰﾄ技術ってなに？', top: 'koganei-dx:g37', why: 'half-width katakana' },
    { q: 'ﾍﾟｰﾊﾟｰﾚｽ', top: 'hinode-dx:g15', why: 'half-width with a semi-voiced mark' },
    { q: 'I C Tとは', top: 'higashikurume-dx:g6', why: 'spaced capitals' },
    { q: 'ｉｃｔ', top: 'higashikurume-dx:g6', why: 'full-width small letters' },
    { q: 'ＥＢＰＭ', top: 'higashikurume-dx:g3', m: 'higashikurume', why: 'full-width capitals' },
    { q: 'デジ タル デバイド', top: 'higashikurume-dx:g20', why: 'stray spaces inside a word' },
  ];
  it.each(cases)('$q → $top ($why)', ({ q, top, m, glossary }) => {
    expect(topOf(q, m, glossary)).toBe(top);
  });
});

describe("the corpus's look-alike letters are repaired at index time", () => {
  const seed = (file: string) => readFileSync(join(PROJECT_ROOT, 'seeds', file), 'utf8');
  const cases: Case[] = [
    {
      q: 'デジタルデバイドとは',
      m: 'musashino',
      top: 'musashino-dx:s19:p1',
      why: "「デジタルデバйдとは…」 (Cyrillic й д) in 武蔵野市's text",
    },
    {
      q: 'デジタルデバイド対策',
      m: 'hinode',
      top: 'hinode-dx:s32:p11',
      why: 'the 日の出町 plan row 「⑪ デジタルデバйд対策」',
    },
    {
      q: 'EBPMとは',
      m: 'higashikurume',
      top: 'higashikurume-dx:g3',
      why: "東久留米市's glossary term is 「ЕВРМ」 in Cyrillic",
    },
  ];
  it('the seeds really hold the look-alikes (else these rows would prove nothing)', () => {
    expect(seed('musashino-jichitai-dx-zentai-hoshin.txt')).toContain('デジタルデバйд');
    expect(seed('higashikurume-dx-suishin-hoshin.txt')).toContain('ЕВРМ');
  });
  it.each(cases)('$q → $top ($why)', ({ q, top, m, glossary }) => {
    expect(topOf(q, m, glossary)).toBe(top);
  });
  it('quotes show the repaired form, never the Cyrillic', () => {
    const hit = rt.index.search('デジタルデバイド', { municipality: 'musashino' })[0]!;
    expect(hit.passage?.text).toContain('デジタルデバイド');
    expect(hit.passage?.text).not.toMatch(/[\u0400-\u04FF]/);
    expect(rt.index.search('EBPM', { municipality: 'higashikurume' })[0]?.glossary?.term).toBe('EBPM');
  });
});

describe('the engine answers the sample spellings (routing and composition read the respelled question)', () => {
  const cases = [
    {
      q: 'こせきとうほんをこんびにでとりたい',
      kind: 'route',
      channel: 'convenience-store',
      why: '戸籍 + コンビニ + たい',
    },
    { q: 'ﾏｲﾅﾎﾟｰﾀﾙで児童手当の申請をしたい', kind: 'route', channel: 'online', why: 'half-width マイナポータル' },
    { q: 'ブロックチエーンとは', kind: 'answer', text: '透明性', why: 'the glossary entry of the corrected word' },
    {
      q: 'すもーるすたーとってどういういみ',
      kind: 'answer',
      text: 'シンプルな設計',
      why: 'どういういみ is a definition cue once いみ reads 意味',
    },
  ];
  it.each(cases)('$q → $kind ($why)', ({ q, kind, channel, text }) => {
    const a = rt.engine.answer(q);
    expect(a.kind).toBe(kind);
    if (channel) expect(a.route?.channels).toContain(channel);
    if (text) expect(a.text).toContain(text);
  });
});

describe('respelling with the real lexicon', () => {
  it('never throws and a second pass changes nothing', () => {
    const kana = fc.string({
      unit: fc.constantFrom(
        ...'あいうかきくしすせてとなにのはまみむもやよらりるをんーアイウエチェブロックﾘﾓｰﾄ窓口dx '.split(''),
      ),
      maxLength: 40,
    });
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), kana), (text) => {
        const once = rt.analyzer.normalizeQuery(text);
        expect(rt.analyzer.normalizeQuery(once)).toBe(once);
      }),
      { numRuns: 300 },
    );
  });
});
