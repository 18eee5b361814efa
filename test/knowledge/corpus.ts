// The bundled corpus, loaded once per test file.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type KnowledgeSnapshot, loadKnowledge } from '../../src/knowledge/index.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function loadCorpus(): Promise<KnowledgeSnapshot> {
  const result = await loadKnowledge({ root: ROOT });
  if (!result.ok) throw new Error(`bundled knowledge does not load: ${JSON.stringify(result.errors)}`);
  return result.snapshot;
}
