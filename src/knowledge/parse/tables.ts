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
  for (const row of body) {
    const cells = [...row.cells];
    const filled = cells.filter(Boolean).length;
    if (filled === 0) continue;
    if (cells.length > 2 && filled === 1 && cells[0]) continue; // a caption squeezed into a row
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

const FORM_TITLE = /重.?点.?取.?組/;

/**
 * 西東京市's 重点取組 result sheets: a form (重点取組 / 所管課 / 概要 / 取組段階 / 目標 / 進捗内容 / 方向性)
 * whose OCR scattered words over arbitrary columns, so the column headers mean nothing. Such a table is
 * read row by row as text, under the sheet's name and department.
 */
export function isFormTable(rows: Row[]): boolean {
  const head = (rows[0]?.cells ?? []).join('');
  return FORM_TITLE.test(head) && /所管課/.test(head) && rows.length >= 3;
}

export interface FormTable {
  name: string; // 重点取組 1 マイナンバーカードの普及促進（所管課: 市民課）
  rows: { text: string; line: number }[];
}

export function formTable(rows: Row[]): FormTable {
  const head = rows[0]!.cells.filter(Boolean).join(' ');
  const afterTitle = head.replace(/^.*?重.?点.?取.?組\s*/, '');
  const [title = '', dept = ''] = afterTitle.split(/\s*所管課\s*/);
  const itemNo = rows
    .slice(1)
    .map((r) => r.cells[0] ?? '')
    .find((c) => /^\d{1,2}$/.test(c));
  const name = [`重点取組${itemNo ? ` ${itemNo}` : ''}`, joinFragments(title)].join(' ');
  const deptText = joinFragments(dept.replace(/[|Į!]+/g, ''));
  return {
    name: deptText ? `${name}（所管課: ${deptText}）` : name,
    rows: rows
      .slice(1)
      .map((r) => ({ text: joinFragments(r.cells.filter(Boolean).join(' ')), line: r.line }))
      .filter((r) => r.text !== ''),
  };
}

// OCR split words over cells: 「マイナンバーカ」「ードの」 → join without the space between Japanese.
function joinFragments(s: string): string {
  return s
    .replace(/(?<=[\u3040-\u30FF\u4E00-\u9FFF、。]) +(?=[\u3040-\u30FF\u4E00-\u9FFF])/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
