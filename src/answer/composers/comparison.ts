// 「AとBの〜」「AとBではどう違う」: the same frame answered for each municipality named, side by side, each cited.
// A side with nothing under the literal topic is asked again by the topic's own words (「教育分野のDX」 → 教育:
// a DX plan rarely repeats 「DX」 beside each field), and only then says its documents do not state it.

import { MEASURE_CUE, NATIONAL_CHAPTER, NEED_CUE } from '../../analysis/index.js';
import type { MunicipalityId } from '../../knowledge/index.js';
import { termIn } from '../extract.js';
import type { Frame } from '../frame.js';
import { clip, MAX_TEXT } from '../limits.js';
import { GENERIC } from '../sections.js';
import type { AnswerSource } from '../types.js';
import { typeMismatch } from '../validate.js';
import { condense } from './side.js';
import type { ComposeContext, Composed, Composer, Evidence } from './types.js';

/** The frame about some of its topic's terms only (the query: their words, a group by its longest phrase). */
function narrowed(frame: Frame, terms: string[]): Frame {
  const query = terms.map((t) => t.split('|')[0]).join(' ');
  return { ...frame, query, target: null, topic: { ...frame.topic, terms, head: null } };
}

/** The frame asked by the topic's own words only (those not every DX policy shares), or null when it has none. */
export function broadened(frame: Frame): Frame | null {
  const own = frame.topic.terms.filter((t) => !termIn(GENERIC, t));
  if (!own.length || own.length === frame.topic.terms.length) return null;
  return narrowed(frame, own);
}

// How many of a topic's concepts a side is asked by one at a time (most specific first) before it is not stated.
const SINGLE_CONCEPTS = 2;

/**
 * The frames a side is asked by when the topic as asked finds nothing there: its own words, then each of its
 * concepts alone, most specific first (「スマホが苦手な高齢者向けの対策」: デジタルデバイド, then 高齢者).
 */
function broader(frame: Frame, ctx: ComposeContext): Frame[] {
  const own = frame.topic.terms.filter((t) => !termIn(GENERIC, t));
  const out: Frame[] = [];
  const first = broadened(frame);
  if (first) out.push(first);
  let rest = own;
  while (own.length >= 2 && rest.length && out.length < SINGLE_CONCEPTS + 1) {
    const key = ctx.specific(narrowed(frame, rest));
    if (!key) break;
    out.push(narrowed(frame, [key]));
    rest = rest.filter((t) => t !== key);
  }
  return out;
}

/**
 * One municipality's side: the frame as asked, else by the topic's own words or one concept of it. Asked what is
 * done, a side answered by a broader frame states a measure (「スマホ教室などを開催し」), not a glossary's 「…のこと」.
 */
function sideOf(frame: Frame, id: MunicipalityId, ctx: ComposeContext): { one: Composed; why: string } | null {
  // Asked how the sides differ, or what each says, with no type of fact (a figure, a date, a reason): what each
  // does is what differs, not why it is needed (「現状: …」).
  const measures = frame.modifiers.measures || OPEN_ATTRIBUTES.includes(frame.attribute);
  const asked: Frame = {
    ...frame,
    scope: 'one',
    municipality: id,
    municipalitySource: 'question',
    modifiers: { ...frame.modifiers, measures },
  };
  const one = ctx.answerFor(asked);
  // A side whose first quote is from a chapter on national or Tokyo policy (「4. 国のDX推進」) tells what the state
  // plans, not what the municipality does: its own words are tried first.
  if (one && !leadsWithNational(one, id, frame)) return { one, why: 'the topic as asked' };
  let fallback: { one: Composed; why: string } | null = one ? { one, why: 'the topic as asked' } : null;
  for (const broad of broader(asked, ctx)) {
    const again = ctx.answerFor(broad);
    if (!again) continue;
    const side = { one: again, why: `the topic's words ${broad.topic.terms.map((t) => t.split('|')[0]).join('・')}` };
    if (leadsWithNational(again, id, frame)) continue;
    if (!measures || statesMeasure(again.brief ?? again.text)) return side;
    if (!fallback || leadsWithNational(fallback.one, id, frame)) fallback = side;
  }
  return fallback;
}

/** Whether a side's answer quotes a chapter on national or Tokyo policy first, the question not asking of it. */
function leadsWithNational(one: Composed, id: MunicipalityId, frame: Frame): boolean {
  if (frame.modifiers.national) return false;
  const lead = one.sources.find((s) => s.municipality === id);
  return !!lead && NATIONAL_CHAPTER.test(lead.section);
}

// Attributes that ask no type of fact: a side answers them by what the municipality does.
const OPEN_ATTRIBUTES: readonly Frame['attribute'][] = ['chat', 'overview', 'items'];

const statesMeasure = (text: string) => MEASURE_CUE.test(text) && !NEED_CUE.test(text);

export const comparison: Composer = {
  name: 'comparison',
  accepts: (frame) => frame.scope === 'each' && frame.municipalities.named.length >= 2,
  compose(frame, ctx) {
    const named = frame.municipalities.named;
    const budget = Math.floor((MAX_TEXT - 10) / named.length) - 8;
    const lines: string[] = [];
    const sources: AnswerSource[] = [];
    const answered: MunicipalityId[] = [];
    const evidence: Evidence[] = [];
    // Asked for a type of fact (a share, a date, a department), or for what is done: a side's quotes and lines
    // that hold it come first, and only those join its first.
    const holds = typeMismatch(frame, '')
      ? (t: string) => !typeMismatch(frame, t)
      : frame.modifiers.measures
        ? statesMeasure
        : null;
    for (const id of named) {
      const name = ctx.catalog.municipalityName(id);
      const found = sideOf(frame, id, ctx);
      if (!found) {
        lines.push(`■${name}：資料に記載はありません。`);
        continue;
      }
      const { one, why } = found;
      const side = condense(one, id, budget - name.length, ctx.snapshot, {
        holds,
        national: frame.modifiers.national,
      });
      lines.push(`■${name}：${side.text}`);
      answered.push(id);
      sources.push(...side.sources);
      evidence.push(...one.evidence.map((e) => ({ id: e.id, why: `${name} (${why}): ${e.why}` })));
    }
    if (!answered.length) return { decline: 'none of the municipalities named has it' };
    return {
      text: clip(lines.join('\n')),
      sources,
      confidence: answered.length === named.length ? 0.75 : 0.5,
      municipality: null,
      choices: named,
      evidence,
    };
  },
};
