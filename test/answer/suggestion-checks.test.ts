// A suggestion check composes the tapped question with the composers and validation only (no not-stated path,
// its sources counted rather than cleaned, retrieval shared with the answered question). It must decide exactly
// as the full answer the resident would get by tapping: answered (the same kind, a route to the wished
// channel), not "not stated", cited, and saying something this answer does not. Checked over the project's
// question sets and the bench generator's questions.
import { beforeAll, describe, expect, it } from 'vitest';
import { generateQuestions } from '../../bench/questions.js';
import { candidates, MAX_SUGGESTIONS, wishedChannel } from '../../src/answer/suggestions.js';
import type { Answer, AnswerEngine } from '../../src/answer/types.js';
import { loadTestRuntime } from '../helpers/engine.js';
import { projectQuestions } from '../knowledge/corpus.js';

let engine: AnswerEngine;
let rows: { q: string; m: string | null }[];
let names: Map<string, string>;
beforeAll(async () => {
  const runtime = await loadTestRuntime();
  engine = runtime.engine;
  names = new Map(runtime.snapshot.municipalities.map((m) => [m.id, m.name]));
  rows = [
    ...projectQuestions(),
    ...generateQuestions(runtime.snapshot, 150).map((b) => ({ q: b.q, m: b.municipality ?? null })),
  ];
}, 60_000);

/** What the suggester should offer, decided by the full answers the candidates get when tapped. */
function expected(answer: Answer, chosen: string | null): { offer: string[]; rejected: number } {
  if ((answer.kind !== 'answer' && answer.kind !== 'route') || answer.reason === 'not-stated')
    return { offer: [], rejected: 0 };
  const tried = candidates(answer.debug!.frame!, answer, { municipalityName: (id) => (id ? names.get(id)! : '') });
  const offer: string[] = [];
  const seen = new Set<string>();
  let rejected = 0;
  for (const c of tried.slice(0, 6)) {
    if (seen.has(c.label)) continue;
    seen.add(c.label);
    const tapped = engine.answer(c.question, { municipality: chosen, suggest: false });
    const answered =
      tapped.kind === answer.kind &&
      tapped.reason !== 'not-stated' &&
      (answer.kind !== 'route' || tapped.route?.channels[0] === wishedChannel(c.question)) &&
      (answer.kind !== 'answer' || tapped.sources.length > 0);
    if (answered && tapped.text !== answer.text) offer.push(c.question);
    else rejected++;
    if (offer.length >= MAX_SUGGESTIONS) break;
  }
  return { offer, rejected };
}

describe('suggestion checks', () => {
  it('offer exactly what the full answers of the tapped questions justify', () => {
    let offered = 0;
    let rejected = 0;
    for (const { q, m } of rows) {
      const answer = engine.answer(q, { municipality: m, debug: true });
      const want = expected(answer, m);
      expect(answer.followUps?.map((f) => f.question) ?? [], `${q} (${m})`).toEqual(want.offer);
      offered += want.offer.length;
      rejected += want.rejected;
    }
    // both outcomes occur many times, so the comparison decides something
    expect(offered).toBeGreaterThan(100);
    expect(rejected).toBeGreaterThan(100);
  }, 300_000);
});
