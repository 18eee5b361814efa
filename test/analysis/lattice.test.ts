// kuromoji's word lattice is built by our faster builder (src/analysis/lattice.ts): for any text it must hold
// exactly the original's nodes — the same word ids, costs, positions, lengths, types, context ids and surfaces,
// in the same order at every end position — and so give the same tokens: on the corpus, the bench generator's
// questions, every script, unknown-word runs, surrogate pairs (left to the original) and arbitrary strings.

import { createRequire } from 'node:module';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateQuestions } from '../../bench/questions.js';
import { buildTokenizer } from '../../src/analysis/dictionary.js';
import { defaultDicPath, type RawTokenizer } from '../../src/analysis/tokenizer.js';
import { loadCorpus } from '../knowledge/corpus.js';

type Build = (sentence: string) => { nodes_end_at: (Record<string, unknown>[] | undefined)[]; eos_pos: number };
const ViterbiBuilder = createRequire(import.meta.url)('kuromoji/src/viterbi/ViterbiBuilder.js') as {
  prototype: { build: Build };
};

let tokenizer: RawTokenizer;
let builder: { build: Build };
let texts: string[];
beforeAll(async () => {
  tokenizer = await buildTokenizer(defaultDicPath());
  builder = (tokenizer as unknown as { viterbi_builder: { build: Build } }).viterbi_builder;
  const snapshot = await loadCorpus();
  texts = [
    ...snapshot.passages.filter((_, i) => i % 5 === 0).map((p) => p.text.normalize('NFKC').toLowerCase()),
    ...snapshot.glossary.map((g) => g.term),
    ...generateQuestions(snapshot, 2000).map((q) => q.q.normalize('NFKC').toLowerCase()),
  ];
}, 60_000);

/** Every node of a lattice as plain data, by end position (prev and shortest_cost are the searcher's). */
function plain(lattice: ReturnType<Build>) {
  return {
    eos: lattice.eos_pos,
    nodes: lattice.nodes_end_at.map((nodes) =>
      nodes?.map((n) => [n.name, n.cost, n.start_pos, n.length, n.type, n.left_id, n.right_id, n.surface_form]),
    ),
  };
}

const outcome = (build: () => ReturnType<Build>) => {
  try {
    return { built: plain(build()) };
  } catch (e) {
    return { threw: e instanceof Error ? e.constructor.name : String(e) };
  }
};
// the same nodes, or the same failure (kuromoji fails on a few inputs of its own accord: a lone surrogate)
const same = (sentence: string) =>
  expect(outcome(() => builder.build(sentence))).toEqual(
    outcome(() => ViterbiBuilder.prototype.build.call(builder, sentence)),
  );
const tokens = (text: string) => {
  try {
    return tokenizer.tokenize(text);
  } catch (e) {
    return e instanceof Error ? e.constructor.name : String(e);
  }
};

describe('the faster lattice builder', () => {
  it('is in use (the tokenizer does not run the original)', () => {
    expect(builder.build).not.toBe(ViterbiBuilder.prototype.build);
  });

  it('builds the original’s lattice for a sample of the corpus, its glossary terms and 2,000 generated questions', () => {
    // kuromoji builds a lattice per sentence (split at 。 and 、): so does this, and whole texts too
    for (const text of texts) {
      same(text);
      for (const sentence of text.split(/(?<=[。、])/)) same(sentence);
    }
  }, 120_000);

  it.each([
    { text: '', why: 'the empty sentence' },
    { text: 'ｶﾀｶﾅとABCと１２３', why: 'half-width kana, ASCII, full-width digits' },
    { text: 'マイナポータルアプリケーションインターフェース', why: 'a long katakana run (unknown words grouped)' },
    { text: 'abcdefghijklmnopqrstuvwxyz0123456789', why: 'a long Latin run' },
    { text: '令和5年度から2030年までにdx推進', why: 'digits, kanji and Latin next to each other' },
    { text: '𠮷野家で食べる', why: 'a surrogate pair (left to the original)' },
    { text: '東京😀都', why: 'an emoji inside' },
    { text: '東\u0000京', why: 'a NUL inside' },
    { text: '東京\uD800都', why: 'a lone surrogate' },
    { text: '　 \t', why: 'only spaces' },
  ])('$why', ({ text }) => {
    same(text);
    const fast = tokens(text);
    const b = builder.build;
    builder.build = ViterbiBuilder.prototype.build;
    try {
      expect(fast).toEqual(tokens(text));
    } finally {
      builder.build = b;
    }
  });

  it('builds the original’s lattice for arbitrary strings', () => {
    const chars = fc.constantFrom(
      ...'あいうかきくアイウカキクーABCabc123１２３東京都市町村デジタル化推進、。・ 　!?（）',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(chars, { maxLength: 40 }).map((cs) => cs.join('')),
        ),
        (text) => {
          same(text);
        },
      ),
      { numRuns: 500 },
    );
  });
});
