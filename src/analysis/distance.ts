// Edit distances for the typo rule (respell.ts): Lucene's FuzzyQuery count, and the same count in half edits
// where a katakana slip of mora length costs half (how residents mistype loanwords: a ー or small ッ dropped or
// doubled, a small kana typed full size).

/**
 * Edit distance with transpositions (optimal string alignment, as Lucene's FuzzyQuery counts by default:
 * 「マイナポタール」 is one edit from マイナポータル), or max + 1 as soon as it must exceed max.
 */
export function boundedEditDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, before[j - 2]! + 1);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    before = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

/** An edit, and a slip of mora length, in half edits. */
export const EDIT = 2;
export const MORA_SLIP = 1;

// A small kana and its full-size twin: 「ブロックチエーン」 for ブロックチェーン, 「キヤッシュレス」 for キャッシュレス.
const FULL_SIZE: Record<string, string> = {
  ァ: 'ア',
  ィ: 'イ',
  ゥ: 'ウ',
  ェ: 'エ',
  ォ: 'オ',
  ッ: 'ツ',
  ャ: 'ヤ',
  ュ: 'ユ',
  ョ: 'ヨ',
  ヮ: 'ワ',
  ヵ: 'カ',
  ヶ: 'ケ',
};
// The marks of a mora's length: one dropped or doubled is a slip (カーボンオフセト, セキュリティーポリシー).
const LENGTH_MARKS = new Set(['ー', 'ッ']);

const indel = (c: string, edit: number) => (LENGTH_MARKS.has(c) ? MORA_SLIP : edit);
const substitution = (a: string, b: string, edit: number) =>
  a === b ? 0 : FULL_SIZE[a] === b || FULL_SIZE[b] === a ? MORA_SLIP : edit;

/**
 * boundedEditDistance in half edits (EDIT each), where inserting or dropping ー or ッ and writing a small kana full
 * size cost half an edit: 「カボンオフセト」 is one edit from カーボンオフセット (two slips), 「オムニチャンネル」 one from
 * オムニチャネル (a ン inserted). Returns max + 1 as soon as the cost must exceed max. `edit` prices an edit other than
 * a slip (above max: slips only, a spelling variant of the same word).
 */
export function moraEditCost(a: string, b: string, max: number, edit = EDIT): number {
  if (Math.abs(a.length - b.length) * MORA_SLIP > max) return max + 1;
  let before: number[] = [];
  let prev = [0];
  for (let j = 1; j <= b.length; j++) prev.push(prev[j - 1]! + indel(b[j - 1]!, edit));
  for (let i = 1; i <= a.length; i++) {
    const ca = a[i - 1]!;
    const cur = [prev[0]! + indel(ca, edit)];
    let rowMin = cur[0]!;
    for (let j = 1; j <= b.length; j++) {
      const cb = b[j - 1]!;
      let v = Math.min(
        prev[j]! + indel(ca, edit),
        cur[j - 1]! + indel(cb, edit),
        prev[j - 1]! + substitution(ca, cb, edit),
      );
      if (i > 1 && j > 1 && ca === b[j - 2] && a[i - 2] === cb && ca !== cb) v = Math.min(v, before[j - 2]! + edit);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    before = prev;
    prev = cur;
  }
  return prev[b.length]! > max ? max + 1 : prev[b.length]!;
}
