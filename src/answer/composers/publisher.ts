// 「DXの担当課は」「問い合わせ先の電話番号は」: the policy document's own publisher answers (this assistant is about
// these documents); without a municipality, one line each. A question naming another topic is left to search.

import { CONTACT_WORDS } from '../../analysis/index.js';
import { termIn } from '../extract.js';
import { clip } from '../limits.js';
import type { AnswerSource } from '../types.js';
import type { Composer } from './types.js';

// Words of a contact question that name no topic besides the policy itself: the cue table's contact words, and
// the words every policy document's title shares.
const CONTACT_GENERIC = new Set([
  ...CONTACT_WORDS,
  ...`dx 推進 方針 計画 自治体 自治体dx dx推進 推進方針 全体 情報化 デジタル 市 町 する 教える`.split(/\s+/),
]);

export const publisher: Composer = {
  name: 'publisher',
  accepts: (frame) => frame.attribute === 'contact' && frame.contact !== 'address',
  compose(frame, ctx) {
    // Every word counts here (おくやみ analyzes as a verb): any topic besides the contact words means a search.
    const topic = frame.topic.terms.filter((t) => !termIn(CONTACT_GENERIC, t));
    if (topic.length > 0) return { decline: `the question names a topic of its own (${topic.join(', ')})` };
    const docs = ctx.snapshot.documents.filter((d) =>
      frame.municipality
        ? d.meta.municipality === frame.municipality
        : !ctx.among || ctx.among.includes(d.meta.municipality),
    );
    if (!docs.length) return { decline: 'no document of the municipality' };
    const phoneOf = (d: (typeof docs)[number]) =>
      d.meta.contact ?? ctx.municipality(d.meta.municipality)?.contact.phone;
    const line = (d: (typeof docs)[number]) => {
      const phone = phoneOf(d);
      return `${ctx.catalog.municipalityName(d.meta.municipality)}「${d.meta.title}」の担当は${d.meta.publisher}です${phone ? `（電話 ${phone}）` : ''}。`;
    };
    // A phone number asked where neither the document nor the municipality's entry gives one: say so first.
    const noPhone =
      frame.contact === 'phone' && frame.municipality && !phoneOf(docs[0]!)
        ? `${ctx.catalog.municipalityName(frame.municipality)}の資料には、電話番号の記載はありません。\n`
        : '';
    const text = frame.municipality
      ? `${noPhone}${line(docs[0]!)}`
      : `各自治体の担当課：\n${docs.map(line).join('\n')}`;
    const sources: AnswerSource[] = docs.map((d) => ({
      municipality: d.meta.municipality,
      document: d.meta.title,
      documentId: d.meta.id,
      section: '表紙・奥付',
      excerpt: `${d.meta.title}（${d.meta.issued}）${d.meta.publisher}${d.meta.contact ? ` ${d.meta.contact}` : ''}`,
    }));
    return {
      text: clip(text),
      sources,
      confidence: 0.85,
      evidence: docs.map((d) => ({ id: d.meta.id, why: 'the publisher of the municipality’s policy document' })),
      brief: frame.municipality ? line(docs[0]!) : undefined,
    };
  },
};
