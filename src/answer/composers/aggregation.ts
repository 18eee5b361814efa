// 「〜をやっているのはどこ」「〜を導入している自治体は」: the frame answered for every municipality of the knowledge;
// those whose documents have it are listed with what they say (status and date when given), the others named.
import type { MunicipalityId } from '../../knowledge/index.js';
import { clip, MAX_TEXT } from '../limits.js';
import { trimToSentences } from '../text.js';
import type { AnswerSource } from '../types.js';
import type { Composer, Evidence } from './types.js';

export const aggregation: Composer = {
  name: 'aggregation',
  accepts: (frame) => frame.scope === 'which',
  compose(frame, ctx) {
    const found: { id: MunicipalityId; text: string; sources: AnswerSource[]; evidence: Evidence[] }[] = [];
    const missing: string[] = [];
    for (const m of ctx.snapshot.municipalities) {
      const one = ctx.answerFor({
        ...frame,
        scope: 'one',
        // What each one says about it: its status when the question asks who does something.
        attribute: frame.attribute === 'items' || frame.attribute === 'chat' ? 'status' : frame.attribute,
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
