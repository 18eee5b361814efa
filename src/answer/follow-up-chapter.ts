// The chapter an item of a list stands for, when the document's layout left the chapter's title as a line of
// text instead of a heading: koganei's pillars 「① 市民目線でのサービスの質の向上」 and 「③ DX推進の意識醸成と
// デジタル人材の育成」 are each detailed under a line repeating their title (without the ①), inside the passage
// before the chapter's first section. 「1つ目を詳しく」 is answered from that line on, through the sections after
// it, up to the next item's chapter.
import type { KnowledgeSnapshot, Passage, Section } from '../knowledge/index.js';
import { ITEM_MARKER, type SectionAnswer, titleKey } from './sections.js';
import { type Catalog, passageSource, SECTION_SEPARATOR } from './sources.js';
import { joinLines, trimToSentences } from './text.js';

const flat = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
// A title shorter than this may be an ordinary line of text (「推進」「概要」), not a chapter's.
const MIN_TITLE = 6;
const LEAD_CHARS = 160;
const LINE_CHARS = 110;

/**
 * The chapter titled like the item by a line of text after the list, with the sections that follow it (each as
 * its title and first sentences) up to the chapter of another item of the same list or the budget. Null when no
 * passage after the list has a line that is the item's title.
 */
export function composeTextChapter(
  snapshot: KnowledgeSnapshot,
  item: Section,
  catalog: Catalog,
  budget = 440,
): SectionAnswer | null {
  const doc = snapshot.documents.find((d) => d.meta.id === item.documentId);
  const key = titleKey(item.headingPath.at(-1) ?? '');
  if (!doc || key.length < MIN_TITLE) return null;
  const parent = item.headingPath.slice(0, -1);
  const isSibling = (s: Section) =>
    s.id !== item.id &&
    s.headingPath.length === item.headingPath.length &&
    parent.every((h, i) => s.headingPath[i] === h);
  // where another item's chapter begins: a section or a line titled as that item
  const others = new Set(doc.sections.filter(isSibling).map((s) => titleKey(s.headingPath.at(-1) ?? '')));
  const at = doc.sections.findIndex((s) => s.id === item.id);
  const after = doc.sections.slice(at + 1);
  for (const [i, section] of after.entries()) {
    for (const passage of doc.passages.filter((p) => p.sectionId === section.id)) {
      const lines = passage.text.split('\n');
      // the title as a line of its own, unnumbered (a numbered line is the list again, not the chapter)
      const line = lines.findIndex((l) => flat(l) === key && !ITEM_MARKER.test(l));
      if (line < 0) continue;
      return chapterFrom(lines.slice(line + 1), passage, section, after.slice(i + 1), {
        doc: doc.meta.id,
        title: key,
        others,
        passages: doc.passages,
        catalog,
        budget,
      });
    }
  }
  return null;
}

interface ChapterContext {
  doc: string;
  title: string;
  others: ReadonlySet<string>;
  passages: readonly Passage[];
  catalog: Catalog;
  budget: number;
}

function chapterFrom(
  lead: readonly string[],
  first: Passage,
  home: Section,
  sections: readonly Section[],
  ctx: ChapterContext,
): SectionAnswer | null {
  // the lead stops where another item's chapter line begins inside the same passage
  const until = lead.findIndex((l) => ctx.others.has(flat(l)));
  const leadText = joinLines((until < 0 ? lead : lead.slice(0, until)).join('\n'));
  let body = leadText ? trimToSentences(leadText, LEAD_CHARS) : '';
  const used: Passage[] = [first];
  if (until < 0) {
    for (const s of sections) {
      const heading = s.headingPath.at(-1) ?? '';
      if (ctx.others.has(titleKey(heading))) break;
      const own = ctx.passages.filter((p) => p.sectionId === s.id);
      const text = own.map((p) => joinLines(p.text)).join(' ');
      if (!text) continue;
      const line = `・${heading}：${trimToSentences(text, LINE_CHARS)}`;
      if (body.length + line.length + 1 > ctx.budget) break;
      body += `${body ? '\n' : ''}${line}`;
      if (own[0]) used.push(own[0]);
    }
  }
  if (!body) return null;
  const cite = `（${ctx.catalog.title(ctx.doc)}${SECTION_SEPARATOR}${ctx.title}）`;
  // the section holding the title line: the chapter's text starts there
  return {
    text: `${body}\n${cite}`,
    sources: used.slice(0, 4).map((p) => passageSource(p, ctx.catalog)),
    section: home,
  };
}
