// 「〜をやっているのはどこ」「〜を方針に書いているのはどこ」: the frame answered for every municipality of the
// knowledge; those whose documents have it are listed with what they say, the others named. Asked whether they
// do it (導入している), each says its status and date; asked who writes of it, each says what the topic is there:
// the text of its own section on the topic (「①自治体フロントヤード改革の推進」), not a list it is one item of.

import { MEASURE_CUE, NEED_CUE } from '../../analysis/index.js';
import type { MunicipalityId, Section } from '../../knowledge/index.js';
import type { Attribute, Frame } from '../frame.js';
import { clip, MAX_TEXT } from '../limits.js';
import { composeSection, findSections } from '../sections.js';
import { SECTION_SEPARATOR } from '../sources.js';
import { joinLines, splitSentences, trimToSentences } from '../text.js';
import type { AnswerSource } from '../types.js';
import { phraseTerms } from '../validate.js';
import type { ComposeContext, Composer, Evidence } from './types.js';

// Attributes that ask what the topic is or holds, rather than a status, figure or date.
const CONTENT: readonly Attribute[] = ['items', 'chat', 'overview', 'definition'];

interface Found {
  id: MunicipalityId;
  text: string;
  sources: AnswerSource[];
  evidence: Evidence[];
}

/**
 * The frame about the topic alone: 「フロントヤード改革を方針に書いているのはどこの市町」 is about フロントヤード改革, not
 * about 方針 or 市町 (the words that ask which municipality).
 */
export function topicOnly(frame: Frame): Frame {
  const terms = phraseTerms(frame);
  if (!frame.topic.phrase || !terms.length) return frame;
  return { ...frame, query: frame.topic.phrase, topic: { ...frame.topic, terms } };
}

/**
 * The sentences of a section's prose that say what the municipality does (「本市では…書かない窓口の導入により…」),
 * in document order: what the topic consists of there, before the background that opens the section.
 */
function measuresOf(ctx: ComposeContext, section: Section): string[] {
  return ctx.snapshot.passages
    .filter((p) => p.sectionId === section.id && p.kind === 'prose')
    .flatMap((p) => splitSentences(joinLines(p.text)))
    .filter((s) => MEASURE_CUE.test(s) && !NEED_CUE.test(s));
}

/** What one municipality's own section on the topic says, or null when no heading of its documents names it. */
function fromSection(frame: Frame, id: MunicipalityId, ctx: ComposeContext, budget: number): Found | null {
  const best = findSections(ctx.sections, frame.topic.terms, id, null)[0];
  if (!best) return null;
  const composed = composeSection(ctx.snapshot, best.section, ctx.catalog, budget);
  if (!composed) return null;
  const measures = measuresOf(ctx, best.section);
  const cite = `（${ctx.catalog.title(best.section.documentId)}${SECTION_SEPARATOR}${best.section.headingPath.at(-1)}）`;
  return {
    id,
    text: measures.length ? `${measures.join('')}${cite}` : composed.text,
    sources: composed.sources,
    evidence: [{ id: best.section.id, why: `its own section 「${best.section.headingPath.at(-1)}」 on the topic` }],
  };
}

export const aggregation: Composer = {
  name: 'aggregation',
  accepts: (frame) => frame.scope === 'which',
  compose(frame, ctx) {
    const topic = topicOnly(frame);
    const content = CONTENT.includes(frame.attribute);
    const each = Math.floor(MAX_TEXT / Math.max(1, ctx.snapshot.municipalities.length));
    const found: Found[] = [];
    const missing: string[] = [];
    for (const m of ctx.snapshot.municipalities) {
      const section = content ? fromSection(topic, m.id, ctx, each * 2) : null;
      if (section) {
        found.push(section);
        continue;
      }
      const one = ctx.answerFor({
        ...topic,
        scope: 'one',
        // Who does it: its status, when the question asks nothing else of the topic.
        attribute: content ? 'status' : frame.attribute,
        municipality: m.id,
        municipalitySource: 'question',
      });
      if (one) found.push({ id: m.id, text: one.brief ?? one.text, sources: one.sources, evidence: one.evidence });
      else missing.push(m.name);
    }
    if (!found.length) return { decline: 'no municipality’s documents have the topic' };
    const head = `${frame.topic.phrase || 'お尋ねの内容'}について資料に書かれているのは、${found.map((f) => ctx.catalog.municipalityName(f.id)).join('・')}です。`;
    const tail = missing.length ? `\n（${missing.join('・')}の資料には記載がありません）` : '';
    const budget = Math.floor((MAX_TEXT - head.length - tail.length - 4) / found.length) - 4;
    const lines = found.map((f) => {
      const name = ctx.catalog.municipalityName(f.id);
      return `■${name}：${trimToSentences(f.text.replace(/\n+/g, ' '), budget - name.length)}`;
    });
    return {
      text: clip(`${head}\n${lines.join('\n')}${tail}`),
      sources: found.flatMap((f) => f.sources.filter((s) => s.municipality === f.id).slice(0, 1)),
      confidence: 0.7,
      municipality: null,
      choices: found.map((f) => f.id),
      evidence: found.flatMap((f) => f.evidence),
    };
  },
};
