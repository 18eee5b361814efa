// 日の出町's 施策 sheets: 「施策⑮」, a title, then 現状 / 施策概要 / 計画 with 令和5年度…令和9年度.
// The PDF conversion left each sheet in one of three shapes: a pipe table, a pipe table after text
// lines, or one cell per line (years first and stages after, or year, stage, year, stage …).
// Whatever the shape, the sheet becomes: 現状 text, 施策概要 text, and one plan row keeping each
// stage's year.
import type { Block } from './blocks.js';

export interface Sheet {
  marker: string; // 施策⑮
  title: string; // 書かない窓口
  line: number;
  fields: { label: string; text: string; line: number }[]; // 現状, 施策概要
  plan: { year: string; stage: string }[];
  planLine: number;
}

const SHEET_MARKER = /^施策[①-⑳]$/;
const YEAR = /^令和\d+年度$/;
const LABELS = new Set(['現状', '施策概要']);

export function isSheetStart(block: Block): boolean {
  if (block.kind === 'text') return SHEET_MARKER.test(block.text);
  const first = block.rows[0]?.cells.find(Boolean) ?? '';
  return SHEET_MARKER.test(first);
}

/** Blocks from a sheet marker up to (not including) `end`. */
export function parseSheet(blocks: Block[]): Sheet {
  const rows: { cells: string[]; line: number; table: boolean }[] = [];
  for (const b of blocks) {
    if (b.kind === 'text') rows.push({ cells: [b.text], line: b.line, table: false });
    else for (const r of b.rows) rows.push({ cells: r.cells, line: r.line, table: true });
  }
  const sheet: Sheet = { marker: '', title: '', line: rows[0]?.line ?? 0, fields: [], plan: [], planLine: 0 };
  let state: 'start' | 'field' | 'plan' = 'start';
  let field: Sheet['fields'][number] | undefined;
  let yearCols: { col: number; year: string }[] = [];
  const textTokens: string[] = []; // plan given one cell per line
  const stages = new Map<string, string[]>();
  const addStage = (year: string, stage: string) => stages.set(year, [...(stages.get(year) ?? []), stage]);

  for (const row of rows) {
    const cells = row.cells;
    const filled = cells.filter(Boolean);
    const first = filled[0] ?? '';
    if (filled.length === 0) continue;
    if (SHEET_MARKER.test(first)) {
      sheet.marker ||= first;
      continue;
    }
    const years = cells.map((c, col) => ({ col, year: c })).filter((c) => YEAR.test(c.year));
    if (first === '計画' || (years.length >= 2 && row.table)) {
      state = 'plan';
      sheet.planLine ||= row.line;
      if (years.length > 0) yearCols = years;
      continue;
    }
    if (LABELS.has(first)) {
      state = 'field';
      field = { label: first, text: filled.slice(1).join(' '), line: row.line };
      sheet.fields.push(field);
      continue;
    }
    if (state === 'start') {
      sheet.title ||= first;
    } else if (state === 'field' && field) {
      field.text = [field.text, filled.join(' ')].filter(Boolean).join('');
    } else if (state === 'plan') {
      if (row.table && yearCols.length > 0) {
        for (const { col, year } of yearCols) if (cells[col]) addStage(year, cells[col]!);
      } else {
        textTokens.push(...filled);
      }
    }
  }
  assignTextPlan(textTokens, addStage);
  sheet.plan = [...stages.entries()]
    .sort(([a], [b]) => yearNumber(a) - yearNumber(b))
    .map(([year, s]) => ({ year, stage: s.join('・') }));
  return sheet;
}

// Years listed first and stages after: stages go to the years in order. Otherwise a stage belongs
// to the year line above it.
function assignTextPlan(tokens: string[], add: (year: string, stage: string) => void): void {
  const years = tokens.filter((t) => YEAR.test(t));
  if (years.length === 0) return;
  const leadingYears = tokens.findIndex((t) => !YEAR.test(t));
  if (leadingYears >= 2 || leadingYears === -1) {
    tokens.slice(years.length).forEach((stage, i) => {
      const year = years[i];
      if (year && !YEAR.test(stage)) add(year, stage);
    });
    return;
  }
  let year = '';
  for (const t of tokens) {
    if (YEAR.test(t)) year = t;
    else if (year) add(year, t);
  }
}

function yearNumber(year: string): number {
  return Number(/\d+/.exec(year)?.[0] ?? 0);
}
