// Schedule facts: a measure × fiscal year → stage, from plan tables whose columns are fiscal years
// (日の出町's 重点16項目一覧 and 施策 sheets, 小金井市's 取組項目, 東久留米市's 実施スケジュール).
// A table counts as a schedule when most of its rows carry two or more year stages, or the row is a
// sheet's 計画 row; a stage counts when it ends in a stage word (stages.ts).
import type { ParsedDocument, Passage } from '../model.js';
import { fiscalYearOf, reiwaLabel } from './amount.js';
import { citePassage } from './citation.js';
import { cleanForResident } from './clean.js';
import { similarity } from './kpi.js';
import { type Cell, rowCells } from './rows.js';
import { STAGE_WORDS, stageStatus } from './stages.js';
import type { ScheduleFact, ScheduleStage } from './types.js';

const MEASURE_HEADER = /^(?:取組項目|取組名|施策|事業名)$/;
const GROUP_HEADER = /^(?:柱|分類|項目|区分)$/;
const SUMMARY_HEADER = /^(?:概要|内容|取組内容)$/;
const PLAN = /^計画$/;
const YEAR_VALUE = /^((?:令和|R)\s*\d{1,2}\s*年度?|20\d{2}\s*(?:\(R\d{1,2}\))?\s*年度)[:：]\s*(.+)$/;
const MARKER = /^(?:施策)?[①-⑳]\s*|^施策\d+\s*/;
const NOT_A_YEAR_COLUMN = /まで|アクション|目標|累計/; // 「令和7年度までのアクション」 is a target, not a year

interface Row {
  passage: Passage;
  cells: Cell[];
  stages: { fiscalYear: number; stage: string }[];
  plan: boolean; // a sheet's 計画 row
}

export function scheduleFacts(doc: ParsedDocument): ScheduleFact[] {
  const rows: Row[][] = [];
  let table: Row[] = [];
  let last: Passage | undefined;
  const close = () => {
    if (table.length > 0) rows.push(table);
    table = [];
  };
  for (const p of doc.passages) {
    if (p.kind !== 'table-row' || (last && last.sectionId !== p.sectionId)) close();
    if (p.kind !== 'table-row') {
      last = undefined;
      continue;
    }
    last = p;
    table.push(readRow(p));
  }
  close();
  const facts: ScheduleFact[] = [];
  for (const t of rows) {
    const withStages = t.filter((r) => r.stages.length >= 2).length;
    const isSchedule = withStages * 2 >= t.length && withStages > 0;
    let previousMeasure = '';
    // A table with a measure column: a row without one continues the measure above (a merged cell).
    const named = t.some((r) => r.cells.some((c) => MEASURE_HEADER.test(c.header)));
    for (const r of t) {
      if (!isSchedule && !r.plan) continue;
      const stages = toStages(r.stages);
      if (!stages.some((s) => s.status !== undefined)) continue;
      const measure =
        (named && !r.cells.some((c) => MEASURE_HEADER.test(c.header)) ? '' : measureOf(r.cells)) || previousMeasure;
      if (!measure) continue;
      previousMeasure = measure;
      const group = clean(r.cells.find((c) => GROUP_HEADER.test(c.header) && c.value !== measure)?.value);
      const summary = clean(r.cells.find((c) => SUMMARY_HEADER.test(c.header))?.value);
      const known = stages.filter((s): s is ScheduleStage => s.status !== undefined);
      facts.push({
        id: `${r.passage.id}:schedule`,
        kind: 'schedule',
        municipality: doc.meta.municipality,
        citation: citePassage(doc, r.passage),
        text: `${measure}: ${known.map((s) => `${s.year} ${s.stage}`).join(' → ')}`,
        measure,
        ...(group ? { group } : {}),
        ...(summary ? { summary } : {}),
        stages: known,
        sameAs: [],
        preferred: true,
      });
    }
  }
  linkSameMeasure(facts);
  return facts;
}

function readRow(p: Passage): Row {
  const { cells } = rowCells(p.text);
  const stages: Row['stages'] = [];
  let plan = false;
  const flat: Cell[] = [];
  for (const c of cells) {
    // 「計画: 令和5年度: 検討」: the sheet's 計画 label in front of the first year
    const inner = PLAN.test(c.header) ? YEAR_VALUE.exec(c.value) : null;
    if (inner) {
      plan = true;
      flat.push({ header: inner[1]!, value: inner[2]! });
    } else flat.push(c);
  }
  for (const c of flat) {
    const fy = c.header && !NOT_A_YEAR_COLUMN.test(c.header) ? fiscalYearOf(c.header) : undefined;
    if (fy !== undefined && c.value.trim() !== '' && !/^[-_–—]+$/.test(c.value.trim())) {
      stages.push({ fiscalYear: fy, stage: c.value.trim() });
    }
  }
  return {
    passage: p,
    cells: flat.filter((c) => !(c.header && !NOT_A_YEAR_COLUMN.test(c.header) && fiscalYearOf(c.header) !== undefined)),
    stages,
    plan,
  };
}

/** Join stage fragments a Gantt bar split over two year columns (「利用の推 | 進の取組」「普及促進 | の取組」). */
function toStages(raw: { fiscalYear: number; stage: string }[]): (Omit<ScheduleStage, 'status'> & {
  status: ScheduleStage['status'] | undefined;
})[] {
  const joined: { fiscalYear: number; stage: string }[] = [];
  for (const r of raw) {
    const prev = joined.at(-1);
    if (prev && splitAcross(prev.stage, r.stage)) prev.stage = `${prev.stage}${r.stage}`;
    else joined.push({ ...r });
  }
  return joined.map((s) => {
    // Sub-stages printed apart in one cell (「チャットツール研究 スモールスタート」) keep a separator.
    const parts = s.stage
      .split(/(?<=[\u3040-\u30FF\u4E00-\u9FFF])\s+(?=[\u3040-\u30FF\u4E00-\u9FFF])/)
      .map((x) => x.trim())
      .filter((x, i, all) => x !== '' && all.indexOf(x) === i);
    const stage = clean(parts.join('・')) ?? s.stage;
    return { year: reiwaLabel(s.fiscalYear), fiscalYear: s.fiscalYear, stage, status: stageStatus(stage) };
  });
}

function splitAcross(a: string, b: string): boolean {
  if (/^[のをにへとでが]/.test(b) || /(?:に向けた|の|を|・)$/.test(a)) return true;
  if (stageStatus(a) !== undefined) return false;
  // a stage word spelled across the boundary (「移 | 行準備」「推 | 進」)
  const joined = a + b;
  return STAGE_WORDS.some((w) => {
    const at = joined.indexOf(w.word);
    return at >= 0 && at < a.length && at + w.word.length > a.length;
  });
}

function measureOf(cells: Cell[]): string {
  const named = cells.find((c) => MEASURE_HEADER.test(c.header));
  const bare = cells.filter((c) => c.header === '' && c.value.trim() !== '');
  const raw = named?.value ?? bare.at(-1)?.value ?? '';
  return (clean(raw) ?? '').replace(MARKER, '').trim();
}

function clean(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  const t = cleanForResident(s).replace(/\n/g, ' ').trim();
  return t === '' ? undefined : t;
}

// 日の出町 prints each measure's schedule twice (一覧 row and 施策 sheet, where OCR may misspell the name:
// 「デジタルデバイス対策」). The rendering with more years is preferred (a sheet lost cells: ④ 情報セキュリティ
// has only 令和5年度); on a tie the 一覧 row.
const SAME_MEASURE = 0.75;

function linkSameMeasure(facts: ScheduleFact[]): void {
  for (const f of facts) {
    const group = facts.filter(
      (g) =>
        g.citation.documentId === f.citation.documentId &&
        (g === f ||
          (g.citation.section !== f.citation.section &&
            similarity(squeeze(g.measure), squeeze(f.measure)) >= SAME_MEASURE)),
    );
    if (group.length < 2) continue;
    const best = [...group].sort((a, b) => b.stages.length - a.stages.length || sheetRank(a) - sheetRank(b))[0]!;
    f.sameAs = group.filter((g) => g !== f).map((g) => g.id);
    f.preferred = f === best;
    const summary = group.find((g) => g.summary)?.summary;
    if (!f.summary && summary) f.summary = summary;
  }
}

function sheetRank(f: ScheduleFact): number {
  return /施策/.test(f.citation.section) ? 1 : 0;
}

function squeeze(s: string): string {
  return s.normalize('NFKC').replace(/[\s()（）]/g, '');
}
