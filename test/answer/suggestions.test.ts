// Follow-up suggestions under an answer, with the real engine: only what the documents really answer for that
// topic and municipality, short labels, and nothing under an answer that did not answer.
import { beforeAll, describe, expect, it } from 'vitest';
import { candidates } from '../../src/answer/suggestions.js';
import type { AnswerEngine } from '../../src/answer/types.js';
import { loadTestEngine } from '../helpers/engine.js';

let engine: AnswerEngine;
beforeAll(async () => {
  engine = await loadTestEngine();
}, 60_000);

describe('suggestions', () => {
  it.each([
    { q: '書かない窓口とは', m: 'nishitokyo', why: 'a definition: its schedule, target or department' },
    { q: '電子決裁はいつから？', m: 'hinode', why: 'a date: what it is, who runs it' },
    { q: '自治体DXの取組事項を教えて', m: 'musashino', why: 'a list: its items' },
  ])('$q ($why): 1–4, each answered on its own with something new', ({ q, m }) => {
    const answer = engine.answer(q, { municipality: m });
    expect(answer.kind).toBe('answer');
    const followUps = answer.followUps ?? [];
    expect(followUps.length).toBeGreaterThanOrEqual(1);
    expect(followUps.length).toBeLessThanOrEqual(4);
    expect(answer.related).toEqual(followUps.map((f) => f.question));
    for (const f of followUps) {
      expect([...f.label].length).toBeLessThanOrEqual(20);
      const tapped = engine.answer(f.question, { municipality: m });
      expect(tapped.kind, f.question).toBe('answer');
      expect(tapped.reason, f.question).not.toBe('not-stated');
      expect(tapped.text, f.question).not.toBe(answer.text);
    }
  });

  it('a candidate whose answer would only repeat this one is not offered (a KPI row quoted whole)', () => {
    const q = 'マイナンバーカードの交付枚数の目標は？';
    const answer = engine.answer(q, { municipality: 'nishitokyo', debug: true });
    const tried = candidates(answer.debug!.frame!, answer, { municipalityName: () => '' });
    expect(tried.map((c) => c.question)).toEqual(
      expect.arrayContaining([expect.stringMatching(/実績/), expect.stringMatching(/達成率/)]),
    );
    const offered = new Set((answer.followUps ?? []).map((f) => f.question));
    for (const c of tried) {
      const tapped = engine.answer(c.question, { municipality: 'nishitokyo' });
      const news = tapped.kind === 'answer' && tapped.reason !== 'not-stated' && tapped.text !== answer.text;
      expect(offered.has(c.question), c.question).toBe(news);
    }
  });

  it('a list offers its own items', () => {
    const answer = engine.answer('自治体DXの取組事項を教えて', { municipality: 'musashino' });
    const items = answer.text
      .split('\n')
      .filter((l) => l.startsWith('・'))
      .map((l) => l.replace(/^・\s*\(\d+\)\s*/, ''));
    for (const f of answer.followUps ?? []) expect(items.some((i) => f.question.startsWith(i))).toBe(true);
  });

  it('a route offers the other channels the municipality has, and each is routed there', () => {
    const answer = engine.answer('課税証明書がほしいんだけど', { municipality: 'nishitokyo' });
    expect(answer.kind).toBe('route');
    const available = new Set(answer.route!.details.filter((d) => d.status === 'available').map((d) => d.id));
    expect(answer.followUps?.length).toBeGreaterThanOrEqual(1);
    for (const f of answer.followUps ?? []) {
      const tapped = engine.answer(f.question, { municipality: 'nishitokyo' });
      expect(tapped.kind).toBe('route');
      expect(available.has(tapped.route!.channels[0]!)).toBe(true);
      expect(tapped.route!.channels[0]).not.toBe(answer.route!.channels[0]); // another channel than the first
    }
  });

  it.each([
    { q: '今日の天気は？', why: 'a fallback offers the general examples only' },
    { q: 'マイナンバーカードの保有率は', m: 'koganei', why: 'not stated for 小金井市: nothing built on it' },
  ])('$why', ({ q, m }) => {
    const answer = engine.answer(q, { municipality: m ?? null });
    expect(answer.followUps).toBeUndefined();
  });
});
