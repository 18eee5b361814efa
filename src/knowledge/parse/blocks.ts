// Seed text → blocks: single text lines and tables (Markdown pipe or tab-separated), each with its
// 1-based line. Blank lines, page numbers and image placeholders are dropped here.
import { cleanDisplay } from '../normalize.js';

export interface Row {
  cells: string[]; // cleaned cell texts, empty string for an empty cell (positions matter)
  line: number;
  header?: boolean; // followed by a |---| separator
}

export type Block =
  | { kind: 'text'; text: string; line: number; afterBlank: boolean }
  | { kind: 'table'; format: 'pipe' | 'tab'; rows: Row[]; line: number };

// A |---|:--:| line. Written as /^\|?[\s:|-]*-{2,}[\s:|-]*$/ it backtracks cubically on a long run of
// dashes that ends in another character (123 ms for 800 dashes); this is the same test in one pass.
const SEPARATOR_CHARS = /^[\s:|-]*$/;
export function isPipeSeparator(trimmed: string): boolean {
  return trimmed.includes('--') && SEPARATOR_CHARS.test(trimmed);
}
const PAGE_NUMBER = /^[-–—\s]*\d{1,3}[-–—\s]*$/;
const IMAGE_PLACEHOLDER =
  /^(?:<!--\s*image\s*-->|\[(?:image|画像|図)\]|!\[[^\]]*\]\([^)]*\)|※?画像はイメージです。?)$/i;

export function splitBlocks(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let afterBlank = true;
  let table: Extract<Block, { kind: 'table' }> | null = null;
  const endTable = () => {
    if (table) blocks.push(table.rows.length === 1 && table.format === 'tab' ? rowAsText(table) : table);
    table = null;
  };
  lines.forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (trimmed.startsWith('|')) {
      if (table?.format !== 'pipe') {
        endTable();
        table = { kind: 'table', format: 'pipe', rows: [], line };
      }
      if (isPipeSeparator(trimmed)) {
        const last = table.rows.at(-1);
        if (last) last.header = true;
      } else {
        table.rows.push({ cells: splitPipeRow(trimmed), line });
      }
      afterBlank = false;
      return;
    }
    if (raw.includes('\t') && trimmed !== '') {
      if (table?.format !== 'tab') {
        endTable();
        table = { kind: 'table', format: 'tab', rows: [], line };
      }
      table.rows.push({ cells: trimEnd(raw.split('\t').map(cleanCell)), line });
      afterBlank = false;
      return;
    }
    endTable();
    const text = cleanDisplay(raw);
    if (text === '' || PAGE_NUMBER.test(text) || IMAGE_PLACEHOLDER.test(text)) {
      afterBlank = true;
      return;
    }
    blocks.push({ kind: 'text', text, line, afterBlank });
    afterBlank = false;
  });
  endTable();
  return blocks;
}

function rowAsText(t: Extract<Block, { kind: 'table' }>): Block {
  const row = t.rows[0]!;
  return { kind: 'text', text: row.cells.filter(Boolean).join(' '), line: row.line, afterBlank: true };
}

function splitPipeRow(trimmed: string): string[] {
  const inner = trimmed.replace(/^\|/, '').replace(/\|\s*$/, '');
  return inner.split('|').map(cleanCell);
}

function trimEnd(cells: string[]): string[] {
  let n = cells.length;
  while (n > 0 && cells[n - 1] === '') n--;
  return cells.slice(0, n);
}

const LI_TAG = /<li[^>]*>/gi;
const BREAK_TAG = /<\/?(?:p|br|div|ul|ol)[^>]*>/gi;
const ANY_TAG = /<\/?[a-z][^>]*>/gi;
const CUT_TAG = /<(?:ul|ol|li|p)\b[^>]*$/i; // a tag the PDF conversion cut off at the cell end

// A tag pattern ending in [^>]*> can only match before the last '>': after it, every '<' would scan to the
// end of the text and fail (quadratic on 「<a<a<a…」). Replacing in the part up to the last '>' finds the
// same matches, each scan then ending at a '>'.
function replaceClosed(text: string, tag: RegExp, by: string): string {
  const cut = text.lastIndexOf('>') + 1;
  return cut === 0 ? text : text.slice(0, cut).replace(tag, by) + text.slice(cut);
}

/** Cell HTML → text: <li> stay list items (・), <p>/<br> become spaces, every other tag goes. */
export function cleanCell(raw: string): string {
  let text = replaceClosed(raw, LI_TAG, ' ・');
  text = replaceClosed(text, BREAK_TAG, ' ');
  text = replaceClosed(text, ANY_TAG, '');
  // …and a cut-off tag runs to the end, so it lies after the last '>'.
  const cut = text.lastIndexOf('>') + 1;
  text = text.slice(0, cut) + text.slice(cut).replace(CUT_TAG, '');
  text = text
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
  return cleanDisplay(text).replace(/^・\s*/, '・');
}
