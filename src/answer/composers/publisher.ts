// 「DXの担当課は」「問い合わせ先の電話番号は」: the policy document's own publisher answers (this assistant is about
// these documents); without a municipality, one line each. A question naming another topic is left to search.

import { CONTACT_WORDS, EMAIL_CUE, ORGANISATION_KINDS } from '../../analysis/index.js';
import type { ParsedDocument, Passage } from '../../knowledge/index.js';
import { termIn } from '../extract.js';
import { clip } from '../limits.js';
import type { AnswerSource } from '../types.js';
import type { Composer } from './types.js';

// Words of a contact question that name no topic besides the policy itself: the cue table's contact words, and
// the words every policy document's title shares.
const CONTACT_GENERIC = new Set([
  ...CONTACT_WORDS,
  ...`dx 推進 方針 計画 自治体 自治体dx dx推進 推進方針 全体 情報化 デジタル 市 町 する 教える`.split(/\s+/),
  // the making of the document, as its colophon says it (発行/…, 編集/…): 「方針を編集した課」 asks its publisher
  ...`編集 作成 作る 発行 策定 まとめる`.split(/\s+/),
]);

const WROTE = /書い(?:た|てる|ている)/;

/** The first mail address a document gives (its colophon's), with the passage that gives it. */
function mailIn(passages: readonly Passage[]): { address: string; passage: Passage } | null {
  for (const passage of passages) {
    const m = EMAIL_CUE.exec(passage.text);
    if (m) return { address: m[0], passage };
  }
  return null;
}

function mailSource(d: ParsedDocument, mail: { passage: Passage } | null): AnswerSource | null {
  if (!mail) return null;
  return {
    municipality: d.meta.municipality,
    document: d.meta.title,
    documentId: d.meta.id,
    section: mail.passage.headingPath.join(' › ') || '表紙・奥付',
    excerpt: mail.passage.text,
    passageId: mail.passage.id,
  };
}

export const publisher: Composer = {
  name: 'publisher',
  // A FAX number is the document's own fact (its colophon): the document composer gives it. Hours are a counter's,
  // never the publisher's.
  accepts: (frame) =>
    frame.attribute === 'contact' &&
    frame.contact !== 'address' &&
    frame.contact !== 'fax' &&
    frame.contact !== 'hours',
  compose(frame, ctx) {
    const docs = ctx.snapshot.documents.filter((d) =>
      frame.municipality
        ? d.meta.municipality === frame.municipality
        : !ctx.among || ctx.among.includes(d.meta.municipality),
    );
    // Every word counts here (おくやみ analyzes as a verb): any topic besides the contact words means a search.
    // Words of the document's own title name the document (「地域情報化基本方針はどこが作った」), not a topic.
    const titles = docs.map((d) => d.meta.title.normalize('NFKC').toLowerCase());
    const inTitle = (t: string) => t.split('|').some((a) => titles.some((title) => title.includes(a)));
    // 「これ書いたのだれ」: 書く is the writing of the document (not 書かない窓口, which is a topic).
    const wrote = WROTE.test(frame.query);
    const topic = frame.topic.terms.filter(
      (t) => !termIn(CONTACT_GENERIC, t) && !inTitle(t) && !(wrote && t === '書く'),
    );
    if (topic.length > 0) return { decline: `the question names a topic of its own (${topic.join(', ')})` };
    // 「書かない窓口の担当はどこの課」: a channel named (its words may all be contact words) is the topic.
    if (frame.inquiry.modes.length > 0)
      return { decline: `a channel is named (${frame.inquiry.modes.join(', ')}): its department, not the document's` };
    // 「DXの旗振りしてる組織」: a body that does something (本部, 事務局) is asked, not whom to contact.
    const kind = ORGANISATION_KINDS.find((k) => frame.query.includes(k));
    if (kind) return { decline: `an organisation (${kind}) is asked, not the document's department` };
    if (!docs.length) return { decline: 'no document of the municipality' };
    const phoneOf = (d: (typeof docs)[number]) =>
      d.meta.contact ?? ctx.municipality(d.meta.municipality)?.contact.phone;
    const mailOf = (d: (typeof docs)[number]) => (email ? mailIn(d.passages) : null);
    const line = (d: (typeof docs)[number]) => {
      const phone = phoneOf(d);
      const mail = mailOf(d);
      const reach = [mail && `メール ${mail.address}`, phone && `電話 ${phone}`].filter(Boolean).join('、');
      return `${ctx.catalog.municipalityName(d.meta.municipality)}「${d.meta.title}」の担当は${d.meta.publisher}です${reach ? `（${reach}）` : ''}。`;
    };
    // A phone number or mail address asked where the documents (and, for a phone, the municipality's entry) give
    // none: say so first, then who is in charge and how else to reach them.
    const email = frame.contact === 'email';
    const missing =
      frame.municipality && ((frame.contact === 'phone' && !phoneOf(docs[0]!)) || (email && !mailOf(docs[0]!)))
        ? `${ctx.catalog.municipalityName(frame.municipality)}の資料には、${email ? 'メールアドレス' : '電話番号'}の記載はありません。\n`
        : '';
    const text = frame.municipality
      ? `${missing}${line(docs[0]!)}`
      : `各自治体の担当課：\n${docs.map(line).join('\n')}`;
    const sources: AnswerSource[] = docs.map(
      (d) =>
        mailSource(d, mailOf(d)) ?? {
          municipality: d.meta.municipality,
          document: d.meta.title,
          documentId: d.meta.id,
          section: '表紙・奥付',
          excerpt: `${d.meta.title}（${d.meta.issued}）${d.meta.publisher}${d.meta.contact ? ` ${d.meta.contact}` : ''}`,
        },
    );
    return {
      text: clip(text),
      sources,
      confidence: 0.85,
      evidence: docs.map((d) => ({ id: d.meta.id, why: 'the publisher of the municipality’s policy document' })),
      brief: frame.municipality ? line(docs[0]!) : undefined,
    };
  },
};
