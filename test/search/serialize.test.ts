// stringifyMiniSearch writes MiniSearch's own JSON without its object tree: same content, same loaded index.
import fc from 'fast-check';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { stringifyMiniSearch } from '../../src/search/serialize.js';

interface Doc {
  id: number;
  title: string;
  body: string;
  tag: string;
}
const options = { fields: ['title', 'body'], storeFields: ['tag'] };
const build = (docs: Doc[]) => {
  const mini = new MiniSearch<Doc>(options);
  mini.addAll(docs);
  return mini;
};

describe('stringifyMiniSearch', () => {
  const docs: Doc[] = Array.from({ length: 1200 }, (_, i) => ({
    id: i * 3 + 1,
    title: `document ${i % 17} "quoted" \\ back`,
    body: `${i % 2 ? 'odd' : 'even'} マイナンバーカード ${i % 5 ? 'common' : 'rare'} 😀 tab\there`,
    tag: `t${i % 4}`,
  }));

  it('parses to the same object as JSON.stringify(mini), quotes, escapes and emoji included', () => {
    const mini = build(docs);
    mini.discard(4); // a discarded document: dirtCount and the postings it leaves behind
    expect(JSON.parse(stringifyMiniSearch(mini))).toEqual(JSON.parse(JSON.stringify(mini)));
  });

  it('loads into an index that answers as the original', () => {
    const mini = build(docs);
    const loaded = MiniSearch.loadJSON<Doc>(stringifyMiniSearch(mini), options);
    for (const q of ['rare odd', 'マイナンバーカード', 'document 3', 'quoted']) {
      expect(loaded.search(q)).toEqual(mini.search(q));
    }
    expect(loaded.documentCount).toBe(mini.documentCount);
  });

  it('leaves the index usable afterwards (the term map is put back)', () => {
    const mini = build(docs.slice(0, 10));
    stringifyMiniSearch(mini);
    expect(mini.search('rare').length).toBeGreaterThan(0);
  });

  it('round-trips arbitrary field text', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string(), fc.string()), { maxLength: 20 }), (pairs) => {
        const mini = build(pairs.map(([title, body], id) => ({ id, title, body, tag: title })));
        expect(JSON.parse(stringifyMiniSearch(mini))).toEqual(JSON.parse(JSON.stringify(mini)));
      }),
      { numRuns: 200 },
    );
  });
});
