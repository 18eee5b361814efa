// The row a figure follow-up asks of. Rows of one measure differ by department (西東京市: キャッシュレス決済等の促進
// (市民課) / (スポーツ振興課) / (産業振興課)); after an answer quoting one of them, 「実績は？」「達成率は？」 ask that row's
// figure, not whichever row the topic's words find first — a rendering with a garbled figure (a result sheet's
// 「達成率: 1」) would otherwise send the question to the next row. The row is named as 「市民課のほうは？」 names it.
import { factsOf, type KnowledgeSnapshot } from '../knowledge/index.js';
import { kpiAt } from './follow-up-reached.js';

// 「キャッシュレス決済等の促進 (市民課)」: the part in brackets at the end tells rows of one measure apart.
const ROW_PART = /\s*[(（]([^)）]*)[)）]\s*$/;
const measureName = (measure: string) => measure.replace(ROW_PART, '').replace(/\s+/g, '');

/**
 * The KPI row the previous answer quoted, by its measure's name and what tells it from the other rows of that name (the
 * bracketed part of its name, else its department): 「キャッシュレス決済等の促進の市民課」; the topic as it is when no
 * other row of its municipality bears the same measure's name. The row's own name, not the resident's words for it
 * (「手数料のキャッシュレス決済」, which only the row's result sheet holds, where its achievement rate is garbled).
 */
export function heldRow(snapshot: KnowledgeSnapshot, passageId: string | undefined, topic: string): string {
  const kpi = kpiAt(snapshot, passageId);
  if (!kpi || !topic) return topic;
  const part = ROW_PART.exec(kpi.measure)?.[1]?.trim() || kpi.department?.split(/[・·、,]/)[0]?.trim();
  if (!part || topic.includes(part)) return topic;
  const name = measureName(kpi.measure);
  const alike = factsOf(snapshot.facts, 'kpi', kpi.municipality).some(
    (f) => f.id !== kpi.id && !kpi.sameAs.includes(f.id) && measureName(f.measure) === name,
  );
  return alike ? `${name}の${part}` : topic;
}
