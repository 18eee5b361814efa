// Table-row passages are 「header: cell / header: cell（※note）」 (see parse/tables.ts); result sheets are
// a name line and 「項目: 値」 lines. Both read back into cells here.

export interface Cell {
  header: string; // '' for a cell printed without a column header
  value: string;
}

const NOTE = /（(※[^（）]*)）\s*$/;

export function rowCells(text: string): { cells: Cell[]; note?: string } {
  const note = NOTE.exec(text)?.[1];
  const body = text.replace(NOTE, '');
  const cells = body.split(' / ').map((part) => {
    const at = part.indexOf(': ');
    return at > 0 && at <= 24 ? { header: part.slice(0, at), value: part.slice(at + 2) } : { header: '', value: part };
  });
  return { cells, ...(note ? { note } : {}) };
}

export function cellOf(cells: Cell[], header: RegExp): Cell | undefined {
  return cells.find((c) => header.test(c.header));
}

/** A result sheet passage: its name line, department and item, and its 「項目: 値」 fields. */
export interface SheetText {
  name: string; // 重点取組 14 窓口業務の利便性向上の促進(手続)（所管課: 市民課）
  item?: string;
  title: string;
  department?: string;
  fields: Cell[]; // 目標 / 実績 / 達成率 split into their own cells
  note?: string;
}

const SHEET_HEAD = /^重点取組\s*((?:\d{1,2})(?:-\d)?)?\s*(.*?)(?:（所管課: (.*)）)?$/;

export function sheetText(text: string): SheetText | undefined {
  const [head = '', ...lines] = text.split('\n');
  const m = SHEET_HEAD.exec(head);
  if (!m) return undefined;
  let note: string | undefined;
  const fields: Cell[] = [];
  for (const line of lines) {
    const n = /^（(※.*)）$/.exec(line);
    if (n) {
      note = n[1];
      continue;
    }
    for (const part of line.split(' / ')) {
      const at = part.indexOf(': ');
      if (at > 0) fields.push({ header: part.slice(0, at), value: part.slice(at + 2) });
    }
  }
  return {
    name: head,
    ...(m[1] ? { item: m[1] } : {}),
    title: m[2]!.trim(),
    ...(m[3] ? { department: m[3] } : {}),
    fields,
    ...(note ? { note } : {}),
  };
}
