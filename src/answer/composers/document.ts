// Questions about the policy document itself — when it was made or revised, its period, its CIO or head, its
// promotion structure — answered from the document facts read at load (snapshot.facts), each cited.
import { CONTACT_WORDS } from '../../analysis/index.js';
import { type DocumentAttribute, type DocumentFact, documentFact } from '../../knowledge/index.js';
import { termIn } from '../extract.js';
import type { Frame } from '../frame.js';
import { clip } from '../limits.js';
import { trimToSentences } from '../text.js';
import type { AnswerSource } from '../types.js';
import type { ComposeContext, Composer } from './types.js';

// Words that name a policy document in general (「DX推進方針」「本計画」); the rest must be in its title.
const DOCUMENT_WORDS = new Set(
  `方針 計画 本方針 本計画 全体 全体方針 基本 基本方針 dx 推進 推進方針 自治体 自治体dx デジタル 情報化 地域 資料 プラン 町 市
  旗振り 旗ふり デジタル・トランスフォーメーション デジタルトランスフォーメーション
  年度 期間 計画期間 対象期間 期限 改訂 改定 策定 作成 最新 版`.split(/\s+/),
);
// The document attribute a topic word asks for, whatever the attribute of the question.
const TOPIC_ATTRIBUTES: { words: RegExp; attribute: DocumentAttribute; why: string }[] = [
  { words: /^(?:cio|最高情報.*責任者)/, attribute: 'cio', why: 'the CIO the document names' },
  { words: /^(?:市長|町長|首長|区長)$/, attribute: 'head', why: 'the head of the municipality the document names' },
  {
    words: /^(?:推進体制|体制|組織|会議体)$/,
    attribute: 'structure',
    why: 'the promotion structure the document sets out',
  },
];

const LABEL: Record<DocumentAttribute, string> = {
  title: '名称',
  made: '策定時期',
  revised: '改訂',
  period: '期間',
  publisher: '担当',
  phone: '電話番号',
  fax: 'FAX',
  email: 'メールアドレス',
  address: '住所',
  cio: 'CIO（最高情報責任者）',
  head: '首長',
  structure: '推進体制',
};

// A contact question's own words (番号, 送る): what it asks for, not a topic of its own.
const CONTACT_WORD_SET = new Set(CONTACT_WORDS);

const PLAN_NAME = /(?:計画|方針|構想|戦略|ビジョン|プラン)$/;

// The document words longest first, to take a phrase apart (「dx方針」 = dx + 方針).
const BY_LENGTH = [...DOCUMENT_WORDS].filter(Boolean).sort((a, b) => b.length - a.length);

/**
 * Whether a phrase is two words at most naming a policy document in general (「DX方針」 = dx + 方針): any
 * municipality's plan. A longer one (「自治体DX推進計画」) is the name of a particular plan.
 */
function madeOfDocumentWords(phrase: string): boolean {
  let rest = phrase;
  let words = 0;
  for (const w of BY_LENGTH) {
    const parts = rest.split(w);
    words += parts.length - 1;
    rest = parts.join(' ');
  }
  return words <= 2 && rest.replace(/[のと・\s]/g, '') === '';
}

function wanted(frame: Frame, topic: string[]): DocumentAttribute | null {
  // 「FAXで送りたい、番号は」: the number the colophon prints
  if (frame.attribute === 'contact' && frame.contact === 'fax') return 'fax';
  for (const t of topic) {
    const row = TOPIC_ATTRIBUTES.find((r) => t.split('|').some((a) => r.words.test(a)));
    if (row) return row.attribute;
  }
  if (frame.attribute !== 'date') return null;
  if (frame.date === 'revised') return 'revised';
  if (frame.date === 'end' || frame.date === 'period' || frame.date === 'start') return 'period';
  return 'made';
}

function line(ctx: ComposeContext, facts: DocumentFact[], attribute: DocumentAttribute, frame: Frame): string {
  const f = facts[0]!;
  const name = `${ctx.catalog.municipalityName(f.municipality)}「${f.citation.documentTitle}」`;
  if (attribute === 'revised') return `${name}は${facts.map((x) => x.value).join('、')}に改訂されています。`;
  if (attribute === 'period') {
    if (frame.date === 'end' && f.end) return `${name}の期間は${f.end}までです（${f.value}）。`;
    if (frame.date === 'start' && f.start) return `${name}の期間は${f.start}からです（${f.value}）。`;
  }
  if ((attribute === 'cio' || attribute === 'head') && f.person)
    return `${name}の${LABEL[attribute]}は${f.value}（${f.person}）です。`;
  if (attribute === 'structure') return `${name}の推進体制：${trimToSentences(f.value, 200)}`;
  // A number printed with a space between each digit (「0 4 2 - 4 7 0 - …」) is read as one.
  const value = attribute === 'phone' || attribute === 'fax' ? f.value.replace(/\s+/g, '') : f.value;
  return `${name}の${LABEL[attribute]}は${value}です。`;
}

const cite = (f: DocumentFact) =>
  `（${f.citation.documentTitle}${f.citation.headingPath.length ? ` › ${f.citation.headingPath.at(-1)}` : ''}）`;

const source = (f: DocumentFact): AnswerSource => ({
  municipality: f.municipality,
  document: f.citation.documentTitle,
  documentId: f.citation.documentId,
  section: f.citation.section,
  excerpt: f.text.slice(0, 160),
  ...(f.citation.passageId ? { passageId: f.citation.passageId } : {}),
});

export const document: Composer = {
  name: 'document',
  accepts: (frame) => ['date', 'person', 'items', 'overview', 'chat', 'contact'].includes(frame.attribute),
  compose(frame, ctx) {
    const ids = frame.municipality
      ? [frame.municipality]
      : ctx.snapshot.municipalities.map((m) => m.id).filter((id) => !ctx.among || ctx.among.includes(id));
    const attribute = wanted(frame, frame.topic.terms);
    if (!attribute) return { decline: 'the question asks no attribute of a document' };
    const lines: string[] = [];
    const used: DocumentFact[] = [];
    for (const id of ids) {
      const facts = documentFact(ctx.snapshot.facts, id, attribute);
      if (!facts.length) continue;
      // The topic must be the document itself: every other word of it in the document's title.
      const title = ctx.tt.flat(facts[0]!.citation.documentTitle);
      // A contact question may name the department that published it (「行政経営課にFAXしたい」).
      const publisher =
        frame.attribute === 'contact'
          ? ctx.tt.flat(
              ctx.snapshot.documents.find((d) => d.meta.id === facts[0]!.citation.documentId)?.meta.publisher ?? '',
            )
          : '';
      const stray = frame.topic.terms.filter(
        (t) =>
          !termIn(DOCUMENT_WORDS, t) &&
          !(frame.attribute === 'contact' && termIn(CONTACT_WORD_SET, t)) &&
          !t
            .split('|')
            .some((a) => title.includes(a) || publisher.includes(a) || TOPIC_ATTRIBUTES.some((r) => r.words.test(a))),
      );
      if (stray.length) return { decline: `the topic (${stray.join(', ')}) is not the document itself` };
      // A plan's name that is not this document's title (「自治体DX推進計画」) names another plan, though its
      // words are generic.
      const phrase = ctx.tt.flat(frame.topic.phrase);
      if (PLAN_NAME.test(phrase) && !madeOfDocumentWords(phrase) && !title.includes(phrase))
        return { decline: `「${frame.topic.phrase}」 is not the title of the document` };
      lines.push(`${line(ctx, facts, attribute, frame)}${cite(facts[0]!)}`);
      used.push(...facts);
    }
    if (!used.length) return { decline: `no ${attribute} fact for the municipality` };
    // Without a municipality: each one's line, side by side.
    const each = lines.length > 1;
    const budget = Math.floor(440 / lines.length);
    const text = each
      ? `自治体ごとに異なります。\n${lines.map((l) => `■${trimToSentences(l, budget)}`).join('\n')}`
      : lines[0]!;
    return {
      text: clip(text),
      ...(each ? { municipality: null, choices: [...new Set(used.map((f) => f.municipality))] } : {}),
      sources: used.slice(0, 5).map(source),
      confidence: 0.9,
      evidence: used.map((f) => ({ id: f.id, why: `the document fact ${attribute}` })),
      brief: lines[0],
    };
  },
};
