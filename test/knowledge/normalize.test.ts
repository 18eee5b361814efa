import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanDisplay, normalizeForIndex, normalizeText } from '../../src/knowledge/index.js';

describe('normalizeText', () => {
  it.each([
    { input: '自治体 D X (デジタル)', want: '自治体DX (デジタル)', why: 'spaced capitals 「D X」 are one word' },
    {
      input: '最高情報統括責任者（C I O）',
      want: '最高情報統括責任者(CIO)',
      why: '「C I O」 and full-width brackets (NFKC)',
    },
    {
      input: 'S N S 活用によるポータルサイト',
      want: 'SNS活用によるポータルサイト',
      why: '「S N S」, and the wrap space before Japanese goes',
    },
    { input: 'G I G Aスクール', want: 'GIGAスクール', why: 'four spaced capitals' },
    { input: 'デジタルデバйд対策', want: 'デジタルデバイド対策', why: 'Cyrillic й д inside katakana were イド' },
    { input: 'ЕВРМ', want: 'EBPM', why: 'Cyrillic Е В Р М look like Latin E B P M' },
    { input: 'Α', want: 'A', why: 'a Greek capital alpha used as an index letter' },
    { input: 'デ—タ', want: 'データ', why: 'an em dash between katakana is a long vowel mark' },
    { input: 'サ‐ビス', want: 'サービス', why: 'a hyphen between katakana is a long vowel mark' },
    { input: 'ｻｰﾋﾞｽ', want: 'サービス', why: 'half-width katakana (NFKC)' },
    {
      input: 'ＡＩ・ＲＰＡ　１２３',
      want: 'AI・RPA 123',
      why: 'full-width letters, digits and the ideographic space (NFKC)',
    },
    { input: '①ペーパーレス化', want: '1ペーパーレス化', why: 'circled numbers fold to digits for indexing' },
    { input: 'マイ\u200Bナン\uFEFFバー\u2060カード', want: 'マイナンバーカード', why: 'zero-width characters vanish' },
    {
      input: 'アナログの情報を デジタルデータに 変換する',
      want: 'アナログの情報をデジタルデータに変換する',
      why: 'PDF wrap spaces between Japanese words',
    },
    { input: '令和 4 年 9 月 2 日', want: '令和4年9月2日', why: 'spaces between digits and kanji' },
    { input: 'サービス設計 1 2 箇条', want: 'サービス設計12箇条', why: 'spaced single digits are one number' },
    { input: '  ab\t\tcd \n ef  ', want: 'ab cd ef', why: 'whitespace runs fold to one space and ends are trimmed' },
    { input: 'Internet of Things', want: 'Internet of Things', why: 'real English words keep their spaces and case' },
    {
      input: 'X(旧Twitter)や Facebook',
      want: 'X(旧Twitter)やFacebook',
      why: 'the space between Japanese and Latin is a wrap artefact',
    },
  ])('$input → $want ($why)', ({ input, want }) => {
    expect(normalizeText(input)).toBe(want);
  });

  it('is idempotent', () => {
    // 「ｳ ﾞй」: the dropped space composes ヴ, and only then is й beside katakana (found by the property test below).
    for (const s of ['自治体 D X', 'デジタルデバйд', 'ＡＩ　ＲＰＡ', 'デ—タ', 'ｳ ﾞй']) {
      expect(normalizeText(normalizeText(s))).toBe(normalizeText(s));
    }
  });
});

describe('normalizeForIndex', () => {
  it('is normalizeText lower-cased (the analyzer side)', () => {
    expect(normalizeForIndex('Gov-Cloud の Ｄ Ｘ')).toBe('gov-cloudのdx');
  });

  // How residents type on phones: each row reads as the plain word the index holds.
  it.each([
    {
      input: 'ﾘﾓｰﾄ技術ってなに？',
      want: 'リモート技術ってなに?',
      why: 'half-width katakana and a full-width question mark',
    },
    { input: 'ﾏｲﾅﾎﾟｰﾀﾙ', want: 'マイナポータル', why: 'half-width voiced and semi-voiced marks join their kana' },
    { input: 'ＡＩ', want: 'ai', why: 'full-width capitals' },
    { input: 'ｉｃｔ', want: 'ict', why: 'full-width small letters' },
    { input: 'Ｄ Ｘ推進体制', want: 'dx推進体制', why: 'spaced full-width capitals before kanji' },
    { input: 'I C Tとは', want: 'ictとは', why: 'spaced capitals' },
    { input: 'ｉ ｃ ｔ', want: 'ict', why: 'spaced small letters are one word too' },
    { input: 'I c T', want: 'ict', why: 'spaced letters of mixed case' },
    { input: 'デジ タル デバイド', want: 'デジタルデバイド', why: 'stray spaces inside a katakana word' },
    { input: '書かない　窓口', want: '書かない窓口', why: 'an ideographic space between Japanese words' },
    {
      input: 'Nishitokyo no 地域BWA',
      want: 'nishitokyo no地域bwa',
      why: 'romaji words keep their spaces, lower-cased for the municipality detector',
    },
    { input: 'MUSASHINO', want: 'musashino', why: 'capitals fold to the lower case the romaji aliases are matched in' },
  ])('$input → $want ($why)', ({ input, want }) => {
    expect(normalizeForIndex(input)).toBe(want);
  });

  it('never throws and is idempotent on any text', () => {
    const japanese = fc.string({
      unit: fc.constantFrom(...'あいうアイウｱｲｳﾞﾟ漢字ＡＢａｂAB ｄｘ 　\tー—‐-・йдЕВРМ①12.,'.split('')),
      maxLength: 60,
    });
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 120 }), japanese), (text) => {
        const once = normalizeForIndex(text);
        expect(normalizeForIndex(once)).toBe(once);
        expect(normalizeText(normalizeText(text))).toBe(normalizeText(text));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('cleanDisplay', () => {
  it.each([
    {
      input: '2. 策定の背景(国の動向) ————————————',
      want: '2. 策定の背景(国の動向)',
      why: 'dash leaders of a contents line',
    },
    {
      input: '（1）自治体DXの背景.....\t3',
      want: '（1）自治体DXの背景 3',
      why: 'dotted leaders; NFKC is not applied for display',
    },
    { input: 'デジタル\u200Bデバイド', want: 'デジタルデバイド', why: 'zero-width characters' },
  ])('$why', ({ input, want }) => {
    expect(cleanDisplay(input)).toBe(want);
  });
});
