// The regression runner: asks the engine every question of the snapshot's question sets and judges
// each answer by the same rules as ../shared/eval/score.mjs, so the console and CI agree.
import type { Answer, AnswerService } from '../answer/index.js';
import type { QuestionSet, QuestionSetItem } from '../knowledge/index.js';

export const MAX_CHARS = 500;

const norm = (s: unknown) =>
  String(s ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s,]/g, '');

/** Why the answer fails the item, or null when it passes (score.mjs `why`). */
export function judgeAnswer(item: QuestionSetItem, answer: Answer | undefined, maxChars = MAX_CHARS): string | null {
  if (!answer) return 'no answer';
  if (answer.kind !== item.kind) return `kind ${answer.kind}`;
  if (item.kind === 'fallback') return null;
  if (item.kind === 'route') {
    const got = answer.route?.channels ?? [];
    return got.some((c) => (item.channels ?? []).includes(c)) ? null : `channels ${JSON.stringify(got)}`;
  }
  const text = norm(answer.text);
  if (text.length > maxChars) return `text ${text.length} chars`;
  for (const s of item.all ?? []) if (!text.includes(norm(s))) return `missing "${s}"`;
  if (item.any?.length && !item.any.some((s) => text.includes(norm(s)))) return `none of ${JSON.stringify(item.any)}`;
  if (item.src?.length) {
    const top = (answer.sources ?? []).slice(0, 3).map((s) => s?.municipality);
    if (!top.some((m) => item.src?.includes(m))) return `sources ${JSON.stringify(top)}`;
  }
  return null;
}

export interface RegressionRow {
  file: string;
  id: string;
  cat: string;
  q: string;
  m: string | null;
  expected: QuestionSetItem['kind'];
  kind: Answer['kind'] | null;
  ok: boolean;
  reason: string | null;
  text: string;
  sources: string[];
}

export interface RegressionReport {
  total: number;
  passed: number;
  rate: number; // 0..1
  ms: number;
  categories: { cat: string; total: number; passed: number }[];
  rows: RegressionRow[];
}

export interface RegressionOptions {
  file?: string; // only this set
  cat?: string; // only this category
}

// Yields to the event loop every few questions so a run never stalls residents' requests.
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function runRegression(
  engine: AnswerService,
  sets: QuestionSet[],
  options: RegressionOptions = {},
): Promise<RegressionReport> {
  const started = performance.now();
  const rows: RegressionRow[] = [];
  let asked = 0;
  for (const set of sets) {
    if (options.file && set.file !== options.file) continue;
    for (const item of set.items) {
      if (options.cat && item.cat !== options.cat) continue;
      if (++asked % 10 === 0) await breathe();
      let answer: Answer | undefined;
      let reason: string | null;
      try {
        answer = await engine.answer(item.q, { municipality: item.m ?? null });
        reason = judgeAnswer(item, answer);
      } catch (error) {
        reason = `error: ${error instanceof Error ? error.message : String(error)}`;
      }
      rows.push({
        file: set.file,
        id: item.id,
        cat: item.cat,
        q: item.q,
        m: item.m ?? null,
        expected: item.kind,
        kind: answer?.kind ?? null,
        ok: reason === null,
        reason,
        text: answer?.text ?? '',
        sources: (answer?.sources ?? []).slice(0, 3).map((s) => `${s.municipality} ${s.document} › ${s.section}`),
      });
    }
  }
  const byCat = new Map<string, { cat: string; total: number; passed: number }>();
  for (const r of rows) {
    const c = byCat.get(r.cat) ?? { cat: r.cat, total: 0, passed: 0 };
    c.total++;
    if (r.ok) c.passed++;
    byCat.set(r.cat, c);
  }
  const passed = rows.filter((r) => r.ok).length;
  return {
    total: rows.length,
    passed,
    rate: rows.length ? passed / rows.length : 0,
    ms: Math.round(performance.now() - started),
    categories: [...byCat.values()],
    rows,
  };
}
