// Seed document → sections → passages + glossary entries.
import type { DocumentMeta, ParsedDocument } from '../model.js';
import { cleanDisplay, normalizeText } from '../normalize.js';

export function parseDocument(text: string, meta: DocumentMeta): ParsedDocument {
  const sectionId = `${meta.id}:s0`;
  const passages = text
    .split('\n')
    .map((raw, i) => ({ raw: cleanDisplay(raw), line: i + 1 }))
    .filter((l) => l.raw !== '')
    .map((l, n) => ({
      id: `${sectionId}:p${n + 1}`,
      kind: 'prose' as const,
      municipality: meta.municipality,
      documentId: meta.id,
      sectionId,
      headingPath: [],
      text: l.raw,
      normalized: normalizeText(l.raw),
      line: l.line,
    }));
  return {
    meta,
    sections: [{ id: sectionId, documentId: meta.id, municipality: meta.municipality, headingPath: [], line: 1 }],
    passages,
    glossary: [],
  };
}
