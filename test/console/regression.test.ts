// The regression runner judges like ../shared/eval/score.mjs, so the console and the scorer agree.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answer/types.js';
import { judgeAnswer, type RegressionReport } from '../../src/console/index.js';
import type { QuestionSetItem } from '../../src/knowledge/index.js';
import { type Harness, startHarness, TEST_QUESTIONS } from './harness.js';

const answer = (a: Partial<Answer>): Answer => ({
  kind: 'answer',
  text: '',
  sources: [],
  route: null,
  confidence: 1,
  municipality: null,
  ...a,
});
const src = (municipality: Answer['sources'][number]['municipality']) => ({
  municipality,
  document: 'd',
  documentId: 'd',
  section: 's',
  excerpt: '',
});

const cases: { why: string; item: QuestionSetItem; a: Answer | undefined; expect: string | null }[] = [
  { why: 'no answer line', item: { id: '1', cat: 'c', q: 'q', kind: 'answer' }, a: undefined, expect: 'no answer' },
  {
    why: 'kind must match first',
    item: { id: '1', cat: 'c', q: 'q', kind: 'answer' },
    a: answer({ kind: 'fallback' }),
    expect: 'kind fallback',
  },
  {
    why: 'fallback passes on kind alone',
    item: { id: '1', cat: 'c', q: 'q', kind: 'fallback' },
    a: answer({ kind: 'fallback', text: 'x' }),
    expect: null,
  },
  {
    why: 'route needs one shared channel',
    item: { id: '1', cat: 'c', q: 'q', kind: 'route', channels: ['online', 'kakanai'] },
    a: answer({ kind: 'route', route: { channels: ['kakanai'], details: [] } }),
    expect: null,
  },
  {
    why: 'route with other channels fails',
    item: { id: '1', cat: 'c', q: 'q', kind: 'route', channels: ['online'] },
    a: answer({ kind: 'route', route: { channels: ['counter'], details: [] } }),
    expect: 'channels ["counter"]',
  },
  {
    why: 'NFKC, case and white space are ignored in "all"',
    item: { id: '1', cat: 'c', q: 'q', kind: 'answer', all: ['Software as a Service'] },
    a: answer({ text: 'ＳａａＳ（software as a service）は…' }),
    expect: null,
  },
  {
    why: 'a missing "all" string fails',
    item: { id: '1', cat: 'c', q: 'q', kind: 'answer', all: ['紙'] },
    a: answer({ text: '電子' }),
    expect: 'missing "紙"',
  },
  {
    why: 'none of "any" fails',
    item: { id: '1', cat: 'c', q: 'q', kind: 'answer', any: ['a', 'b'] },
    a: answer({ text: 'c' }),
    expect: 'none of ["a","b"]',
  },
  {
    why: 'src must be among the first three sources',
    item: { id: '1', cat: 'c', q: 'q', kind: 'answer', src: ['hinode'] },
    a: answer({ text: 't', sources: [src('koganei'), src('koganei'), src('koganei'), src('hinode')] }),
    expect: 'sources ["koganei","koganei","koganei"]',
  },
  {
    why: 'over 500 characters fails',
    item: { id: '1', cat: 'c', q: 'q', kind: 'answer' },
    a: answer({ text: 'あ'.repeat(501) }),
    expect: 'text 501 chars',
  },
];

describe('judgeAnswer', () => {
  it.each(cases)('$why', ({ item, a, expect: want }) => {
    expect(judgeAnswer(item, a)).toBe(want);
  });
});

describe('POST /console/api/regression', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  }, 180_000);
  afterAll(() => h.close());

  it('runs every question of the snapshot’s sets and reports pass/fail with reasons and the total', async () => {
    const res = await fetch(`${h.url}/console/api/regression`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(200);
    const report = (await res.json()) as RegressionReport & { sets: string[] };
    expect(report.sets).toContain('knowledge/questions/console-test.jsonl');
    const ours = report.rows.filter((r) => r.file === 'knowledge/questions/console-test.jsonl');
    expect(ours.map((r) => r.id)).toEqual(TEST_QUESTIONS.map((q) => q.id));
    expect(report.passed).toBe(report.rows.filter((r) => r.ok).length);
    expect(report.total).toBe(report.rows.length);
    const never = ours.find((r) => r.id === 't-3');
    expect(never?.ok).toBe(false);
    expect(never?.reason).toMatch(/^(missing|kind)/);
    for (const r of report.rows) expect(r.ok).toBe(r.reason === null);
  });
});
