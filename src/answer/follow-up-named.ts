// What the knowledge names as things a resident may ask about on their own: glossary terms and their aliases,
// synonym groups' words, the measures of figures and schedules, and services. 「書かない窓口は？」 after a question
// about おくやみ窓口 names one of these, and asks the previous question of it; 「効果は？」「メリットは？」「場所は？」
// name none — they are said of something, and ask that of the topic the conversation is about.
import { factsOf, type KnowledgeSnapshot } from '../knowledge/index.js';
import { foldedKey as folded } from './text.js';

// Built once per snapshot (a reload makes a new one).
const vocabularies = new WeakMap<KnowledgeSnapshot, readonly string[]>();

function vocabularyOf(snapshot: KnowledgeSnapshot): readonly string[] {
  let words = vocabularies.get(snapshot);
  if (!words) {
    const all = new Set<string>();
    for (const g of snapshot.glossary) for (const w of [g.term, ...g.aliases]) all.add(folded(w));
    for (const group of snapshot.synonyms) for (const w of group.terms) all.add(folded(w));
    for (const f of [...factsOf(snapshot.facts, 'kpi'), ...factsOf(snapshot.facts, 'schedule')])
      all.add(folded(f.measure));
    for (const f of factsOf(snapshot.facts, 'service')) for (const w of [f.service, f.label]) all.add(folded(w));
    all.delete('');
    words = [...all];
    vocabularies.set(snapshot, words);
  }
  return words;
}

/** Whether a phrase names something the knowledge names (as a whole or as part of a longer name). */
export function namesAThing(snapshot: KnowledgeSnapshot, phrase: string): boolean {
  const p = folded(phrase);
  return p.length > 0 && vocabularyOf(snapshot).some((w) => w.includes(p));
}
