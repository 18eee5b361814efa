// Knowledge errors are values: every problem found in one load, each naming file, line and field.
import type { KnowledgeError } from './model.js';

/** `knowledge/synonyms.yaml:12 groups[3].terms: expected at least 2 terms` */
export function formatKnowledgeError(e: KnowledgeError): string {
  const where = e.line === undefined ? e.file : `${e.file}:${e.line}`;
  return e.field ? `${where} ${e.field}: ${e.message}` : `${where}: ${e.message}`;
}

/** zod/yaml path → `groups[3].terms` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** Thrown only by code that cannot return a LoadResult (e.g. a store asked for a snapshot it lacks). */
export class KnowledgeLoadError extends Error {
  readonly errors: KnowledgeError[];
  constructor(errors: KnowledgeError[]) {
    super(`knowledge: ${errors.length} error(s)\n${errors.map(formatKnowledgeError).join('\n')}`);
    this.name = 'KnowledgeLoadError';
    this.errors = errors;
  }
}
