// Every static text the answer room measures coverage on: sentences and rows (as ranked), glossary entries,
// headings, heading paths and section titles. Analyzed once per snapshot (terms.ts), not per question, and
// grouped by municipality so that their analyses are cached per municipality (an edit re-analyses one group).
import type { KnowledgeSnapshot } from '../knowledge/index.js';
import { subjectOf, subjectText, unitsOf } from './extract.js';
import { sectionTitle, stripNumbering } from './sections.js';

/** The static texts of each municipality ('' for FAQ entries of every municipality), each text once. */
export function staticTextGroups(snapshot: KnowledgeSnapshot): Map<string, string[]> {
  const groups = new Map<string, Set<string>>();
  const add = (municipality: string | undefined, text: string) => {
    const group = groups.get(municipality ?? '') ?? new Set<string>();
    groups.set(municipality ?? '', group);
    group.add(text);
  };
  for (const doc of snapshot.documents) {
    const m = doc.meta.municipality;
    for (const s of doc.sections) {
      const last = s.headingPath.at(-1);
      if (last) add(m, stripNumbering(last));
      add(m, sectionTitle(doc, s));
      for (let depth = 1; depth <= s.headingPath.length; depth++) add(m, s.headingPath.slice(0, depth).join(' '));
    }
  }
  const units = (hit: Parameters<typeof unitsOf>[0]) => {
    const subject = subjectOf(hit);
    return [...new Set([...unitsOf(hit, false), ...unitsOf(hit, true)])].map((u) => ({ u, subject }));
  };
  for (const passage of snapshot.passages) {
    const m = passage.municipality;
    add(m, passage.headingPath.join(' '));
    for (const { u, subject } of units({ passage })) {
      add(m, subjectText(subject, u));
      add(m, `${passage.headingPath.at(-1) ?? ''} ${u}`);
    }
  }
  for (const glossary of snapshot.glossary)
    for (const { u, subject } of units({ glossary })) add(glossary.municipality, subjectText(subject, u));
  for (const faq of snapshot.faq) for (const { u } of units({ faq })) add(faq.municipality, u);
  return new Map([...groups].map(([m, texts]) => [m, [...texts]]));
}

/** Every static text (of every municipality). */
export function* staticTexts(snapshot: KnowledgeSnapshot): Generator<string> {
  for (const texts of staticTextGroups(snapshot).values()) yield* texts;
}
