// Section answers for list/policy questions (「ビジョンは」「取組事項を教えて」「必要な視点は」): the section whose own
// heading names the topic answers with its text, or with its sub-headings when it is a list of items.
import type { Analyzer } from '../analysis/index.js';
import type { KnowledgeSnapshot, MunicipalityId, ParsedDocument, Passage, Section } from '../knowledge/model.js';
import { coverageOf, termIn } from './facts.js';
import { type Catalog, passageSource, SECTION_SEPARATOR } from './sources.js';
import { trimToSentences } from './text.js';
import type { AnswerSource } from './types.js';

// Terms that every DX policy heading shares: they cannot pick one section over another on their own.
export const GENERIC = new Set([
  'dx',
  '推進',
  '自治体',
  '市',
  '町',
  'デジタル',
  '方針',
  '全体',
  '計画',
  '本市',
  '本町',
]);

export interface SectionAnswer {
  text: string;
  sources: AnswerSource[];
  section: Section;
}

const stripNumbering = (h: string) => h.replace(/^[\s0-9０-９.．()（）①-⑳ⅠⅡⅢⅣⅤIVX章第▶■□●○・【】-]+/u, '');

export interface SectionMatch {
  section: Section;
  score: number;
}

/** The best-matching section of each municipality's documents (or of the one given), best first. */
export function findSections(
  analyzer: Analyzer,
  snapshot: KnowledgeSnapshot,
  qterms: string[],
  municipality: MunicipalityId | null,
): SectionMatch[] {
  const specific = qterms.filter((t) => !termIn(GENERIC, t));
  if (!specific.length) return [];
  const best = new Map<MunicipalityId, SectionMatch>();
  for (const doc of snapshot.documents) {
    if (municipality && doc.meta.municipality !== municipality) continue;
    for (const s of doc.sections) {
      const last = s.headingPath.at(-1);
      if (!last) continue;
      const own = coverageOf(analyzer, specific, stripNumbering(last));
      if (own < 0.5) continue;
      const full = coverageOf(analyzer, qterms, `${doc.meta.title} ${s.headingPath.join(' ')}`);
      if (full < 0.75) continue;
      // A heading that says only the topic (「目指す姿」) beats one that adds more (「目指す姿と基本的な考え方」).
      const stripped = stripNumbering(last).replace(/\s+/g, '');
      const tightness = Math.min(1, specific.join('').length / Math.max(1, stripped.length));
      const score = own * 2 + full + tightness * 0.5 - s.headingPath.length * 0.01;
      const prev = best.get(s.municipality);
      if (!prev || score > prev.score) best.set(s.municipality, { section: s, score });
    }
  }
  return [...best.values()].sort((x, y) => y.score - x.score);
}

export function composeSection(
  snapshot: KnowledgeSnapshot,
  section: Section,
  catalog: Catalog,
  budget = 440,
): SectionAnswer | null {
  const doc = snapshot.documents.find((d) => d.meta.id === section.documentId);
  if (!doc) return null;
  const own: Passage[] = doc.passages.filter((p) => p.sectionId === section.id);
  const children = childSections(doc, section.headingPath);
  const heading = section.headingPath.at(-1) ?? '';
  const cite = `（${catalog.title(doc.meta.id)}${SECTION_SEPARATOR}${heading}）`;
  const name = catalog.municipalityName(doc.meta.municipality);
  let body = '';
  const used: Passage[] = [];
  const ownText = own.map((p) => p.text).join('');
  if (children.length >= 2 && ownText.length < 120) {
    // A heading over numbered items: the items are the answer.
    for (const c of children) {
      const item = `\n・${c.headingPath.at(-1)}`;
      if (body.length + item.length > budget) break;
      body += item;
    }
    if (own[0]) used.push(own[0]);
    const lead = own[0] ? trimToSentences(own[0].text, 120) : `${name}の「${heading}」は次のとおりです。`;
    const sources = used.map((p) => passageSource(p, catalog));
    if (!sources.length) {
      sources.push({
        municipality: doc.meta.municipality,
        document: doc.meta.title,
        documentId: doc.meta.id,
        section: section.headingPath.join(SECTION_SEPARATOR),
        excerpt: children
          .map((c) => c.headingPath.at(-1))
          .join('、')
          .slice(0, 160),
      });
    }
    return { text: `${lead}${body}\n${cite}`, sources, section };
  }
  for (const p of own) {
    const room = budget - body.length;
    if (room < 30) break;
    const piece = trimToSentences(p.text.replace(/\s*\n\s*/g, ' '), room);
    body += `${body ? '\n' : ''}${piece}`;
    used.push(p);
  }
  if (!body) return null;
  return { text: `${body}${cite}`, sources: used.slice(0, 3).map((p) => passageSource(p, catalog)), section };
}

/** The sections directly under a heading path in one document. */
export function childSections(doc: ParsedDocument, headingPath: readonly string[]): Section[] {
  const depth = headingPath.length;
  return doc.sections.filter(
    (s) => s.headingPath.length === depth + 1 && headingPath.every((h, i) => s.headingPath[i] === h),
  );
}

/** Sub-sections of the section a passage sits in (or of its nearest ancestor with enough), for list questions. */
export function childHeadings(
  snapshot: KnowledgeSnapshot,
  p: Passage,
  minChildren = 3,
): { path: string[]; items: string[] } | null {
  const doc = snapshot.documents.find((d) => d.meta.id === p.documentId);
  if (!doc) return null;
  for (let depth = p.headingPath.length; depth >= 1; depth--) {
    const path = p.headingPath.slice(0, depth);
    const items = [...new Set(childSections(doc, path).map((s) => s.headingPath[depth]!))];
    if (items.length >= minChildren) return { path, items };
  }
  return null;
}
