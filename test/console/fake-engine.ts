// A small hand-written AnswerEngine for the console's own tests while the real one is not wired in:
// answers from glossary entries whose term the question contains, else falls back.
import type { Answer, AnswerEngine, AskOptions } from '../../src/answer/types.js';
import type { KnowledgeSnapshot } from '../../src/knowledge/index.js';

export function createFakeEngine(snapshot: KnowledgeSnapshot): AnswerEngine {
  return {
    answer(question: string, options: AskOptions = {}): Answer {
      const started = performance.now();
      const m = options.municipality ?? null;
      const hit = snapshot.glossary
        .filter((g) => g.definition && question.includes(g.term) && (!m || g.municipality === m))
        .sort((a, b) => b.term.length - a.term.length)[0];
      const answer: Answer = hit
        ? {
            kind: 'answer',
            text: `${hit.term}：${hit.definition}`,
            sources: [
              {
                municipality: hit.municipality,
                document: hit.documentId,
                documentId: hit.documentId,
                section: hit.headingPath.join(' › '),
                excerpt: hit.definition.slice(0, 80),
              },
            ],
            route: null,
            confidence: 0.9,
            municipality: m,
            related: ['書かない窓口とは'],
          }
        : {
            kind: 'fallback',
            text: '見つかりませんでした。',
            sources: [],
            route: null,
            confidence: 0,
            municipality: m,
          };
      if (options.debug) {
        answer.debug = {
          intent: 'definition',
          municipality: m,
          municipalitySource: m ? 'user' : 'none',
          targets: hit ? [hit.term] : [],
          terms: [...question],
          hits: hit
            ? [
                {
                  id: hit.id,
                  type: 'glossary',
                  score: 1,
                  terms: [hit.term],
                  match: { [hit.term]: ['term'] },
                  municipality: hit.municipality,
                  text: hit.definition,
                },
              ]
            : [],
          route: null,
          ms: performance.now() - started,
        };
      }
      return answer;
    },
  };
}
