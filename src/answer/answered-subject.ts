// What an answer was about, as the document names it: the measure of the figure or schedule it quoted (「ソーシャル
// メディア、LINE等の活用」 for a question about 「ソーシャルメディアやLINEでの発信」, 「デジタルデバイス対策」 for one
// about 「スマホの使い方を教えてくれる教室」). A later 「それ担当してるのはどこの課？」「なんでやるの？」 asks it of
// that measure: a department, a person in charge or a reason belongs to the measure, not to the words the
// resident first used.
import { factsOf, type KnowledgeSnapshot } from '../knowledge/index.js';
import { passageIndex } from './passage-index.js';
import { foldedKey as folded } from './text.js';
import type { Answer } from './types.js';

const MAX_SUBJECT = 120;

// 「ソーシャルメディア、LINE 等の活用 (単年度)」: the period after the measure's name is the figure's, not the measure's.
// Spaces inside a name are the layout's (「LINE 等」「、 LINE」), not the name's.
const clean = (measure: string) =>
  measure
    .replace(/\s*[(（][^)）]*[)）]\s*$/, '')
    .replace(/\s+/g, '')
    .slice(0, MAX_SUBJECT);

const squeeze = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

/**
 * The measure the answer's lead passage belongs to: a figure or schedule read from that passage, else one read
 * from the passage's section when the section's heading names it (施策⑪ デジタルデバイス対策: its 現状 and 施策概要
 * are that measure's). Null for anything else (a glossary entry, prose of a chapter, another municipality's
 * text quoted for reference, a route).
 */
export function answeredSubject(snapshot: KnowledgeSnapshot, answer: Answer): string | null {
  if (answer.kind !== 'answer') return null;
  const lead = answer.sources[0];
  if (!lead?.passageId || (answer.municipality && lead.municipality !== answer.municipality)) return null;
  const passage = passageIndex(snapshot).byId.get(lead.passageId);
  if (!passage) return null;
  const facts = [
    ...factsOf(snapshot.facts, 'kpi', passage.municipality),
    ...factsOf(snapshot.facts, 'schedule', passage.municipality),
  ];
  const own = facts.find((f) => f.citation.passageId === passage.id);
  if (own) return clean(own.measure) || null;
  const heading = squeeze(passage.headingPath.at(-1) ?? '');
  const prefix = `${passage.sectionId}:`;
  const named = facts.find(
    (f) => f.citation.passageId?.startsWith(prefix) && heading.endsWith(squeeze(clean(f.measure))),
  );
  return named ? clean(named.measure) || null : null;
}

/**
 * Whether a follow-up is better asked of the measure than of the topic phrase carried: the measure names more of
 * the words the resident asked about (「ソーシャルメディアやLINEでの発信」 carried as 「line」; the measure
 * 「ソーシャルメディア、LINE等の活用」 names ソーシャルメディア too), or none of them — the resident described it in
 * their own words (「スマホの使い方を教えてくれる教室」) and the answer found the measure (デジタルデバイス対策). When
 * both name as much (「公衆無線LAN」 / 「公衆無線LAN環境の充実」), the resident's phrase stays.
 */
export function namesMore(subject: string, topic: string, terms: readonly string[]): boolean {
  const words = terms.map((t) => t.split('|').filter((a) => [...a].length >= 2)).filter((alts) => alts.length);
  const cover = (text: string) => {
    const f = folded(text);
    return words.filter((alts) => alts.some((a) => f.includes(folded(a)))).length;
  };
  const bySubject = cover(subject);
  return bySubject > cover(topic) || bySubject === 0;
}
