// The bundled corpus with its facts, loaded once per test file, and small finders for case tables.
import {
  type DocumentAttribute,
  type Fact,
  type KnowledgeSnapshot,
  documentFact as lookupDocumentFact,
} from '../../../src/knowledge/index.js';
import { loadCorpus } from '../corpus.js';

export { loadCorpus };

export function factIds(snapshot: KnowledgeSnapshot, kind: Fact['kind'], municipality?: string): string[] {
  return snapshot.facts.all
    .filter((f) => f.kind === kind && (!municipality || f.municipality === municipality))
    .map((f) => f.id);
}

export function docFact(snapshot: KnowledgeSnapshot, municipality: string, attribute: DocumentAttribute) {
  return lookupDocumentFact(snapshot.facts, municipality, attribute);
}
