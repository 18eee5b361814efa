import { beforeAll, describe, expect, it } from 'vitest';
import { stageStatus } from '../../../src/knowledge/facts/stages.js';
import { findSchedules, type KnowledgeSnapshot, type ScheduleFact } from '../../../src/knowledge/index.js';
import { loadCorpus } from './corpus.js';

let snapshot: KnowledgeSnapshot;
beforeAll(async () => {
  snapshot = await loadCorpus();
});

const schedule = (id: string) =>
  snapshot.facts.all.find((f): f is ScheduleFact => f.kind === 'schedule' && f.id === id);
const stages = (f: ScheduleFact | undefined) => f?.stages.map((s) => `${s.year} ${s.stage} ${s.status}`);

describe('schedule facts: measure × fiscal year → stage, and which passage says so', () => {
  it.each([
    {
      id: 'hinode-dx:s32:p2:schedule',
      measure: '電子決裁(文書)',
      stages: ['令和5年度 検討 studying', '令和6年度 スモールスタート planned', '令和7年度 開始 available'],
      why: '一覧 row: 「R5(16個)」 column headers read as fiscal years',
    },
    {
      id: 'hinode-dx:s35:p3:schedule',
      measure: '電子決裁（文書）',
      stages: ['令和5年度 検討 studying', '令和6年度 スモールスタート planned', '令和7年度 開始 available'],
      why: '施策② sheet: its 計画 row (「計画: 令和5年度: 検討 / …」)',
    },
    {
      id: 'hinode-dx:s32:p15:schedule',
      measure: '書かない窓口',
      stages: [
        '令和5年度 事例研究 studying',
        '令和6年度 事例研究 studying',
        '令和7年度 事例研究 studying',
        '令和8年度 システム検討 studying',
        '令和9年度 スモールスタート planned',
      ],
      why: 'three years of study, a system study, then a small start',
    },
    {
      id: 'koganei-dx:s35:p8:schedule',
      measure: 'キャッシュレス決済の推進',
      stages: ['令和4年度 市民課窓口の活用継続 available', '令和7年度 導入範囲の検討、導入 available'],
      why: '小金井市 取組項目: 「活用継続」 in the first year means already in use',
    },
    {
      id: 'koganei-dx:s35:p4:schedule',
      measure: '新たな情報の発信・提供手法構築',
      stages: ['令和4年度 導入検討 studying', '令和5年度 試行導入 planned', '令和6年度 活用範囲の検討・拡大 available'],
      why: 'the SNS portal: 「導入検討」 studies, 「試行導入」 pilots (the word at the end decides)',
    },
    {
      id: 'higashikurume-dx:s44:p2:schedule',
      measure: '自治体情報システムの標準化・共通化 (基幹業務等システムの統一・標準化)',
      stages: [
        '令和3年度 移行に向けた検討・設計 studying',
        '令和5年度 移行準備・移行 planned',
        '令和7年度 移行完了 available',
      ],
      why: '東久留米市 Gantt row: fragments split over two year columns joined (「移行に向けた | 検討・設計」「移 | 行準備・移行」)',
    },
  ])('$id: $why', ({ id, measure, stages: want }) => {
    const f = schedule(id);
    expect(f?.measure).toBe(measure);
    expect(stages(f)).toEqual(want);
  });

  it('「令和7年度までのアクション」 is a target column, not a year stage', () => {
    const f = schedule('koganei-dx:s35:p2:schedule');
    expect(f?.stages.map((s) => s.year)).toEqual(['令和5年度']);
  });

  it('a row without a 取組名 continues the measure above (小金井市’s merged デジタルデバイド cell)', () => {
    expect(schedule('koganei-dx:s35:p6:schedule')?.measure).toBe(
      '市民のデジタル環境向上への寄与（デジタルデバインド対策）',
    );
  });

  it('tables that are not schedules give none: 東久留米市’s chart of plans, 武蔵野市’s national schedule', () => {
    expect(snapshot.facts.all.filter((f) => f.kind === 'schedule' && f.citation.section.endsWith('計画期間'))).toEqual(
      [],
    );
    expect(snapshot.facts.byMunicipality.musashino?.schedule).toEqual([]);
  });
});

describe('the same measure printed twice (日の出町 一覧 and 施策 sheet): linked, the fuller one preferred', () => {
  it.each([
    {
      preferred: 'hinode-dx:s32:p4:schedule',
      other: 'hinode-dx:s37:p3:schedule',
      why: '④ 情報セキュリティ: the sheet lost four of the five years',
    },
    {
      preferred: 'hinode-dx:s32:p11:schedule',
      other: 'hinode-dx:s44:p3:schedule',
      why: '⑪: linked although the sheet misspells it 「デジタルデバイス対策」',
    },
    { preferred: 'hinode-dx:s32:p2:schedule', other: 'hinode-dx:s35:p3:schedule', why: '② equal years: the 一覧 row' },
  ])('$why', ({ preferred, other }) => {
    expect(schedule(preferred)?.sameAs).toContain(other);
    expect(schedule(other)?.sameAs).toContain(preferred);
    expect(schedule(preferred)?.preferred).toBe(true);
    expect(schedule(other)?.preferred).toBe(false);
  });

  it('findSchedules finds a measure by a phrase of its name, per municipality', () => {
    expect(findSchedules(snapshot.facts, '電子決裁', 'hinode').map((f) => f.id)).toEqual([
      'hinode-dx:s32:p2:schedule',
      'hinode-dx:s35:p3:schedule',
    ]);
  });
});

describe('stageStatus: the stage word at the end of a phrase decides', () => {
  it.each([
    { stage: '導入検討', status: 'studying', why: 'a study of introducing' },
    { stage: '試行導入', status: 'planned', why: 'a trial introduction' },
    { stage: '試行実施の継続', status: 'planned', why: 'a pilot that continues is still a pilot' },
    { stage: '市民課窓口の活用継続', status: 'available', why: 'already in use' },
    { stage: '導入範囲の検討、導入', status: 'available', why: 'the most advanced of the parts' },
    { stage: 'スモールスタート', status: 'planned', why: 'a small start' },
    { stage: '推進計画', status: undefined, why: 'a plan’s name: 推進 does not end the phrase' },
    { stage: '国の交付目標年限', status: undefined, why: 'no stage word' },
  ])('$stage → $status: $why', ({ stage, status }) => {
    expect(stageStatus(stage)).toBe(status);
  });
});
