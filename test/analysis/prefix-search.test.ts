// kuromoji's dictionary lookup at each position of a sentence (the double array's commonPrefixSearch) walks the
// key lazily in our tokenizers (src/analysis/prefix-search.ts): it must find exactly the original's words and
// records, in its order, for any text — the corpus at every position, every script, surrogate pairs, NUL, and
// keys the original cannot encode (a broken surrogate pair), which go to the original as before.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTokenizer } from '../../src/analysis/dictionary.js';
import { defaultDicPath } from '../../src/analysis/tokenizer.js';
import { loadCorpus } from '../knowledge/corpus.js';

type Search = (key: string) => { k: string; v?: number }[];
let lazy: Search;
let original: Search;
let texts: string[];
beforeAll(async () => {
  const tokenizer = await buildTokenizer(defaultDicPath());
  const trie = (tokenizer as unknown as { viterbi_builder: { trie: { commonPrefixSearch: Search } } }).viterbi_builder
    .trie;
  lazy = trie.commonPrefixSearch.bind(trie);
  const plain = Object.getPrototypeOf(trie) as { commonPrefixSearch: Search };
  original = plain.commonPrefixSearch.bind(trie);
  const snapshot = await loadCorpus();
  texts = [
    ...snapshot.passages.filter((_, i) => i % 25 === 0).map((p) => p.text),
    ...snapshot.glossary.map((g) => g.term),
  ];
}, 60_000);

const outcome = (search: Search, key: string) => {
  try {
    return { found: search(key) };
  } catch (e) {
    return { threw: e instanceof Error ? e.constructor.name : String(e) };
  }
};

describe('lazy common prefix search', () => {
  it('finds what the original finds at every position of a sample of the corpus', () => {
    let found = 0;
    for (const text of texts) {
      for (let i = 0; i < text.length; i++) {
        const tail = text.slice(i);
        const want = original(tail);
        expect(lazy(tail)).toEqual(want);
        found += want.length;
      }
    }
    expect(found).toBeGreaterThan(2_000); // most positions start dictionary words
  });

  it.each([
    { key: '', why: 'the empty key' },
    { key: '𠮷野家で食べる', why: 'a surrogate pair first (no dictionary word has one)' },
    { key: '東京😀都', why: 'an emoji inside' },
    { key: 'ｶﾀｶﾅとABCと１２３', why: 'half-width kana, ASCII, full-width digits' },
    { key: '東\u0000京', why: 'a NUL (the trie’s terminal code) inside the key' },
    { key: '東京\uD800都', why: 'a lone high surrogate: the original cannot encode the key' },
    { key: '\uDC00東京', why: 'a lone low surrogate first' },
    { key: '東京\uD83D', why: 'a high surrogate at the end' },
  ])('$why', ({ key }) => {
    expect(outcome(lazy, key)).toEqual(outcome(original, key));
  });

  it('any string, any script', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 12 }),
        fc.string({ unit: 'binary', maxLength: 6 }),
        (a, b) => {
          for (const key of [a, b, a + b]) expect(outcome(lazy, key)).toEqual(outcome(original, key));
        },
      ),
      { numRuns: 300 },
    );
  });
});
