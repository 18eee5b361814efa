// Long texts are tokenized piece by piece (tokenizer.ts), and the analyzer remembers the latest pieces' tokens:
// a quote validated with its heading path is made of pieces already tokenized. A piece's tokens do not depend
// on what surrounds it, so a text read through the memo gets exactly the tokens it gets without it. Short texts
// (tokenized whole) are remembered the same way, in a memo of their own.
import { beforeAll, describe, expect, it } from 'vitest';
import { type Analyzer, createAnalyzer } from '../../src/analysis/index.js';
import {
  createPieceMemo,
  loadTokenizer,
  type PieceMemo,
  type RawTokenizer,
  toTokens,
} from '../../src/analysis/tokenizer.js';
import type { KnowledgeSnapshot } from '../../src/knowledge/index.js';
import { loadCorpus } from '../knowledge/corpus.js';

let raw: RawTokenizer;
let analyzer: Analyzer;
let snapshot: KnowledgeSnapshot;
beforeAll(async () => {
  [raw, snapshot] = await Promise.all([loadTokenizer(), loadCorpus()]);
  analyzer = await createAnalyzer({ synonyms: snapshot.synonyms });
});

/** A memo that counts the pieces it had to tokenize. */
function counted(): { memo: PieceMemo; misses: () => number } {
  const memo = createPieceMemo();
  let n = 0;
  return {
    memo: {
      get: memo.get,
      set(p, t) {
        n++;
        memo.set(p, t);
      },
    },
    misses: () => n,
  };
}

describe('piece memo', () => {
  it('the passages of the corpus, and quotes made of them, get the tokens they get without the memo', () => {
    const { memo, misses } = counted();
    const texts = snapshot.passages.map((p) => analyzer.normalize(p.text)).filter((t) => t.length > 64);
    expect(texts.length).toBeGreaterThan(100);
    for (const t of texts.slice(0, 300)) expect(toTokens(raw, t, memo)).toEqual(toTokens(raw, t));
    const before = misses();
    // a quote with its heading path, as validation reads it: every piece was met before
    for (const p of snapshot.passages.slice(0, 300)) {
      const quote = analyzer.normalize(`${p.headingPath.join(' ')} ${p.text}`);
      if (quote.length <= 64 || analyzer.normalize(p.text).length <= 64) continue;
      expect(toTokens(raw, quote, memo)).toEqual(toTokens(raw, quote));
    }
    // only the heading paths' pieces were new
    const headings = new Set(
      snapshot.passages.slice(0, 300).flatMap((p) => p.headingPath.map((h) => analyzer.normalize(h))),
    );
    expect(misses() - before).toBeLessThanOrEqual(headings.size * 3);
  });

  it('a remembered piece is copied, not shared: changing a token read once does not change the next read', () => {
    const memo = createPieceMemo();
    const text = analyzer.normalize(
      'デジタル技術を活用した行政サービスの利便性向上を図ります。 書かない窓口の導入により、申請手続の負担を軽減します。',
    );
    const first = toTokens(raw, text, memo);
    first[0]!.surface = 'changed';
    expect(toTokens(raw, text, memo)).toEqual(toTokens(raw, text));
  });

  it('short texts (a question, its topic, a suggested follow-up) read through their memo get the tokens kuromoji gives them', () => {
    const { memo, misses } = counted();
    const texts = [
      ...snapshot.glossary.flatMap((g) => [g.term, `${g.term}とは`, `${g.term}の担当課は？`, `${g.term}はいつから？`]),
      ...snapshot.passages.flatMap((p) => p.headingPath),
    ]
      .map((t) => analyzer.normalize(t))
      .filter((t) => t && t.length <= 64);
    expect(texts.length).toBeGreaterThan(500);
    for (const t of texts) expect(toTokens(raw, t, undefined, memo)).toEqual(toTokens(raw, t));
    const distinct = new Set(texts).size;
    expect(misses()).toBe(distinct); // each tokenized once
    // read again (copies: a caller changing one does not change the next read)
    for (const t of texts) {
      const tokens = toTokens(raw, t, undefined, memo);
      expect(tokens).toEqual(toTokens(raw, t));
      if (tokens[0]) tokens[0].surface = 'changed';
    }
    expect(misses()).toBe(distinct);
  });

  it('an analyzer that remembers nothing (benches timing kuromoji) gives the tokens and terms the remembering one gives', async () => {
    const plain = await createAnalyzer({ synonyms: snapshot.synonyms, remember: false });
    const texts = [
      ...snapshot.glossary.slice(0, 50).flatMap((g) => [`${g.term}の担当課は？`, g.definition]),
      ...snapshot.passages.slice(0, 50).map((p) => p.text),
    ];
    for (const t of [...texts, ...texts]) {
      expect(plain.tokenize(t)).toEqual(analyzer.tokenize(t));
      expect(plain.terms(t)).toEqual(analyzer.terms(t));
    }
  });

  it('forgets the oldest piece beyond its size', () => {
    const memo = createPieceMemo(2);
    memo.set('a', []);
    memo.set('b', []);
    memo.set('c', []);
    expect([memo.get('a'), memo.get('b'), memo.get('c')]).toEqual([undefined, [], []]);
  });
});
