// Citations: every fact says which document, section, passage and seed line it was read from.
import type { GlossaryEntry, ParsedDocument, Passage } from '../model.js';
import type { Citation } from './types.js';

export const SECTION_SEPARATOR = ' › ';

export function citeAt(
  doc: ParsedDocument,
  headingPath: readonly string[],
  line: number,
  passageId?: string,
): Citation {
  return {
    municipality: doc.meta.municipality,
    documentId: doc.meta.id,
    documentTitle: doc.meta.title,
    headingPath: [...headingPath],
    section: headingPath.join(SECTION_SEPARATOR),
    ...(passageId ? { passageId } : {}),
    line,
  };
}

export function citePassage(doc: ParsedDocument, p: Passage): Citation {
  return citeAt(doc, p.headingPath, p.line, p.id);
}

export function citeGlossary(doc: ParsedDocument, g: GlossaryEntry): Citation {
  // The glossary passage (when the definition is not empty) carries the same line.
  const passage = doc.passages.find((p) => p.kind === 'glossary' && p.line === g.line);
  return citeAt(doc, g.headingPath, g.line, passage?.id);
}

/** The section a seed line falls in: the last section whose heading starts at or before it. */
export function sectionAtLine(doc: ParsedDocument, line: number): readonly string[] {
  let best: readonly string[] = [];
  let bestLine = 0;
  for (const s of doc.sections) {
    if (s.line <= line && s.line >= bestLine) {
      best = s.headingPath;
      bestLine = s.line;
    }
  }
  return best;
}
