// Accumulates sections, passages and glossary entries for one document, with stable ids:
// `<document>:s<section>` for sections (s0 = before the first heading), `<section>:p<n>` for passages,
// `<document>:g<n>` for glossary entries. Ids depend only on the text, never on time or randomness.
import type { DocumentMeta, GlossaryEntry, ParsedDocument, Passage, PassageKind, Section } from '../model.js';
import { normalizeText, repairText } from '../normalize.js';
import { chunkText, MAX_PASSAGE } from './chunk.js';
import type { RawGlossaryEntry } from './glossary.js';
import type { HeadingFrame } from './headings.js';
import type { ResultSheet } from './result-sheet.js';
import type { Sheet } from './sheets.js';
import type { TableRowText } from './tables.js';

const SHORT = 100; // paragraphs shorter than this are packed together with their neighbours
const BULLET = /^[・•●○◯■□✓✔☑▼▶►※]/;

export class DocumentBuilder {
  private readonly sections: Section[] = [];
  private readonly byPath = new Map<string, Section>();
  private readonly ordinals = new Map<string, number>();
  private readonly passages: Passage[] = [];
  private readonly glossary: GlossaryEntry[] = [];
  private current: Section | undefined;
  private prose: { text: string; line: number } | undefined;
  private paragraphOpen = false;
  private list: { items: string[]; line: number } | undefined;

  constructor(private readonly meta: DocumentMeta) {}

  headingText(raw: string): string {
    return repairText(raw);
  }

  enterSection(stack: HeadingFrame[], line: number): void {
    const headingPath = stack.map((f) => f.text);
    const key = headingPath.join(' › ');
    let section = this.byPath.get(key);
    if (!section) {
      section = {
        id: `${this.meta.id}:s${this.sections.length + (this.byPath.has('') ? 0 : 1)}`,
        documentId: this.meta.id,
        municipality: this.meta.municipality,
        headingPath,
        line,
      };
      this.sections.push(section);
      this.byPath.set(key, section);
    }
    this.current = section;
  }

  addProse(text: string, line: number, afterBlank: boolean): void {
    this.flushList();
    if (this.prose && this.paragraphOpen && !afterBlank) {
      this.prose.text += text; // a paragraph wrapped over several lines
      return;
    }
    const p = this.prose;
    if (p && p.text.length + text.length < MAX_PASSAGE && (p.text.length < SHORT || text.length < SHORT)) {
      p.text += `\n${text}`;
    } else {
      this.flushProse();
      this.prose = { text, line };
    }
    this.paragraphOpen = true;
  }

  addListItem(text: string, line: number): void {
    this.flushProse();
    const item = BULLET.test(text) ? text : `・${text}`;
    if (this.list && this.list.items.join('\n').length + item.length + 1 > MAX_PASSAGE) this.flushList();
    this.list ??= { items: [], line };
    this.list.items.push(item);
  }

  addTableRow(row: TableRowText, note?: string): void {
    const chunks = chunkText(note ? `${row.text}（${note}）` : row.text);
    chunks.forEach((c, i) => {
      this.push('table-row', i === 0 ? c : `${row.name} / ${c}`, row.line);
    });
  }

  /**
   * A result sheet as 「項目: 値」 lines under its name line (「重点取組 14 …（所管課: 市民課）」), 目標 / 実績 /
   * 達成率 on one line; split by whole lines when long, the name line repeated on every part.
   */
  addResultSheet(sheet: ResultSheet, note?: string): void {
    const name = [`重点取組${sheet.item ? ` ${sheet.item}` : ''}`, sheet.title].join(' ');
    const head = sheet.department ? `${name}（所管課: ${sheet.department}）` : name;
    const suffix = note ? `\n（${note}）` : '';
    const lines: { text: string; line: number }[] = [];
    for (const f of sheet.fields) {
      const prev = lines.at(-1);
      const numeric = f.label === '実績' || f.label === '達成率';
      if (numeric && prev && /^(?:目標|実績|達成率):/.test(prev.text)) prev.text += ` / ${f.label}: ${f.text}`;
      else lines.push({ text: `${f.label}: ${f.text}`, line: f.line });
    }
    let cur: { text: string; line: number } | undefined;
    const flush = () => {
      if (cur) this.push('table-row', `${head}\n${cur.text}${suffix}`, cur.line);
      cur = undefined;
    };
    for (const l of lines) {
      if (cur && head.length + cur.text.length + l.text.length + suffix.length >= MAX_PASSAGE) flush();
      cur = cur ? { text: `${cur.text}\n${l.text}`, line: cur.line } : { ...l };
    }
    if (!cur && lines.length === 0) cur = { text: '', line: sheet.line };
    flush();
  }

  addSheet(sheet: Sheet): void {
    const name = `${sheet.marker} ${sheet.title}`.trim();
    for (const f of sheet.fields) {
      for (const c of chunkText(f.text, `${name} — ${f.label}: `)) this.push('prose', c, f.line);
    }
    if (sheet.plan.length > 0) {
      const stages = sheet.plan.map((p) => `${p.year}: ${p.stage}`).join(' / ');
      this.push('table-row', `${name} / 計画: ${stages}`, sheet.planLine || sheet.line);
    }
  }

  addGlossary(entries: RawGlossaryEntry[]): void {
    for (const e of entries) {
      const definition = e.definition.trim();
      this.glossary.push({
        id: `${this.meta.id}:g${this.glossary.length + 1}`,
        term: e.term,
        ...(e.reading ? { reading: e.reading } : {}),
        aliases: e.aliases,
        definition,
        municipality: this.meta.municipality,
        documentId: this.meta.id,
        headingPath: this.section().headingPath,
        line: e.line,
      });
      if (definition === '') continue; // reported by knowledge:check, never filled in
      const name = e.aliases.length > 0 ? `${e.term}（${e.aliases.join('、')}）` : e.term;
      for (const c of chunkText(definition, `${name}: `)) this.push('glossary', c, e.line);
    }
  }

  flush(): void {
    this.flushProse();
    this.flushList();
  }

  finish(): ParsedDocument {
    this.flush();
    const order = (s: Section) => Number(s.id.slice(s.id.lastIndexOf(':s') + 2));
    return {
      meta: this.meta,
      sections: [...this.sections].sort((a, b) => order(a) - order(b)),
      passages: this.passages,
      glossary: this.glossary,
    };
  }

  private flushProse(): void {
    this.paragraphOpen = false;
    if (!this.prose) return;
    for (const c of chunkText(this.prose.text)) this.push('prose', c, this.prose.line);
    this.prose = undefined;
  }

  private flushList(): void {
    if (!this.list) return;
    this.push('list', this.list.items.join('\n'), this.list.line);
    this.list = undefined;
  }

  private section(): Section {
    if (!this.current) {
      // Text before the first heading (cover, foreword) lives in section s0 with an empty path.
      const s0: Section = {
        id: `${this.meta.id}:s0`,
        documentId: this.meta.id,
        municipality: this.meta.municipality,
        headingPath: [],
        line: 1,
      };
      this.sections.push(s0);
      this.byPath.set('', s0);
      this.current = s0;
    }
    return this.current;
  }

  private push(kind: PassageKind, text: string, line: number): void {
    const section = this.section();
    const n = (this.ordinals.get(section.id) ?? 0) + 1;
    this.ordinals.set(section.id, n);
    this.passages.push({
      id: `${section.id}:p${n}`,
      kind,
      municipality: this.meta.municipality,
      documentId: this.meta.id,
      sectionId: section.id,
      headingPath: section.headingPath,
      text: repairText(text),
      normalized: normalizeText(text),
      line,
    });
  }
}
