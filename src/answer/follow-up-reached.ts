// 「目標に届いてる？」 after a figure: the target compared with the actual figure of the KPI the previous answer quoted,
// when the document states both, else which of the two it does not state — first, before the figure's row as the
// document prints it.
import { factsOf, type KnowledgeSnapshot, type KpiFact } from '../knowledge/index.js';
import { clip } from './limits.js';
import type { Answer } from './types.js';

// An achievement rate of 100% or more is the target reached (the documents compute it so for reductions as well).
const REACHED_RATE = 100;

/** The KPI a passage renders, in its cleaner rendering when the document prints it twice (一覧 and result sheet). */
export function kpiAt(snapshot: KnowledgeSnapshot, passageId: string | undefined): KpiFact | null {
  if (!passageId) return null;
  const all = factsOf(snapshot.facts, 'kpi');
  const cited = all.find((f) => f.citation.passageId === passageId);
  if (!cited || cited.preferred) return cited ?? null;
  return all.find((f) => f.preferred && cited.sameAs.includes(f.id)) ?? cited;
}

/** The comparison line for a KPI, or null when the KPI states neither figure. */
export function reachedLine(kpi: KpiFact): string | null {
  const { target, actual, rate } = kpi;
  const asOf = kpi.asOf ? `（${kpi.asOf}）` : '';
  if (target && actual) {
    const reached = rate ? rate.value >= REACHED_RATE : actual.value >= target.value;
    const byRate = rate ? `、達成率${rate.text}` : '';
    return `目標${target.text}に対して実績は${actual.text}${asOf}${byRate}で、目標に${reached ? '届いています' : 'はまだ届いていません'}。`;
  }
  if (target) return `目標は${target.text}ですが、実績の記載はありません。`;
  if (actual) return `実績は${actual.text}${asOf}ですが、目標値の記載はありません。`;
  return null;
}

/**
 * The answer to 「目標に届いてる？」 opened with the comparison, when it quotes the KPI rendered at `passageId` (the one the
 * previous answer quoted); an answer about another figure is left as it is — which of the two the resident meant is
 * not known, and a comparison of the wrong one would be said with confidence.
 */
export function withReached(answer: Answer, passageId: string, snapshot: KnowledgeSnapshot): Answer {
  const kpi = kpiAt(snapshot, passageId);
  const line = kpi ? reachedLine(kpi) : null;
  if (!kpi || !line || answer.kind !== 'answer' || answer.composer === 'not-stated') return answer;
  return kpiAt(snapshot, answer.sources[0]?.passageId)?.id === kpi.id
    ? { ...answer, text: clip(`${line}\n${answer.text}`) }
    : answer;
}
