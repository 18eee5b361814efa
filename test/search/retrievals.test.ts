// A question and its suggestion checks share one memo of MiniSearch's results (SearchOptions.retrievals), keyed
// by the query as MiniSearch receives it. Texts that analyse alike are retrieved once and each is still ranked
// for its own intent and limit: the hits must be exactly those of a search without the memo.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/analysis/index.js';
import type { KnowledgeSnapshot } from '../../src/knowledge/index.js';
import { buildIndex, type SearchIndex, type SearchOptions } from '../../src/search/index.js';
import { loadCorpus, ROOT } from '../knowledge/corpus.js';

let snapshot: KnowledgeSnapshot;
let index: SearchIndex;
beforeAll(async () => {
  snapshot = await loadCorpus();
  index = buildIndex(snapshot, await createAnalyzer({ synonyms: snapshot.synonyms }));
});

const memo = (): NonNullable<SearchOptions['retrievals']> => new Map();

describe('retrieval memo', () => {
  it.each([
    {
      a: 'デジタルデバイド対策はいつから？',
      b: 'デジタルデバイド対策とは',
      why: 'the cue words add no term: one retrieval',
    },
    { a: 'RPAの目標は', b: 'RPAの目標は？', why: 'punctuation adds no term' },
  ])('$a / $b ($why): one retrieval, each ranked as without the memo', ({ a, b }) => {
    const retrievals = memo();
    for (const m of ['nishitokyo', null]) {
      const opts = { municipality: m, limit: 10 };
      expect(index.search(a, { ...opts, retrievals })).toEqual(index.search(a, opts));
      expect(index.search(b, { ...opts, retrievals })).toEqual(index.search(b, opts));
    }
    expect(retrievals.size).toBe(2); // one per municipality scope
  });

  it.each([{ a: 'RPAの目標は', b: 'RPAの担当課は', why: 'another term (担当課) is another query' }])(
    '$a / $b ($why): two retrievals',
    ({ a, b }) => {
      const retrievals = memo();
      index.search(a, { retrievals });
      index.search(b, { retrievals });
      expect(retrievals.size).toBe(2);
    },
  );

  it('the shards, the filter and the types are part of the key', () => {
    const retrievals = memo();
    const q = 'キャッシュレス決済';
    const variants: SearchOptions[] = [
      { municipality: 'koganei' },
      { municipality: 'hinode' },
      { municipality: 'koganei', filter: 'boost' },
      { municipality: null },
      { municipality: null, types: ['glossary'] },
    ];
    for (const v of variants) expect(index.search(q, { ...v, retrievals })).toEqual(index.search(q, v));
    expect(retrievals.size).toBe(variants.length);
  });

  it('over the project question sets, with one memo for all: the same hits as without it', () => {
    const files = ['regression.jsonl', 'residents.jsonl', 'residents-6.jsonl'];
    const rows = files.flatMap((f) =>
      readFileSync(join(ROOT, 'knowledge/questions', f), 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as { q: string; m?: string }),
    );
    const retrievals = memo();
    let searches = 0;
    for (const { q, m } of rows) {
      for (const opts of [{ municipality: m ?? null }, { municipality: null, types: ['glossary' as const] }]) {
        // the question, and the question with cue words a suggestion adds (often the same query)
        for (const text of [q, `${q}はいつから`]) {
          searches++;
          expect(index.search(text, { ...opts, retrievals }), text).toEqual(index.search(text, opts));
        }
      }
    }
    expect(retrievals.size).toBeLessThan(searches);
  });
});
