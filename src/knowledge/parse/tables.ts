// A table → one self-contained text per row: 「重点取組: 行政手続のオンライン化 / 目標値: 150 / …」.
// Empty spacer columns are dropped, a group column left empty under a merged cell is filled down,
// and the row keeps its column headers so a row read alone still says what each number means.
import type { Row } from './blocks.js';

export interface TableRowText {
  text: string;
  line: number;
  name: string; // the row's name (first non-empty cell), repeated when a long row is split
}

export function tableRowTexts(rows: Row[]): TableRowText[] {
  if (rows.length === 0) return [];
  const width = Math.max(...rows.map((r) => r.cells.length));
  const used = Array.from({ length: width }, (_, c) => rows.some((r) => (r.cells[c] ?? '') !== ''));
  const keep = (cells: string[]) => cells.map((c, i) => (used[i] ? c : null)).filter((c): c is string => c !== null);
  const [first, ...rest] = rows;
  let headers = keep(padTo(first!.cells, width));
  let body = rest.map((r) => ({ ...r, cells: keep(padTo(r.cells, width)) }));
  if (headers.every((h) => h === '')) headers = [];
  // A second header line that only names the first column (「項目」 under 「年度(取組個数)」).
  const sub = body[0];
  if (headers.length > 2 && sub && sub.cells[0] && sub.cells.slice(1).every((c) => c === '')) {
    headers[0] = sub.cells[0];
    body = body.slice(1);
  }
  const out: TableRowText[] = [];
  let group = '';
  let name = '';
  // 「柱 | 取組名 | 概要 …」: a row whose group and name cells are both empty goes on with the measure above it
  // (小金井市's 「市民のデジタル環境向上への寄与」 and, below it, its 「高齢者を対象とするスマートフォン講座」).
  const named = headers.length > 3 && NAME_HEADER.test(headers[1] ?? '');
  for (const row of body) {
    const cells = [...row.cells];
    const filled = cells.filter(Boolean).length;
    if (filled === 0) continue;
    if (cells.length > 2 && filled === 1 && cells[0]) continue; // a caption squeezed into a row
    if (named) {
      if (cells[0] || cells[1]) name = cells[1] ?? '';
      else if (name && filled >= 2) cells[1] = name;
    }
    if (cells[0]) group = cells[0];
    else if (group && cells.length > 2 && filled >= 2) cells[0] = group;
    const parts: string[] = [];
    cells.forEach((cell, i) => {
      if (!cell) return;
      const h = headers[i] ?? '';
      parts.push(h && h !== cell ? `${h}: ${cell}` : cell);
    });
    out.push({ text: parts.join(' / '), line: row.line, name: cells.find(Boolean) ?? '' });
  }
  return out;
}

// A column header naming the measure of each row.
const NAME_HEADER = /^(?:取組名|取組|事業名|施策名|項目名)$/;

function padTo(cells: string[], width: number): string[] {
  return cells.length >= width ? cells : [...cells, ...Array<string>(width - cells.length).fill('')];
}

/** A table of contents: every row alternates page numbers and titles (小金井市's 2-column contents). */
export function isContentsTable(rows: Row[]): boolean {
  if (rows.length < 3) return false;
  return rows.every((r) => {
    const cells = r.cells.filter(Boolean);
    return (
      cells.length >= 2 &&
      cells.some((c) => /^\d{1,3}$/.test(c)) &&
      cells.every((c) => /^\d{1,3}$/.test(c) || /[^\d\s]/.test(c)) &&
      !cells.some((c) => /^[\d,.%]+$/.test(c) && !/^\d{1,3}$/.test(c))
    );
  });
}
