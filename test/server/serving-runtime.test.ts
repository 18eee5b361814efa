// The server's answer cache must never change an answer: it gives
// exactly what the plain runtime gives, question for question, and a cached answer cannot be altered.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnswerEngine } from '../../src/answer/types.js';
import { loadSnapshot } from '../../src/runtime.js';
import { createServingRuntimeBuilder } from '../../src/serving-runtime.js';
import { loadTestEngine, PROJECT_ROOT } from '../helpers/engine.js';
import { BUNDLED_MUNICIPALITY_IDS as MUNICIPALITY_IDS } from '../helpers/municipalities.js';

// The project's own regression set (in the repository: the test must not depend on what lies beside a clone).
const dev = readFileSync(new URL('../../knowledge/questions/regression.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { q: string; m?: string });
// not the public set only: paraphrases and odd inputs too
const extra = [
  'マイナンバーカードの保有率は',
  '書かない窓口って何？',
  '住民票をコンビニで取りたい',
  'おくやみ窓口はありますか',
  'DXの担当課はどこ',
  'こんにちは',
  '今日の天気は？',
  'RPA',
  '',
  '🪪📱 マイナ ok?',
];

describe('serving runtime caches', () => {
  let plain: AnswerEngine;
  let cached: AnswerEngine;
  beforeAll(async () => {
    plain = await loadTestEngine();
    const snapshot = await loadSnapshot({ root: PROJECT_ROOT });
    cached = (await createServingRuntimeBuilder({ cacheDir: null })(snapshot)).engine;
  }, 240_000); // two runtimes built without a cache

  it('answers every question exactly as the plain engine does, twice over', () => {
    const questions = [...dev.map((d) => d.q), ...extra];
    for (const round of [1, 2]) {
      for (const q of questions) {
        for (const municipality of [null, MUNICIPALITY_IDS[round]!]) {
          const want = plain.answer(q, { municipality });
          const got = cached.answer(q, { municipality });
          expect(got, `${q} / ${municipality} / round ${round}`).toEqual(want);
        }
      }
    }
  });

  it('keys a follow-up on the session’s turns: the same words after different turns are different answers', () => {
    const turn = (q: string) => {
      const t = plain.answer(q, { municipality: 'hinode' }).turn!;
      return { v: 1 as const, turns: [{ ...t, at: 0 }] };
    };
    const afterKessai = turn('電子決裁とは');
    const afterKakanai = turn('書かない窓口とは');
    const one = cached.answer('それはいつから？', { municipality: 'hinode', context: afterKessai });
    const two = cached.answer('それはいつから？', { municipality: 'hinode', context: afterKakanai });
    expect(one.resolvedQuestion).toMatch(/^電子決裁/);
    expect(two.resolvedQuestion).toMatch(/^書かない窓口/);
    expect(one).toEqual(plain.answer('それはいつから？', { municipality: 'hinode', context: afterKessai }));
    expect(two).toEqual(plain.answer('それはいつから？', { municipality: 'hinode', context: afterKakanai }));
  });

  it('hands out one frozen answer: no caller can change what the next one gets', () => {
    const first = cached.answer('書かない窓口とは', { municipality: 'koganei' });
    expect(() => {
      first.text = 'changed';
    }).toThrow(TypeError);
    expect(() => {
      first.sources.length = 0;
    }).toThrow(TypeError);
    const again = cached.answer('書かない窓口とは', { municipality: 'koganei' });
    expect(again).toBe(first);
    expect(again).toEqual(plain.answer('書かない窓口とは', { municipality: 'koganei' }));
  });
});
