// Citations: every answer names municipality, document title, section heading path and an excerpt.
import type { GlossaryEntry, KnowledgeSnapshot, MunicipalityId, Passage } from '../knowledge/index.js';
import type { AnswerSource } from './types.js';

export const SECTION_SEPARATOR = ' › ';

export interface Catalog {
  title(documentId: string): string;
  municipalityName(id: string): string;
  documentMunicipality(documentId: string): MunicipalityId | null;
}

export function createCatalog(snapshot: KnowledgeSnapshot): Catalog {
  const titles = new Map(snapshot.documents.map((d) => [d.meta.id, d.meta.title]));
  const names = new Map(snapshot.municipalities.map((m) => [m.id, m.name]));
  const owners = new Map(snapshot.documents.map((d) => [d.meta.id, d.meta.municipality]));
  return {
    documentMunicipality: (id) => owners.get(id) ?? null,
    title: (id) => titles.get(id) ?? id,
    municipalityName: (id) => names.get(id as never) ?? id,
  };
}

const excerptOf = (s: string) => (s.length > 160 ? `${s.slice(0, 159)}…` : s);

export function passageSource(p: Passage, catalog: Catalog, excerpt?: string): AnswerSource {
  return {
    municipality: p.municipality,
    document: catalog.title(p.documentId),
    documentId: p.documentId,
    section: p.headingPath.join(SECTION_SEPARATOR),
    excerpt: excerptOf(excerpt ?? p.text),
    passageId: p.id,
  };
}

export function glossarySource(g: GlossaryEntry, catalog: Catalog): AnswerSource {
  return {
    municipality: g.municipality,
    document: catalog.title(g.documentId),
    documentId: g.documentId,
    section: [...g.headingPath, g.term].join(SECTION_SEPARATOR),
    excerpt: excerptOf(`${g.term}：${g.definition}`),
    passageId: g.id,
  };
}

export function dedupeSources(sources: AnswerSource[]): AnswerSource[] {
  const seen = new Set<string>();
  return sources.filter((s) => {
    const k = s.passageId ?? `${s.documentId}|${s.section}|${s.excerpt}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
