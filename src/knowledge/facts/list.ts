// Lists as facts: a section's bullet items, each with its passage, titled by the section heading and led
// by the sentence that announces them when one does (「次の視点が必要です。」).
import type { ParsedDocument, Passage } from '../model.js';
import { citePassage } from './citation.js';
import { cleanForResident } from './clean.js';
import type { ListFact, ListItem } from './types.js';

const BULLET = /^[・•●○◯■□✓✔☑▼▶►➤\-–]\s*/;
const ANNOUNCES = /(?:次の|以下の|下記の|つの|つを|か条|箇条|とおり)/;

export function listFacts(doc: ParsedDocument): ListFact[] {
  const facts: ListFact[] = [];
  doc.passages.forEach((p, i) => {
    if (p.kind !== 'list') return;
    const items: ListItem[] = p.text
      .split('\n')
      .map((raw) => cleanForResident(raw.replace(BULLET, '')).replace(BULLET, ''))
      .filter((text) => text !== '')
      .map((text) => ({ text, passageId: p.id, line: p.line }));
    if (items.length === 0) return;
    const lead = leadOf(doc.passages, i);
    const title = p.headingPath.at(-1) ?? doc.meta.title;
    facts.push({
      id: `${p.id}:list`,
      kind: 'list',
      municipality: p.municipality,
      citation: citePassage(doc, p),
      text: [lead ?? title, ...items.map((it) => `・${it.text}`)].join('\n'),
      title,
      ...(lead ? { lead } : {}),
      items,
    });
  });
  return facts;
}

/** The prose right before a list in the same section, when its last sentence announces the items. */
function leadOf(passages: Passage[], index: number): string | undefined {
  const prev = passages[index - 1];
  const list = passages[index]!;
  if (prev?.kind !== 'prose' || prev.sectionId !== list.sectionId) return undefined;
  const last = cleanForResident(prev.text).split('\n').at(-1) ?? '';
  const sentence =
    last
      .split(/(?<=。)/)
      .filter(Boolean)
      .at(-1) ?? '';
  return ANNOUNCES.test(sentence) ? sentence : undefined;
}
