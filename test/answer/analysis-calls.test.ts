// Static texts are analysed once per snapshot (when the engine is built), so answering a question runs the
// analyzer on the question alone: a handful of calls, not one per sentence or heading of the corpus.
import { beforeAll, describe, expect, it } from 'vitest';
import { type Analyzer, createAnalyzer } from '../../src/analysis/index.js';
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

function counting(analyzer: Analyzer): { analyzer: Analyzer; texts: string[] } {
  const texts: string[] = [];
  const wrapped = { ...analyzer } as Record<string, unknown>;
  for (const m of METHODS) {
    const f = analyzer[m] as (t: string) => unknown;
    wrapped[m] = (t: string) => {
      texts.push(t);
      return f(t);
    };
  }
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
    texts.length = 0;
    for (const q of questions) engine.answer(q, { municipality: 'nishitokyo', suggest: false });
    const perQuestion = texts.length / questions.length;
    // Before: about 33 a question (a call per candidate sentence and section heading). Now the question's
    // own analyses (terms, phrase, head noun, search) and, for comparisons, one search per municipality.
    expect(perQuestion).toBeLessThan(15);
    // Long texts are documents; a question (and the synonym phrases found in it) is short. Validation still
    // analyses the quoted text with its heading path when a topic word is not found as written: at most one.
    expect(texts.filter((t) => t.length > 120).length).toBeLessThanOrEqual(questions.length);
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
