// A revised document against the one it replaces: sections added and removed, and the figures that
// changed in table rows (the row named by its first cells, the figures compared as written).

import type { ParsedDocument } from '../model.js';
import { SECTION_PATH_SEPARATOR } from './report-format.js';

export interface DocumentChanges {
  sectionsAdded: string[];
  sectionsRemoved: string[];
  figuresChanged: { row: string; before: string; after: string }[];
  rowsAdded: number;
  rowsRemoved: number;
  passagesBefore: number;
  passagesAfter: number;
}

const FIGURE =
  /[0-9０-９][0-9０-９,，.．]*\s*(?:%|％|件|人|分|時間|日|回|円|千円|万円|億円|か所|箇所|校|台|割|ポイント|pt)?/g;

const sectionName = (path: readonly string[]) => path.join(SECTION_PATH_SEPARATOR);

// 「指標: 電子申請の利用率 / 現状値: 25% / 目標値: 60%」 → its label (the cells without figures) and figures.
function rowKey(section: string, text: string): { key: string; figures: string } {
  const cells = text.split(' / ');
  const label = cells.filter((c) => !/[0-9０-９]/.test(c.split(': ').slice(1).join(': ') || c)).join(' / ');
  const figures = cells
    .filter((c) => /[0-9０-９]/.test(c))
    .map((c) => {
      const [head, ...rest] = c.split(': ');
      const value = rest.length ? rest.join(': ') : head!;
      const nums = (value.match(FIGURE) ?? []).join(' ');
      return rest.length ? `${head}: ${nums}` : nums;
    })
    .join(' / ');
  return { key: `${section}${SECTION_PATH_SEPARATOR}${label || cells[0]}`, figures };
}

function rowsOf(doc: ParsedDocument): Map<string, { label: string; figures: string }> {
  const rows = new Map<string, { label: string; figures: string }>();
  for (const p of doc.passages) {
    if (p.kind !== 'table-row') continue;
    const { key, figures } = rowKey(sectionName(p.headingPath), p.text);
    if (!rows.has(key)) rows.set(key, { label: key, figures });
  }
  return rows;
}

export function diffDocuments(before: ParsedDocument, after: ParsedDocument): DocumentChanges {
  const sections = (d: ParsedDocument) => new Set(d.sections.map((s) => sectionName(s.headingPath)));
  const a = sections(before);
  const b = sections(after);
  const ra = rowsOf(before);
  const rb = rowsOf(after);
  const figuresChanged: DocumentChanges['figuresChanged'] = [];
  for (const [key, row] of rb) {
    const old = ra.get(key);
    if (old && old.figures !== row.figures) figuresChanged.push({ row: key, before: old.figures, after: row.figures });
  }
  return {
    sectionsAdded: [...b].filter((s) => !a.has(s)),
    sectionsRemoved: [...a].filter((s) => !b.has(s)),
    figuresChanged,
    rowsAdded: [...rb.keys()].filter((k) => !ra.has(k)).length,
    rowsRemoved: [...ra.keys()].filter((k) => !rb.has(k)).length,
    passagesBefore: before.passages.length,
    passagesAfter: after.passages.length,
  };
}
