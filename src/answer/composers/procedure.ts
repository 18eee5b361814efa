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
    // routing words the reply (what is offered now, planned, not stated; who handles it — never the DX office)
    let text = '';
    for (const l of r.lines) {
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
      route: { channels: r.channels, details: r.details.map(({ source: _s, department: _d, ...d }) => d) },
      confidence: 0.9,
      ...(m && r.department ? { contact: { municipality: m.id, text: `${m.name} ${r.department}` } } : {}),
      ...(m ? {} : { choices: ctx.snapshot.municipalities.map((x) => x.id) }),
      evidence: r.channels.map((c) => ({ id: c, why: 'a channel for the procedure and wish asked (routes.yaml)' })),
    };
  },
};
