// Turns a knowledge snapshot into index documents with pre-analyzed fields, so MiniSearch only splits
// on the separator and the analyzer stays the single source of terms.
import {
  type Analyzer,
  kanaToKatakana,
  type LexiconEntry,
  latinReadings,
  MIN_READING_TERM,
} from '../analysis/index.js';
import type { FaqEntry, GlossaryEntry, KnowledgeSnapshot, MunicipalityId, Passage } from '../knowledge/index.js';
import { isLabel } from './intent.js';
import type { HitType, Source } from './source.js';

export type { HitType, Source } from './source.js';

/** Pre-analyzed field values are terms joined by this; terms never contain it. */
export const SEP = '\n';

export interface IndexDoc {
  key: string; // type:id, unique across types
  id: string;
  type: HitType;
  municipality: MunicipalityId | null;
  name: string; // glossary term and aliases / FAQ questions: what the entry is about
  title: string; // a passage's heading path and the label before it
  body: string; // passage text / definition / FAQ answer
  context: string; // the passage before, in the same document: the label a table row or list item answers
  bigram: string; // character bigrams of title and body
  reading: string; // katakana readings of the content words of name, title and body (kuromoji_readingform)
}

export const FIELDS = ['name', 'title', 'body', 'context', 'bigram', 'reading'] as const;
export const MORPH_FIELDS = ['name', 'title', 'body', 'context'] as const;

/** Counts how often each spelling was seen with each reading: the lexicon the query side respells against. */
export class LexiconCounter {
  private readonly counts = new Map<string, number>();
  add(reading: string, spelling: string, weight = 1): void {
    if (!spelling || spelling.includes('\t')) return;
    const key = `${reading}\t${spelling}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + weight);
  }
  entries(): LexiconEntry[] {
    return [...this.counts].map(([k, n]) => {
      const tab = k.indexOf('\t');
      return [k.slice(0, tab), k.slice(tab + 1), n];
    });
  }
}

/** Analyzes each distinct text once per build: a passage is also the next passage's context. */
export function createFieldAnalyzer(analyzer: Analyzer, lexicon?: LexiconCounter) {
  const memo = new Map<string, ReturnType<Analyzer['analyze']>>();
  const get = (text: string) => {
    let a = memo.get(text);
    if (!a) {
      a = analyzer.analyze(text);
      memo.set(text, a);
    }
    return a;
  };
  const readingsOf = (...analyses: ReturnType<Analyzer['analyze']>[]) => {
    const out = new Set<string>();
    for (const a of analyses) {
      for (const r of a.readings) {
        lexicon?.add(r.reading, r.spelling);
        if (r.reading.length >= MIN_READING_TERM) out.add(r.reading);
      }
    }
    return [...out].join(SEP);
  };
  return (title: string, body: string, context = '', named = false) => {
    const t = get(title);
    const b = get(body);
    return {
      name: named ? t.terms.join(SEP) : '',
      title: named ? '' : t.terms.join(SEP),
      body: b.terms.join(SEP),
      context: context ? get(context).terms.join(SEP) : '',
      bigram: [...t.bigrams, ...b.bigrams].join(SEP),
      reading: readingsOf(t, b),
    };
  };
}

// A glossary term, synonym or municipality name is a phrase residents type whole: its spelling wins its reading.
const PHRASE_WEIGHT = 100;

/**
 * Whole phrases for the lexicon: glossary terms, aliases and their given よみ, synonyms and municipality
 * names, so 「かかないまどぐち」 reads as 書かない窓口 in one piece (its reading spans a particle-like ない).
 */
export function addPhrases(lexicon: LexiconCounter, snapshot: KnowledgeSnapshot, analyzer: Analyzer): void {
  addGlossaryPhrases(lexicon, snapshot.glossary, analyzer);
  addSharedPhrases(lexicon, snapshot, analyzer);
}

function phraseAdder(lexicon: LexiconCounter, analyzer: Analyzer) {
  return (text: string, given?: string) => {
    const spelling = analyzer.normalize(text).replace(/\s+/g, '');
    if (!spelling) return;
    const reading = (given && kanaToKatakana(given.replace(/[\s・]+/g, ''))) || analyzer.reading(text);
    const readings = reading ? [reading] : mixedReadings(spelling, analyzer);
    if (!readings.length) lexicon.add('', spelling, PHRASE_WEIGHT);
    for (const r of readings) lexicon.add(r, spelling, PHRASE_WEIGHT / readings.length);
  };
}

// A phrase is read with its Latin words this many ways at most (each Latin word by its letters' names or romaji).
const MAX_MIXED_READINGS = 4;
const LATIN_OR_NOT = /[a-z]+|[^a-z]+/g;

/**
 * The readings of a phrase that mixes Latin and Japanese words (公衆無線lan → コウシュウムセンエルエーエヌ,
 * コウシュウムセンラン): the Japanese read by kuromoji, each Latin word as latinReadings reads it, so the phrase typed
 * in kana is read whole (「こうしゅうむせんらん」). None when a part has no reading (a number: 5g).
 */
function mixedReadings(spelling: string, analyzer: Analyzer): string[] {
  const parts = spelling.match(LATIN_OR_NOT) ?? [];
  if (parts.length < 2 || !parts.some((p) => /^[a-z]/.test(p))) return [];
  let out = [''];
  for (const part of parts) {
    const read = /^[a-z]/.test(part) ? latinReadings(part) : [analyzer.reading(part)];
    if (!read.length || read.some((r) => !r)) return [];
    out = out.flatMap((o) => read.map((r) => o + r));
    if (out.length > MAX_MIXED_READINGS) return [];
  }
  return out;
}

/** The glossary's phrases (kept with the shard of the glossary's municipality). */
export function addGlossaryPhrases(lexicon: LexiconCounter, glossary: GlossaryEntry[], analyzer: Analyzer): void {
  const phrase = phraseAdder(lexicon, analyzer);
  for (const g of glossary) {
    phrase(g.term, g.reading);
    for (const a of g.aliases) phrase(a);
  }
}

/** Synonyms and municipality names: phrases of the whole knowledge, not of one shard. */
export function addSharedPhrases(lexicon: LexiconCounter, snapshot: KnowledgeSnapshot, analyzer: Analyzer): void {
  const phrase = phraseAdder(lexicon, analyzer);
  for (const group of snapshot.synonyms) for (const t of group.terms) phrase(t);
  for (const m of snapshot.municipalities) for (const n of [m.name, m.shortName, ...m.aliases]) if (n) phrase(n);
}

/** The text a hit shows and the eval checks: what a resident would read. */
export function sourceText(s: Source): string {
  if (s.passage) return s.passage.text;
  if (s.glossary) return [s.glossary.term, ...s.glossary.aliases, s.glossary.definition].join(' ');
  if (s.faq) return s.faq.answer;
  return '';
}

export function collectSources(snapshot: KnowledgeSnapshot): Map<string, Source> {
  const sources = new Map<string, Source>();
  for (const passage of snapshot.passages) sources.set(`passage:${passage.id}`, { type: 'passage', passage });
  for (const glossary of snapshot.glossary) sources.set(`glossary:${glossary.id}`, { type: 'glossary', glossary });
  for (const faq of snapshot.faq) sources.set(`faq:${faq.id}`, { type: 'faq', faq });
  return sources;
}

/** Each passage's predecessor in the same document (its context field). */
export function previousPassages(sources: Map<string, Source>): Map<string, Passage> {
  const previous = new Map<string, Passage>();
  let last: Passage | undefined;
  for (const s of sources.values()) {
    if (!s.passage) continue;
    if (last && last.documentId === s.passage.documentId) previous.set(s.passage.id, last);
    last = s.passage;
  }
  return previous;
}

export function toIndexDocs(
  sources: Map<string, Source>,
  analyzer: Analyzer,
  lexicon?: LexiconCounter,
  previous = previousPassages(sources),
  analyzed = createFieldAnalyzer(analyzer, lexicon),
): IndexDoc[] {
  const docs: IndexDoc[] = [];
  for (const [key, s] of sources) {
    if (s.passage) {
      const p = s.passage;
      const before = previous.get(p.id);
      // A heading-like or lead-in passage before this one is its label, as a heading would be.
      const label = before && isLabel(analyzer.normalize(before.text)) ? before.text : '';
      const title = [...p.headingPath, label].join(' 。 ');
      docs.push({
        key,
        id: p.id,
        type: 'passage',
        municipality: p.municipality,
        ...analyzed(title, p.text, before?.text),
      });
    } else if (s.glossary) {
      const g = s.glossary;
      const title = [g.term, ...g.aliases, g.reading ?? ''].join(' 。 ');
      docs.push({
        key,
        id: g.id,
        type: 'glossary',
        municipality: g.municipality,
        ...analyzed(title, g.definition, '', true),
      });
    } else if (s.faq) {
      const f = s.faq;
      const title = f.questions.join(' 。 ');
      docs.push({
        key,
        id: f.id,
        type: 'faq',
        municipality: f.municipality ?? null,
        ...analyzed(title, f.answer, '', true),
      });
    }
  }
  return docs;
}

/** sourceText of a hit. */
export function hitText(hit: { passage?: Passage; glossary?: GlossaryEntry; faq?: FaqEntry }): string {
  return sourceText({ type: 'passage', ...hit });
}
