// List questions answered by the sub-headings under the section of a top hit (「取組事項を教えて」).
import { coverageOf, termIn } from '../extract.js';
import { clip, MAX_TEXT } from '../limits.js';
import { childHeadings, GENERIC } from '../sections.js';
import { passageSource, SECTION_SEPARATOR } from '../sources.js';
import type { Composer } from './types.js';

export const list: Composer = {
  name: 'list',
  accepts: (frame) => frame.attribute === 'items',
  compose(frame, ctx) {
    const hits = ctx.search(frame, frame.query);
    const specific = frame.topic.terms.filter((t) => !termIn(GENERIC, t));
    if (!specific.length) return { decline: 'the topic has only words every heading shares' };
    for (const h of hits.slice(0, 3)) {
      const p = h.passage;
      if (!p) continue;
      const kids = childHeadings(ctx.snapshot, p);
      if (!kids) continue;
      const heading = kids.path.at(-1) ?? '';
      // The headings must name the topic itself, not only 「DX推進方針」 that every heading shares.
      if (coverageOf(ctx.tt, specific, kids.path.join(' ')) < 0.75) continue;
      const cite = `（${ctx.catalog.title(p.documentId)}${SECTION_SEPARATOR}${heading}）`;
      let body = '';
      for (const item of kids.items) {
        if ((body + item).length + cite.length + 40 > MAX_TEXT) break;
        body += `\n・${item}`;
      }
      const text = `${ctx.catalog.municipalityName(p.municipality)}の「${heading}」は次のとおりです。${body}\n${cite}`;
      return {
        text: clip(text),
        sources: [passageSource(p, ctx.catalog)],
        confidence: 0.8,
        municipality: frame.municipality ?? p.municipality,
        evidence: [{ id: p.id, why: `a top hit under 「${heading}」, whose sub-headings are the items` }],
        check: {
          text: `${kids.path.join(' ')} ${kids.items.join(' ')}`,
          headings: [kids.path.join(' ')],
          municipalities: [p.municipality],
        },
        brief: text,
      };
    }
    return { decline: 'no top hit sits under a heading with items that names the topic' };
  },
};
