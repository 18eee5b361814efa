// The respeller on a small hand-made lexicon: each rule as a case table, with the reason on each row.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  boundedEditDistance,
  createRespeller,
  FUNCTION_KANA,
  kanaToKatakana,
  type LexiconEntry,
  moraEditCost,
} from '../../src/analysis/index.js';

// [reading, spelling, how often seen]: the shape the index derives from its documents.
const LEXICON: LexiconEntry[] = [
  ['システム', 'システム', 40],
  ['ヒョウジュンカ', '標準化', 12],
  ['ヒョウジュン', '標準', 8],
  ['マドグチ', '窓口', 30],
  ['カカナイマドグチ', '書かない窓口', 100],
  ['コセキ', '戸籍', 2],
  ['コンビニ', 'コンビニ', 5],
  ['イミ', '意味', 3],
  ['ドウイ', '同意', 4],
  ['ケタ', '桁', 1],
  ['コン', '今', 3],
  ['ニチ', '日', 9],
  ['ホン', '本', 9],
  ['イン', '員', 6],
  ['オクヤミ', 'おくやみ', 9],
  ['ブロックチェーン', 'ブロックチェーン', 3],
  ['アクセシビリティ', 'アクセシビリティ', 2],
  ['デジタルトランスフォーメーション', 'デジタルトランスフォーメーション', 5],
  ['マイナポータル', 'マイナポータル', 20],
  ['ログイン', 'ログイン', 2],
  ['', 'musashino', 100],
  ['', 'security', 3],
  ['カード', 'カード', 10],
  ['ガード', 'ガード', 1],
  ['タイセイ', '体制', 40],
  ['レンケイ', '連携', 30],
  ['イシ', '意思', 5],
  ['ケッサイ', '決済', 40],
  ['ケッサイ', '決裁', 20],
  ['シチョウ', '市長', 10],
  ['', 'rpa', 20],
  ['', 'gigaスクール', 5],
  ['スクール', 'スクール', 3],
  ['アイデア', 'アイデア', 2],
  ['カーボン', 'カーボン', 3],
  ['オフセット', 'オフセット', 2],
  ['カーボンオフセット', 'カーボン・オフセット', 100],
  ['キャッシュレス', 'キャッシュレス', 30],
  ['セキュリティポリシー', 'セキュリティポリシー', 100],
  ['オムニチャネル', 'オムニチャネル', 100],
  ['チャンネル', 'チャンネル', 1],
  ['', 'ai', 100],
  ['', 'ebpm', 100],
  ['アイ', '愛', 1],
  ['コンピューター', 'コンピューター', 4],
  ['コンピュータ', 'コンピュータ', 2],
];
const speller = createRespeller(LEXICON, FUNCTION_KANA);
const respell = (q: string) => speller.respell(q).text;

interface Case {
  q: string;
  expect: string;
  why: string;
}

describe('hiragana is read as katakana and respelled by the lexicon', () => {
  const cases: Case[] = [
    {
      q: 'しすてむのひょうじゅんかってなに',
      expect: 'システムの標準化ってなに',
      why: 'every content word found by its reading; の, ってなに are grammar',
    },
    { q: 'ひょうじゅんかとは', expect: '標準化とは', why: 'the longest reading wins: 標準化, not 標準 + か' },
    { q: 'かかないまどぐち', expect: '書かない窓口', why: 'a glossary phrase is read whole, ない included' },
    { q: '書かないまどぐち', expect: '書かない窓口', why: 'mixed kana–kanji: the hiragana word after the okurigana' },
    {
      q: 'こせきをこんびにでとりたい',
      expect: '戸籍をコンビニでとりたい',
      why: 'a procedure and a channel typed in hiragana (routing reads this text)',
    },
    { q: 'すもーるの', expect: 'すもーるの', why: 'a reading the lexicon does not know stays as typed' },
    {
      q: 'どういういみ',
      expect: 'どういう意味',
      why: 'in a kana-only question two kana are a word: いみ → 意味, どういう stays a question word (not 同意 + う)',
    },
    {
      q: '妊婦面談をオンラインで受けたい',
      expect: '妊婦面談をオンラインで受けたい',
      why: 'okurigana after a kanji is never read as a word (not 受 + 桁い)',
    },
    {
      q: '申請したいんだけど',
      expect: '申請したいんだけど',
      why: 'with kanji in the question a two-kana word is not respelled (not した + 員)',
    },
    {
      q: 'こんにちは',
      expect: 'こんにちは',
      why: 'a greeting stays as typed: two kana never become a single kanji (今, 日)',
    },
    { q: 'ほんをさがす', expect: 'ほんをさがす', why: 'a single kanji (本) is a homophone of too many words' },
    {
      q: 'おくやみまどぐち',
      expect: 'おくやみ窓口',
      why: 'a word the documents write in hiragana keeps that spelling',
    },
  ];
  it.each(cases)('$q → $expect ($why)', ({ q, expect: want }) => {
    expect(respell(q)).toBe(want);
  });

  it('reports the readings it found, for the reading field', () => {
    expect(speller.respell('しすてむのひょうじゅんか').readings).toEqual(['システム', 'ヒョウジュンカ']);
  });
});

describe('katakana and Latin typos of five or more characters are corrected against the lexicon', () => {
  const cases: Case[] = [
    { q: 'ブロックチエーンとは', expect: 'ブロックチェーンとは', why: 'one edit (エ for ェ)' },
    { q: 'アクセシビリテイ', expect: 'アクセシビリティ', why: 'one edit in a nine-character word' },
    { q: 'マイナポタール', expect: 'マイナポータル', why: 'a transposition counts as one edit' },
    {
      q: 'デジタルトランスフォメーシヨン',
      expect: 'デジタルトランスフォーメーション',
      why: 'two edits are allowed from ten characters',
    },
    { q: 'マイナポータ', expect: 'マイナポータル', why: 'six characters: one edit (a dropped ル) is corrected' },
    { q: 'アクセシビテイ', expect: 'アクセシビテイ', why: 'two edits in a word under ten characters: no correction' },
    { q: 'ガード', expect: 'ガード', why: 'under five characters: a near miss is usually another word (カード)' },
    {
      q: 'マイナポータルログイン',
      expect: 'マイナポータルログイン',
      why: 'two known words written together are not a typo of a third',
    },
    { q: 'secrity', expect: 'security', why: 'Latin words too' },
    {
      q: 'musashino',
      expect: 'musashino',
      why: 'a known spelling without a reading (a romaji alias) is never corrected',
    },
    { q: '標準可', expect: '標準可', why: 'kanji are never corrected' },
  ];
  it.each(cases)('$q → $expect ($why)', ({ q, expect: want }) => {
    expect(respell(q)).toBe(want);
  });

  it('marks corrections as typos, so the search can weigh them below exact matches', () => {
    expect(speller.respell('ブロックチエーン').changes).toEqual([
      { from: 'ブロックチエーン', to: 'ブロックチェーン', kind: 'typo' },
    ]);
  });
});

describe('a slip of mora length counts half an edit, and a katakana phrase is compared without its dots', () => {
  const cases: Case[] = [
    {
      q: 'カーボンオフセトって？',
      expect: 'カーボン・オフセットって？',
      why: 'a small ッ dropped: the glossary phrase, compared without its dot, respelled as the glossary writes it',
    },
    {
      q: 'カボンオフセトとは',
      expect: 'カーボン・オフセットとは',
      why: 'a ー and a ッ dropped: two slips are one edit',
    },
    {
      q: 'カーボン・オフセトとは',
      expect: 'カーボン・オフセットとは',
      why: 'typed with the dot: the phrase is one word for the typo rule, not two (オフセト alone is too short)',
    },
    {
      q: 'カーボンオフセットとは',
      expect: 'カーボンオフセットとは',
      why: 'the phrase typed right without its dot is two known words: left as typed',
    },
    { q: 'キャシュレス', expect: 'キャッシュレス', why: 'a small ッ dropped in a six-character word' },
    { q: 'キヤッシュレス', expect: 'キャッシュレス', why: 'a small kana typed full size' },
    {
      q: 'セキュリティーポリシー',
      expect: 'セキュリティポリシー',
      why: 'a ー doubled where the document writes none',
    },
    { q: 'オムニチャンネル', expect: 'オムニチャネル', why: 'one kana inserted (ン): still one edit' },
    {
      q: 'オムニチャンネルー',
      expect: 'オムニチャンネルー',
      why: 'an edit and a slip: one and a half edits, too many under ten characters',
    },
    {
      q: 'コンピュータ',
      expect: 'コンピュータ',
      why: 'both spellings are words of the lexicon: a known spelling is never corrected',
    },
    { q: 'カボン', expect: 'カボン', why: 'under five characters: a near miss is usually another word' },
  ];
  it.each(cases)('$q → $expect ($why)', ({ q, expect: want }) => {
    expect(respell(q)).toBe(want);
  });
});

describe('a word of the dictionary is only respelled as a variant; a short word by one slip only', () => {
  // The dictionary as the analyzer asks kuromoji: these are IPADIC words.
  const dictionary = new Set(['オフライン', 'デメリット', 'セキュリティー', 'ウィルス']);
  const withDictionary = createRespeller(
    [
      ...LEXICON,
      ['オンライン', 'オンライン', 50],
      ['メリット', 'メリット', 5],
      ['セキュリティ', 'セキュリティ', 40],
      ['ウイルス', 'ウイルス', 2],
      ['タブレット', 'タブレット', 100],
    ],
    FUNCTION_KANA,
    undefined,
    (w) => dictionary.has(w),
  );
  const cases: Case[] = [
    {
      q: 'オフライン',
      expect: 'オフライン',
      why: 'another word one edit away (オン): never respelled to its opposite',
    },
    { q: 'デメリット', expect: 'デメリット', why: 'a word of its own, not メリット with a kana too many' },
    { q: 'セキュリティー', expect: 'セキュリティ', why: 'a variant of the lexicon’s word (a ー): respelled' },
    { q: 'ウィルス', expect: 'ウイルス', why: 'a variant: a small kana for a full one, four characters' },
    { q: 'タブレト', expect: 'タブレット', why: 'four characters, one slip (ッ dropped): corrected' },
    {
      q: 'タブレッ',
      expect: 'タブレッ',
      why: 'four characters, a kana dropped: a whole edit is too many for a short word',
    },
  ];
  it.each(cases)('$q → $expect ($why)', ({ q, expect: want }) => {
    expect(withDictionary.respell(q).text).toBe(want);
  });
});

describe('a piece of a word the corpus breaks once does not make a typo two known words', () => {
  const lexicon: LexiconEntry[] = [
    ['デジタル', 'デジタル', 90],
    ['デジタ', 'デジタ', 1], // 「デジタ ル」 in one document: a broken word, seen once
    ['リテラシー', 'リテラシー', 12],
    ['デジタルリテラシー', 'デジタルリテラシー', 100],
    ['マイナポータル', 'マイナポータル', 20],
    ['ログイン', 'ログイン', 1], // seen once, but a word of the dictionary
  ];
  const dictionary = new Set(['デジタル', 'リテラシー', 'ログイン']);
  const withPieces = createRespeller(lexicon, FUNCTION_KANA, undefined, (w) => dictionary.has(w));
  const cases: Case[] = [
    {
      q: 'デジタリテラシー',
      expect: 'デジタルリテラシー',
      why: 'デジタ + リテラシー is no compound: デジタ is a piece seen once that the dictionary does not know',
    },
    {
      q: 'マイナポータルログイン',
      expect: 'マイナポータルログイン',
      why: 'a part seen once that the dictionary knows is a word: two known words, not a typo',
    },
  ];
  it.each(cases)('$q → $expect ($why)', ({ q, expect: want }) => {
    expect(withPieces.respell(q).text).toBe(want);
  });
});

describe('a Latin word of the lexicon typed in hiragana is read as it, from four kana', () => {
  const cases: Case[] = [
    { q: 'えーあいとは', expect: 'aiとは', why: 'an acronym by its letters’ names, in hiragana' },
    { q: 'いーびーぴーえむってなに', expect: 'ebpmってなに', why: 'four letters’ names' },
    { q: 'ぎがすくーるってなに', expect: 'gigaスクールってなに', why: 'the romaji part and the loanword, in one run' },
    {
      q: 'あいってなに',
      expect: 'あいってなに',
      why: 'two kana are no Latin word (ai read アイ), nor a single kanji (愛)',
    },
  ];
  it.each(cases)('$q → $expect ($why)', ({ q, expect: want }) => {
    expect(respell(q)).toBe(want);
  });

  it('a Latin word found in hiragana is no reading for the reading field (the index holds none for it)', () => {
    expect(speller.respell('えーあいとは').readings).toEqual([]);
  });
});

describe('a Latin word of the lexicon written in katakana is respelled as it', () => {
  const cases: Case[] = [
    { q: 'アールピーエーとは', expect: 'rpaとは', why: 'an acronym by its letters’ names' },
    { q: 'ギガスクール', expect: 'gigaスクール', why: 'a Latin part by its romaji, the katakana part as written' },
    {
      q: 'ギガ',
      expect: 'ギガ',
      why: 'the lexicon holds giga only inside gigaスクール: a part alone is not read as it',
    },
    { q: 'アイデア', expect: 'アイデア', why: 'a katakana word the lexicon knows is never read as Latin' },
    { q: 'アールピーエーカード', expect: 'rpaカード', why: 'a Latin word’s katakana before a known word' },
  ];
  it.each(cases)('$q → $expect ($why)', ({ q, expect: want }) => {
    expect(respell(q)).toBe(want);
  });
});

describe('moraEditCost (half edits)', () => {
  const cases = [
    { a: 'カーボンオフセット', b: 'カーボンオフセット', d: 0, why: 'equal' },
    { a: 'カーボンオフセト', b: 'カーボンオフセット', d: 1, why: 'a small ッ dropped: half an edit' },
    { a: 'カボンオフセト', b: 'カーボンオフセット', d: 2, why: 'ー and ッ dropped' },
    { a: 'ブロックチエーン', b: 'ブロックチェーン', d: 1, why: 'a small kana typed full size' },
    { a: 'マイナポタール', b: 'マイナポータル', d: 2, why: 'a transposition is a whole edit' },
    { a: 'オムニチャンネル', b: 'オムニチャネル', d: 2, why: 'a kana inserted is a whole edit' },
    { a: 'abcde', b: 'xyz', d: 5, why: 'past the bound: max + 1' },
  ];
  it.each(cases)('$a / $b = $d ($why)', ({ a, b, d }) => {
    expect(moraEditCost(a, b, 4)).toBe(d);
  });
});

describe('boundedEditDistance', () => {
  const cases = [
    { a: 'abcde', b: 'abcde', d: 0, why: 'equal' },
    { a: 'abcde', b: 'abdce', d: 1, why: 'one transposition' },
    { a: 'abcde', b: 'abxde', d: 1, why: 'one substitution' },
    { a: 'abcde', b: 'abde', d: 1, why: 'one deletion' },
    { a: 'abcde', b: 'xyz', d: 3, why: 'past the bound: max + 1' },
  ];
  it.each(cases)('$a / $b = $d ($why)', ({ a, b, d }) => {
    expect(boundedEditDistance(a, b, 2)).toBe(d);
  });
});

describe('kanaToKatakana (wanakana)', () => {
  it.each([
    { s: 'すもーるすたーと', want: 'スモールスタート', why: 'the long-vowel mark is kept' },
    { s: 'ゔぁ', want: 'ヴァ', why: 'ゔ has a katakana twin' },
    { s: 'dx', want: null, why: 'Latin is not read as romaji' },
    { s: '窓口', want: null, why: 'kanji has no kana form here (kuromoji reads it)' },
  ])('$s → $want ($why)', ({ s, want }) => {
    expect(kanaToKatakana(s)).toBe(want);
  });
});

describe('respell never throws and is stable', () => {
  it('on any text, and a second pass changes nothing', () => {
    const kana = fc.string({
      unit: fc.constantFrom(
        ...'あいうえおかきくけこしすてむのひょうじゅんーまどぐちアイウエオブロックチェーン漢字a b'.split(''),
      ),
      maxLength: 40,
    });
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), kana), (text) => {
        const once = respell(text);
        expect(respell(once)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });
});

describe('a kanji word the lexicon does not know, read as one it knows sharing a kanji, is a homophone typo', () => {
  const cases = [
    { word: '体勢', reading: 'タイセイ', expect: '体制', why: 'the same reading, 体 shared: 体制 converted wrongly' },
    { word: '連係', reading: 'レンケイ', expect: '連携', why: 'the same, 連 shared' },
    { word: '大勢', reading: 'タイセイ', expect: null, why: 'no kanji shared: another word that sounds alike' },
    { word: '医師', reading: 'イシ', expect: null, why: 'a two-kana reading: too many words sound alike' },
    { word: '決済', reading: 'ケッサイ', expect: null, why: 'a word the lexicon knows is never corrected' },
    { word: '体制化', reading: 'タイセイカ', expect: null, why: 'no known word of that reading' },
    { word: 'タイセイ', reading: 'タイセイ', expect: null, why: 'katakana is not a kanji word' },
    { word: '市町', reading: 'シチョウ', expect: null, why: 'administrative units written together: 市と町, not 市長' },
  ];
  it.each(cases)('$word → $expect ($why)', ({ word, reading, expect: want }) => {
    expect(speller.homophone(word, reading)).toBe(want);
  });
});
