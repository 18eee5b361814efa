// Reload: a valid change is served after the swap; an invalid one keeps the last good knowledge serving
// and lists every error with file:line; questions racing a reload never fail or see a half-built index.
// All edits go to a temp COPY of knowledge/ and seeds/.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answer/types.js';
import { type BuildRuntime, buildRuntime, type Harness, startHarness } from './harness.js';

const json = { 'content-type': 'application/json' };

async function ask(url: string, question: string) {
  const res = await fetch(`${url}/console/api/ask`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ question, municipality: null }),
  });
  return { status: res.status, body: (await res.json()) as { answer: Answer; version: number } };
}

async function reload(url: string) {
  const res = await fetch(`${url}/admin/reload`, { method: 'POST' });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { errors: unknown[] } };
}

const addSynonyms = (text: string) => `${text.trimEnd()}\n  - terms: [窓口テスト語, テスト用窓口語]\n`;

describe('reload', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('swaps in a valid change as a new version (POST /admin/reload)', async () => {
    h = await startHarness();
    expect(h.store.current().version).toBe(1);
    await h.edit('knowledge/synonyms.yaml', addSynonyms);
    const { status, body } = await reload(h.url);
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, version: 2, previousVersion: 1, changed: true, errors: [] });
    expect(h.store.current().snapshot.synonyms.some((g) => g.terms.includes('窓口テスト語'))).toBe(true);
    const statusRes = await (await fetch(`${h.url}/console/api/status`)).json();
    expect(statusRes).toMatchObject({ version: 2, lastReload: { ok: true } });
    expect(h.reloads).toEqual([true]);
  }, 180_000);

  it('keeps the old knowledge serving when a change is invalid, listing every error with file:line', async () => {
    h = await startHarness();
    const before = await ask(h.url, '書かない窓口とは');
    await h.edit('knowledge/synonyms.yaml', (t) => `${t.trimEnd()}\n  - terms: [ひとつだけ]\n`);
    await h.edit('knowledge/faq.yaml', (t) => `${t.trimEnd()}\nbroken: [unclosed, flow\n`);
    const { status, body } = await reload(h.url);
    expect(status).toBe(422);
    expect(body).toMatchObject({ ok: false, version: 1 });
    const errors = body.errors as { file: string; line?: number; field?: string; message: string }[];
    const files = errors.map((e) => e.file);
    expect(files).toContain('knowledge/synonyms.yaml');
    expect(files).toContain('knowledge/faq.yaml');
    for (const e of errors) expect(e.line, `${e.file}: ${e.message}`).toBeGreaterThan(0);

    // still serving version 1, same answer
    const after = await ask(h.url, '書かない窓口とは');
    expect(after.status).toBe(200);
    expect(after.body.version).toBe(1);
    expect(after.body.answer.text).toBe(before.body.answer.text);

    // the console's status panel shows the failure and its errors
    const s = (await (await fetch(`${h.url}/console/api/status`)).json()) as {
      version: number;
      lastReload: { ok: boolean; errors: unknown[] };
    };
    expect(s.version).toBe(1);
    expect(s.lastReload.ok).toBe(false);
    expect(s.lastReload.errors).toEqual(errors);
    expect(h.reloads).toEqual([false]);
  }, 180_000);

  it('reloads on its own when a watched file changes', async () => {
    h = await startHarness();
    await h.store.watch([join(h.root, 'knowledge'), join(h.root, 'seeds')], { debounceMs: 100 });
    await h.edit('knowledge/synonyms.yaml', addSynonyms);
    await expect.poll(() => h!.store.current().version, { timeout: 150_000 }).toBe(2);
    expect(h.store.status().lastReload).toMatchObject({ ok: true, reason: expect.stringMatching(/^watch: /) });
  }, 180_000);

  it('answers 200 concurrent questions racing reloads: none fails, none sees a half-built index', async () => {
    // Every reload really builds (no sharing by hash). After the real build, it yields to the event
    // loop many times while it fills a marker index, so requests run in between; were the store to
    // expose a value before its build finished, answers would throw.
    const slowBuild: BuildRuntime = async (snapshot) => {
      const runtime = await buildRuntime(snapshot);
      const index = new Map<number, true>();
      const size = 50;
      const inner = runtime.engine;
      for (let i = 0; i < size; i++) {
        index.set(i, true);
        await new Promise((r) => setImmediate(r));
      }
      return {
        ...runtime,
        engine: {
          answer(q, o) {
            if (index.size !== size) throw new Error(`half-built index: ${index.size}/${size}`);
            return inner.answer(q, o);
          },
        },
      };
    };
    h = await startHarness({ build: slowBuild });
    const baseline = await ask(h.url, '書かない窓口とは');
    expect(baseline.status).toBe(200);
    const questions = Array.from({ length: 200 }, (_, i) => ask(h!.url, i % 2 ? '書かない窓口とは' : 'SaaSとは'));
    const reloads = [reload(h.url), reload(h.url), reload(h.url)];
    const answers = await Promise.all(questions);
    const outcomes = await Promise.all(reloads);
    for (const o of outcomes) expect(o.status).toBe(200);
    for (const a of answers) expect(a.status).toBe(200);
    for (const a of answers) expect(a.body.answer.kind).toBe('answer');
    const texts = new Set(answers.filter((_, i) => i % 2).map((a) => a.body.answer.text));
    expect([...texts]).toEqual([baseline.body.answer.text]);
    // every answer came from a whole version: the first, or one a finished reload produced
    const finished = new Set([1, ...outcomes.map((o) => o.body['version'] as number)]);
    for (const a of answers) expect(finished).toContain(a.body.version);
    expect(h.store.current().version).toBeGreaterThan(1);
  }, 180_000);
});
