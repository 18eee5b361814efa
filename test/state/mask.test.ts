// What the unanswered log masks before storing a resident's question, and what it must leave alone so
// staff can still read the question. One row per case, with the reason.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MASKS, maskPersonal, normalizeQuestion } from '../../src/state/index.js';

const mask = (q: string) => maskPersonal(normalizeQuestion(q));

const CASES: { q: string; want: string; why: string }[] = [
  { q: '電話は090-1234-5678です', want: '電話は［電話番号］です', why: '携帯番号' },
  { q: '03-1234-5678に電話して', want: '［電話番号］に電話して', why: '固定電話' },
  { q: '０４２（３８７）５１１１はどこ', want: '［電話番号］はどこ', why: 'full-width with parentheses (NFKC first)' },
  { q: '+81-90-1234-5678', want: '［電話番号］', why: 'international form' },
  { q: 'マイナンバーは123456789012です', want: 'マイナンバーは［番号］です', why: 'マイナンバー: 12 digits' },
  { q: 'マイナンバー 1234 5678 9012 の確認', want: 'マイナンバー ［番号］ の確認', why: 'digits written in groups' },
  { q: '〒184-8504の近く', want: '［住所］の近く', why: 'postal code' },
  {
    q: '小金井市本町1-2-3に住んでいます',
    want: '小金井市本町［住所］に住んでいます',
    why: 'street numbers; town kept',
  },
  { q: '中町二丁目5番8号です', want: '中町［住所］です', why: '丁目・番・号' },
  { q: '123番地の4', want: '［住所］', why: '番地' },
  { q: '本町3-5のあたり', want: '本町［住所］のあたり', why: 'two numbers after a place name' },
  { q: '私は山田花子です。住民票は？', want: '私は［氏名］です。住民票は?', why: 'a name after 「私は」' },
  { q: 'わたしは佐藤と申します', want: 'わたしは［氏名］と申します', why: 'a name, humble form' },
  { q: '名前は鈴木です', want: '名前は［氏名］です', why: 'a name given as such' },
  { q: '連絡は taro.y@example.co.jp まで', want: '連絡は ［メール］ まで', why: 'e-mail address' },
  // left alone: what staff need to read the question
  { q: '私は転出届を出したいです', want: '私は転出届を出したいです', why: 'a wish, not a name (particles)' },
  { q: '令和5-7年度の計画は', want: '令和5-7年度の計画は', why: 'a span of years, not an address' },
  { q: 'DX推進計画の期間は2024年から', want: 'DX推進計画の期間は2024年から', why: 'a year' },
  { q: '予算は1000万円ですか', want: '予算は1000万円ですか', why: 'an amount below seven digits' },
  { q: '施策⑫のスケジュール', want: '施策12のスケジュール', why: 'circled numbers normalized, kept' },
];

describe('masking personal details', () => {
  it.each(CASES)('$q → $want ($why)', ({ q, want }) => {
    expect(mask(q)).toBe(want);
  });
});

// Each row's hint lets a text skip its pattern: that is only safe if every text the pattern matches passes
// the hint. Texts are made of the pieces the patterns look for (digits, dashes, 丁目, 私は, と申します, @ …)
// in any order, plus every case above.
describe('mask hints never skip a text the mask would change', () => {
  const PIECES = [
    '0',
    '1',
    '2',
    '5',
    '9',
    '-',
    'ー',
    ' ',
    '(',
    ')',
    '〒',
    '+81',
    '@',
    '.',
    'a',
    'x',
    '丁目',
    '二',
    '番',
    '番地',
    '号',
    'の',
    '町',
    '本',
    '私',
    'わたし',
    '僕',
    'は',
    '名前',
    '氏名',
    '山田',
    'です',
    'と申します',
    'といいます',
    '、',
  ];
  const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 24 }).map((p) => p.join(''));
  it.each(MASKS.map((m) => ({ name: m.name, m })))('$name', ({ m }) => {
    const matches = (t: string) => new RegExp(m.re.source, m.re.flags.replace('g', '')).test(t);
    for (const c of CASES) if (matches(normalizeQuestion(c.q))) expect(m.hint.test(normalizeQuestion(c.q))).toBe(true);
    fc.assert(
      fc.property(text, (t) => !matches(t) || m.hint.test(t)),
      { numRuns: 3000 },
    );
  });
});
