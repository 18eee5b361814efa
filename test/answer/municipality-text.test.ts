// No answer quotes another municipality's text without naming it: every municipality × a set of topics
// (written for this test), with the municipality chosen by the user.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime.js';
import { loadTestRuntime } from '../helpers/engine.js';

let runtime: Runtime;
beforeAll(async () => {
  runtime = await loadTestRuntime();
});

const TOPICS = [
  'マイナンバーカードの保有率は',
  '書かない窓口はもう始まってる？',
  'キャッシュレス決済の件数は',
  'RPAはいつ導入するの',
  'オープンデータの目標は',
  'テレワークはいつから',
  '公衆無線LANは何か所',
  'DX推進の柱は',
  '職員研修はどうしているの',
  'おくやみ窓口の目標件数は',
];

describe('another municipality’s text is always named', () => {
  it('for every municipality and topic', () => {
    const { engine, snapshot } = runtime;
    for (const m of snapshot.municipalities) {
      for (const q of TOPICS) {
        const a = engine.answer(q, { municipality: m.id });
        if (a.kind !== 'answer') continue;
        for (const s of a.sources) {
          if (s.municipality === m.id) continue;
          const name = snapshot.municipalities.find((x) => x.id === s.municipality)?.name ?? s.municipality;
          // 「参考：東久留米市の資料では…」, 「（東久留米市「…」用語集より）」, or the document title naming it.
          expect(a.text, `${m.name}: ${q}`).toContain(name.replace(/[市町村区]$/, ''));
        }
      }
    }
  });
});
