// 「役場の住所は」: the municipality's address as its document prints it (colophon), cited to that passage.
import type { Composer } from './types.js';

export const address: Composer = {
  name: 'address',
  accepts: (frame) => frame.attribute === 'contact' && frame.contact === 'address',
  compose(frame, ctx) {
    const m = ctx.municipality(frame.municipality);
    if (!m) return { decline: 'no municipality named or chosen' };
    const addr = m.contact.address;
    if (!addr) return { decline: `no address for ${m.name} in municipalities.yaml` };
    const tail = addr.replace(/^〒?[0-9-]+\s*/, '');
    const passage = ctx.snapshot.passages.find((p) => p.municipality === m.id && tail && p.text.includes(tail));
    const source = passage
      ? {
          municipality: m.id,
          document: ctx.catalog.title(passage.documentId),
          documentId: passage.documentId,
          section: passage.headingPath.join(' › '),
          excerpt: passage.text.slice(0, 160),
          passageId: passage.id,
        }
      : null;
    const text = `${m.name}の住所は ${addr} です。${m.contact.department ? `（担当：${m.contact.department}）` : ''}`;
    return {
      text,
      sources: source ? [source] : [],
      confidence: passage ? 0.9 : 0.6,
      evidence: [{ id: passage?.id ?? m.id, why: 'the address the municipality’s document prints' }],
      brief: text,
    };
  },
};
