// 「AとBの〜」「AとBではどう違う」: the same frame answered for each municipality named, side by side, each cited.
// A side with nothing under the literal topic is asked again by the topic's own words (「教育分野のDX」 → 教育:
// a DX plan rarely repeats 「DX」 beside each field), and only then says its documents do not state it.
import type { MunicipalityId } from '../../knowledge/index.js';
import { termIn } from '../extract.js';
import type { Frame } from '../frame.js';
import { clip, MAX_TEXT } from '../limits.js';
import { GENERIC } from '../sections.js';
import { trimToSentences } from '../text.js';
import type { AnswerSource } from '../types.js';
import type { ComposeContext, Composed, Composer, Evidence } from './types.js';

/** The frame asked by the topic's own words only (those not every DX policy shares), or null when it has none. */
export function broadened(frame: Frame): Frame | null {
  const own = frame.topic.terms.filter((t) => !termIn(GENERIC, t));
  if (!own.length || own.length === frame.topic.terms.length) return null;
  const query = own.map((t) => t.split('|')[0]).join(' ');
  return { ...frame, query, target: null, topic: { ...frame.topic, terms: own } };
}

/** One municipality's side: the frame as asked, else by the topic's own words. */
function sideOf(frame: Frame, id: MunicipalityId, ctx: ComposeContext): { one: Composed; why: string } | null {
  const asked: Frame = { ...frame, scope: 'one', municipality: id, municipalitySource: 'question' };
  const one = ctx.answerFor(asked);
  if (one) return { one, why: 'the topic as asked' };
  const broad = broadened(asked);
  const again = broad ? ctx.answerFor(broad) : null;
  return again ? { one: again, why: `the topic's own words (${broad?.query})` } : null;
}

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
    for (const id of named) {
      const name = ctx.catalog.municipalityName(id);
      const side = sideOf(frame, id, ctx);
      if (!side) {
        lines.push(`■${name}：資料に記載はありません。`);
        continue;
      }
      const { one, why } = side;
      const body = trimToSentences((one.brief ?? one.text).replace(/\n+/g, ' '), budget - name.length);
      lines.push(`■${name}：${body}`);
      answered.push(id);
      sources.push(...one.sources.filter((s) => s.municipality === id).slice(0, 1));
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
