// The analytics panel's figures, summed from the state store's daily counters (never from logs) and the
// unanswered log: questions per day, answer kinds, fallback rate, top topics, top unanswered.
import type { MunicipalityId } from '../knowledge/index.js';
import { type DayStats, lastDays, type StateStore, type UnansweredEntry } from '../state/index.js';

export const PERIODS = [7, 30, 90] as const;
export type Period = (typeof PERIODS)[number];
export const KINDS = ['answer', 'route', 'fallback', 'clarify', 'greeting'] as const;
const TOP = 10;

export interface AnalyticsSummary {
  days: Period;
  municipality: MunicipalityId | 'none' | null; // null: overall
  from: string;
  to: string;
  total: number;
  unanswered: number;
  kinds: Record<string, number>;
  fallbackRate: number; // 0..1 of all questions
  perDay: DayStats[];
  topTopics: { topic: string; count: number }[];
  topUnanswered: { id: string; text: string; municipality: MunicipalityId | null; count: number }[];
}

export function parsePeriod(value: unknown): Period {
  const n = Number(value);
  return (PERIODS as readonly number[]).includes(n) ? (n as Period) : 30;
}

// ids: the snapshot's municipalities (no list of them lives in code)
export function parseScope(value: unknown, ids: readonly string[]): MunicipalityId | 'none' | null {
  if (value === 'none') return 'none';
  return typeof value === 'string' && ids.includes(value) ? (value as MunicipalityId) : null;
}

export async function summarize(
  state: Pick<StateStore, 'readStats' | 'listUnanswered'>,
  days: Period,
  municipality: MunicipalityId | 'none' | null,
  now: number,
): Promise<AnalyticsSummary> {
  const range = lastDays(days, now);
  const perDay = await state.readStats(range, municipality);
  const kinds: Record<string, number> = {};
  const topics = new Map<string, number>();
  let total = 0;
  let unanswered = 0;
  for (const d of perDay) {
    total += d.total;
    unanswered += d.unanswered;
    for (const [k, n] of Object.entries(d.kinds)) kinds[k] = (kinds[k] ?? 0) + n;
    for (const [t, n] of Object.entries(d.topics)) topics.set(t, (topics.get(t) ?? 0) + n);
  }
  const since = now - days * 24 * 60 * 60 * 1000;
  const open: UnansweredEntry[] = await state.listUnanswered(TOP, 'frequent', {
    since,
    ...(municipality ? { municipality } : {}),
  });
  return {
    days,
    municipality,
    from: range[0] ?? '',
    to: range.at(-1) ?? '',
    total,
    unanswered,
    kinds,
    fallbackRate: total ? (kinds['fallback'] ?? 0) / total : 0,
    perDay,
    topTopics: [...topics]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, TOP)
      .map(([topic, count]) => ({ topic, count })),
    topUnanswered: open.map((e) => ({ id: e.id, text: e.text, municipality: e.municipality, count: e.count })),
  };
}
