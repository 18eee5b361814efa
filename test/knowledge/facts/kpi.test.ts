import { beforeAll, describe, expect, it } from 'vitest';
import { findKpis, type KnowledgeSnapshot, type KpiFact } from '../../../src/knowledge/index.js';
import { loadCorpus } from './corpus.js';

let snapshot: KnowledgeSnapshot;
beforeAll(async () => {
  snapshot = await loadCorpus();
});

const kpi = (id: string) => snapshot.facts.all.find((f): f is KpiFact => f.kind === 'kpi' && f.id === id);

describe('KPI facts: which passage each comes from, and why', () => {
  it.each([
    {
      id: 'nishitokyo-johoka:s51:p2:kpi',
      measure: 'マイナンバーカードの普及促進',
      target: 205805,
      actual: 159565,
      rate: 77.5,
      unit: '枚',
      asOf: '令和5年9月30日現在',
      why: '一覧 row: 目標値 / 単位 / 実績値 / 達成率 columns, as-of date from the ※ note above the table',
    },
    {
      id: 'nishitokyo-johoka:s51:p18:kpi',
      measure: '窓口業務の利便性向上の促進(手続)【おくやみ窓口】',
      target: 660,
      actual: 309,
      rate: 46.8,
      unit: '件',
      asOf: '令和5年9月30日現在',
      why: 'the おくやみ窓口 row of the clean 一覧',
    },
    {
      id: 'nishitokyo-johoka:s51:p11:kpi',
      measure: '業務改革BPRの実施テレワーク実施率',
      target: 10,
      actual: 1.1,
      rate: 11,
      unit: '%',
      why: 'a percentage measure: the unit column says %',
    },
    {
      id: 'higashikurume-dx:s49:p26:kpi1',
      measure: 'マイナンバーカードの保有率',
      actual: 71.5,
      unit: '%',
      asOf: '令和6年6月末時点',
      why: 'glossary sentence 「保有率は全国74.0%、東久留米市71.5%」: the figure labelled with the municipality is its own',
    },
    {
      id: 'koganei-dx:s35:p2:kpi1',
      measure: 'マイナンバーカードの普及促進',
      target: 100,
      unit: '%',
      why: 'plan column 「令和7年度までのアクション」 holding 「100%の交付」: a target, no actual',
    },
  ])('$id: $why', ({ id, measure, target, actual, rate, unit, asOf }) => {
    const f = kpi(id);
    expect(f?.measure).toBe(measure);
    expect(f?.target?.value).toBe(target);
    expect(f?.actual?.value).toBe(actual);
    expect(f?.rate?.value).toBe(rate);
    expect(f?.unit).toBe(unit);
    if (asOf) expect(f?.asOf).toBe(asOf);
  });

  it('the national figure in the same sentence is kept apart, labelled (never as 東久留米市’s)', () => {
    expect(kpi('higashikurume-dx:s49:p26:kpi1')?.others).toEqual([
      { label: '全国', amount: { value: 74, unit: '%', text: '74.0%' } },
    ]);
  });

  it('a 一覧 row of dashes (セキュリティ対策の強化) is no KPI', () => {
    expect(findKpis(snapshot.facts, 'セキュリティ対策の強化', 'nishitokyo')).toEqual([]);
  });

  it('小金井市 and 武蔵野市 state no actual マイナンバーカード figure: no KPI with an actual', () => {
    for (const m of ['koganei', 'musashino']) {
      expect(findKpis(snapshot.facts, 'マイナンバーカード', m).filter((f) => f.actual)).toEqual([]);
    }
  });
});

describe('two renderings of one KPI (一覧 row ↔ result sheet): linked, the clean 一覧 row preferred', () => {
  it.each([
    { grid: 'nishitokyo-johoka:s51:p2:kpi', sheet: 'nishitokyo-johoka:s52:p2:kpi', why: 'item 1, same name' },
    {
      grid: 'nishitokyo-johoka:s51:p18:kpi',
      sheet: 'nishitokyo-johoka:s52:p17:kpi',
      why: 'item 14: 【おくやみ窓口】 in the 一覧 name, 「(手 -続)」 OCR in the sheet',
    },
    {
      grid: 'nishitokyo-johoka:s51:p15:kpi',
      sheet: 'nishitokyo-johoka:s52:p14:kpi',
      why: 'item 12-1: three キャッシュレス rows, told apart by item and department',
    },
    {
      grid: 'nishitokyo-johoka:s51:p10:kpi',
      sheet: 'nishitokyo-johoka:s52:p10:kpi',
      why: 'the sheet lost its item number (「ç」): linked by a very similar name',
    },
  ])('$why', ({ grid, sheet }) => {
    const g = kpi(grid);
    const s = kpi(sheet);
    expect(g?.sameAs).toContain(sheet);
    expect(s?.sameAs).toContain(grid);
    expect(g?.preferred).toBe(true);
    expect(s?.preferred).toBe(false);
  });

  it('the preferred row takes what only the sheet says (成果指標, 所管課, 取組段階)', () => {
    const g = kpi('nishitokyo-johoka:s51:p2:kpi');
    expect(g?.indicator).toBe('マイナンバーカードの交付枚数');
    expect(g?.department).toBe('市民課');
    expect(g?.stage).toBe('導入実行');
    expect(g?.text).toBe(
      'マイナンバーカードの普及促進（マイナンバーカードの交付枚数）: 目標 205,805枚、実績 159,565枚（達成率 77.5%、令和5年9月30日現在）',
    );
  });

  it('a sheet reporting two indicators links to both 一覧 rows, and lends neither its indicator', () => {
    const s = kpi('nishitokyo-johoka:s52:p13:kpi');
    expect(s?.sameAs).toEqual(['nishitokyo-johoka:s51:p13:kpi', 'nishitokyo-johoka:s51:p14:kpi']);
    expect(kpi('nishitokyo-johoka:s51:p13:kpi')?.indicator).toBeUndefined();
  });

  it('every result sheet with figures is linked to a 一覧 row (none left as a competing rendering)', () => {
    const sheets = snapshot.facts.all.filter(
      (f): f is KpiFact => f.kind === 'kpi' && f.citation.section === '重点取組の取組結果',
    );
    expect(sheets.length).toBe(17); // items 1–7, 9–16 (with 12-1, 12-2, 15-1, 15-2); 8 and 17–27 give no figures
    for (const s of sheets) expect({ id: s.id, preferred: s.preferred }).toEqual({ id: s.id, preferred: false });
  });
});
