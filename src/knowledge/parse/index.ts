// Seed document → sections (heading paths) → passages (prose, list, table row, glossary) and glossary
// entries. Everything a passage needs to stand alone (row names, column headers, the year of a
// schedule stage) is put into its text here, because later rooms only ever see single passages.
import type { DocumentMeta, GlossaryEntry, ParsedDocument } from '../model.js';
import { type Block, splitBlocks } from './blocks.js';
import { DocumentBuilder } from './builder.js';
import { extractFootnotes } from './footnotes.js';
import { glossaryHeaderIndex, parseGlossaryTable } from './glossary.js';
import { type HeadingFrame, type HeadingStyle, isTitleLine, markedHeadingStyle, pushHeading } from './headings.js';
import { isResultSheet, readResultSheet } from './result-sheet.js';
import { isSheetStart, parseSheet } from './sheets.js';
import { isContentsTable, tableRowTexts } from './tables.js';

const CONTENTS = /^(?:目次|もくじ|目 次)$/;
const LIST_ITEM = /^-\s+/;
const NOTE = /^※/;
const GLOSSARY_HEADING = /用語|索引|A-Z/;

export function parseDocument(text: string, meta: DocumentMeta): ParsedDocument {
  const blocks = splitBlocks(text);
  const runningHeaders = findRunningHeaders(blocks);
  const doc = new DocumentBuilder(meta);
  let stack: HeadingFrame[] = [];
  const seen = new Set<HeadingStyle>();
  const heading = (style: HeadingStyle, text: string) => {
    stack = pushHeading(stack, { style, text, ...(style === 'title' ? { seenBefore: new Set(seen) } : {}) });
    seen.add(style);
  };
  let inContents = false;
  let note: string | undefined; // a ※ line printed right above a table applies to every row

  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    if (block.kind === 'text' && CONTENTS.test(block.text)) {
      doc.flush();
      inContents = true;
      continue;
    }
    if (isSheetStart(block)) {
      let end = i + 1;
      while (end < blocks.length && !isSheetStart(blocks[end]!) && !endsSheet(blocks[end]!)) end++;
      const sheet = parseSheet(blocks.slice(i, end));
      doc.flush();
      heading('sheet', `${sheet.marker} ${sheet.title}`.trim());
      doc.enterSection(stack, sheet.line);
      doc.addSheet(sheet);
      i = end - 1;
      inContents = false;
      continue;
    }
    if (block.kind === 'table') {
      if (inContents || isContentsTable(block.rows)) continue;
      doc.flush();
      if (glossaryHeaderIndex(block.rows) >= 0) {
        // A glossary printed without its own heading (東久留米市) is cited as the appendix it is.
        if (!GLOSSARY_HEADING.test(stack.at(-1)?.text ?? '')) {
          stack = [{ style: 'title', text: '用語集' }];
          doc.enterSection(stack, block.line);
        }
        doc.addGlossary(parseGlossaryTable(block.rows));
      } else if (isResultSheet(block.rows)) {
        doc.addResultSheet(readResultSheet(block.rows), note);
      } else {
        for (const row of tableRowTexts(block.rows)) doc.addTableRow(row, note);
      }
      continue;
    }
    inContents = false;
    note = undefined;
    if (NOTE.test(block.text) && blocks[i + 1]?.kind === 'table') {
      note = block.text;
      doc.addProse(block.text, block.line, block.afterBlank);
      continue;
    }
    if (runningHeaders.has(block.text)) continue;
    if (LIST_ITEM.test(block.text)) {
      doc.addListItem(block.text.replace(LIST_ITEM, ''), block.line);
      continue;
    }
    const style = markedHeadingStyle(block.text) ?? (isTitleLine(block.text, peek(blocks, i + 1)) ? 'title' : null);
    if (style) {
      doc.flush();
      heading(style, doc.headingText(block.text));
      doc.enterSection(stack, block.line);
      continue;
    }
    doc.addProse(block.text, block.line, block.afterBlank);
  }
  // Terms explained in footnotes (武蔵野市) are glossary entries too, cited as the footnotes they are.
  const footnotes = extractFootnotes(text.split('\n'));
  if (footnotes.length > 0) {
    doc.flush();
    doc.enterSection([{ style: 'title', text: '脚注' }], footnotes[0]!.line);
    doc.addGlossary(footnotes);
  }
  return doc.finish();
}

function endsSheet(block: Block): boolean {
  if (block.kind !== 'text') return false;
  const style = markedHeadingStyle(block.text);
  return style === 'roman' || style === 'chapter';
}

function peek(blocks: Block[], i: number): { kind: 'text' | 'table'; text?: string } | undefined {
  let b = blocks[i];
  // A ※ note between a title and its table does not make the title a fragment.
  while (b?.kind === 'text' && NOTE.test(b.text) && b.text.length < 40) b = blocks[++i];
  if (!b) return undefined;
  return b.kind === 'text' ? { kind: 'text', text: b.text } : { kind: 'table' };
}

// Short lines printed on many pages (document title, page furniture) are not content.
function findRunningHeaders(blocks: Block[]): Set<string> {
  const counts = new Map<string, number>();
  for (const b of blocks)
    if (b.kind === 'text' && b.text.length <= 30) counts.set(b.text, (counts.get(b.text) ?? 0) + 1);
  return new Set(
    [...counts.entries()]
      .filter(([t, n]) => n >= 3 && markedHeadingStyle(t) === null && !LIST_ITEM.test(t))
      .map(([t]) => t),
  );
}

export type { GlossaryEntry };
