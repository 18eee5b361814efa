// Numbers and fiscal years as printed in the seeds: 「205,805」「77.5%」「約40%」「R5」「2023(R5)年度」「令和5年度」.
import type { Amount } from './types.js';

const NUMBER = /(約)?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(%|％|[^\d\s/、。,（）()]{0,6})/;

/** The first number in a cell, with the unit printed after it (or the given unit). */
export function parseAmount(cell: string | undefined, unit?: string): Amount | undefined {
  if (!cell) return undefined;
  const m = NUMBER.exec(cell);
  if (!m) return undefined;
  const value = Number(m[2]!.replace(/,/g, ''));
  if (!Number.isFinite(value)) return undefined;
  const printed = normalizeUnit(m[3] ?? '');
  const u = printed || unit || undefined;
  return { value, ...(u ? { unit: u } : {}), text: `${m[1] ?? ''}${m[2]}${u ?? ''}` };
}

function normalizeUnit(u: string): string {
  if (u === '％') return '%';
  // a unit is a short counter word: 枚, 件, 人, 拠点, 箇所, データセット, 回, %
  return /^(?:%|[\u3040-\u30FF\u4E00-\u9FFF]{1,6})$/.test(u) ? u.replace(/^(?:近く|程度).*$/, '') : '';
}

/** 「R5」「令和5年度」「2023(R5)年度」「2023年度 (令和5年度)」「R5(16個)」 → 2023; undefined when no year. */
export function fiscalYearOf(label: string): number | undefined {
  const s = label.replace(/\s+/g, '');
  const reiwa = /(?:令和|R)(\d{1,2})(?!\d)/.exec(s);
  if (reiwa) return 2018 + Number(reiwa[1]);
  const western = /(20\d{2})(?:年度|\()/.exec(s);
  if (western) return Number(western[1]);
  return undefined;
}

export function reiwaLabel(fiscalYear: number): string {
  return `令和${fiscalYear - 2018}年度`;
}
