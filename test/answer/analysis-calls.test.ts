// Static texts are analysed once per snapshot (when the engine is built), so answering a question runs the
// analyzer on the question alone: a handful of calls, not one per sentence or heading of the corpus.
import { beforeAll, describe, expect, it } from 'vitest';
import { type Analyzer, createAnalyzer, type Token } from '../../src/analysis/index.js';
import { createAnswerEngine } from '../../src/answer/index.js';
import type { KnowledgeSnapshot } from '../../src/knowledge/index.js';
import { loadSnapshot } from '../../src/runtime.js';
import { buildIndex } from '../../src/search/index.js';
import { PROJECT_ROOT } from '../helpers/engine.js';

const METHODS = ['tokenize', 'terms', 'bigrams', 'queryTerms', 'queryBigrams', 'analyze', 'analyzeQuery'] as const;

let snapshot: KnowledgeSnapshot;
let base: Analyzer;
beforeAll(async () => {
  snapshot = await loadSnapshot({ root: PROJECT_ROOT });
  base = (await createAnalyzer()).withSynonyms(snapshot.synonyms);
});

// Counts what reaches kuromoji: each call of an analysis method, and for an analyzer reading through a
// question's token memo (withTokenMemo), each text the memo did not hold yet.
function counting(analyzer: Analyzer, texts: string[] = []): { analyzer: Analyzer; texts: string[] } {
  const wrapped = { ...analyzer } as Record<string, unknown>;
  for (const m of METHODS) {
    const f = analyzer[m] as (t: string) => unknown;
    wrapped[m] = (t: string) => {
      texts.push(t);
      return f(t);
    };
  }
  const counted = new WeakSet<Map<string, Token[]>>();
  wrapped.withTokenMemo = (memo: Map<string, Token[]>) => {
    if (!counted.has(memo)) {
      counted.add(memo);
      const set = memo.set.bind(memo);
      memo.set = (text, tokens) => {
        texts.push(text);
        return set(text, tokens);
      };
    }
    return analyzer.withTokenMemo(memo);
  };
  return { analyzer: wrapped as unknown as Analyzer, texts };
}

describe('analyzer calls per question', () => {
  it('answering analyses the question, not the documents', async () => {
    const { analyzer, texts } = counting(base);
    const index = await buildIndex(snapshot, analyzer);
    const engine = createAnswerEngine({ snapshot, index, analyzer });
    const questions = [
      'マイナンバーカードの保有率は',
      '書かない窓口はもう始まってる？',
      '小金井市と日の出町のDX推進の柱は',
      '西東京市のRPAのシナリオ作成件数は',
      'デジタル田園都市国家構想基本方針はいつ閣議決定された？',
    ];
    let total = 0;
    let long = 0;
    for (const q of questions) {
      texts.length = 0;
      engine.answer(q, { municipality: 'nishitokyo', suggest: false });
      total += texts.length;
      long += texts.filter((t) => t.length > 120).length;
      // Nothing is tokenized twice within one question (every reader shares the question's token memo).
      expect(new Set(texts).size, q).toBe(texts.length);
    }
    const perQuestion = total / questions.length;
    // Before: about 33 a question (a call per candidate sentence and section heading), then 13.6 (the question
    // re-tokenized by each reader: terms, phrase, head noun, each search). Now each text the question reads is
    // tokenized once: the question, its synonym phrases, a quoted text validated.
    expect(perQuestion).toBeLessThan(5);
    // Long texts are documents; a question (and the synonym phrases found in it) is short. Validation still
    // analyses the quoted text with its heading path when a topic word is not found as written: at most one.
    expect(long).toBeLessThanOrEqual(questions.length);
  });

  it('follow-up suggestions are checked once (each check is an engine run on a short question), then remembered', async () => {
    const { analyzer, texts } = counting(base);
    const index = await buildIndex(snapshot, analyzer);
    const engine = createAnswerEngine({ snapshot, index, analyzer });
    const questions = [
      'マイナンバーカードの保有率は',
      '書かない窓口はもう始まってる？',
      '西東京市のRPAのシナリオ作成件数は',
    ];
    texts.length = 0;
    for (const q of questions) engine.answer(q, { municipality: 'nishitokyo' });
    const first = texts.length;
    texts.length = 0;
    for (const q of questions) engine.answer(q, { municipality: 'nishitokyo' });
    expect(texts.length / questions.length).toBeLessThan(15);
    expect(texts.length).toBeLessThan(first);
  });
});
