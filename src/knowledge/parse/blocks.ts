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

const PIPE_SEPARATOR = /^\|?[\s:|-]*-{2,}[\s:|-]*$/;
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
      if (PIPE_SEPARATOR.test(trimmed)) {
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

/** Cell HTML → text: <li> stay list items (・), <p>/<br> become spaces, every other tag goes. */
export function cleanCell(raw: string): string {
  const text = raw
    .replace(/<li[^>]*>/gi, ' ・')
    .replace(/<\/?(?:p|br|div|ul|ol)[^>]*>/gi, ' ')
    .replace(/<\/?[a-z][^>]*>/gi, '')
    .replace(/<(?:ul|ol|li|p)\b[^>]*$/i, '') // a tag the PDF conversion cut off at the cell end
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
  return cleanDisplay(text).replace(/^・\s*/, '・');
}
