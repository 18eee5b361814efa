// 西東京市's 重点取組 result sheets (重点取組 / 所管課 / 概要 / 取組段階 / 成果指標 / 目標 / 進捗内容 / 方向性):
// forms whose OCR scattered each field over several table rows and columns, printed each label in the
// middle row of its field (the rows above and below carry no label, or a garbled one: 「HIT 255」「+ + +」),
// and read some cells twice (「行政サービスの | 行政サービスの利便性向上…」). Read back as one 「項目: 値」
// line per field, fragments merged, garbled label cells dropped.
import type { Row } from './blocks.js';

export interface ResultSheet {
  item?: string; // 項番: 12-1
  title: string; // キャッシュレス決済等の促進
  department?: string; // 所管課: 市民課
  fields: { label: SheetLabel; text: string; line: number }[];
  line: number;
}

export type SheetLabel = '概要' | '取組段階' | '成果指標' | '目標' | '実績' | '達成率' | '進捗内容' | '方向性';

// The labels as printed, and as OCR read them in these seeds (data, with the reason each exists).
const LABELS: { label: SheetLabel; forms: string[]; why: string }[] = [
  { label: '概要', forms: ['概要', '機要', '既要'], why: '概 read as 機 / 既' },
  { label: '取組段階', forms: ['取組段階'], why: 'printed clean' },
  { label: '目標', forms: ['目標'], why: 'printed clean (実績 and 達成率 follow on the same row)' },
  {
    label: '進捗内容',
    forms: ['進捗内容', '進捗內谷', '進拶內谷', '进拶內谷', '准块内容'],
    why: '捗/容 read as 拶/谷, 進 as 准',
  },
  { label: '方向性', forms: ['方向性'], why: 'printed clean' },
];
const HEAD = /重.?点.?取.?組/;
const ITEM = /^(\d{1,2})(?:\s*-\s*(\d))?$/;
const ITEM_SUFFIX = /^-\s?(\d)$/;
const INDICATOR = /成\s*[果思]?\s*:?\s*指\s*標/;
const MAX_LABEL_NOISE = 10; // a label cell longer than this is text the OCR put in the label column

export function isResultSheet(rows: Row[]): boolean {
  const head = (rows[0]?.cells ?? []).join('');
  return HEAD.test(head) && rows.length >= 3 && rows.some((r) => labelOf(r.cells.join('').replace(/\s+/g, '')));
}

export function readResultSheet(rows: Row[]): ResultSheet {
  const [headRow, ...body] = rows;
  const head = headRow!.cells;
  // The label column is where 重点取組 starts; the title starts after the cells that spell it.
  let labelCol = head.findIndex((c) => /重|点取|取組/.test(c));
  if (labelCol < 0) labelCol = 1;
  let titleCol = labelCol;
  let spelled = '';
  while (titleCol < head.length && !HEAD.test(spelled)) spelled += head[titleCol++] ?? '';
  const { title, department } = titleAndDepartment(head.slice(titleCol), spelled.replace(HEAD, ''));
  const item = itemOf(body.map((r) => r.cells.slice(0, labelCol).join(' ').trim()));

  type Field = { label: SheetLabel; rows: string[]; line: number };
  const fields: Field[] = [];
  let pending: { text: string; line: number }[] = [];
  const open = (label: SheetLabel, text: string, line: number) => {
    const last = fields.at(-1);
    // The same label twice in a row (「准块内容」 then 「進捗内容」): OCR read the label on two rows.
    if (last?.label === label && pending.length === 0) last.rows.push(text);
    else fields.push({ label, rows: [...pending.map((p) => p.text), text], line: pending[0]?.line ?? line });
    pending = [];
  };
  for (const row of body) {
    let labelText = row.cells.slice(labelCol, titleCol).join('').trim();
    const lead = row.cells.slice(0, labelCol).join(' ').trim();
    // A label printed across the item column (「| 取組段階 導入実行 成果指標 … | | |」).
    if (labelText === '' && lead.replace(/\s+/g, '').length > 3) labelText = lead;
    const values = row.cells.slice(titleCol);
    const squeezed = labelText.replace(/\s+/g, '');
    const glued = labelOf(squeezed);
    const noise = !glued && squeezed !== '' && (squeezed.length <= MAX_LABEL_NOISE || !JA.test(squeezed));
    let text = glued
      ? mergeCells([stripLabel(labelText, glued.length), ...values])
      : mergeCells(noise ? values : [labelText, ...values]);
    // 「…検討します。 取組段階 導入実行 成果指標 …」: a label inside the text starts the next field.
    const inner = /取\s*組\s*段\s*階/.exec(text);
    let innerStage: string | undefined;
    if (inner && inner.index > 0) {
      innerStage = text.slice(inner.index + inner[0].length).trim();
      text = text.slice(0, inner.index).trim();
    }
    const last = fields.at(-1);
    if (glued) open(glued.label, text, row.line);
    else if (text === '') {
      // an empty row (or a garbled label alone) carries nothing
    } else if (last && pending.length === 0 && belongsToPrevious(last, text)) last.rows.push(text);
    else pending.push({ text, line: row.line });
    if (innerStage !== undefined) open('取組段階', innerStage, row.line);
  }
  if (pending.length > 0 && fields.length > 0) fields.at(-1)!.rows.push(...pending.map((p) => p.text));

  const out: ResultSheet['fields'] = [];
  for (const f of fields) {
    const text = joinRows(f.rows);
    if (f.label === '取組段階') {
      // 「導入実行 導入実行 成 果 指 標 マイナンバーカードの交付枚数」: the indicator shares the row
      const [stage = '', indicator] = text.split(INDICATOR);
      out.push({ label: '取組段階', text: mergeRepeatedWords(stage.trim()), line: f.line });
      if (indicator?.trim())
        out.push({ label: '成果指標', text: indicator.replace(/^[:：\s]+/, '').trim(), line: f.line });
      continue;
    }
    if (f.label === '目標') {
      out.push(...targetFields(text, f.line));
      continue;
    }
    out.push({ label: f.label, text, line: f.line });
  }
  return { ...(item ? { item } : {}), title, ...(department ? { department } : {}), fields: out, line: headRow!.line };

  function belongsToPrevious(field: Field, text: string): boolean {
    // 「目標 … / WEB会議 80 回 実績 …」: the numbers of a second indicator continue 目標
    if (field.label === '目標')
      return /実\s*績|達\s*成\s*率/.test(text) || /^[A-Za-z0-9\s,.%()\-件回人枚箇所拠点]+$/.test(text);
    if (field.label === '取組段階') return false;
    // A text field still inside its sentence continues; one that ended its sentence is complete, and the
    // row belongs to the next label (printed in the middle row of its own field).
    return !/。\s*$/.test(joinRows(field.rows));
  }
}

function labelOf(squeezed: string): { label: SheetLabel; length: number } | undefined {
  for (const l of LABELS) {
    for (const form of l.forms) if (squeezed.startsWith(form)) return { label: l.label, length: form.length };
  }
  return undefined;
}

/** Drop the first `n` non-space characters (the label, printed with spaces: 「進 捗 内 容 …」). */
function stripLabel(text: string, n: number): string {
  let seen = 0;
  let i = 0;
  while (i < text.length && seen < n) {
    if (!/\s/.test(text[i]!)) seen++;
    i++;
  }
  return text.slice(i).trim();
}

function titleAndDepartment(cells: string[], leftover: string): { title: string; department?: string } {
  const parts = [leftover, ...cells].map((c) => c.replace(/[|Į!.]+$/g, '').trim()).filter(Boolean);
  const joined = parts.join('\u0000');
  const at = joined.search(/所\u0000?管\u0000?課|所$|所\u0000/);
  if (at < 0) return { title: mergeCells(parts) };
  const titlePart = joined.slice(0, at).split('\u0000');
  const deptPart = joined
    .slice(at)
    .replace(/^所\u0000?(?:管\u0000?課)?/, '')
    .split('\u0000');
  const department = mergeCells(deptPart).replace(/\s+/g, '');
  return { title: mergeCells(titlePart), ...(department ? { department } : {}) };
}

function itemOf(cells: string[]): string | undefined {
  let main: string | undefined;
  let sub: string | undefined;
  for (const c of cells) {
    // The number is printed once per sheet, but OCR added stray digits above it (「10」 over 「18」):
    // the last one read wins.
    const m = ITEM.exec(c);
    if (m) {
      main = m[1];
      sub = m[2];
      continue;
    }
    const s = ITEM_SUFFIX.exec(c);
    if (s && main && !sub) sub = s[1];
  }
  return main ? (sub ? `${main}-${sub}` : main) : undefined;
}

const JA = /[\u3040-\u30FF\u3400-\u9FFF]/;

/**
 * Cells of one row → one text: a cell that the next cell starts with is dropped (read twice), a cell
 * whose end the next one starts with is joined on the overlap, and Japanese fragments are joined
 * without the space the cell boundary left.
 */
export function mergeCells(cells: string[]): string {
  const parts = cells.map((c) => c.trim()).filter((c) => c !== '' && !/^[|Į!_]$/.test(c));
  const out: string[] = [];
  for (const part of parts) {
    const prev = out.at(-1);
    if (prev === undefined) {
      out.push(part);
      continue;
    }
    if (part.startsWith(prev)) {
      out[out.length - 1] = part;
      continue;
    }
    if (prev.endsWith(part)) continue;
    const k = overlap(prev, part);
    out[out.length - 1] = k > 0 ? prev + part.slice(k) : joinFragment(prev, part);
  }
  return out.join(' ').replace(/\s+/g, ' ').trim();
}

// Japanese fragments overlap by as little as one character (「決済 | 済等の促進」); other text by 3 or
// more (「達成率 68. | 68.5%」), since a shorter Latin or digit overlap is usually a coincidence.
function overlap(a: string, b: string): number {
  for (let k = Math.min(a.length, b.length, 20); k >= 1; k--) {
    const piece = b.slice(0, k);
    if (a.endsWith(piece) && (JA.test(piece) || k >= 3)) return k;
  }
  return 0;
}

function joinFragment(a: string, b: string): string {
  return JA.test(a.at(-1) ?? '') && JA.test(b[0] ?? '') ? a + b : `${a} ${b}`;
}

function joinRows(rows: string[]): string {
  return rows.reduce((acc, r) => (acc === '' ? r : joinFragment(acc, r)), '').trim();
}

function mergeRepeatedWords(s: string): string {
  const words = s.split(/\s+/).filter(Boolean);
  return words.filter((w, i) => w !== words[i - 1]).join(' ');
}

/**
 * 「205,80 5枚 5枚 実績 159 565枚 達成率 77.5%」 → 目標 205,805枚, 実績 159,565枚, 達成率 77.5%.
 * Digits split by a cell boundary are joined (a 3-digit tail after a space lost its comma).
 */
function targetFields(text: string, line: number): ResultSheet['fields'] {
  const parts = text.split(/(実\s*績|達\s*成\s*率)/);
  const out: ResultSheet['fields'] = [];
  let label: SheetLabel = '目標';
  for (const part of parts) {
    if (/^実\s*績$/.test(part)) label = '実績';
    else if (/^達\s*成\s*率$/.test(part)) label = '達成率';
    else {
      const value = joinNumbers(part);
      if (value !== '') out.push({ label, text: value, line });
    }
  }
  return out;
}

function joinNumbers(s: string): string {
  const t = s
    .replace(/[)）」#_\\+*]+/g, ' ')
    .replace(/(\d)\s+(\d{3})(?!\d)/g, '$1,$2')
    .replace(/(\d)\s+(\d{1,2})(?=\s*[^\d\s,.%])/g, '$1$2')
    .replace(/(\d)\s+(?=[^\d\s])/g, '$1');
  return mergeRepeatedWords(t.replace(/\s+/g, ' ').trim());
}
