// Reference points for the retrieval eval: MiniSearch with its default tokenizer, and kuromoji surface
// forms without the chain. Same sources and municipality filter, none of the analysis.
import MiniSearch from 'minisearch';
import type { Analyzer } from '../analysis/index.js';
import type { KnowledgeSnapshot } from '../knowledge/index.js';
import { collectSources, sourceText } from './documents.js';
import type { SearchHit, SearchIndex, SearchOptions } from './search-index.js';

export type BaselineKind = 'plain' | 'surface';

export function buildBaselineIndex(
  snapshot: KnowledgeSnapshot,
  kind: BaselineKind,
  analyzer: Analyzer,
): Pick<SearchIndex, 'search'> {
  const sources = collectSources(snapshot);
  const surface = (text: string) => analyzer.tokenize(text).map((t) => t.surface);
  const mini = new MiniSearch<{ key: string; text: string; municipality: string | null }>({
    idField: 'key',
    fields: ['text'],
    storeFields: ['municipality'],
    ...(kind === 'surface' ? { tokenize: surface, processTerm: (t: string) => t } : {}),
  });
  mini.addAll(
    [...sources].map(([key, s]) => ({
      key,
      text: sourceText(s),
      municipality: s.passage?.municipality ?? s.glossary?.municipality ?? s.faq?.municipality ?? null,
    })),
  );
  return {
    search(query: string, opts: SearchOptions = {}): SearchHit[] {
      const m = opts.municipality ?? null;
      const results = mini.search(query, {
        filter: m ? (r) => r.municipality === m || r.municipality === null : undefined,
      });
      return results.slice(0, opts.limit ?? 10).flatMap((r) => {
        const s = sources.get(r.id as string);
        if (!s) return [];
        const hit: SearchHit = {
          id: String(r.id).slice(String(r.id).indexOf(':') + 1),
          type: s.type,
          score: r.score,
          terms: r.terms,
          match: r.match,
          municipality: (r.municipality as SearchHit['municipality']) ?? null,
        };
        if (s.passage) hit.passage = s.passage;
        if (s.glossary) hit.glossary = s.glossary;
        if (s.faq) hit.faq = s.faq;
        return [hit];
      });
    },
  };
}
