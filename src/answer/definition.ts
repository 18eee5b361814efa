// Definition answers: the glossary entry for the target term — the chosen municipality's when it has one,
// otherwise the best, saying whose glossary — plus a line offering the other municipalities' entries.
import { cleanForResident, type GlossaryEntry, type MunicipalityId, type Passage } from '../knowledge/index.js';
import type { SearchHit, SearchIndex } from '../search/index.js';
import { type Catalog, glossarySource, passageSource } from './sources.js';
import { escapeRegExp, looseKey, splitSentences, trimToSentences } from './text.js';
import type { AnswerSource } from './types.js';

export interface DefinitionResult {
  text: string;
  sources: AnswerSource[];
  confidence: number;
  entry: GlossaryEntry;
}

function keysOf(g: GlossaryEntry): string[] {
  // 「UI/UX」「RPA（ロボティック…）」: the whole term, its parts and its aliases all name the entry.
  const parts = g.term.split(/[/／・（）()、,]/).filter((p) => p.length >= 2);
  return [g.term, ...parts, ...g.aliases].map(looseKey).filter(Boolean);
}

/** The glossary by the keys that name its entries, built once per snapshot (a question looks one key up). */
export interface GlossaryKeys {
  /** key → the entries it names, in the snapshot's order */
  byKey: Map<string, GlossaryEntry[]>;
  /** every entry's term as a key (near matches are tried against these) */
  terms: string[];
  /**
   * Entries the document lists without explaining: an empty cell (西東京市 「ナレッジデータベース | |」) or one
   * holding nothing a resident can read (OCR debris 「\mathcal{F}_{\circ}」).
   */
  blank: ReadonlySet<GlossaryEntry>;
}

// Text a resident can read: a few letters or digits in a row, after the resident-text cleaner.
const READABLE = /[\p{L}\p{N}]{2}/u;

/** Whether a glossary entry gives no explanation a resident can read. */
const isBlank = (g: GlossaryEntry) => !READABLE.test(cleanForResident(g.definition));

export function createGlossaryKeys(glossary: readonly GlossaryEntry[]): GlossaryKeys {
  const byKey = new Map<string, GlossaryEntry[]>();
  for (const g of glossary) {
    for (const k of new Set(keysOf(g))) {
      const list = byKey.get(k);
      if (list) list.push(g);
      else byKey.set(k, [g]);
    }
  }
  return {
    byKey,
    terms: [...new Set(glossary.map((g) => looseKey(g.term)))],
    blank: new Set(glossary.filter(isBlank)),
  };
}

// The target inside a term or a term inside the target (「オンライン化」 ⇄ 「行政手続のオンライン化」).
const isNear = (k: string, key: string) =>
  k.length >= 2 && (k.includes(key) || (key.includes(k) && k.length >= key.length * 0.6));

// How many other municipalities a definition names in its 「…の資料にも説明があります」 line (the rest are counted):
// the bundled corpus has four others, so there every one is named.
const OTHERS_NAMED = 4;

export function findGlossaryEntries(
  target: string,
  keys: GlossaryKeys,
  index: SearchIndex,
  among?: readonly MunicipalityId[] | null,
): { entries: GlossaryEntry[]; exact: boolean } {
  const key = looseKey(target);
  if (!key) return { entries: [], exact: false };
  const exact = keys.byKey.get(key) ?? [];
  if (exact.length) return { entries: exact, exact: true };
  // Near matches, confirmed by the index ranking so that a stray substring does not win. No term near the
  // target: nothing the ranking could confirm, so no search.
  if (!keys.terms.some((k) => isNear(k, key))) return { entries: [], exact: false };
  const hits: SearchHit[] = index.search(target, { types: ['glossary'], limit: 8, ...(among ? { among } : {}) });
  const near = hits
    .map((h) => h.glossary)
    .filter((g): g is GlossaryEntry => !!g)
    .filter((g) => isNear(looseKey(g.term), key));
  return { entries: near, exact: false };
}

export interface DefinitionOptions {
  /** Only the municipality's own entries (a municipality named in the question). */
  only?: boolean;
  /** The municipalities whose shards are searched (and, with `entries`, the only ones whose entries count). */
  reads?: { among: readonly MunicipalityId[]; entries: boolean } | null;
}

export function composeDefinition(
  target: string,
  municipality: MunicipalityId | null,
  keys: GlossaryKeys,
  index: SearchIndex,
  catalog: Catalog,
  options: DefinitionOptions = {},
): DefinitionResult | null {
  const { only = false, reads = null } = options;
  const { entries, exact } = findGlossaryEntries(target, keys, index, reads?.among);
  const defined = entries.filter(
    (g) =>
      !keys.blank.has(g) &&
      (!only || g.municipality === municipality) &&
      (!reads?.entries || reads.among.includes(g.municipality)),
  );
  if (!defined.length) return null;
  // Rank: the chosen municipality first, then the order the index ranks them for the target (one entry: no
  // order to find), searched in the shards read (else in those of the municipalities with an entry); entries
  // of a municipality not read follow, longer definitions first.
  const ranking = reads?.among ?? [...new Set(defined.map((g) => g.municipality))];
  const ranked =
    defined.length < 2
      ? []
      : index
          .search(target, { types: ['glossary'], limit: 50, among: ranking })
          .map((h) => h.id)
          .filter((id) => defined.some((g) => g.id === id));
  const rank = (g: GlossaryEntry) => {
    const r = ranked.indexOf(g.id);
    return r < 0 ? 999 : r;
  };
  const ordered = [...defined].sort((a, b) => {
    const am = a.municipality === municipality ? 0 : 1;
    const bm = b.municipality === municipality ? 0 : 1;
    return am - bm || rank(a) - rank(b) || b.definition.length - a.definition.length;
  });
  const best = ordered[0]!;
  const others = [...new Set(ordered.slice(1).map((g) => g.municipality))].filter((m) => m !== best.municipality);
  const where = /脚注/.test(best.headingPath.at(-1) ?? '') ? '脚注' : '用語集';
  const whose = `（${catalog.municipalityName(best.municipality)}「${catalog.title(best.documentId)}」${where}より）`;
  const named = others.slice(0, OTHERS_NAMED).map((m) => catalog.municipalityName(m));
  const more = others.length > named.length ? `など${others.length}自治体` : '';
  const offer = others.length ? `\n${named.join('・')}${more}の資料にも説明があります。` : '';
  // The English expansion a glossary gives (SaaS → Software as a Service) belongs in the answer.
  const expansion = best.aliases.find((a) => /[a-z]{2,}\s+[a-z]/i.test(a) && looseKey(a) !== looseKey(best.term));
  const head = expansion && !best.definition.includes(expansion) ? `${best.term}（${expansion}）：` : `${best.term}：`;
  // Another municipality's glossary answers a resident who chose one without the term: say so first, in the
  // chosen municipality's name, then quote it as a reference (never under the chosen one's name).
  const lead =
    municipality && best.municipality !== municipality
      ? `${catalog.municipalityName(municipality)}の資料の用語集には「${best.term}」の説明はありません。参考：`
      : '';
  const budget = 480 - lead.length - head.length - whose.length - offer.length;
  const text = `${lead}${head}${trimToSentences(best.definition.trim(), budget)}${whose}${offer}`;
  const sources = [best, ...ordered.slice(1)].slice(0, 3).map((g) => glossarySource(g, catalog));
  return { text, sources, confidence: exact ? 0.95 : 0.75, entry: best };
}

// A clause of a municipality's own text that defines the term: 「②ワンスオンリー：一度提出した情報は…、③…」 (a
// footnote's numbered clause, up to the next number), 「X（…）：…」 (also as a note, 「※DX(デジタル・トランスフォー
// メーション)：…」), or 「Xとは、…。」. Group 1 is the definition.
// NFKC makes ① a plain 1: a number right before the term, with or without a mark. Exported for its test.
const NUMBERED = '[①-⑳]|[0-9]+[.)）]?';
export function definingClause(target: string): (text: string) => string | null {
  const t = escapeRegExp(target);
  const at = `(?:^|[。\\n「、\\s※]|${NUMBERED})${t}\\*?(?:[（(][^）)]{1,40}[）)])?`;
  const colon = `${at}\\s*[:：]\\s*([^。]+?)(?=、(?:${NUMBERED})|。|$)`;
  const toha = `${at}とは[、,]?([^。]{6,}。)`;
  // Tried only where a match can start (clauseStarts), sticky: the same first match as a scan of the whole text.
  const sticky = [new RegExp(colon, 'y'), new RegExp(toha, 'y')];
  const scan = [new RegExp(colon), new RegExp(toha)];
  return (text) => {
    // both patterns hold the target as written: a text without it matches neither (and is not scanned)
    if (!text.includes(target)) return null;
    let m: RegExpExecArray | null;
    if (target) {
      const starts = clauseStarts(text, target);
      m = firstAt(sticky[0]!, text, starts) ?? firstAt(sticky[1]!, text, starts);
    } else m = scan[0]!.exec(text) ?? scan[1]!.exec(text);
    const clause = m?.[1]?.trim();
    return clause && clause.length >= 6 ? clause : null;
  };
}

const DIGIT = /[0-9]/;
/**
 * Every position where definingClause's patterns can start a match in `text`: each holds the target right after
 * what may precede it — nothing at the text's start, one character, or digits and one of 「.)）」 — so a match
 * starts at 0 before an occurrence at 0, one before an occurrence, or inside the digits run before one. Ascending.
 */
function clauseStarts(text: string, target: string): number[] {
  const starts = new Set<number>();
  for (let o = text.indexOf(target); o >= 0; o = text.indexOf(target, o + 1)) {
    if (o === 0) starts.add(0);
    else starts.add(o - 1);
    const ends = /[.)）]/.test(text[o - 1] ?? '') ? [o, o - 1] : [o];
    for (const end of ends) for (let s = end - 1; s >= 0 && DIGIT.test(text[s]!); s--) starts.add(s);
  }
  return [...starts].sort((a, b) => a - b);
}

/** The first match of a sticky pattern at any of `starts` (ascending): a scan's match, tried only there. */
function firstAt(sticky: RegExp, text: string, starts: readonly number[]): RegExpExecArray | null {
  for (const s of starts) {
    sticky.lastIndex = s;
    const m = sticky.exec(text);
    if (m) return m;
  }
  return null;
}

export interface OwnDefinition {
  text: string;
  source: AnswerSource;
  passage: Passage;
}

/**
 * The municipality's own text defining the term, when its glossary has no entry for it: the passages of its shard
 * that hold the term, searched for a defining clause (the best ranked first).
 */
export function findOwnDefinition(
  target: string,
  municipality: MunicipalityId,
  index: SearchIndex,
  catalog: Catalog,
): OwnDefinition | null {
  const key = target.normalize('NFKC').toLowerCase();
  const hits = index.search(target, { municipality, types: ['passage'], limit: 8 });
  const clauseIn = definingClause(key);
  for (const h of hits) {
    const p = h.passage;
    if (!p) continue;
    const flat = p.normalized.toLowerCase();
    if (flat.length !== p.normalized.length) continue;
    const clause = clauseIn(flat);
    // a clause of OCR debris (「ソーシャルメディア | \mathcal{F}_{\circ}」) explains nothing
    if (!clause || !READABLE.test(cleanForResident(clause))) continue;
    const at = flat.indexOf(clause);
    const shown = p.normalized.slice(at, at + clause.length);
    const term = p.normalized.slice(flat.indexOf(key), flat.indexOf(key) + key.length);
    const text = `${term}：${shown}${shown.endsWith('。') ? '' : '。'}`;
    return { text, source: passageSource(p, catalog, text), passage: p };
  }
  return null;
}

/**
 * The entry a municipality's glossary lists the term in without explaining it (the chosen municipality's, or with
 * none chosen the first such), or null: the term named whole, as a term or alias.
 */
export function blankEntry(
  target: string,
  municipality: MunicipalityId | null,
  keys: GlossaryKeys,
): GlossaryEntry | null {
  const entries = keys.byKey.get(looseKey(target)) ?? [];
  return entries.find((g) => keys.blank.has(g) && (!municipality || g.municipality === municipality)) ?? null;
}

// How much of the sentence naming the term a listed-only answer quotes.
const MENTION_CHARS = 160;

/**
 * A sentence of the municipality's own text (not its glossary) that names the term: where a term its glossary
 * leaves unexplained is used. Null when only the glossary names it.
 */
export function findMention(
  target: string,
  municipality: MunicipalityId,
  index: SearchIndex,
  catalog: Catalog,
): { text: string; source: AnswerSource } | null {
  const key = target.normalize('NFKC').toLowerCase();
  for (const h of index.search(target, { municipality, types: ['passage'], limit: 8 })) {
    const p = h.passage;
    if (!p || p.kind === 'glossary') continue;
    const sentence = splitSentences(p.normalized).find((s) => s.toLowerCase().includes(key));
    if (!sentence) continue;
    const text = trimToSentences(sentence, MENTION_CHARS);
    return { text, source: passageSource(p, catalog, text) };
  }
  return null;
}
