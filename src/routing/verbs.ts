// What the verbs of a procedure inquiry say, read from the analyzer's tokens by reading, so that a verb spelt in
// kanji or in kana (「申し込める」「もうしこめる」「払えますか」「はらえる？」) is one rule, not one regex per spelling.
import type { Token } from '../analysis/index.js';

// Verbs a procedure is done with, in their potential form (可能動詞), by the reading of their stem (the 一段 verb's
// form before る/れ/ろ): 「払えますか」 reads ハラエ, 「はらえる」 ハラエル — both ハラエ + at most one kana.
export const POTENTIAL_STEMS: readonly { stem: string; why: string }[] = [
  { stem: 'ハラエ', why: '払える: pay (a fee, a tax)' },
  { stem: 'トレ', why: '取れる: obtain (a certificate)' },
  { stem: 'ダセ', why: '出せる: hand in (a notification)' },
  { stem: 'モウシコメ', why: '申し込める: apply' },
  { stem: 'モラエ', why: 'もらえる: receive (a certificate, a consultation)' },
  { stem: 'タノメ', why: '頼める: ask (someone to fill in a form)' },
];

// Procedure verbs whose potential is the suffix られる (「受けられますか」), by the reading of the verb before it; another
// verb with られる (「ネットで見られる？」) asks whether something can be seen, not whether a procedure can be done.
export const SUFFIXED_STEMS: readonly { stem: string; why: string }[] = [
  { stem: 'ウケ', why: '受けられる: receive (a consultation, a service)' },
  { stem: 'トドケデ', why: '届け出られる: notify' },
];

// Verbs of knowing and asking: 「知りたい」「聞きたい」「教えてほしい」 wish to be told, not to do a procedure. By the
// reading of the verb as written (知り → シリ); the 五段 ones with the row of their ending, so that another verb
// sharing the first kana (しかる, きる) is not one of them.
export const KNOWING: readonly { reading: RegExp; why: string }[] = [
  { reading: /^シ[リルラ]$/, why: '知る (知りたい): to know' },
  { reading: /^キ[キクカ]$/, why: '聞く (聞きたい): to hear, to ask' },
  { reading: /^オシエ(?:ル)?$/, why: '教える (教えてほしい、教えてもらいたい): to be told' },
  { reading: /^ワカ[リルラ]$/, why: '分かる (分かりたい): to understand' },
];

const readingOf = (t: Token) => t.reading ?? '';

/** A verb in a potential form of a procedure verb (「申し込める」「払えますか」「とれる」), or followed by れる/られる. */
export function isPotentialVerb(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i];
  // 「作ってもらえる？」: もらえる after the verb is its own token (非自立) and asks the same
  if (t?.pos !== '動詞' || t.pos1 === '接尾') return false;
  const reading = readingOf(t);
  if (POTENTIAL_STEMS.some(({ stem }) => reading.startsWith(stem) && reading.length <= stem.length + 1)) return true;
  // 「受けられますか」「届け出られる」: the potential suffix after a procedure verb
  const next = tokens[i + 1];
  const suffixed = next?.pos === '動詞' && next.pos1 === '接尾' && (next.basic === 'られる' || next.basic === 'れる');
  return suffixed && SUFFIXED_STEMS.some(({ stem }) => reading === stem);
}

/** The procedure verbs asked in a potential form (「払えますか」 → 払え, 払える): how the question asks, not what about. */
export const abilityVerbs = (tokens: readonly Token[]): string[] => [
  ...new Set(tokens.flatMap((t, i) => (isPotentialVerb(tokens, i) ? [t.surface, t.basic] : []))),
];

// What follows a verb of knowing and makes it a wish: 〜たい, 〜てほしい, 〜てもらいたい, 〜ていただきたい.
const WISH_AFTER = new Set(['たい', 'ほしい', '欲しい']);
const BETWEEN = new Set(['て', 'もらう', 'いただく', '頂く']);

/**
 * The spans of the text that wish to know (「達成率も知りたい」「詳しく教えてほしい」): a verb of knowing and the 〜たい
 * or 〜ほしい after it, as [start, end) offsets in the text the tokens were read from.
 */
export function knowingWishes(tokens: readonly Token[]): [number, number][] {
  const spans: [number, number][] = [];
  tokens.forEach((t, i) => {
    if (t.pos !== '動詞' || !KNOWING.some((k) => k.reading.test(readingOf(t)))) return;
    let j = i + 1;
    while (tokens[j] && BETWEEN.has(tokens[j]!.basic)) j++;
    const wish = tokens[j];
    if (wish && WISH_AFTER.has(wish.basic)) spans.push([t.start, wish.start + wish.surface.length]);
  });
  return spans;
}

/**
 * Whether the text wishes to do something with 〜たい (「取りたい」「書きたくない」「払いたかった」): the auxiliary たい by
 * its tokens, not the letters た・い (「みたいな」「ぐらいたいへん」), and not a wish to be told (knowingWishes).
 */
export function wishesTo(tokens: readonly Token[]): boolean {
  const told = knowingWishes(tokens);
  return tokens.some(
    (t) => t.pos === '助動詞' && t.basic === 'たい' && !told.some(([start, end]) => t.start >= start && t.start < end),
  );
}

// Words of hardship, by reading, so that kana and kanji are one rule (「めんどう」「面倒」「めんどくさい」「面倒くさい」):
// a resident who finds a procedure a burden asks for an easier way to do it.
export const HARDSHIPS: readonly { reading: RegExp; why: string }[] = [
  { reading: /^メンド(?:ウ)?(?:クサ)?/, why: '面倒・めんどくさい: a bother' },
  { reading: /^タイヘン$/, why: '大変: hard work' },
  { reading: /^ツラ[イクカ]?$/, why: 'つらい: hard to bear' },
  { reading: /^シンド/, why: 'しんどい: exhausting' },
  { reading: /^ワズラワシ/, why: '煩わしい: troublesome' },
  { reading: /^コマ[ッルリラ]$/, why: '困る (困ってる): in trouble' },
  { reading: /^イヤ$/, why: '嫌: unwilling' },
];
// Adverbs asking for a remedy before ならない/して: 「どうにかならない？」「なんとかしてほしい」.
const REMEDY_ADVERBS = new Set(['ドウニカ', 'ナントカ']);
const REMEDY_VERBS = new Set(['なる', 'する']);

const isHardship = (t: Token) =>
  (t.pos === '形容詞' || t.pos === '名詞' || t.pos === '動詞') && HARDSHIPS.some((h) => h.reading.test(readingOf(t)));

/** Whether the text finds a procedure a burden (「書くのがめんどう」) or asks for a remedy (「どうにかならない？」). */
export function complains(tokens: readonly Token[]): boolean {
  return tokens.some(
    (t, i) => isHardship(t) || (REMEDY_ADVERBS.has(readingOf(t)) && REMEDY_VERBS.has(tokens[i + 1]?.basic ?? '')),
  );
}

// A verb of writing (書く, 記入する), as the tokens read it: 「書かされる」「書くのが」.
const isWriting = (t: Token) => (t.pos === '動詞' && t.basic === '書く') || t.basic === '記入';
// How far after the verb of writing its hardship may come (「書くのがめんどう」: の, が, then the word).
const HARDSHIP_REACH = 4;

/** Whether writing is what the text finds a burden (「書くのがめんどくさい」「書かされるの、なんとかならない？」). */
export function complainsOfWriting(tokens: readonly Token[]): boolean {
  return tokens.some((t, i) => isWriting(t) && complains(tokens.slice(i + 1, i + 1 + HARDSHIP_REACH + 2)));
}
