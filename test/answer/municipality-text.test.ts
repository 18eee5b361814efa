// No answer quotes another municipality's text without naming it: every municipality × a set of topics
// (written for this test), with the municipality chosen by the user.
import { beforeAll, describe, expect, it } from 'vitest';
import { findDebris } from '../../src/knowledge/index.js';
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

describe('a definition from another municipality’s glossary says so first', () => {
  it('opens in the chosen municipality’s name before quoting another’s glossary', () => {
    const { engine, snapshot } = runtime;
    // every 8th glossary term of the corpus, asked by a resident of each other municipality
    const terms = [...new Set(snapshot.glossary.map((g) => g.term))].filter((_, i) => i % 8 === 0);
    let checked = 0;
    for (const term of terms) {
      for (const m of snapshot.municipalities) {
        const a = engine.answer(`${term}とは`, { municipality: m.id });
        const first = a.sources[0];
        if (a.kind !== 'answer' || !first || first.municipality === m.id) continue;
        checked++;
        expect(a.text.startsWith(`${m.name}の資料`), `${m.name}: ${term} → ${a.text.slice(0, 60)}`).toBe(true);
      }
    }
    expect(checked).toBeGreaterThan(5);
  });
});

describe('no answer carries OCR debris or markup', () => {
  it('for every municipality and topic, whatever composer answered', () => {
    const { engine, snapshot } = runtime;
    for (const m of snapshot.municipalities) {
      for (const q of [
        ...TOPICS,
        'デジタルデバイド対策は何をしていますか',
        '押印は廃止されましたか',
        'DX推進の取組を教えて',
      ]) {
        const a = engine.answer(q, { municipality: m.id });
        expect(findDebris(a.text), `${m.name}: ${q} → ${a.text.slice(0, 80)}`).toEqual([]);
      }
    }
  });
});
