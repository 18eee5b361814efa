// Procedure inquiries (「住民票をコンビニで取りたい」): the front-yard channels the municipality offers, best first.
import { decideRoute } from '../../routing/index.js';
import { MAX_TEXT } from '../limits.js';
import type { AnswerSource } from '../types.js';
import type { Composer } from './types.js';

export const procedure: Composer = {
  name: 'procedure',
  accepts: (frame) => frame.attribute === 'procedure',
  compose(frame, ctx) {
    const m = ctx.municipality(frame.municipality);
    const r = decideRoute(ctx.snapshot.routes, frame.inquiry, m);
    const head = m
      ? `${m.name}では、次の方法で手続きできます（おすすめ順）。`
      : '次の方法で手続きできます（おすすめ順）。窓口の有無は自治体により異なるため、お住まいの自治体を選ぶと詳しくご案内します。';
    const contact = ctx.contactLine(frame.municipality);
    const lines = [head, ...r.lines.map((l) => `・${l}`), contact].filter(Boolean);
    let text = '';
    for (const l of lines) {
      if ((text + l).length + 1 > MAX_TEXT) break;
      text += `${text ? '\n' : ''}${l}`;
    }
    const sources: AnswerSource[] = [];
    for (const d of r.details) {
      if (!d.source || !m) continue;
      sources.push({
        municipality: m.id,
        document: ctx.catalog.title(d.source.document),
        documentId: d.source.document,
        section: d.source.section,
        excerpt: d.source.excerpt ?? d.text,
      });
    }
    return {
      kind: 'route',
      text,
      sources,
      route: { channels: r.channels, details: r.details.map(({ source: _s, ...d }) => d) },
      confidence: 0.9,
      ...(m && contact ? { contact: { municipality: m.id, text: contact } } : {}),
      ...(m ? {} : { choices: ctx.snapshot.municipalities.map((x) => x.id) }),
      evidence: r.channels.map((c) => ({ id: c, why: 'a channel for the procedure and wish asked (routes.yaml)' })),
    };
  },
};
