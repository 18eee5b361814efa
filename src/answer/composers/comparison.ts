// 「AとBの〜」「AとBではどう違う」: the same frame answered for each municipality named, side by side, each cited.
import type { MunicipalityId } from '../../knowledge/index.js';
import { clip, MAX_TEXT } from '../limits.js';
import { trimToSentences } from '../text.js';
import type { AnswerSource } from '../types.js';
import type { Composer } from './types.js';

export const comparison: Composer = {
  name: 'comparison',
  accepts: (frame) => frame.scope === 'each' && frame.municipalities.named.length >= 2,
  compose(frame, ctx) {
    const named = frame.municipalities.named;
    const budget = Math.floor((MAX_TEXT - 10) / named.length) - 8;
    const lines: string[] = [];
    const sources: AnswerSource[] = [];
    const answered: MunicipalityId[] = [];
    const evidence = [];
    for (const id of named) {
      const name = ctx.catalog.municipalityName(id);
      const one = ctx.answerFor({ ...frame, scope: 'one', municipality: id, municipalitySource: 'question' });
      if (!one) {
        lines.push(`■${name}：資料に記載はありません。`);
        continue;
      }
      const body = trimToSentences((one.brief ?? one.text).replace(/\n+/g, ' '), budget - name.length);
      lines.push(`■${name}：${body}`);
      answered.push(id);
      sources.push(...one.sources.filter((s) => s.municipality === id).slice(0, 1));
      evidence.push(...one.evidence.map((e) => ({ id: e.id, why: `${name}: ${e.why}` })));
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
