// Per-municipality counts for `npm run knowledge:check` and the console.
import type { KnowledgeSnapshot, MunicipalityId } from './model.js';

export interface MunicipalityStats {
  municipality: MunicipalityId;
  documents: number;
  sections: number;
  passages: number;
  tableRows: number;
  glossaryEntries: number;
  emptyDefinitions: number;
}

export function knowledgeStats(snapshot: KnowledgeSnapshot): MunicipalityStats[] {
  return snapshot.municipalities.map((m) => {
    const docs = snapshot.documents.filter((d) => d.meta.municipality === m.id);
    const passages = docs.flatMap((d) => d.passages);
    const glossary = docs.flatMap((d) => d.glossary);
    return {
      municipality: m.id,
      documents: docs.length,
      sections: docs.reduce((n, d) => n + d.sections.length, 0),
      passages: passages.length,
      tableRows: passages.filter((p) => p.kind === 'table-row').length,
      glossaryEntries: glossary.length,
      emptyDefinitions: glossary.filter((g) => g.definition === '').length,
    };
  });
}

export function formatStatsTable(stats: MunicipalityStats[]): string {
  const head = ['municipality', 'documents', 'sections', 'passages', 'table rows', 'glossary', 'empty defs'];
  const rows = stats.map((s) => [
    s.municipality,
    s.documents,
    s.sections,
    s.passages,
    s.tableRows,
    s.glossaryEntries,
    s.emptyDefinitions,
  ]);
  const total = ['total', ...[1, 2, 3, 4, 5, 6].map((i) => rows.reduce((n, r) => n + Number(r[i]), 0))];
  const all = [head, ...rows, total].map((r) => r.map(String));
  const widths = head.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  return all
    .map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '))
    .join('\n');
}
