// The proof that the passage composer cannot answer a frame (answerable.ts) must never rule out one it answers:
// the engine skips the composer on it wherever no trace is kept (a suggestion's check, not-stated's other
// municipalities, a comparison's side). Checked against the composer itself: each question is answered with its
// trace (where the proof is not used), and every frame the proof rules out must not have been answered by the
// passage composer. Over the project's question sets, the bench generator's questions and the follow-ups
// suggested for them (the frames checks ask about).
import { beforeAll, describe, expect, it } from 'vitest';
import { generateQuestions } from '../../bench/questions.js';
import { createAnswerable } from '../../src/answer/answerable.js';
import { synonymSets } from '../../src/answer/extract.js';
import { createTextTerms, type Frame } from '../../src/answer/index.js';
import { createSectionTable } from '../../src/answer/sections.js';
import { candidates } from '../../src/answer/suggestions.js';
import type { AnswerEngine } from '../../src/answer/types.js';
import type { Runtime } from '../../src/runtime.js';
import { loadTestRuntime } from '../helpers/engine.js';
import { projectQuestions } from '../knowledge/corpus.js';

let runtime: Runtime;
let engine: AnswerEngine;
let mayQuote: ReturnType<typeof createAnswerable>;
let scope: Parameters<ReturnType<typeof createAnswerable>>[1];
let rows: { q: string; m: string | null }[];
beforeAll(async () => {
  runtime = await loadTestRuntime();
  engine = runtime.engine;
  const tt = createTextTerms(runtime.analyzer);
  const sections = createSectionTable(tt, runtime.snapshot);
  const docFreq = new Map(runtime.index.derived().docFreq);
  mayQuote = createAnswerable({
    snapshot: runtime.snapshot,
    tt,
    df: (term) => docFreq.get(term) ?? 0,
    passages: sections.passages,
  });
  scope = { analyzer: runtime.analyzer, sets: synonymSets(runtime.analyzer, runtime.snapshot.synonyms), among: null };
  const names = new Map(runtime.snapshot.municipalities.map((m) => [m.id, m.name]));
  const asked = [
    ...projectQuestions(),
    ...generateQuestions(runtime.snapshot, 300).map((b) => ({ q: b.q, m: b.municipality ?? null })),
  ];
  // and what a check asks: each follow-up suggested for them
  const followUps = asked.flatMap(({ q, m }) => {
    const a = engine.answer(q, { municipality: m, debug: true, suggest: false });
    const frame = a.debug?.frame;
    if (!frame || (a.kind !== 'answer' && a.kind !== 'route')) return [];
    return candidates(frame, a, { municipalityName: (id) => (id ? names.get(id)! : '') }).map((c) => ({
      q: c.question,
      m,
    }));
  });
  rows = [...asked, ...followUps];
}, 300_000);

describe('answerable: the passage composer is ruled out only where it does not answer', () => {
  it('never rules out a frame the passage composer answers, and rules out many it does not', () => {
    let ruledOut = 0;
    let answered = 0;
    for (const { q, m } of rows) {
      const a = engine.answer(q, { municipality: m, debug: true, suggest: false });
      const outcome = a.debug?.composers?.find((c) => c.composer === 'passage')?.outcome;
      // the composer was not tried (an earlier one answered, or it does not take the frame): nothing to compare
      if (!outcome || outcome === 'not-accepted') continue;
      const possible = mayQuote(a.debug!.frame as Frame, scope);
      if (outcome === 'answered') {
        answered++;
        expect(possible, `${q} (${m}): answered by the passage composer`).toBe(true);
      } else if (!possible) ruledOut++;
    }
    // both outcomes occur many times, so the comparison decides something
    expect(answered).toBeGreaterThan(200);
    expect(ruledOut).toBeGreaterThan(200);
  }, 600_000);
});
