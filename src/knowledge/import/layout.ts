// Words with their boxes (poppler's `pdftotext -bbox-layout`) → seed text: one line per printed line,
// tables as Markdown pipe tables (the seeds' own format), cells found by the gaps between words.
// `pdftotext -layout` alone pads columns with spaces counted in half-width characters, and a table cell
// of Japanese text wide enough to reach the next column leaves a single space: the columns are lost.

export interface Word {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  text: string;
}

export interface PageWords {
  width: number;
  height: number;
  words: Word[];
}

interface Cell {
  x0: number;
  x1: number;
  text: string;
}

interface Line {
  y0: number;
  y1: number;
  cells: Cell[];
}

// Tuning, in em (the line's median character width).
const LAYOUT = {
  sameLine: 0.4, // words whose tops differ by less than this share of their height are on one line
  cellGap: 0.9, // a gap at least this wide separates two table cells
  wordGap: 0.15, // a narrower gap joins two words without a space (Japanese has none)
} as const;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e] ?? m;
  });
}

/** poppler's -bbox-layout XHTML → the words of each page (poppler writes one attribute order only). */
export function parseBboxXhtml(xhtml: string): PageWords[] {
  const pages: PageWords[] = [];
  const pageRe = /<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g;
  const wordRe = /<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([\s\S]*?)<\/word>/g;
  for (const page of xhtml.matchAll(pageRe)) {
    const words: Word[] = [];
    for (const w of (page[3] ?? '').matchAll(wordRe)) {
      const text = decodeEntities(w[5] ?? '').trim();
      if (text) words.push({ x0: Number(w[1]), y0: Number(w[2]), x1: Number(w[3]), y1: Number(w[4]), text });
    }
    pages.push({ width: Number(page[1]), height: Number(page[2]), words });
  }
  return pages;
}

// Width of a character in em: full-width (CJK, kana, full-width forms) 1, everything else 0.5.
function units(text: string): number {
  let n = 0;
  for (const ch of text)
    n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
      ? 1
      : 0.5;
  return n;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : 0;
}

function groupLines(words: Word[]): { words: Word[]; y0: number; y1: number }[] {
  const sorted = [...words].sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
  const lines: { words: Word[]; y0: number; y1: number }[] = [];
  for (const w of sorted) {
    const h = w.y1 - w.y0;
    const line = lines.at(-1);
    if (line && Math.abs(w.y0 - line.y0) < LAYOUT.sameLine * Math.max(h, line.y1 - line.y0)) {
      line.words.push(w);
      line.y1 = Math.max(line.y1, w.y1);
    } else {
      lines.push({ words: [w], y0: w.y0, y1: w.y1 });
    }
  }
  for (const l of lines) l.words.sort((a, b) => a.x0 - b.x0);
  return lines;
}

function toCells(words: Word[]): Cell[] {
  const em = median(words.map((w) => (w.x1 - w.x0) / Math.max(0.5, units(w.text)))) || 1;
  const cells: Cell[] = [];
  for (const w of words) {
    const last = cells.at(-1);
    const gap = last ? w.x0 - last.x1 : Number.POSITIVE_INFINITY;
    if (!last || gap >= LAYOUT.cellGap * em) {
      cells.push({ x0: w.x0, x1: w.x1, text: w.text });
      continue;
    }
    last.text += gap >= LAYOUT.wordGap * em ? ` ${w.text}` : w.text;
    last.x1 = w.x1;
  }
  return cells;
}

const overlap = (a: { x0: number; x1: number }, b: { x0: number; x1: number }) =>
  Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);

// The columns of a table run: the spans of the cells of its widest rows, merged position by position.
function columnsOf(rows: Line[]): { x0: number; x1: number }[] {
  const width = Math.max(...rows.map((r) => r.cells.length));
  const cols = Array.from({ length: width }, () => ({ x0: Number.POSITIVE_INFINITY, x1: Number.NEGATIVE_INFINITY }));
  for (const r of rows) {
    if (r.cells.length !== width) continue;
    r.cells.forEach((c, i) => {
      cols[i]!.x0 = Math.min(cols[i]!.x0, c.x0);
      cols[i]!.x1 = Math.max(cols[i]!.x1, c.x1);
    });
  }
  return cols;
}

function columnOf(cell: Cell, cols: { x0: number; x1: number }[]): number {
  let best = 0;
  let bestScore = Number.NEGATIVE_INFINITY;
  cols.forEach((c, i) => {
    const score = overlap(cell, c) - Math.abs(cell.x0 - c.x0) * 0.01;
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  });
  return best;
}

const pipeCell = (s: string) => s.replace(/\|/g, '｜').trim();

function renderTable(rows: Line[]): string[] {
  const cols = columnsOf(rows);
  const out: string[] = [];
  rows.forEach((r, i) => {
    const cells = cols.map(() => '');
    for (const c of r.cells) {
      const k = columnOf(c, cols);
      cells[k] = cells[k] ? `${cells[k]} ${c.text}` : c.text;
    }
    out.push(`| ${cells.map(pipeCell).join(' | ')} |`);
    if (i === 0) out.push(`|${cols.map(() => '---').join('|')}|`);
  });
  return out;
}

const MAX_EMPTY_ROWS = 3;

function emptyRowsAhead(lines: Line[], from: number, run: Line[]): number {
  if (run.length < 2) return 0;
  const pitch = median(run.slice(1).map((r, k) => r.y0 - run[k]!.y0));
  const cols = columnsOf(run);
  let k = from;
  while (k < lines.length && k - from < MAX_EMPTY_ROWS) {
    const l = lines[k]!;
    const prevY = (k === from ? run.at(-1)! : lines[k - 1]!).y0;
    if (l.y0 - prevY > pitch * 1.6) return 0;
    if (l.cells.length >= 2) return k - from;
    if (l.cells.length !== 1 || columnOf(l.cells[0]!, cols) !== 0 || l.cells[0]!.x0 < cols[0]!.x0 - 2) return 0;
    k++;
  }
  return 0;
}

/** One page's words → seed text lines: prose lines as they are printed, tables as pipe tables. */
export function layoutPage(page: PageWords): string[] {
  const lines: Line[] = groupLines(page.words).map((l) => ({ y0: l.y0, y1: l.y1, cells: toCells(l.words) }));
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.cells.length < 2) {
      out.push(line.cells.map((c) => c.text).join(' '));
      i++;
      continue;
    }
    // A table: this row, every following row of two or more cells, and the one-cell rows that continue a
    // cell of a later column (a wrapped definition).
    const run: Line[] = [line];
    let j = i + 1;
    while (j < lines.length) {
      const next = lines[j]!;
      if (next.cells.length >= 2) {
        run.push(next);
        j++;
        continue;
      }
      const cols = columnsOf(run);
      if (next.cells.length === 1 && columnOf(next.cells[0]!, cols) > 0) {
        run.push(next);
        j++;
        continue;
      }
      // A term whose definition the document left empty: one cell in the first column, with more rows of
      // the table right below it at the table's own row pitch.
      const gap = emptyRowsAhead(lines, j, run);
      if (gap === 0) break;
      run.push(...lines.slice(j, j + gap));
      j += gap;
    }
    out.push('', ...renderTable(run), '');
    i = j;
  }
  return out;
}
