// Rows of resident questions and what their answers must hold, run against the real engine: the table shape shared
// by the class tests (test/answer/question-classes.test.ts, resident-classes.test.ts).
import { expect, it } from 'vitest';
import type { AnswerEngine } from '../../src/answer/types.js';
import type { MunicipalityId } from '../../src/knowledge/index.js';

export interface AnswerRow {
  q: string;
  m?: MunicipalityId; // the municipality chosen
  has: string[]; // every one in the answer
  not?: string[]; // none of these in the answer
  src?: MunicipalityId; // the first source's municipality
  why: string;
}

export const norm = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\s,]/g, '');

/** A checker for rows, asking the calling file's engine (built in its beforeAll). */
export function answerRows(engine: () => AnswerEngine): (rows: AnswerRow[]) => void {
  return (rows) =>
    it.each(rows)('$q ($why)', ({ q, m, has, not, src }) => {
      const a = engine().answer(q, { municipality: m ?? null });
      expect(a.kind).toBe('answer');
      for (const h of has) expect(norm(a.text)).toContain(norm(h));
      for (const h of not ?? []) expect(norm(a.text)).not.toContain(norm(h));
      if (src) expect(a.sources[0]?.municipality).toBe(src);
    });
}
