// Whether the passage composer can answer a frame at all, read from the snapshot's own texts. What it can quote is
// known before any question: each unit of each passage, glossary and FAQ entry (rankCandidates' units, made by the
// same function). Its answer quotes a unit holding MIN_COVERAGE of the topic's words (itself with its subject, or
// with its heading), and when it quotes one unit (a figure or a date asked) validation reads that unit alone (the
// asked type, the topic, its section, its chapter: quoteCheck, as the composer builds it). When no unit of the
// frame's scope passes, it cannot answer: no search is needed to know it. The engine asks it in a suggestion's
// check, where whether an answer exists is all that is read.

import type { Analyzer } from '../analysis/index.js';
import type { KnowledgeSnapshot, MunicipalityId, Passage } from '../knowledge/index.js';
import { quoteCheck } from './composers/passage.js';
import {
  headed,
  inContext,
  type Needles,
  needlesOf,
  precise,
  previousIn,
  rankTerms,
  type SynonymSets,
  subjectOf,
  subjectText,
  type Unit,
  unitTexts,
} from './extract.js';
import type { Frame } from './frame.js';
import { MIN_COVERAGE } from './limits.js';
import type { TextTerms } from './terms.js';
import { typeMismatch, type ValidationDeps, validate } from './validate.js';

/** The quotable units of one municipality's texts ('' for those of none), as coverage reads them. */
interface UnitTable {
  /** Texts coverage is measured on: a unit with its subject, a unit with its heading (each once). */
  texts: { own: ReadonlySet<string>; flat: string; units: number[] }[];
  /** Each unit: the hit it is quoted from, the quoted text, whose it is, the text in its context (inContext). */
  units: { hit: Unit; text: string; municipality: MunicipalityId | null; context: string }[];
  /** Analysed term → the texts holding it. */
  byTerm: Map<string, number[]>;
  /** A character, or two in a row, of a text's flat form → the texts holding it. */
  byGram: Map<string, number[]>;
  /** A topic word's alternatives → the texts holding one of them (topics recur across questions: the latest kept). */
  holders: Map<string, readonly number[]>;
  /** Per text: the epoch of the latest count that reached it, and the words it holds in that count. */
  mark: Int32Array;
  found: Int32Array;
  epoch: number;
}

// Topic words whose texts each table remembers.
const MAX_HOLDERS = 2_000;

const push = (map: Map<string, number[]>, key: string, id: number) => {
  const list = map.get(key);
  if (!list) map.set(key, [id]);
  else if (list.at(-1) !== id) list.push(id);
};

function buildTable(
  units: { hit: Unit; municipality: MunicipalityId | null }[],
  isPrecise: boolean,
  tt: TextTerms,
  previous: (p: Passage) => Passage | undefined,
) {
  const table: UnitTable = {
    texts: [],
    units: [],
    byTerm: new Map(),
    byGram: new Map(),
    holders: new Map(),
    mark: new Int32Array(0),
    found: new Int32Array(0),
    epoch: 0,
  };
  const textIds = new Map<string, number>();
  const addText = (text: string, unit: number) => {
    let id = textIds.get(text);
    if (id === undefined) {
      id = table.texts.length;
      textIds.set(text, id);
      const entry = { own: tt.of(text), flat: tt.flat(text), units: [] as number[] };
      table.texts.push(entry);
      for (const term of entry.own) push(table.byTerm, term, id);
      for (let i = 0; i < entry.flat.length; i++) {
        push(table.byGram, entry.flat[i]!, id);
        if (i + 1 < entry.flat.length) push(table.byGram, entry.flat.slice(i, i + 2), id);
      }
    }
    table.texts[id]!.units.push(unit);
  };
  for (const { hit, municipality } of units) {
    const subject = subjectOf(hit);
    for (const { s, text } of unitTexts(hit, isPrecise, previous)) {
      const unit = table.units.length;
      table.units.push({ hit, text, municipality, context: inContext({ hit, text }) });
      addText(subjectText(subject, s), unit);
      addText(headed({ hit, text }), unit);
    }
  }
  table.mark = new Int32Array(table.texts.length);
  table.found = new Int32Array(table.texts.length);
  return table;
}

/** The texts whose flat form holds `bare` (coverage's substring test), found by its characters. */
function holding(table: UnitTable, bare: string): readonly number[] {
  if (bare.length === 0) return table.texts.map((_, i) => i);
  if (bare.length === 1) return table.byGram.get(bare) ?? [];
  let shortest: number[] | undefined;
  for (let i = 0; i + 1 < bare.length; i++) {
    const list = table.byGram.get(bare.slice(i, i + 2));
    if (!list) return [];
    if (!shortest || list.length < shortest.length) shortest = list;
  }
  return shortest!.filter((id) => table.texts[id]!.flat.includes(bare));
}

// Validation reads a quote's analysed terms only when a topic word is not in it as written. Analysing quotes here
// would run the analyzer on document texts while answering: every word is taken as found by analysis instead, so
// the proof only ever errs toward running the composer.
class EveryTerm extends Set<string> {
  override has(): boolean {
    return true;
  }
}

/** The texts holding a topic word (coverage's test: one of its alternatives analysed in the text, or written in it). */
function holdersOf(table: UnitTable, alternatives: Needles[number]): readonly number[] {
  const key = alternatives.map(([term, bare]) => `${term}\u0001${bare}`).join('\u0002');
  let ids = table.holders.get(key);
  if (!ids) {
    const texts = new Set<number>();
    for (const [term, bare] of alternatives) {
      for (const id of table.byTerm.get(term) ?? []) texts.add(id);
      for (const id of holding(table, bare)) texts.add(id);
    }
    ids = [...texts];
    table.holders.set(key, ids);
    if (table.holders.size > MAX_HOLDERS) table.holders.delete(table.holders.keys().next().value!);
  }
  return ids;
}

export interface AnswerableDeps extends ValidationDeps {
  snapshot: KnowledgeSnapshot;
  passages: ReadonlyMap<string, readonly Passage[]>; // each section's passages in order
}

export interface QuoteScope {
  analyzer: Analyzer;
  sets: SynonymSets;
  among: readonly MunicipalityId[] | null;
}

/**
 * mayQuote(frame, scope): false only when the passage composer cannot give the frame a valid answer. Tables are
 * built per municipality when first read.
 */
export function createAnswerable({ snapshot, tt, df, passages }: AnswerableDeps) {
  const previous = previousIn(passages);
  const everyTerm = new EveryTerm();
  const asWritten: ValidationDeps = {
    tt: { of: () => everyTerm, flat: (text) => tt.flat(text), misses: 0 },
    df,
  };
  const byMunicipality = new Map<string, { hit: Unit; municipality: MunicipalityId | null }[]>();
  const add = (m: MunicipalityId | null | undefined, hit: Unit) => {
    const key = m ?? '';
    const list = byMunicipality.get(key) ?? [];
    byMunicipality.set(key, list);
    list.push({ hit, municipality: m ?? null });
  };
  for (const passage of snapshot.passages) add(passage.municipality, { passage });
  for (const glossary of snapshot.glossary) add(glossary.municipality, { glossary });
  for (const faq of snapshot.faq) add(faq.municipality, { faq });
  const tables = new Map<string, UnitTable>();
  const tableOf = (group: string, isPrecise: boolean) => {
    const key = `${isPrecise ? 1 : 0}${group}`;
    let table = tables.get(key);
    if (!table) {
      table = buildTable(byMunicipality.get(group) ?? [], isPrecise, tt, previous);
      tables.set(key, table);
    }
    return table;
  };

  // The groups a frame's search reads: its municipality's and those of none; among some, theirs; else all.
  function groupsOf(frame: Frame, among: readonly MunicipalityId[] | null): string[] {
    if (frame.municipality) return [frame.municipality, ''];
    if (among) return [...among, ''];
    return [...byMunicipality.keys()];
  }

  return function mayQuote(frame: Frame, scope: QuoteScope): boolean {
    const needles = needlesOf(rankTerms(scope.analyzer, frame, frame.target ?? frame.query, scope.sets));
    if (!needles.length) return false; // coverage 0
    const isPrecise = precise(frame);
    for (const group of new Set(groupsOf(frame, scope.among))) {
      if (!byMunicipality.has(group)) continue;
      const table = tableOf(group, isPrecise);
      // how many of the topic's words each text holds, counted in the table's arrays (a new epoch each count)
      const epoch = ++table.epoch;
      const touched: number[] = [];
      for (const alternatives of needles)
        for (const id of holdersOf(table, alternatives)) {
          if (table.mark[id] !== epoch) {
            table.mark[id] = epoch;
            table.found[id] = 0;
            touched.push(id);
          }
          table.found[id]!++;
        }
      for (const id of touched) {
        // the composer's own comparison: coverage = found / needles, declined below MIN_COVERAGE
        if (table.found[id]! / needles.length < MIN_COVERAGE) continue;
        if (!isPrecise) return true;
        for (const unit of table.texts[id]!.units) {
          const { hit, text, municipality, context } = table.units[unit]!;
          // validation refuses a quote without the asked type before reading anything else
          if (typeMismatch(frame, context) !== null) continue;
          const check = {
            ...quoteCheck(passages, [{ hit, text }]),
            municipalities: municipality ? [municipality] : [],
          };
          if (validate(frame, { check }, asWritten) === null) return true;
        }
      }
    }
    return false;
  };
}
