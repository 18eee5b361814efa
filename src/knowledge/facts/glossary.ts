// Glossary entries as facts: the term, its aliases and its definition, cited to the entry's line.
import type { ParsedDocument } from '../model.js';
import { citeGlossary } from './citation.js';
import { cleanForResident } from './clean.js';
import type { GlossaryFact } from './types.js';

export function glossaryFacts(doc: ParsedDocument): GlossaryFact[] {
  return doc.glossary.map((g) => {
    const definition = cleanForResident(g.definition);
    return {
      id: `${g.id}:fact`,
      kind: 'glossary',
      municipality: g.municipality,
      citation: citeGlossary(doc, g),
      text: definition === '' ? g.term : `${g.term}: ${definition}`,
      entryId: g.id,
      term: g.term,
      ...(g.reading ? { reading: g.reading } : {}),
      aliases: [...g.aliases],
      definition,
    };
  });
}
