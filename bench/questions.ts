// Distinct questions for the benches, generated from the knowledge itself (a resident's question varies;
// twelve fixed ones measure the answer cache, not the engine): every glossary term, KPI measure, schedule
// measure and section heading, asked in several frames, without a municipality or naming one. Deterministic
// (a seeded shuffle), so runs compare.
import type { KnowledgeSnapshot } from '../src/knowledge/index.js';

export interface BenchQuestion {
  q: string;
  municipality?: string; // the resident's chosen municipality (LINE), when the question is scoped
  scope: 'chosen' | 'named' | 'none'; // chosen: the municipality option; named: in the question's text
}

const TERM_FRAMES = ['{}とは', '{}って何', '{}について教えて', '{}の意味は？', '{}ってどういうこと'];
const MEASURE_FRAMES = ['{}の目標は', '{}の実績は', '{}はいつから', '{}の担当課は', '{}について知りたい'];
// How a LINE message may end; each ending is another question string (another answer-cache key).
const ENDINGS = ['', '？', '。', ' 教えてください'];
const TOPIC_FRAMES = ['{}について', '{}はどうなっていますか', '{}の内容を教えて'];

/** A seeded shuffle (mulberry32), so the order is the same in every run. */
function shuffle<T>(xs: T[], seed = 18): T[] {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const clip = (s: string, n = 24) => (s.length > n ? s.slice(0, n) : s);

/** Every distinct question the knowledge yields, shuffled; `limit` cuts the list. */
export function generateQuestions(snapshot: KnowledgeSnapshot, limit = Number.POSITIVE_INFINITY): BenchQuestion[] {
  const names = new Map(snapshot.municipalities.map((m) => [m.id, m.name]));
  const topics: { text: string; frames: string[]; municipality: string }[] = [];
  for (const g of snapshot.glossary) topics.push({ text: g.term, frames: TERM_FRAMES, municipality: g.municipality });
  for (const f of snapshot.facts.all) {
    if (f.kind === 'kpi' || f.kind === 'schedule') {
      const measure = f.measure.replace(/^.*?[:：]\s*/, '');
      topics.push({ text: clip(measure), frames: MEASURE_FRAMES, municipality: f.municipality });
    }
  }
  for (const d of snapshot.documents) {
    for (const s of d.sections) {
      const heading = s.headingPath.at(-1)?.replace(/^[\d０-９.．()（）①-⑳IVXⅠ-Ⅻ章第\s]+/, '');
      if (heading && heading.length >= 3)
        topics.push({ text: clip(heading), frames: TOPIC_FRAMES, municipality: d.meta.municipality });
    }
  }
  const seen = new Set<string>();
  const out: BenchQuestion[] = [];
  const add = (q: BenchQuestion) => {
    const key = `${q.municipality ?? ''}\u0000${q.q}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(q);
    }
  };
  const ids = [...names.keys()];
  for (const t of topics) {
    for (const frame of t.frames) {
      for (const ending of ENDINGS) {
        const q = `${frame.replace('{}', t.text)}${ending}`;
        add({ q, scope: 'none' });
        for (const m of ids) add({ q, municipality: m, scope: 'chosen' }); // the resident's choice (LINE)
        add({ q: `${names.get(t.municipality) ?? ''}の${q}`, scope: 'named' });
      }
    }
  }
  return shuffle(out).slice(0, limit);
}
