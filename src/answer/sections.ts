// Section answers for list/policy questions (「ビジョンは」「取組事項を教えて」「必要な視点は」): the section whose own
// heading names the topic answers with its text, or with its sub-headings when it is a list of items.
import type { Analyzer } from '../analysis/index.js';
import { COUNTED_ITEMS } from '../analysis/index.js';
import {
  type KnowledgeSnapshot,
  MOTTO,
  type MunicipalityId,
  type ParsedDocument,
  type Passage,
  type Section,
} from '../knowledge/index.js';
import { coverageIn, needlesOf, termIn } from './extract.js';
import { type Catalog, passageSource, SECTION_SEPARATOR } from './sources.js';
import type { TextTerms } from './terms.js';
import { joinLines, splitSentences, trimToSentences } from './text.js';
import type { AnswerSource } from './types.js';

// Terms that every DX policy heading shares: they cannot pick one section over another on their own.
export const GENERIC = new Set([
  'dx',
  '推進',
  '自治体',
  '市',
  '町',
  'デジタル',
  '方針',
  '全体',
  '計画',
  '本市',
  '本町',
]);

export interface SectionAnswer {
  text: string;
  sources: AnswerSource[];
  section: Section;
}

export const stripNumbering = (h: string) => h.replace(/^[\s0-9０-９.．()（）①-⑳ⅠⅡⅢⅣⅤIVX章第▶■□●○・【】-]+/u, '');

// Nouns that ask how two sides compare, never what they are compared in.
const HOW_THEY_DIFFER = new Set(['違い', 'ちがい', '差', '差異', '相違', '相違点', '共通点', '比較']);

export interface SectionMatch {
  section: Section;
  score: number;
}

/**
 * The head of the question's topic: its last noun (「地域情報化の基本理念は」 → 理念, 「3本の柱は」 → 柱), or
 * null when that is a word every heading shares. Japanese puts the head of 「XのY」 last.
 */
export function headNoun(analyzer: Analyzer, query: string): string | null {
  const tokens = analyzer.tokenize(query);
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i]!;
    if (t.pos !== '名詞' || ['非自立', '代名詞', '数', '接尾', '副詞可能'].includes(t.pos1)) continue;
    if (!/[\p{L}\p{N}]/u.test(t.surface)) continue; // 「？」 is a noun to kuromoji
    const head = analyzer.normalize(t.basic);
    // 「目指す姿のちがいは」: what two sides differ in is the noun before 「ちがい」.
    if (HOW_THEY_DIFFER.has(head) && i > 0) continue;
    return GENERIC.has(head) || head.length < 1 ? null : head;
  }
  return null;
}

/** A section as findSections scores it: its heading and title, analysed once per snapshot. */
interface SectionRow {
  section: Section;
  own: { terms: ReadonlySet<string>; flat: string }; // the last heading without its numbering
  title: { terms: ReadonlySet<string>; flat: string }; // sectionTitle(): document title and heading path
  lastFlat: string; // the last heading as written (char filter, no spaces)
  strippedLength: number; // the last heading without numbering or spaces
}

/** Every section with a heading, per municipality in document order: what a question's section is found in. */
export interface SectionTable {
  all: readonly SectionRow[];
  byMunicipality: ReadonlyMap<MunicipalityId, readonly SectionRow[]>;
  /** The snapshot's passages by section id, in snapshot order (a quote is read in its section's text). */
  passages: ReadonlyMap<string, readonly Passage[]>;
}

export function createSectionTable(tt: TextTerms, snapshot: KnowledgeSnapshot): SectionTable {
  const all: SectionRow[] = [];
  const byMunicipality = new Map<MunicipalityId, SectionRow[]>();
  for (const doc of snapshot.documents) {
    const rows = byMunicipality.get(doc.meta.municipality) ?? [];
    byMunicipality.set(doc.meta.municipality, rows);
    for (const s of doc.sections) {
      const last = s.headingPath.at(-1);
      if (!last) continue;
      const own = stripNumbering(last);
      const title = sectionTitle(doc, s);
      const row: SectionRow = {
        section: s,
        own: { terms: tt.of(own), flat: tt.flat(own) },
        title: { terms: tt.of(title), flat: tt.flat(title) },
        lastFlat: tt.flat(last),
        strippedLength: own.replace(/\s+/g, '').length,
      };
      rows.push(row);
      all.push(row);
    }
  }
  const passages = new Map<string, Passage[]>();
  for (const p of snapshot.passages) {
    const list = passages.get(p.sectionId);
    if (list) list.push(p);
    else passages.set(p.sectionId, [p]);
  }
  return { all, byMunicipality, passages };
}

/** The table of only some municipalities' sections, in the same order. */
export function restrictSections(table: SectionTable, ids: ReadonlySet<MunicipalityId>): SectionTable {
  const byMunicipality = new Map([...table.byMunicipality].filter(([id]) => ids.has(id)));
  return { ...table, all: table.all.filter((r) => ids.has(r.section.municipality)), byMunicipality };
}

/** The best-matching section of each municipality's documents (or of the one given), best first. */
export function findSections(
  table: SectionTable,
  qterms: string[],
  municipality: MunicipalityId | null,
  head: string | null = null,
): SectionMatch[] {
  const specific = qterms.filter((t) => !termIn(GENERIC, t));
  if (!specific.length) return [];
  const best = new Map<MunicipalityId, SectionMatch>();
  const rows = municipality ? (table.byMunicipality.get(municipality) ?? []) : table.all;
  const [specificNeedles, allNeedles] = [needlesOf(specific), needlesOf(qterms)];
  for (const row of rows) {
    const s = row.section;
    const own = coverageIn(row.own.terms, row.own.flat, specificNeedles);
    if (own < 0.5) continue;
    // 「…基本方針の位置づけ」 does not answer 「…の基本理念は」: the heading must name the head of the topic.
    if (head && !row.lastFlat.includes(head)) continue;
    const full = coverageIn(row.title.terms, row.title.flat, allNeedles);
    if (full < 0.75) continue;
    // A heading that says only the topic (「目指す姿」) beats one that adds more (「目指す姿と基本的な考え方」).
    const tightness = Math.min(1, specific.join('').length / Math.max(1, row.strippedLength));
    const score = own * 2 + full + tightness * 0.5 - s.headingPath.length * 0.01;
    const prev = best.get(s.municipality);
    if (!prev || score > prev.score) best.set(s.municipality, { section: s, score });
  }
  return [...best.values()].sort((x, y) => y.score - x.score);
}

/** The document title and heading path of a section: what a section match is scored on. */
export const sectionTitle = (doc: ParsedDocument, s: Section) => `${doc.meta.title} ${s.headingPath.join(' ')}`;

export function composeSection(
  snapshot: KnowledgeSnapshot,
  section: Section,
  catalog: Catalog,
  budget = 440,
): SectionAnswer | null {
  const doc = snapshot.documents.find((d) => d.meta.id === section.documentId);
  if (!doc) return null;
  const own: Passage[] = doc.passages.filter((p) => p.sectionId === section.id);
  const children = childSections(doc, section.headingPath);
  const heading = section.headingPath.at(-1) ?? '';
  const cite = `（${catalog.title(doc.meta.id)}${SECTION_SEPARATOR}${heading}）`;
  const name = catalog.municipalityName(doc.meta.municipality);
  let body = '';
  const used: Passage[] = [];
  const ownText = own.map((p) => p.text).join('');
  if (children.length >= 2 && ownText.length < 120) {
    // A heading over numbered items: the items are the answer.
    for (const c of children) {
      const item = `\n・${c.headingPath.at(-1)}`;
      if (body.length + item.length > budget) break;
      body += item;
    }
    if (own[0]) used.push(own[0]);
    const lead = own[0] ? trimToSentences(own[0].text, 120) : `${name}の「${heading}」は次のとおりです。`;
    const sources = used.map((p) => passageSource(p, catalog));
    if (!sources.length) {
      sources.push({
        municipality: doc.meta.municipality,
        document: doc.meta.title,
        documentId: doc.meta.id,
        section: section.headingPath.join(SECTION_SEPARATOR),
        excerpt: children
          .map((c) => c.headingPath.at(-1))
          .join('、')
          .slice(0, 160),
      });
    }
    return { text: `${lead}${body}\n${cite}`, sources, section };
  }
  const motto = children.length ? null : displacedMotto(doc, section, ownText, catalog, budget - ownText.length - 40);
  for (const p of own) {
    const room = budget - body.length;
    if (room < 30) break;
    const piece = trimToSentences(joinLines(p.text), room);
    body += `${body ? '\n' : ''}${piece}`;
    used.push(p);
  }
  if (!body) return null;
  const sources = used.slice(0, 3).map((p) => passageSource(p, catalog));
  if (motto) return { text: `${body}${cite}\n${motto.text}`, sources: [...sources, ...motto.sources], section };
  // Its text announces items that the document lists right after it (「3つの柱を立て…」, then 「取組方針」).
  const last = used.at(-1);
  const listed =
    last && used.length === own.length ? announcedList(snapshot, last, catalog, budget - body.length) : null;
  if (listed) return { text: `${body}${cite}\n${listed.text}`, sources: [...sources, ...listed.sources], section };
  return { text: `${body}${cite}`, sources, section };
}

// A section that only announces what it shows (「日の出町がデジタル化を進めていく基本的な方針を示します。」) and holds
// nothing more is a slide whose body the text extraction put before its title: the titled section just before it,
// when that one opens with a motto set alone on its line (「人にやさしく、あたたかいデジタル化」).
const ANNOUNCES_ONLY = /(?:示します|示す|次のとおり(?:です|とします)?|以下のとおり(?:です|とします)?)[。:：]?$/;

function displacedMotto(
  doc: ParsedDocument,
  section: Section,
  ownText: string,
  catalog: Catalog,
  budget: number,
): { text: string; sources: AnswerSource[] } | null {
  if (ownText.length >= THIN_SECTION || !ANNOUNCES_ONLY.test(ownText.trim())) return null;
  const at = doc.sections.findIndex((s) => s.id === section.id);
  const before = doc.sections[at - 1];
  if (!before || before.headingPath[0] !== section.headingPath[0]) return null;
  const passages = doc.passages.filter((p) => p.sectionId === before.id);
  const [first = '', ...rest] = (passages[0]?.text ?? '').split('\n').map((l) => l.trim());
  if (!MOTTO.test(first)) return null;
  // The motto, and the sentences that say it again (what it stands for: 「…を推進し、…を創造していきます。」).
  const inner = first.slice(1, -1);
  const restated = [rest.join('\n'), ...passages.slice(1).map((p) => p.text)]
    .flatMap((t) => splitSentences(joinLines(t)))
    .filter((s) => s.includes(inner));
  let body = first;
  for (const s of restated) if (body.length + s.length + 1 <= budget) body += `\n${s}`;
  const cite = `（${catalog.title(doc.meta.id)}${SECTION_SEPARATOR}${before.headingPath.at(-1) ?? ''}）`;
  return { text: `${body}${cite}`, sources: passages.slice(0, 1).map((p) => passageSource(p, catalog)) };
}

/** The sections directly under a heading path in one document. */
export function childSections(doc: ParsedDocument, headingPath: readonly string[]): Section[] {
  const depth = headingPath.length;
  return doc.sections.filter(
    (s) => s.headingPath.length === depth + 1 && headingPath.every((h, i) => s.headingPath[i] === h),
  );
}

/** Sub-sections of the section a passage sits in (or of its nearest ancestor with enough), for list questions. */
export function childHeadings(
  snapshot: KnowledgeSnapshot,
  p: Passage,
  minChildren = 3,
): { path: string[]; items: string[] } | null {
  const doc = snapshot.documents.find((d) => d.meta.id === p.documentId);
  if (!doc) return null;
  for (let depth = p.headingPath.length; depth >= 1; depth--) {
    const path = p.headingPath.slice(0, depth);
    const items = [...new Set(childSections(doc, path).map((s) => s.headingPath[depth]!))];
    if (items.length >= minChildren) return { path, items };
  }
  return null;
}

// A passage that ends by announcing items (「取組方針として3つの柱を立て…」「次の5項目」) is answered with the
// items when a list follows it in the document: the rest of its section, or the next section when that is the
// list (its heading a short title such as 「取組方針」). `announcement` is that last sentence.
const ANNOUNCES = new RegExp(`${COUNTED_ITEMS.source}の|次の|以下の|下記の`);
const KANJI_DIGITS = '〇一二三四五六七八九十';
const countOf = (s: string) => {
  const n = s.normalize('NFKC');
  return /^[0-9]+$/.test(n) ? Number(n) : KANJI_DIGITS.indexOf(n) > 0 ? KANJI_DIGITS.indexOf(n) : null;
};

export function announcedList(
  snapshot: KnowledgeSnapshot,
  p: Passage,
  catalog: Catalog,
  budget = 300,
): { announcement: string; text: string; sources: AnswerSource[] } | null {
  const announcement = splitSentences(p.text).at(-1) ?? '';
  const announced = ANNOUNCES.exec(announcement);
  if (!announced) return null;
  const count = announced[1] ? countOf(announced[1]) : null;
  const doc = snapshot.documents.find((d) => d.meta.id === p.documentId);
  if (!doc) return null;
  const at = doc.passages.findIndex((x) => x.id === p.id);
  const sectionAt = doc.sections.findIndex((s) => s.id === p.sectionId);
  if (at < 0 || sectionAt < 0) return null;
  const next = doc.sections[sectionAt + 1];
  const nextIsTitle = !!next && (next.headingPath.at(-1) ?? '').length <= 20;
  const after: Passage[] = [];
  for (const x of doc.passages.slice(at + 1)) {
    if (x.sectionId === p.sectionId || (nextIsTitle && x.sectionId === next.id)) after.push(x);
    else break;
  }
  if (!after.some((x) => x.kind === 'list')) return null;
  let body = '';
  const used: Passage[] = [];
  for (const x of after) {
    const piece = x.kind === 'list' ? x.text : `  ${trimToSentences(joinLines(x.text), 80)}`;
    if (body.length + piece.length + 1 > budget) break;
    body += `${body ? '\n' : ''}${piece}`;
    used.push(x);
  }
  if (!used.some((x) => x.kind === 'list')) return null;
  // 「2つの組織が…」 followed by 「6つの機能」: a list longer than the count announced is another list.
  const items = used.flatMap((x) => (x.kind === 'list' ? x.text.split('\n').filter((l) => l.startsWith('・')) : []));
  if (count !== null && items.length > count) return null;
  const last = used.at(-1)!;
  const cite = `（${catalog.title(doc.meta.id)}${SECTION_SEPARATOR}${last.headingPath.at(-1) ?? ''}）`;
  return {
    announcement,
    text: `${body}${cite}`,
    sources: used.filter((x) => x.kind === 'list').map((x) => passageSource(x, catalog)),
  };
}

// An item's own section says next to nothing (「② デジタル技術を活用した業務効率化の推進」 over one line): its chapter is
// elsewhere in the document, under the same title without the item's marker, and runs over the sections after it.
const THIN_SECTION = 40;
// An item's marker as lists write it: 「①」「(1)」「1.」「2 」「■」 (read before NFKC, which makes ① a bare 1).
export const ITEM_MARKER = /^\s*(?:[①-⑳]|[(（]?[0-9０-９]+[)）.．、]|[0-9０-９]{1,2}(?=\s)|[■□●○◆◇▼▲・])\s*/;
/** A title as a chapter's is matched: its item marker removed, NFKC, without spaces. */
export const titleKey = (s: string) => s.replace(ITEM_MARKER, '').normalize('NFKC').replace(/\s+/g, '');

/**
 * The chapter an item of a list stands for, when its own section is thin: the section titled like the item (marker
 * removed) and the sections that follow it, each as its title and first sentences, within the budget. Null when
 * the item's own section says enough, or no other section has its title.
 */
export function composeChapter(
  snapshot: KnowledgeSnapshot,
  item: Section,
  catalog: Catalog,
  budget = 440,
): SectionAnswer | null {
  const doc = snapshot.documents.find((d) => d.meta.id === item.documentId);
  const title = item.headingPath.at(-1);
  if (!doc || !title) return null;
  const ownText = doc.passages
    .filter((p) => p.sectionId === item.id)
    .map((p) => p.text)
    .join('');
  if (ownText.length >= THIN_SECTION || childSections(doc, item.headingPath).length) return null;
  const key = titleKey(title);
  const at = doc.sections.findIndex((s) => s.id !== item.id && titleKey(s.headingPath.at(-1) ?? '') === key);
  const head = doc.sections[at];
  if (!head || key.length < 4) return null;
  let body = '';
  const used: Passage[] = [];
  for (const s of doc.sections.slice(at)) {
    // The chapter's sections sit at its depth (a flat document) or under it.
    if (s.headingPath.length < head.headingPath.length) break;
    const own = doc.passages.filter((p) => p.sectionId === s.id);
    const text = own.map((p) => joinLines(p.text)).join(' ');
    if (!text) continue;
    const line = s === head ? trimToSentences(text, 120) : `・${s.headingPath.at(-1)}：${trimToSentences(text, 110)}`;
    if (body.length + line.length + 1 > budget) break;
    body += `${body ? '\n' : ''}${line}`;
    if (own[0]) used.push(own[0]);
  }
  if (!used.length) return null;
  const cite = `（${catalog.title(doc.meta.id)}${SECTION_SEPARATOR}${head.headingPath.at(-1)}）`;
  return { text: `${body}\n${cite}`, sources: used.slice(0, 4).map((p) => passageSource(p, catalog)), section: head };
}
