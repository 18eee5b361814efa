// The counter a count question names (「何人」「何市目」「何年後」) and the figure that answers it: read by the sentence
// ranking (extract.ts) and by validation alike, so a quote chosen for its counter is the one validation accepts.
import { COUNTERS } from '../analysis/index.js';
import { escapeRegExp } from './text.js';

// The counters of a list's items (「5か条」「3本の柱」「重点16項目」「3つの考え方」).
const ITEM_COUNTERS = '個|つ|項目|か条|ヶ条|箇条|本|点|分野';
// Counters that name the same thing (「何人」 is answered by 「120名」).
const SAME_COUNTER: Record<string, string> = {
  人: '人|名',
  名: '人|名',
  か所: 'か所|カ所|ヶ所|箇所',
  箇所: 'か所|カ所|ヶ所|箇所',
  // 「何個」「いくつ」 count things of any kind: a list's own counter answers (「5か条」「3本の柱」「16項目」「3つ」)
  個: ITEM_COUNTERS,
  つ: ITEM_COUNTERS,
};
// 「なん人」: the counter asked in kana as well (何 read なん). After 何, a kanji noun of one or two characters (何業務,
// 何市目) or a whole katakana word (何システム, not シス).
const ASKED_COUNTER = new RegExp(`(?:何|なん)\\s*(${COUNTERS})|(件|人|回)数|何\\s*([一-龥]{1,2}|[ァ-ヶー]{2,})`);

/** The counter a count question names (「何人」 → 人, 「件数」 → 件, 「何業務」 → 業務), or null. */
export function askedCounter(query: string): string | null {
  const m = ASKED_COUNTER.exec(query);
  return m ? (m[1] ?? m[2] ?? m[3] ?? null) : null;
}

// The nouns a number may head before its counter inside one compound, written right after it (「基幹系20業務システム」:
// 20 of 業務システム); not a date's (「2025年度件数」 counts nothing in 年度), nor a numbered item's (「3 情報システム」).
const COMPOUND_HEAD = '(?![年月日時度])[一-龥々ァ-ヶー]{1,4}?';

/**
 * A number with the counter (or one naming the same thing), as a word of its own or inside a compound it heads:
 * 「4市目」 for 市目, 「120名」 for 人, 「20業務システム」 for システム.
 */
export function countedFigure(counter: string): RegExp {
  const same = SAME_COUNTER[counter] ?? counter;
  return new RegExp(`(?<![0-9,.])[0-9][0-9,.]*(?:\\s*(?:${same})|${COMPOUND_HEAD}(?:${same}))`);
}

// A number heading a compound noun: the compound (「20業務システム」 → 業務システム).
const HEADED = /(?<![0-9,.])[0-9][0-9,.]*((?![年月日時度])[一-龥々ァ-ヶーa-z]{1,12})/g;

/**
 * Whether the text gives a number of one of the nouns asked about, heading a compound that holds it (「基幹系20業務
 * システム」 for 「システムはいくつ」): a figure though no counter of the table follows it.
 */
export function nounFigure(text: string, terms: readonly string[]): boolean {
  // each alternative of a synonym term (「a|b」) is a noun that may be counted
  const wanted = terms.flatMap((t) => t.split('|')).filter((n) => n.length >= 2);
  if (!wanted.length) return false;
  for (const m of text.matchAll(HEADED)) if (wanted.some((n) => m[1]!.includes(n))) return true;
  return false;
}

const KNOWN = new Set(COUNTERS.split('|'));
// 「何個」「何つ」 count things of any kind: the counter names none of them.
const THING_COUNTERS = new Set(['個', 'つ']);

/**
 * The query without a counter it asks by that only a number carries (「何市目」「何年後」): 市 and 目 say what is asked,
 * not what about (nor do 個, つ, which count anything). A counter of the table (件, 拠点) stays: the documents name the thing counted by it too
 * (「受付件数」「拠点数」), which is the topic.
 */
export function withoutCounter(query: string): string {
  const counter = askedCounter(query);
  if (!counter || (KNOWN.has(counter) && !THING_COUNTERS.has(counter)) || !/何/.test(query)) return query;
  return query.replace(new RegExp(`何\\s*${escapeRegExp(counter)}`), ' ');
}

// 「全部で何人いるの」「職員の総数は」: how many there are in all.
const TOTAL_ASKED = /全部で|全体で|合計|総数|総勢|(?:何|なん)(?:人|名)(?:くらい|ぐらい|ほど)?(?:い(?:る|ます)|在籍)/;
// A figure of people who did something (「約120名の職員が回答しました」): those who took part, not all there are.
const PARTICIPANTS =
  /[0-9][0-9,.]*\s*(?:人|名)(?:の[一-龥ァ-ヶー]{1,8})?(?:が|は|も)?[^。、]{0,6}?(?:回答|参加|受講|出席|応募|利用|登録|申請)/g;
const PEOPLE = /[0-9][0-9,.]*\s*(?:人|名)/g;

/**
 * Why a text's figure does not give the total a question asks (「全部で何人」), or null: every figure of people in
 * it counts those who took part in something (回答, 参加, 受講) that the question does not name.
 */
export function participantsOnly(query: string, text: string): string | null {
  if (!TOTAL_ASKED.test(query)) return null;
  const people = text.match(PEOPLE)?.length ?? 0;
  const took = [...text.matchAll(PARTICIPANTS)].filter(
    (m) => !query.includes(m[0].replace(/^.*?(回答|参加|受講|出席|応募|利用|登録|申請)$/, '$1')),
  );
  return people > 0 && took.length >= people
    ? 'the figure counts those who took part in something, not the total asked'
    : null;
}
