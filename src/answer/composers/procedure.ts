// Procedure inquiries (「住民票をコンビニで取りたい」): the front-yard channels the municipality offers, best first.
import { CONTACT_WORDS } from '../../analysis/index.js';
import { decideRoute } from '../../routing/index.js';
import type { Frame } from '../frame.js';
import { MAX_TEXT } from '../limits.js';
import type { AnswerSource } from '../types.js';
import type { ComposeContext, Composed, Composer } from './types.js';

// 「おくやみ窓口の所管課はどこ」: the department asked of a channel the question names, as routes.yaml records it from
// the document (a 所管課 column); understand() reads such a question as a department, not a procedure. Only of the
// channel itself: 「子ども向けのLINE相談」「ポイント還元事業」 are measures of their own, with their own 所管課.
const inCharge = (frame: Frame) =>
  frame.attribute === 'contact' && frame.contact === 'department' && frame.inquiry.modes.length > 0;

/** Whether every topic word is the channel's name or a word of the contact question (課, 窓口). */
function onlyTheChannel(frame: Frame, label: string): boolean {
  const name = label.normalize('NFKC').toLowerCase();
  return frame.topic.terms.every((t) => t.split('|').some((a) => name.includes(a) || CONTACT_WORDS.includes(a)));
}

function departmentOf(frame: Frame, ctx: ComposeContext): Composed | { decline: string } {
  const m = ctx.municipality(frame.municipality);
  if (!m) return { decline: 'the department of a channel is asked, with no municipality' };
  const r = decideRoute(ctx.snapshot.routes, frame.inquiry, m);
  const channel = r.details.find((d) => frame.inquiry.modes.includes(d.id) && d.department);
  if (!channel?.department) return { decline: 'no department recorded for the channel asked (routes.yaml)' };
  if (!onlyTheChannel(frame, channel.label))
    return { decline: `the question names more than the channel (${frame.topic.terms.join(', ')})` };
  const source = channel.source;
  const sources: AnswerSource[] = source
    ? [
        {
          municipality: m.id,
          document: ctx.catalog.title(source.document),
          documentId: source.document,
          section: source.section,
          excerpt: source.excerpt ?? channel.text,
        },
      ]
    : [];
  const text = `${m.name}の${channel.label}の担当は${channel.department}です。`;
  return {
    text,
    sources,
    confidence: 0.85,
    evidence: [{ id: channel.id, why: 'the department routes.yaml records for the channel asked' }],
    contact: { municipality: m.id, text: `${m.name} ${channel.department}` },
    brief: text,
  };
}

export const procedure: Composer = {
  name: 'procedure',
  accepts: (frame) => frame.attribute === 'procedure' || inCharge(frame),
  compose(frame, ctx) {
    if (frame.attribute !== 'procedure') return departmentOf(frame, ctx);
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
