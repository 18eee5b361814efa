// A topic that has its own section (「3本の柱」「5か条」「目指す姿」) is answered from that section: its text, or its
// sub-headings when it is a list of items. Without a municipality and with several documents having the
// section, a short answer from each.
import { BACKGROUND } from '../../analysis/index.js';
import { clip, MAX_TEXT } from '../limits.js';
import { composeSection, findSections, type SectionMatch } from '../sections.js';
import { trimToSentences } from '../text.js';
import type { AnswerSource } from '../types.js';
import type { ComposeContext, Composer, Outcome } from './types.js';

function perMunicipality(ctx: ComposeContext, matches: SectionMatch[]): Outcome {
  const lines: string[] = [];
  const sources: AnswerSource[] = [];
  const budget = Math.floor((MAX_TEXT - 40) / matches.length);
  for (const m of matches) {
    const composed = composeSection(ctx.snapshot, m.section, ctx.catalog, budget - 20);
    if (!composed) continue;
    const name = ctx.catalog.municipalityName(m.section.municipality);
    const flat = composed.text
      .replace(/。\n・/g, '。')
      .replace(/\n・/g, '、')
      .replace(/\n/g, '');
    lines.push(`■${name}：${trimToSentences(flat, budget - name.length)}`);
    if (composed.sources[0]) sources.push(composed.sources[0]);
  }
  if (lines.length < 2) return { decline: 'fewer than two municipalities compose the section' };
  return {
    text: clip(`自治体ごとに異なります。\n${lines.join('\n')}`),
    sources,
    confidence: 0.7,
    municipality: null,
    choices: matches.map((m) => m.section.municipality),
    evidence: matches.map((m) => ({ id: m.section.id, why: 'its heading names the topic (each municipality)' })),
  };
}

// A status question reaches here only when the availability composer (before it) found no schedule or service
// fact: the section naming the topic then says what is done.
export const section: Composer = {
  name: 'section',
  accepts: (frame) => ['items', 'overview', 'definition', 'chat', 'reason', 'status'].includes(frame.attribute),
  compose(frame, ctx) {
    const query = frame.target ?? frame.query;
    const matches = findSections(ctx.sections, frame.topic.terms, frame.municipality, frame.topic.head);
    if (!matches.length) return { decline: 'no section heading names the topic' };
    const alike = matches.filter(
      (m) =>
        m.score >= (matches[0]?.score ?? 0) - 0.3 &&
        (frame.modifiers.national || !BACKGROUND.test(m.section.headingPath.join(' '))),
    );
    if (!frame.municipality && alike.length >= 2) {
      const per = perMunicipality(ctx, alike);
      if (!('decline' in per)) return per;
    }
    const best = matches[0]!.section;
    const composed = composeSection(ctx.snapshot, best, ctx.catalog);
    if (!composed) return { decline: `section ${best.id} has no text to quote` };
    void query;
    return {
      text: clip(composed.text),
      sources: composed.sources,
      confidence: 0.8,
      municipality: best.municipality,
      evidence: [{ id: best.id, why: `its heading 「${best.headingPath.at(-1)}」 names the topic` }],
      check: {
        text: `${best.headingPath.join(' ')} ${composed.text}`,
        headings: [best.headingPath.join(' ')],
        municipalities: [best.municipality],
      },
      brief: composed.text,
    };
  },
};
