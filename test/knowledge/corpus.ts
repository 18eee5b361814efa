// The bundled corpus, loaded once per test file, and the project's own question sets.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type KnowledgeSnapshot, loadKnowledge } from '../../src/knowledge/index.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function loadCorpus(): Promise<KnowledgeSnapshot> {
  const result = await loadKnowledge({ root: ROOT });
  if (!result.ok) throw new Error(`bundled knowledge does not load: ${JSON.stringify(result.errors)}`);
  return result.snapshot;
}

/** The single questions of the project's sets (knowledge/questions/*.jsonl), with the municipality a row chose. */
export function projectQuestions(): { q: string; m: string | null }[] {
  const dir = path.join(ROOT, 'knowledge/questions');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) => readFileSync(path.join(dir, f), 'utf8').split('\n'))
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { q?: string; m?: string })
    .filter((r) => r.q)
    .map((r) => ({ q: r.q!, m: r.m ?? null }));
}
