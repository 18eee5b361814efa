// The real engine on the bundled corpus, for integration tests (never a mock of our own engine).
// Built once per test file: call it in beforeAll (kuromoji's dictionary takes ~1.5 s).
import { fileURLToPath } from 'node:url';
import type { AnswerEngine } from '../../src/answer/types.js';
import { loadRuntime, type Runtime } from '../../src/runtime.js';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export async function loadTestRuntime(): Promise<Runtime> {
  // No disk cache in tests: every run builds from the files as they are.
  return loadRuntime({ root: PROJECT_ROOT, cacheDir: null });
}

export async function loadTestEngine(): Promise<AnswerEngine> {
  return (await loadTestRuntime()).engine;
}
