// Glossary tables (用語集 / 用語解説 / 索引) → entries. One algorithm covers the four layouts:
// an index-letter or kana column is ignored, the term and definition columns are found by header,
// and 西東京市's two-row entries are merged: a term row with an English name and a definition row
// below it, a definition that starts one row above its term, and a term split over two rows.
import { normalizeText } from '../normalize.js';
import type { Row } from './blocks.js';

export interface RawGlossaryEntry {
  term: string;
  reading?: string;
  aliases: string[];
  definition: string; // '' when the document leaves it empty
  line: number;
}

const TERM_HEADER = /^用語$/;
const DEF_HEADER = /解説|定義|説明/;
const LATIN_ONLY = /^[A-Za-z][A-Za-z0-9 .&'-]*$/;
const CLOSED = /[。．.)）」]$/;

/** Index of the header row (within the first three rows) if this table is a glossary. */
export function glossaryHeaderIndex(rows: Row[]): number {
  return rows
    .slice(0, 3)
    .findIndex((r) => r.cells.some((c) => TERM_HEADER.test(c)) && r.cells.some((c) => DEF_HEADER.test(c)));
}

export function parseGlossaryTable(rows: Row[]): RawGlossaryEntry[] {
  const h = glossaryHeaderIndex(rows);
  if (h < 0) return [];
  const header = rows[h]!.cells;
  const termCol = header.findIndex((c) => TERM_HEADER.test(c));
  const defCol = header.findIndex((c, i) => i > termCol && DEF_HEADER.test(c));
  const entries: RawGlossaryEntry[] = [];
  let orphan = ''; // definition text printed one row above its term
  for (const row of rows.slice(h + 1)) {
    const term = cleanTerm(row.cells[termCol] ?? '');
    const def = row.cells
      .slice(defCol < 0 ? termCol + 1 : defCol)
      .filter(Boolean)
      .join(' ');
    const prev = entries.at(-1);
    if (!term && !def) continue;
    if (!term) {
      if (prev && (prev.definition === '' || !CLOSED.test(prev.definition))) prev.definition += def;
      else if (!CLOSED.test(def)) orphan += def;
      else if (prev) prev.definition += def;
      continue;
    }
    if (prev && isSplitTerm(prev, def)) {
      prev.term += term;
      prev.definition += def;
      continue;
    }
    if (LATIN_ONLY.test(def)) {
      // 「AI | Artificial Intelligence」「ガバメントクラウド | Gov-Cloud」: an English name; the definition follows.
      entries.push({ term, aliases: [def], definition: '', line: row.line });
      orphan = '';
      continue;
    }
    if (prev && prev.definition === '' && prev.aliases[0] && acronym(prev.aliases[0]) === term.toUpperCase()) {
      // 「KDI | Key Performance Indicator」「KPI | 重要業績評価指標。」: the term row came second.
      prev.term = term;
      prev.definition = def;
      continue;
    }
    entries.push({ term, aliases: englishExpansions(def), definition: orphan + def, line: row.line });
    orphan = '';
  }
  return entries.map((e) => {
    const aliases = unique([...e.aliases, ...englishExpansions(e.definition)]);
    // 小金井市 prints the katakana reading of an English term: 「Robotic Process Automation （ロボティック…）の略」
    const reading = aliases.find((a) => /^[\u30A0-\u30FF・]+$/.test(a));
    return { ...e, aliases, ...(reading ? { reading } : {}) };
  });
}

// 「官民共創デジタルプラット | …シビックテックのノウハウ」「フォーム | と、東京都…」
function isSplitTerm(prev: RawGlossaryEntry, def: string): boolean {
  return (
    prev.definition !== '' && /[\u3040-\u30FF\u4E00-\u9FFF]$/.test(prev.definition) && /^[\u3040-\u309F、]/.test(def)
  );
}

// Terms are shown and matched as written in the glossary, minus OCR damage: 「ЕВРМ」→EBPM, 「5 G」→5G.
function cleanTerm(raw: string): string {
  return normalizeText(raw).replace(/^(\d) ([A-Z])\b/, '$1$2');
}

function acronym(english: string): string {
  return english
    .split(/[\s-]+/)
    .filter((w) => /^[A-Z]/.test(w))
    .map((w) => w[0])
    .join('');
}

// An English phrase (at most 13 words), an optional reading or Japanese gloss, then の略. Linear on any
// text: a phrase starts only where a word or number starts (not inside one, where the same phrase would be
// retried from every letter), the lengths are bounded, and one \s* stands where an empty optional part would
// leave two side by side (quadratic on a run of spaces).
const EXPANSION_PHRASE =
  /((?:(?<!\d)\d+ ?th |(?<![A-Za-z]))[A-Za-z]+(?:[ -](?:[A-Za-z]+|&)){1,12})\s*(?:(?:（([\u30A0-\u30FF・ ]{1,60})）|「[^」]{0,80}」)\s*)?の略/g;

/**
 * English expansions a definition spells out: 「Robotic Process Automation （…）の略」,
 * 「Artificial Intelligence「人工知能」の略」, 「AIはArtificial Intelligenceの略」.
 */
export function englishExpansions(definition: string): string[] {
  const out: string[] = [];
  for (const m of definition.matchAll(EXPANSION_PHRASE)) {
    out.push(m[1]!.replace(/^(\d+) th /, '$1th ').trim());
    if (m[2]) out.push(m[2].replace(/\s+/g, '')); // 「ロボティック・プロセス・オートメーション」
  }
  return out;
}

function unique(xs: string[]): string[] {
  return [...new Set(xs.filter(Boolean))];
}
