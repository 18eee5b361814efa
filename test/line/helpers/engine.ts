// The real answer engine over the bundled corpus, built once per test file.
// TODO(lead's helper): switch to loadTestEngine() from test/helpers/engine.ts when it lands.
import { resolve } from 'node:path';
import type { AnswerEngine } from '../../../src/answer/types.js';
import type { MunicipalityInfo } from '../../../src/line/index.js';
import { loadRuntime } from '../../../src/runtime.js';

export async function loadLineTestEngine(): Promise<{ engine: AnswerEngine; municipalities: MunicipalityInfo[] }> {
  const runtime = await loadRuntime({ root: resolve(import.meta.dirname, '../../..'), cacheDir: null });
  return { engine: runtime.engine, municipalities: runtime.snapshot.municipalities };
}
