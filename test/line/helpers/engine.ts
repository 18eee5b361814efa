// The real answer engine over the bundled corpus (the lead's test helper), with the snapshot's
// municipality list the router takes. Built once per test file, in beforeAll.
import type { AnswerEngine } from '../../../src/answer/types.js';
import type { MunicipalityInfo } from '../../../src/line/index.js';
import { loadTestRuntime } from '../../helpers/engine.js';

export async function loadLineTestEngine(): Promise<{ engine: AnswerEngine; municipalities: MunicipalityInfo[] }> {
  const runtime = await loadTestRuntime();
  return { engine: runtime.engine, municipalities: runtime.snapshot.municipalities };
}
