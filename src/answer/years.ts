// The point in time a question is about (「令和5年の時点で」「2024年度の実績」「令和6年6月末」) and whether a text
// gives a figure for it. A text stating another year's figure does not answer: the answer says the asked year is
// not stated (a figure of 令和6年6月末 is no answer to 「令和5年の保有率」).

/** A year (western, the fiscal or calendar year as written) and optionally its month; `onward`: 「令和8年度以降」. */
export interface AskedTime {
  year: number;
  month?: number;
  onward?: boolean;
  written: string; // as the question writes it (「令和5年」「2024年度」)
}

// An era year: 令和5, 令和元, R5, 平成30 (the era's number, then what makes it a year or the era is written out).
const ERA = /(令和|平成|(?<![a-z0-9])r)\s*(元|[0-9]{1,2})(?![0-9])/gi;
const WESTERN = /(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])/g;
const ERA_BASE: Record<string, number> = { 令和: 2018, 平成: 1988, r: 2018 };

interface Dated {
  year: number;
  month?: number;
  base: number; // the era's year 0 (2018 for 令和), 0 for a western year
  at: number; // where the year is written
  end: number; // where its mention ends (after 年, 年度, 月)
}

const MONTH_AFTER = /^\s*(?:\([0-9]{4}\)\s*)?年度?\s*([0-9]{1,2})\s*月/;

/** Every year a text names, with the month written right after it. */
function datesIn(text: string, questionOnly: boolean): Dated[] {
  const out: Dated[] = [];
  for (const m of text.matchAll(ERA)) {
    const era = m[1]!.toLowerCase();
    const after = text.slice(m.index + m[0].length);
    // In a question a bare 「R5」 is seldom a year; 「令和5」 is, with or without 年.
    if (era === 'r' && questionOnly && !/^\s*年/.test(after)) continue;
    const n = m[2] === '元' ? 1 : Number(m[2]);
    const month = MONTH_AFTER.exec(after)?.[1];
    out.push({
      year: ERA_BASE[era]! + n,
      ...(month ? { month: Number(month) } : {}),
      base: ERA_BASE[era]!,
      at: m.index,
      end: m.index + m[0].length,
    });
  }
  for (const m of text.matchAll(WESTERN)) {
    const after = text.slice(m.index + m[0].length);
    // A western year in brackets beside an era year (「令和7(2025)年度」) is the same year again.
    if (/^\s*\)/.test(after) && out.some((d) => d.end <= m.index && m.index - d.end <= 2)) continue;
    if (!/^\s*(?:年|\))/.test(after)) continue;
    const month = MONTH_AFTER.exec(after)?.[1];
    out.push({
      year: Number(m[1]),
      ...(month ? { month: Number(month) } : {}),
      base: 0,
      at: m.index,
      end: m.index + m[0].length,
    });
  }
  return out.sort((a, b) => a.at - b.at);
}

// Between two years of a text: a span (「令和4年度から令和8年度」「R5～R9」「令和4～8年度」).
const SPAN_BETWEEN = /^\s*(?:\([0-9]{4}\)\s*)?(?:年度?)?\s*(?:[〜～~\-－―ー]|から)\s*$/;
const SPAN_TAIL = /^\s*(?:\([0-9]{4}\)\s*)?(?:年度?)?\s*(?:[〜～~\-－―]|から)\s*([0-9]{1,2})\s*年/;

/** The years a text covers: those it names and every year of a span it gives. */
function yearsCovered(text: string): { dates: Dated[]; spans: [number, number][] } {
  const dates = datesIn(text, false);
  const spans: [number, number][] = [];
  for (let i = 0; i + 1 < dates.length; i++) {
    const a = dates[i]!;
    const b = dates[i + 1]!;
    if (b.year > a.year && SPAN_BETWEEN.test(text.slice(a.end, b.at))) spans.push([a.year, b.year]);
  }
  // 「令和4～8年度」: the second year without its era.
  for (const d of dates) {
    const tail = d.base ? SPAN_TAIL.exec(text.slice(d.end)) : null;
    if (!tail) continue;
    const end = d.base + Number(tail[1]);
    if (end > d.year) spans.push([d.year, end]);
  }
  return { dates, spans };
}

const ONWARD = /^\s*(?:年度?)?\s*(?:[0-9]{1,2}\s*月)?\s*(?:以降|以後|から先)/;

/** The one point in time a question is about, or null (none, or several: a span asked is no single year). */
export function askedTime(query: string): AskedTime | null {
  const dates = datesIn(query.normalize('NFKC'), true);
  const years = new Set(dates.map((d) => d.year));
  if (years.size !== 1) return null;
  const d = dates[0]!;
  const q = query.normalize('NFKC');
  const rest = q.slice(d.end);
  const unit = /^\s*(?:年度?\s*[0-9]{1,2}\s*月|年度|年)/.exec(rest)?.[0] ?? '';
  const written = (q.slice(d.at, d.end) + unit).replace(/\s+/g, '');
  return {
    year: d.year,
    ...(d.month ? { month: d.month } : {}),
    ...(ONWARD.test(rest) ? { onward: true } : {}),
    written,
  };
}

/** Why a text does not give the asked time, or null when it does (that year, a span over it, or a later one asked). */
export function timeMismatch(asked: AskedTime | undefined, text: string): string | null {
  if (!asked) return null;
  const { dates, spans } = yearsCovered(text.normalize('NFKC'));
  const fits = (d: Dated) =>
    asked.onward
      ? d.year >= asked.year
      : d.year === asked.year && (!asked.month || !d.month || d.month === asked.month);
  if (dates.some(fits)) return null;
  if (spans.some(([from, to]) => (asked.onward ? to >= asked.year : from <= asked.year && asked.year <= to)))
    return null;
  return `the time asked (${asked.written}) is not in the text`;
}

/** A topic term that is only a year (「令和6|r6」「2024」): no document need hold it for the topic to be known. */
export const isYearTerm = (term: string) =>
  /^(?:(?:令和|平成)[0-9]{1,2}(?:\|r[0-9]{1,2})?|(?:19|20)[0-9]{2})$/.test(term);
