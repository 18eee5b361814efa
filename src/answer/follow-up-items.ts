// The items an answer listed, as a later 「2つ目を詳しく」「7番目は？」「最後の柱を詳しく」 points at them: the answer's
// 「・」 lines, else the numbered rows (①…⑯, (1)…) of the table or list it quoted — all of them, also those the
// answer had no room to quote. Each item keeps its number when it has one, and its own section when the document
// has one.
import type { KnowledgeSnapshot, Section } from '../knowledge/index.js';
import { passageIndex } from './passage-index.js';
import type { AnsweredItem } from './session.js';
import type { Answer } from './types.js';

const MAX_ITEMS = 30;
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
// An item's own number as the document writes it: 「⑦ 防災DX」「(6) 自治体のAI・RPA…」「3. テレワークの推進」.
const NUMBERED = /^(?:([①-⑳])|[(（]([0-9]{1,2})[)）]|([0-9]{1,2})[.．](?![0-9]))\s*(\S.*)$/;

interface Numbered {
  n: number;
  marker: string;
  rest: string; // the label after its number
}

function numbered(label: string): Numbered | null {
  const m = NUMBERED.exec(label.trim());
  if (!m) return null;
  const n = m[1] ? CIRCLED.indexOf(m[1]) + 1 : Number(m[2] ?? m[3]);
  return { n, marker: m[1] ?? '', rest: m[4]! };
}

const flat = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

// Each section's last heading flattened, once per section (every answer recorded compares its items with them).
const flatHeadings = new WeakMap<Section, string>();
function flatHeading(s: Section): string {
  let h = flatHeadings.get(s);
  if (h === undefined) {
    h = flat(s.headingPath.at(-1) ?? '');
    flatHeadings.set(s, h);
  }
  return h;
}

// The section of the document titled as the item: 「施策⑦ 防災DX」 for 「⑦ 防災DX」. A circled number names one item
// of the document's series, so a heading holding it and the label's first characters is that item even when
// the two spellings differ (「⑪ デジタルデバイド対策」 / 「施策⑪ デジタルデバイス対策」).
function ownSection(sections: readonly Section[], label: string, except: string | null): Section | undefined {
  const item = numbered(label);
  const rest = flat(item?.rest ?? label);
  const heads = sections.filter((s) => s.id !== except);
  return (
    heads.find((s) => s.headingPath.at(-1) === label) ??
    heads.find((s) => rest.length >= 2 && flatHeading(s).endsWith(rest)) ??
    (item?.marker
      ? heads.find((s) => {
          const h = flatHeading(s);
          return h.includes(item.marker) && h.includes(rest.slice(0, 3));
        })
      : undefined)
  );
}

const toItem = (label: string, section: Section | undefined): AnsweredItem => {
  const item: AnsweredItem = { label: label.slice(0, 120), ref: section?.id ?? '' };
  const n = numbered(label)?.n;
  if (n) item.n = n;
  return item;
};

// 「項目: 役場業務の変革 / ⑦ 防災DX / R5(16個): 検討」: the row's numbered cell (a header's value or a bare cell).
function numberedCell(text: string): string | null {
  for (const cell of text.split(/\s+\/\s+|\n/)) {
    const value = cell.replace(/^[^:：①-⑳]{1,16}[:：]\s*/, '').trim();
    if (numbered(value)) return value;
  }
  return null;
}

// Each section's numbered row labels, read once per snapshot (the same section is quoted by answer after answer).
const rowLabels = new WeakMap<KnowledgeSnapshot, Map<string, string[]>>();
function numberedLabels(snapshot: KnowledgeSnapshot, sectionId: string): string[] {
  let bySection = rowLabels.get(snapshot);
  if (!bySection) {
    bySection = new Map();
    rowLabels.set(snapshot, bySection);
  }
  let labels = bySection.get(sectionId);
  if (!labels) {
    labels = [];
    for (const p of passageIndex(snapshot).bySection.get(sectionId) ?? []) {
      if (p.kind === 'prose') continue;
      const label = numberedCell(p.text);
      if (label && !labels.includes(label)) labels.push(label);
      if (labels.length >= MAX_ITEMS) break;
    }
    bySection.set(sectionId, labels);
  }
  return labels;
}

/** The numbered rows of a quoted section, in the document's order (at least two, else none). */
function numberedRows(
  snapshot: KnowledgeSnapshot,
  sectionId: string,
  sections: () => readonly Section[],
): AnsweredItem[] {
  const labels = numberedLabels(snapshot, sectionId);
  return labels.length >= 2 ? labels.map((l) => toItem(l, ownSection(sections(), l, sectionId))) : [];
}

// 「第1条 利用者のニーズから出発する 第7条 …」: numbered articles written inline in a definition or a paragraph, each
// up to the next article's number (or the end of the sentence).
const ARTICLE = /第\s*([0-9]{1,3})\s*(条|項)\s*(.{2,60}?)(?=\s*第\s*[0-9]{1,3}\s*(?:条|項)|[。\n（(]|$)/g;

/** The articles an answer's text lists inline (at least two, else none), in their own order (第1条, 第2条 …). */
function inlineArticles(text: string): AnsweredItem[] {
  const items: AnsweredItem[] = [];
  for (const m of text.matchAll(ARTICLE)) {
    const n = Number(m[1]);
    if (!n || items.some((i) => i.n === n)) continue;
    items.push({ label: `第${n}${m[2]} ${m[3]!.trim()}`.slice(0, 120), ref: '', n });
    if (items.length >= MAX_ITEMS) break;
  }
  return items.length >= 2 ? items.sort((a, b) => (a.n ?? 0) - (b.n ?? 0)) : [];
}

// A line the answer lists as an item: 「・」 as our composers write lists.
const DOT = /^・\s*(.+)$/;
// The marks documents head their own items with, on a line of their own (「○市民目線で取り組もう」 in 職員のDX推進5か条,
// 「■これまでの取組」); a marked line that is a paragraph (「○ 政府において…。」) is text, not an item's title.
export const ITEM_MARKS = '○●◎◆◇■□';
const MARKED = new RegExp(`^[${ITEM_MARKS}]\\s*(.+)$`);
const MAX_TITLE = 40;
const isTitle = (text: string) => [...text].length <= MAX_TITLE && !/[。．]/.test(text);

/** The titles a text heads with a mark, in its order. */
export function markedTitles(text: string): string[] {
  const titles: string[] = [];
  for (const line of text.split('\n')) {
    const title = MARKED.exec(line.trim())?.[1]?.trim();
    if (title && isTitle(title) && !titles.includes(title)) titles.push(title);
    if (titles.length >= MAX_ITEMS) break;
  }
  return titles;
}

// The marked titles of the passage the answer quoted them from: all of them, also those past the answer's clip
// and those the next passages of its section go on with (a list the layout split: 「○アンテナと想像力を広げよう」).
function quotedTitles(snapshot: KnowledgeSnapshot, answer: Answer, shown: readonly string[]): string[] {
  const index = passageIndex(snapshot);
  for (const s of answer.sources) {
    const passage = s.passageId ? index.byId.get(s.passageId) : undefined;
    if (!passage) continue;
    const titles = markedTitles(passage.text);
    if (titles.length < shown.length || !shown.every((t) => titles.includes(t))) continue;
    const after = index.bySection.get(passage.sectionId) ?? [];
    for (const next of after.slice(after.findIndex((p) => p.id === passage.id) + 1)) {
      if (!MARKED.test(next.text.trim().split('\n')[0] ?? '')) break;
      titles.push(...markedTitles(next.text).filter((t) => !titles.includes(t)));
    }
    return titles.slice(0, MAX_ITEMS);
  }
  return [...shown];
}

/** The items an answer listed, each with its number and its own section in the cited document when it has one. */
export function listedItems(snapshot: KnowledgeSnapshot, answer: Answer): AnsweredItem[] {
  if (answer.kind !== 'answer') return []; // a route's lines are channels, not items of a document
  const docs = new Set(answer.sources.map((s) => s.documentId));
  // the cited documents' sections, read only when an item is looked up in them
  let cited: readonly Section[] | null = null;
  const sections = () => {
    cited ??= snapshot.documents.filter((d) => docs.has(d.meta.id)).flatMap((d) => d.sections);
    return cited;
  };
  const items: AnsweredItem[] = [];
  for (const line of answer.text.split('\n')) {
    const m = DOT.exec(line.trim());
    if (!m) continue;
    // 「・見出し：本文」 (a chapter's sections, each with its first sentence): the item is the heading
    const label = (/^(.{2,60}?)：/.exec(m[1]!)?.[1] ?? m[1]!).slice(0, 120);
    items.push(
      toItem(
        label,
        sections().find((s) => s.headingPath.at(-1) === label),
      ),
    );
    if (items.length >= MAX_ITEMS) break;
  }
  if (items.length) return items;
  // No 「・」 lines: articles the text numbers inline (a definition of 「〜12箇条」 quoting each 第N条).
  const articles = inlineArticles(answer.text);
  if (articles.length) return articles;
  // Nor those: the titles a quoted text heads with a mark (「○先を見て取り組もう」), each followed by what it says.
  const shown = markedTitles(answer.text);
  if (shown.length >= 2) {
    return quotedTitles(snapshot, answer, shown).map((t) =>
      toItem(
        t,
        sections().find((s) => s.headingPath.at(-1) === t),
      ),
    );
  }
  // Nor those: the numbered rows of the first quoted section that has them.
  const quoted = new Set<string>();
  for (const s of answer.sources) {
    const id = s.passageId ? passageIndex(snapshot).byId.get(s.passageId)?.sectionId : undefined;
    if (id) quoted.add(id);
  }
  for (const id of [...quoted].slice(0, 3)) {
    const rows = numberedRows(snapshot, id, sections);
    if (rows.length) return rows;
  }
  return [];
}
