// The query the Groonga baseline sends for a resident's question: the question's own bigrams, OR-ed. A question
// typed whole is a phrase to Groonga (every bigram, adjacent and in order), which natural questions almost never
// are in the text (「書かない窓口とは」: 0 hits), so a bigram engine asked a question searches its tokens, any of them.
// The terms are what TokenBigram + NormalizerAuto make of the question in search mode, without the symbol tokens
// (「？」「、」「」」 would match most of the corpus); the bench checks them against Groonga's own `tokenize`.

// A run TokenBigram keeps whole (ASCII letters, digits) or cuts into bigrams (any other letters: kanji, kana, ー, ・).
// NormalizerAuto counts 々 as a symbol, ・ as katakana; a token of symbols alone (「、」「々」, a lone ・) is no term.
const RUNS = /[a-z]+|[0-9]+|(?:(?![a-z0-9々])[\p{L}\p{N}\p{M}・])+/gu;
const WHOLE = /^(?:[a-z]+|[0-9]+)$/;
const isTerm = (token: string) => /[\p{L}\p{N}]/u.test(token.replace(/々/g, ''));

/** The question's search terms as TokenBigram + NormalizerAuto make them, symbols left out, each once, in order. */
export function bigramTerms(question: string): string[] {
  const terms = new Set<string>();
  for (const [run] of question.normalize('NFKC').toLowerCase().matchAll(RUNS)) {
    if (!isTerm(run)) continue;
    const chars = Array.from(run);
    if (WHOLE.test(run) || chars.length === 1) terms.add(run);
    else for (let i = 0; i + 1 < chars.length; i++) terms.add(`${chars[i]}${chars[i + 1]}`);
  }
  return [...terms];
}

const quote = (term: string) => `"${term.replace(/["\\]/g, '\\$&')}"`;

/** Groonga query syntax: each term quoted, OR between them ('' when the question has no term). */
export function bigramQuery(question: string): string {
  return bigramTerms(question).map(quote).join(' OR ');
}

/** Groonga's tokens of a question (its `tokenize` in GET mode), as bigramTerms keeps them: symbols dropped, once. */
export function comparableTokens(tokens: string[]): string[] {
  return [...new Set(tokens.filter(isTerm))];
}

export const GROONGA_TABLE = 'Docs';
// The default scorer (term frequency), as Groonga ranks out of the box; the top 10, ties by record id.
const SELECT = { match_columns: 'text', output_columns: '_key,_score', sort_keys: '-_score,_id', limit: '10' };

/** The select command for a question, in the URI form the command line also reads; null when there is no term. */
export function selectCommand(question: string, municipality?: string): string | null {
  const query = bigramQuery(question);
  if (!query) return null;
  const params = new URLSearchParams({ table: GROONGA_TABLE, ...SELECT, query });
  // Scoped like the plain path: the municipality's records and those of no municipality.
  if (municipality) params.set('filter', `municipality == ${JSON.stringify(municipality)} || municipality == ""`);
  return `/d/select?${params.toString().replace(/\+/g, '%20')}`;
}
