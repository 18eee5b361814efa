// Every static text the answer room measures coverage on: sentences and rows (as ranked), glossary entries,
// headings, heading paths and section titles. Analyzed once per snapshot (terms.ts), not per question.
import type { KnowledgeSnapshot } from '../knowledge/index.js';
import { subjectOf, subjectText, unitsOf } from './extract.js';
import { sectionTitle, stripNumbering } from './sections.js';

export function* staticTexts(snapshot: KnowledgeSnapshot): Generator<string> {
  for (const doc of snapshot.documents) {
    for (const s of doc.sections) {
      const last = s.headingPath.at(-1);
      if (last) yield stripNumbering(last);
      yield sectionTitle(doc, s);
      for (let depth = 1; depth <= s.headingPath.length; depth++) yield s.headingPath.slice(0, depth).join(' ');
    }
  }
  const units = (hit: Parameters<typeof unitsOf>[0]) => {
    const subject = subjectOf(hit);
    return [...new Set([...unitsOf(hit, false), ...unitsOf(hit, true)])].map((u) => ({ u, subject }));
  };
  for (const passage of snapshot.passages) {
    yield passage.headingPath.join(' ');
    for (const { u, subject } of units({ passage })) {
      yield subjectText(subject, u);
      yield `${passage.headingPath.at(-1) ?? ''} ${u}`;
    }
  }
  for (const glossary of snapshot.glossary)
    for (const { u, subject } of units({ glossary })) yield subjectText(subject, u);
  for (const faq of snapshot.faq) for (const { u } of units({ faq })) yield u;
}
