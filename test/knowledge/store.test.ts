import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KnowledgeLoadError } from '../../src/knowledge/errors.js';
import type { KnowledgeSnapshot, LoadResult } from '../../src/knowledge/model.js';
import { createKnowledgeStore, type ReloadOutcome } from '../../src/knowledge/store.js';

const silent = { info() {}, warn() {}, error() {} };

function snapshotOf(hash: string): KnowledgeSnapshot {
  return {
    municipalities: [{ id: 'hinode', name: '日の出町', shortName: '日の出', aliases: [], contact: {} }],
    documents: [],
    passages: [],
    glossary: [],
    faq: [],
    synonyms: [],
    routes: { channels: {}, municipalities: {}, rules: [] } as unknown as KnowledgeSnapshot['routes'],
    questionSets: [{ file: 'knowledge/questions/a.jsonl', items: [] }],
    facts: { all: [], byMunicipality: {} },
    hash,
    loadedAt: new Date().toISOString(),
    files: ['knowledge/a.yaml'],
  };
}

// A loader whose next result the test decides, counting calls.
function scriptedLoader() {
  let next: LoadResult = { ok: true, snapshot: snapshotOf('h1') };
  let calls = 0;
  let gate: Promise<void> | null = null;
  return {
    get calls() {
      return calls;
    },
    set(result: LoadResult) {
      next = result;
    },
    hold() {
      let release!: () => void;
      gate = new Promise((r) => {
        release = r;
      });
      return () => {
        gate = null;
        release();
      };
    },
    load: async (): Promise<LoadResult> => {
      calls++;
      const result = next;
      if (gate) await gate;
      return result;
    },
  };
}

describe('createKnowledgeStore', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('serves version 1 after the first load and counts per municipality in status()', async () => {
    const loader = scriptedLoader();
    const store = await createKnowledgeStore({ load: loader.load, build: async (s) => s.hash, logger: silent });
    expect(store.current()).toMatchObject({ value: 'h1', version: 1 });
    const status = store.status();
    expect(status.files).toEqual(['knowledge/a.yaml']);
    expect(Object.keys(status.countsPerMunicipality)).toContain('hinode');
    expect(status.lastReload).toBeNull();
    await store.close();
  });

  it('refuses to start when the first load fails (nothing good to serve)', async () => {
    const load = async (): Promise<LoadResult> => ({
      ok: false,
      errors: [{ file: 'knowledge/faq.yaml', line: 3, message: 'bad' }],
    });
    await expect(createKnowledgeStore({ load, build: async () => 1, logger: silent })).rejects.toThrow(
      /knowledge\/faq.yaml:3/,
    );
  });

  it('a failed first load is a KnowledgeLoadError carrying every error (main.ts prints them, file and line)', async () => {
    const errors = [
      { file: 'knowledge/faq.yaml', line: 3, message: 'bad' },
      { file: 'knowledge/routes.yaml', line: 9, message: 'worse' },
    ];
    const invalid = createKnowledgeStore({
      load: async () => ({ ok: false, errors }),
      build: async () => 1,
      logger: silent,
    });
    await expect(invalid).rejects.toBeInstanceOf(KnowledgeLoadError);
    await expect(invalid).rejects.toMatchObject({ errors });
    // a loader that throws (a file it cannot read) is reported the same way, as one error of the load
    const throwing = createKnowledgeStore({
      load: async () => {
        throw new Error('EACCES: knowledge/');
      },
      build: async () => 1,
      logger: silent,
    });
    await expect(throwing).rejects.toMatchObject({ errors: [{ file: '(load)', message: 'EACCES: knowledge/' }] });
  });

  it('swaps in the new value on a valid reload', async () => {
    const loader = scriptedLoader();
    const seen: ReloadOutcome[] = [];
    const store = await createKnowledgeStore({
      load: loader.load,
      build: async (s) => s.hash,
      logger: silent,
      onReload: (o) => seen.push(o),
    });
    loader.set({ ok: true, snapshot: snapshotOf('h2') });
    const outcome = await store.reload('test');
    expect(outcome).toMatchObject({ ok: true, version: 2, previousVersion: 1, changed: true, errors: [] });
    expect(store.current()).toMatchObject({ value: 'h2', version: 2 });
    expect(seen).toHaveLength(1);
    await store.close();
  });

  it('keeps the old value serving when the load fails, and records every error', async () => {
    const loader = scriptedLoader();
    const store = await createKnowledgeStore({ load: loader.load, build: async (s) => s.hash, logger: silent });
    const errors = [
      { file: 'knowledge/faq.yaml', line: 12, field: 'entries[2].answer', message: 'required' },
      { file: 'knowledge/routes.yaml', line: 4, message: 'unknown channel' },
    ];
    loader.set({ ok: false, errors });
    const outcome = await store.reload('bad edit');
    expect(outcome).toMatchObject({ ok: false, version: 1, errors });
    expect(store.current()).toMatchObject({ value: 'h1', version: 1 });
    expect(store.status().lastReload).toMatchObject({ ok: false, reason: 'bad edit', errors });
    await store.close();
  });

  it('keeps the old value serving when the build throws', async () => {
    const loader = scriptedLoader();
    const store = await createKnowledgeStore({
      load: loader.load,
      build: async (s) => {
        if (s.hash === 'boom') throw new Error('search: index failed');
        return s.hash;
      },
      logger: silent,
    });
    loader.set({ ok: true, snapshot: snapshotOf('boom') });
    const outcome = await store.reload('x');
    expect(outcome.ok).toBe(false);
    expect(outcome.errors[0]?.message).toMatch(/index failed/);
    expect(store.current().value).toBe('h1');
    await store.close();
  });

  it('coalesces reloads requested while one runs into a single follow-up', async () => {
    const loader = scriptedLoader();
    const store = await createKnowledgeStore({ load: loader.load, build: async (s) => s.hash, logger: silent });
    const release = loader.hold();
    loader.set({ ok: true, snapshot: snapshotOf('h2') });
    const first = store.reload('a');
    const rest = [store.reload('b'), store.reload('c'), store.reload('d')];
    expect(rest[0]).toBe(rest[1]); // shared
    release();
    const outcomes = await Promise.all([first, ...rest]);
    // the first call plus one follow-up for b, c and d together
    expect(loader.calls).toBe(1 + 2);
    expect(outcomes[1]?.reason).toBe('b; c; d');
    expect(store.current().version).toBe(3);
    await store.close();
  });

  it('reloads once after a burst of file changes under a watched folder', async () => {
    dir = await mkdtemp(join(tmpdir(), 'madoguchi-store-'));
    await writeFile(join(dir, 'a.yaml'), 'a: 1\n');
    const loader = scriptedLoader();
    const outcomes: ReloadOutcome[] = [];
    const store = await createKnowledgeStore({
      load: loader.load,
      build: async (s) => s.hash,
      logger: silent,
      onReload: (o) => outcomes.push(o),
    });
    await store.watch([dir], { debounceMs: 150 });
    loader.set({ ok: true, snapshot: snapshotOf('h2') });
    await writeFile(join(dir, 'a.yaml'), 'a: 2\n');
    await writeFile(join(dir, 'b.yaml'), 'b: 1\n');
    await expect.poll(() => outcomes.length, { timeout: 5000 }).toBe(1);
    expect(outcomes[0]?.reason).toMatch(/^watch: /);
    expect(store.current().value).toBe('h2');
    await store.close();
  });
});
