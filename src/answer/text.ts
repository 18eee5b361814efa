// Sentence handling for extractive answers: split, score, trim to whole sentences within a budget.

// A 。 inside brackets (「…という。」) does not end the sentence.
const SENTENCE_END = /(?<=[。！？!?])(?![）)」』】])|\n+/;

export function splitSentences(text: string): string[] {
  return text
    .split(SENTENCE_END)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Whole sentences from the start of `text` that fit in `max` characters (at least the first, cut with …). */
export function trimToSentences(text: string, max: number): string {
  if (text.length <= max) return text;
  const parts = splitSentences(text);
  let out = '';
  for (const p of parts) {
    if ((out + p).length > max) break;
    out += p;
  }
  if (out) return out;
  return `${text.slice(0, Math.max(0, max - 1))}…`;
}

/** A key for comparing terms loosely: NFKC, lower-case, letters and digits only, long vowels dropped. */
export function looseKey(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '')
    .replace(/ー/g, '');
}

// A count of items (「3つの」「5か条」「十項目の」), the number in group 1.
export const COUNTED_ITEMS = /([0-9０-９一二三四五六七八九十]+)\s*(?:つ|本|個|項目|点|か条|箇条|分野|本柱)/;

// A date, or a span of time (「1年とします」「3か年」「6か月間」 answer 「期間は」).
export const DATE_CUE =
  /令和|平成|昭和|[0-9]{4}年|年度|[0-9]+月|r[0-9]|から|まで|[0-9]{1,2}\s*(?:年間?|[かカヶケ]年|[かカヶケ]月)/i;
// What a time question asks: when something starts, when it ends, or how long it runs.
export type TimeAspect = 'start' | 'end' | 'period';
export function timeAspect(query: string): TimeAspect | null {
  if (/いつまで|まで(?:です|なの|か)?[?？]?$|何年度?まで|期限|終わる|終了/.test(query)) return 'end';
  if (/いつから|から始|開始|始まる|始める|はじまる/.test(query)) return 'start';
  if (/期間|何年間|スケジュール/.test(query)) return 'period';
  return null;
}
// The words that answer each aspect (「2026(令和8)年度までとします」「計画期間は…」).
export const ASPECT_CUE: Record<TimeAspect, RegExp> = {
  end: /まで|期限|終了/,
  start: /から|開始|始/,
  period: /期間|年間|[かカヶケ]年/,
};

// Organizations and contacts (担当課, 本部, 住所 …); 部 only as the end of a name, not inside 外部・全部.
export const ORG_CUE =
  /課|室|係|局|本部|部会|[^外全一内]部(?![分門])|委員会|役場|市役所|住所|電話|〒|[0-9]{2,4}-[0-9]{2,4}-[0-9]{3,4}/;
// Who holds a role: a named office (副市長) answers 「誰」 better than a generic role word (責任者).
export const PERSON_TITLE = /副?市長|副?町長|副?区長|知事|教育長/;
export const ROLE_CUE = /責任者|本部長|部長|課長|補佐官|担って|担う|務め/;
/課|室|係|部|担当|局|本部|委員会|役場|市役所|長|責任者|担って|担う|務め|住所|電話|〒|[0-9]{2,4}-[0-9]{2,4}-[0-9]{3,4}/;

/** A figure with its unit, or a filled-in target/actual cell of a KPI row. */
export const FIGURE_CUE =
  /[0-9][0-9,.]*\s*(件|%|％|人|名|施設|拠点|箇所|か所|カ所|校|回|円|万|億|割|データセット|手続|事業|台|枚|個|項目|桁|倍|歳|社|団体|ポイント)|(目標値|実績値|達成率|目標|実績)\s*[:：]?\s*[0-9]/;

/**
 * KPI rows give the unit in its own column (「目標値: 50 / 単位: 件 / 実績値: 5」); residents expect 「5件」.
 * Attach the unit to the figure cells of such a row, leaving every other cell as the document has it.
 */
export function attachUnits(row: string): string {
  const unit = /(?:^|\/\s*)単位\s*:\s*([^/\s]+)\s*(?:\/|$)/.exec(row)?.[1];
  if (!unit || /[0-9]/.test(unit)) return row;
  return row.replace(/((?:目標|実績|現状|基準)[^:/]{0,4}\s*:\s*)([0-9][0-9,.]*)(\s*)(?=\/|$)/g, `$1$2${unit}$3`);
}
