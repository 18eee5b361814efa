// KPI facts: a measure with target, actual and achievement rate, read from
//  - grid tables whose columns say 目標(値) / 実績(値) / 達成率 / 単位 (西東京市's 一覧),
//  - result sheets' 「目標: … / 実績: … / 達成率: …」 lines (西東京市's 重点取組 sheets),
//  - a target column of a plan table holding a percentage (小金井市's 令和7年度までのアクション),
//  - sentences stating a rate (「マイナンバーカードの保有率は全国74.0%、東久留米市71.5%」).
// Two renderings of one KPI are linked (sameAs) and the clean grid row is preferred.
import type { Municipality, ParsedDocument, Passage } from '../model.js';
import { parseAmount } from './amount.js';
import { citePassage } from './citation.js';
import { cleanForResident } from './clean.js';
import { type Cell, cellOf, rowCells, sheetText } from './rows.js';
import type { Amount, KpiFact } from './types.js';

// Column headers, as data: which header names which part of a KPI row.
const HEADERS = {
  measure: /^(?:重点取組|取組名|取組|項目|指標|成果指標)$/,
  item: /^(?:項番|番号|No\.?)$/,
  target: /^目標(?:値)?$/,
  actual: /^実績(?:値)?$/,
  rate: /^達成率$/,
  unit: /^単位$/,
  baseline: /^(?:基準値|現状値)$/,
  planTarget: /まで|目標/, // 「令和7年度までのアクション」: what is to be reached by then
};
const AS_OF = /(?:令和|平成)\s*\d+\s*年\s*\d+\s*月(?:末)?(?:\s*\d+\s*日)?\s*(?:現在|時点)/;
const PERIOD_IN_MEASURE = /[(（](単年度)[)）]/;
const RATE_SENTENCE = /((?:[\u30A0-\u30FF\u4E00-\u9FFFー・]+の)?[\u30A0-\u30FF\u4E00-\u9FFFー]*率)(?:は|が)/;
const SHEET_FIELD_PREFIX = /^[^\n]*?—\s*[^:：\n]{1,6}[:：]\s*/; // 「施策⑪ デジタルデバイス対策 — 現状: 」
const LABELLED_PERCENT = /([\u30A0-\u30FF\u4E00-\u9FFF]{0,8}?)\s*(約)?(\d+(?:\.\d+)?)\s*[%％](近く|程度)?/g;

export function kpiFacts(doc: ParsedDocument, municipality: Municipality | undefined): KpiFact[] {
  const facts: KpiFact[] = [];
  for (const p of doc.passages) {
    if (p.kind === 'table-row') {
      const sheet = sheetText(p.text);
      if (sheet?.fields.some((f) => f.header === '目標')) {
        const f = fromSheet(doc, p, sheet);
        if (f) facts.push(f);
        continue;
      }
      const grid = fromGridRow(doc, p);
      if (grid) facts.push(grid);
      else facts.push(...fromPlanTarget(doc, p));
    } else if (p.kind === 'prose' || p.kind === 'glossary' || p.kind === 'list') {
      facts.push(...fromRateSentences(doc, p, municipality));
    }
  }
  linkRenderings(facts);
  return facts;
}

function base(doc: ParsedDocument, p: Passage, suffix: string) {
  return {
    id: `${p.id}:kpi${suffix}`,
    kind: 'kpi' as const,
    municipality: doc.meta.municipality,
    citation: citePassage(doc, p),
  };
}

function fromGridRow(doc: ParsedDocument, p: Passage): KpiFact | undefined {
  const { cells, note } = rowCells(p.text);
  const target = cellOf(cells, HEADERS.target);
  const actual = cellOf(cells, HEADERS.actual);
  const rate = cellOf(cells, HEADERS.rate);
  if (!target || (!actual && !rate)) return undefined;
  const measureCell =
    cellOf(cells, HEADERS.measure) ?? cells.find((c) => c.header === '' && /[^\d\s,.%-]/.test(c.value));
  if (!measureCell) return undefined;
  const unit = clean(cellOf(cells, HEADERS.unit)?.value);
  // A row of dashes (「目標値: - / 実績値: -」) is a measure without figures: not a KPI.
  if (!parseAmount(target.value) && !parseAmount(actual?.value)) return undefined;
  const fact = assemble(base(doc, p, ''), {
    measure: clean(measureCell.value) ?? '',
    item: clean(cellOf(cells, HEADERS.item)?.value)?.replace(/^-/, ''),
    target: parseAmount(target.value, unit),
    actual: actual ? parseAmount(actual.value, unit) : undefined,
    rate: rate ? parseAmount(rate.value, '%') : undefined,
    baseline: parseAmount(cellOf(cells, HEADERS.baseline)?.value, unit),
    unit,
    asOf: note ? AS_OF.exec(note)?.[0] : undefined,
  });
  return fact;
}

function fromSheet(
  doc: ParsedDocument,
  p: Passage,
  sheet: NonNullable<ReturnType<typeof sheetText>>,
): KpiFact | undefined {
  const field = (label: string) => sheet.fields.find((f: Cell) => f.header === label)?.value;
  const target = parseAmount(field('目標'));
  const actual = parseAmount(field('実績'), target?.unit);
  const rate = parseAmount(field('達成率'), '%');
  if (!target && !actual) return undefined;
  return assemble(base(doc, p, ''), {
    measure: clean(sheet.title) ?? '',
    item: sheet.item,
    indicator: clean(field('成果指標')),
    department: sheet.department,
    stage: clean(field('取組段階')),
    target,
    actual,
    rate: rate?.unit === '%' ? rate : rate ? { ...rate, unit: '%', text: `${rate.text}%` } : undefined,
    unit: target?.unit ?? actual?.unit,
    asOf: sheet.note ? AS_OF.exec(sheet.note)?.[0] : undefined,
  });
}

/** 「令和7年度までのアクション: ・100%の交付に向けた普及拡大の継続」: a target percentage by a year. */
function fromPlanTarget(doc: ParsedDocument, p: Passage): KpiFact[] {
  const { cells } = rowCells(p.text);
  const measure = clean(cellOf(cells, HEADERS.measure)?.value);
  if (!measure) return [];
  const out: KpiFact[] = [];
  for (const c of cells) {
    if (!HEADERS.planTarget.test(c.header) || HEADERS.target.test(c.header)) continue;
    for (const [i, item] of c.value
      .split(/\s*・\s*/)
      .filter(Boolean)
      .entries()) {
      if (!/\d\s*[%％]/.test(item)) continue;
      const target = parseAmount(item.slice(item.search(/\d+(?:\.\d+)?\s*[%％]/)), '%');
      if (!target) continue;
      out.push(
        assemble(base(doc, p, `${out.length + 1}`), {
          measure,
          indicator: clean(item),
          target,
          unit: '%',
          period: /(?:令和|平成)\s*\d+\s*年度まで/.exec(c.header)?.[0],
        }),
      );
      void i;
    }
  }
  return out;
}

/** 「令和6年6月末時点のマイナンバーカードの保有率は全国74.0%、東久留米市71.5%」. */
function fromRateSentences(doc: ParsedDocument, p: Passage, municipality: Municipality | undefined): KpiFact[] {
  const out: KpiFact[] = [];
  if (!/率/.test(p.text) || !/[%％]/.test(p.text)) return out; // cheap test before cleaning
  const text = cleanForResident(p.text).replace(SHEET_FIELD_PREFIX, '');
  for (const sentence of text.split(/(?<=。)|\n/)) {
    const m = RATE_SENTENCE.exec(sentence);
    if (!m || !/\d\s*[%％]/.test(sentence.slice(m.index))) continue;
    const measure = m[1]!;
    const rest = sentence.slice(m.index + m[0].length);
    const values = [...rest.matchAll(LABELLED_PERCENT)].map((v) => ({
      label: v[1] ?? '',
      amount: { value: Number(v[3]), unit: '%', text: `${v[2] ?? ''}${v[3]}%${v[4] ?? ''}` } satisfies Amount,
    }));
    if (values.length === 0) continue;
    const own = (label: string) =>
      label === '' ||
      (municipality !== undefined && (label.includes(municipality.name) || label.includes(municipality.shortName)));
    const mine = values.find((v) => own(v.label));
    if (!mine) continue;
    const others = values.filter((v) => v !== mine).map((v) => ({ label: v.label, amount: v.amount }));
    out.push(
      assemble(base(doc, p, `${out.length + 1}`), {
        measure,
        actual: mine.amount,
        unit: '%',
        asOf: AS_OF.exec(sentence)?.[0],
        others,
        sentence: sentence.trim(),
      }),
    );
  }
  return out;
}

interface Parts {
  measure: string;
  item?: string | undefined;
  indicator?: string | undefined;
  department?: string | undefined;
  stage?: string | undefined;
  target?: Amount | undefined;
  actual?: Amount | undefined;
  rate?: Amount | undefined;
  baseline?: Amount | undefined;
  unit?: string | undefined;
  asOf?: string | undefined;
  period?: string | undefined;
  others?: { label: string; amount: Amount }[];
  sentence?: string;
}

function assemble(b: ReturnType<typeof base>, parts: Parts): KpiFact {
  const period = parts.period ?? PERIOD_IN_MEASURE.exec(parts.measure)?.[1];
  const defined = Object.fromEntries(
    Object.entries(parts).filter(([k, v]) => v !== undefined && v !== '' && k !== 'sentence'),
  );
  const fact = {
    ...b,
    ...defined,
    ...(period ? { period } : {}),
    measure: parts.measure,
    sameAs: [] as string[],
    preferred: true,
    text: '',
  } as KpiFact;
  fact.text = parts.sentence ?? kpiText(fact);
  return fact;
}

/** 「マイナンバーカードの普及促進: 目標 205,805枚、実績 159,565枚（達成率 77.5%、令和5年9月30日現在）」 */
export function kpiText(f: KpiFact): string {
  const main = [f.target && `目標 ${f.target.text}`, f.actual && `実績 ${f.actual.text}`].filter(Boolean).join('、');
  const side = [f.rate && `達成率 ${f.rate.text}`, f.asOf, f.period].filter(Boolean).join('、');
  const what = f.indicator && f.indicator !== f.measure ? `${f.measure}（${f.indicator}）` : f.measure;
  return `${what}: ${main}${side ? `（${side}）` : ''}`;
}

function clean(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  const t = cleanForResident(s).replace(/\n/g, ' ').trim();
  return t === '' || /^[-_–—]+$/.test(t) ? undefined : t;
}

// ---------------------------------------------------------------------------------------------------------
// Two renderings of one KPI in a document (a grid row and a result sheet): same item number and similar
// measure names, or very similar names. The grid row is preferred: its figures sit in their own columns,
// while a sheet's went through OCR cell splits (「205,80 | 5枚」).

const MIN_SIMILARITY_WITH_ITEM = 0.4;
const MIN_SIMILARITY = 0.7;

function linkRenderings(facts: KpiFact[]): void {
  const grid = facts.filter((f) => !isSheet(f) && f.target);
  const sheets = facts.filter(isSheet);
  for (const s of sheets) {
    const candidates = grid
      .filter((g) => g.citation.documentId === s.citation.documentId)
      .map((g) => {
        const sim = similarity(coreName(g.measure), coreName(s.measure));
        const sameItem = g.item !== undefined && s.item !== undefined && g.item === s.item;
        const ok = sameItem ? sim >= MIN_SIMILARITY_WITH_ITEM : sim >= MIN_SIMILARITY && departmentAgrees(g, s);
        return { g, ok, score: sim + (sameItem ? 1 : 0) };
      })
      .filter((c) => c.ok);
    if (candidates.length === 0) continue;
    const best = Math.max(...candidates.map((c) => c.score));
    // One sheet may report two indicators that the grid lists as two rows (項番 10: テレワーク / WEB会議).
    const linked = candidates.filter((c) => c.score >= Math.floor(best)).map((c) => c.g);
    for (const g of linked) {
      g.sameAs.push(s.id);
      s.sameAs.push(g.id);
      // What only the sheet says completes the preferred fact; its indicator only when it is the one row.
      if (!g.indicator && s.indicator && linked.length === 1) g.indicator = s.indicator;
      if (!g.department && s.department) g.department = s.department;
      if (!g.stage && s.stage) g.stage = s.stage;
      g.text = kpiText(g);
    }
    s.preferred = false;
  }
}

function isSheet(f: KpiFact): boolean {
  return f.stage !== undefined || f.department !== undefined;
}

function departmentAgrees(grid: KpiFact, sheet: KpiFact): boolean {
  const inName = /[(（]([^()（）]*課[^()（）]*)[)）]/.exec(grid.measure)?.[1];
  if (!inName || !sheet.department) return true;
  return sheet.department.includes(inName.split(/[・·]/)[0]!.trim());
}

function coreName(s: string): string {
  return s.replace(/[(（【][^)）】]*[)）】]/g, '').replace(/[\s・·、]/g, '');
}

/** Dice coefficient over character bigrams. */
export function similarity(a: string, b: string): number {
  const grams = (s: string) => {
    const out: string[] = [];
    for (let i = 0; i + 1 < s.length; i++) out.push(s.slice(i, i + 2));
    return out;
  };
  const ga = grams(a);
  const gb = grams(b);
  if (ga.length === 0 || gb.length === 0) return a === b ? 1 : 0;
  const pool = new Map<string, number>();
  for (const g of gb) pool.set(g, (pool.get(g) ?? 0) + 1);
  let common = 0;
  for (const g of ga) {
    const n = pool.get(g) ?? 0;
    if (n > 0) {
      common++;
      pool.set(g, n - 1);
    }
  }
  return (2 * common) / (ga.length + gb.length);
}
