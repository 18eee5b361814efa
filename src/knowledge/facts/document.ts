// Facts about a document itself: title, made / revised dates, plan period, publisher, contact, CIO, the
// head of the municipality and the 推進体制. Read with general rules from the cover and colophon lines
// (front and back matter of the seed), from sentences about 本方針 / 本計画, and from the documents.yaml entry.
import type { ParsedDocument, Passage } from '../model.js';
import { citeAt, citePassage, sectionAtLine } from './citation.js';
import { cleanForResident } from './clean.js';
import type { Citation, DocumentAttribute, DocumentFact } from './types.js';

const BACK_MATTER_LINES = 20; // the colophon sits in the last lines of a seed
const ERA_DATE = /(?:令和|平成)\s*(?:\d+|元)\s*(?:\(\d{4}\)\s*)?年\s*\d+\s*月/g;
const DATE_ROLE: { pattern: RegExp; attribute: DocumentAttribute; why: string }[] = [
  { pattern: /^\s*(?:策定|発行|作成)/, attribute: 'made', why: '「令和4年8月策定」' },
  { pattern: /^\s*(?:改訂|改定)/, attribute: 'revised', why: '「令和6年8月改訂」' },
];
const YEAR_RANGE =
  /^((?:令和|平成)?\s*\d+\s*(?:\(\d{4}\))?\s*(?:年度)?)\s*[～~〜\-－]\s*((?:令和|平成)?\s*\d+\s*(?:\(\d{4}\))?\s*年度)$/;
const SELF_PERIOD = /本(?:基本)?(?:方針|計画)の(?:計画|対象)?期間は/;
const SPAN =
  /((?:令和|平成|\d{4})[^、。から]{0,20}?)から((?:令和|平成|\d{4})[^、。]{0,20}?)まで(?:の\d+(?:年間?|か年))?/;
const CONTACT: { attribute: DocumentAttribute; pattern: RegExp }[] = [
  { attribute: 'phone', pattern: /(?:電話|TEL|Tel)\s*[/／:：]?\s*([0-9０-９][0-9０-９\-－ ]{8,}[0-9０-９])/ },
  { attribute: 'fax', pattern: /FAX\s*[/／:：]?\s*([0-9０-９][0-9０-９\-－ ]{8,}[0-9０-９])/i },
  { attribute: 'email', pattern: /E-?Mail\s*[/／:：]?\s*([\w.+-]+@[\w.-]+)/i },
  { attribute: 'address', pattern: /(〒\s*\d{3}-\d{4}\s*\S.*?)$/ },
];
const ROLE = /(副市長|副町長|市長|町長)/;
const NORMATIVE = /望ましい|べき|参考/;
const CIO = /CIO|最高情報(?:統括)?責任者/;
const PERSON_NAME = /^[\u4E00-\u9FFF]{1,4}\s[\u4E00-\u9FFF]{1,5}$/;
const STRUCTURE_HEADING = /推進(?:の)?体制/;

export function documentFacts(doc: ParsedDocument, source: string): DocumentFact[] {
  const lines = source.split('\n');
  const firstHeading = Math.min(...doc.sections.filter((s) => s.headingPath.length > 0).map((s) => s.line));
  const frontEnd = Number.isFinite(firstHeading) ? firstHeading - 1 : Math.min(lines.length, 15);
  const matter = [
    ...range(1, frontEnd),
    ...range(Math.max(frontEnd + 1, lines.length - BACK_MATTER_LINES + 1), lines.length),
  ].map((line) => ({ line, text: (lines[line - 1] ?? '').trim() }));
  const facts: DocumentFact[] = [];
  const add = (attribute: DocumentAttribute, value: string, citation: Citation, extra: Partial<DocumentFact> = {}) => {
    const clean = cleanForResident(value);
    if (clean === '' || facts.some((f) => f.attribute === attribute && f.value === clean)) return;
    const n = facts.filter((f) => f.attribute === attribute).length + 1;
    facts.push({
      id: `${doc.meta.id}:doc:${attribute}${n > 1 ? n : ''}`,
      kind: 'document',
      municipality: doc.meta.municipality,
      citation,
      text: `${doc.meta.title}の${LABEL[attribute]}: ${clean}${extra.person ? ` ${extra.person}` : ''}`,
      attribute,
      value: clean,
      ...extra,
    });
  };
  const at = (line: number) => citeAt(doc, sectionAtLine(doc, line), line);
  const lineOf = (needle: string) => {
    const squeeze = (s: string) => s.replace(/\s+/g, '');
    const hit = matter.find((m) => m.text !== '' && squeeze(m.text).includes(squeeze(needle)));
    return hit?.line ?? 1;
  };

  add('title', doc.meta.title, at(lineOf(doc.meta.title.slice(-6))));
  for (const d of datesFrom(matter)) add(d.attribute, d.value, at(d.line));
  if (!facts.some((f) => f.attribute === 'made')) {
    const bare = matter.find((m) =>
      /^(?:(?:令和|平成)\s*\d+\s*(?:\(\d{4}\))?\s*年\s*\d+\s*月)(?:\s+\S{2,6})?$/.test(m.text),
    );
    if (bare) add('made', bare.text.match(ERA_DATE)?.[0] ?? bare.text, at(bare.line));
  }
  for (const p of periodFacts(doc, matter)) add('period', p.value, p.citation, { start: p.start, end: p.end });
  add('publisher', doc.meta.publisher, at(lineOf(doc.meta.publisher.slice(-4))));
  for (const m of matter) {
    for (const c of CONTACT) {
      const hit = c.pattern.exec(m.text);
      if (hit?.[1]) add(c.attribute, hit[1].replace(/\s+/g, ''), at(m.line));
    }
  }
  if (doc.meta.contact && !facts.some((f) => f.attribute === 'phone'))
    add('phone', doc.meta.contact, at(lineOf(doc.meta.contact)));
  const allLines = lines.map((text, i) => ({ line: i + 1, text: text.trim() }));
  for (const p of peopleFacts(doc, allLines))
    add(p.attribute, p.value, p.citation, p.person ? { person: p.person } : {});
  const structure = structureFact(doc);
  if (structure) add('structure', structure.value, structure.citation);
  return facts;
}

const LABEL: Record<DocumentAttribute, string> = {
  title: '名称',
  made: '策定',
  revised: '改訂',
  period: '期間',
  publisher: '発行・担当',
  phone: '電話',
  fax: 'FAX',
  email: 'メール',
  address: '住所',
  cio: 'CIO（最高情報責任者）',
  head: '首長',
  structure: '推進体制',
};

function datesFrom(matter: { line: number; text: string }[]) {
  const out: { attribute: DocumentAttribute; value: string; line: number }[] = [];
  for (const m of matter) {
    for (const hit of m.text.matchAll(ERA_DATE)) {
      const after = m.text.slice((hit.index ?? 0) + hit[0].length);
      const role = DATE_ROLE.find((r) => r.pattern.test(after));
      if (role) out.push({ attribute: role.attribute, value: hit[0], line: m.line });
    }
    // 「発行・編集 : 令和5年2月」: the verb before the date
    const before = /^(?:発行|策定)[^:：]*[:：]\s*((?:令和|平成)\s*\d+\s*(?:\(\d{4}\))?\s*年\s*\d+\s*月)/.exec(m.text);
    if (before?.[1]) out.push({ attribute: 'made', value: before[1], line: m.line });
  }
  return out;
}

function periodFacts(doc: ParsedDocument, matter: { line: number; text: string }[]) {
  const out: { value: string; start?: string; end?: string; citation: Citation }[] = [];
  for (const p of doc.passages) {
    if (p.kind !== 'prose' && p.kind !== 'table-row') continue;
    if (!/期間/.test(p.text)) continue; // cheap test before cleaning
    const text = cleanForResident(p.text);
    for (const sentence of text.split(/(?<=。)/)) {
      if (!SELF_PERIOD.test(sentence)) continue;
      const span = SPAN.exec(sentence.replace(/\s+/g, ''));
      if (!span) continue;
      out.push({ value: span[0], start: span[1]!, end: span[2]!, citation: citePassage(doc, p) });
    }
  }
  for (const m of matter) {
    const r = YEAR_RANGE.exec(m.text);
    if (!r) continue;
    const era = /^(令和|平成)/.exec(r[1]!.trim())?.[1] ?? '';
    const start = withFiscal(r[1]!.replace(/\s+/g, ''));
    const endRaw = r[2]!.replace(/\s+/g, '');
    const end = /^(令和|平成)/.test(endRaw) ? endRaw : `${era}${endRaw}`;
    out.push({ value: `${start}から${end}まで`, start, end, citation: citeAt(doc, [], m.line) });
  }
  return out;
}

function withFiscal(year: string): string {
  return /年度$/.test(year) ? year : `${year}年度`;
}

function peopleFacts(doc: ParsedDocument, matter: { line: number; text: string }[]) {
  // (every line of the seed: a foreword signed by the mayor and the CIO sits after the first heading)
  const out: { attribute: DocumentAttribute; value: string; person?: string; citation: Citation }[] = [];
  // Cover lines: 「小金井市長 西岡 真一郎」, or a role line followed by a name line.
  matter.forEach((m, i) => {
    const role = ROLE.exec(m.text)?.[1];
    if (!role || m.text.length > 30) return;
    const inline = /^(.*?(?:副市長|副町長|市長|町長))\s+([\u4E00-\u9FFF]{1,4}\s[\u4E00-\u9FFF]{1,5})$/.exec(m.text);
    const next = matter[i + 1];
    const person = inline?.[2] ?? (next && PERSON_NAME.test(next.text) ? next.text : undefined);
    if (!person) return;
    const attribute: DocumentAttribute = CIO.test(m.text.replace(/\s+/g, '')) ? 'cio' : 'head';
    out.push({ attribute, value: role, person, citation: citeAt(doc, [], m.line) });
  });
  // Sentences naming who the CIO is: 「副市長を最高情報統括責任者（CIO）とする」「CIO(副市長)が…」.
  const texts: { text: string; citation: Citation }[] = [
    ...doc.passages.map((p) => ({ text: p.normalized, citation: citePassage(doc, p) })),
    ...doc.glossary.map((g) => ({ text: g.definition, citation: citeAt(doc, g.headingPath, g.line) })),
  ];
  for (const t of texts) {
    for (const sentence of t.text.split(/(?<=。)/)) {
      const squeezed = sentence.replace(/\s+/g, '');
      if (NORMATIVE.test(squeezed)) continue;
      const isCio = CIO.test(squeezed) || /その役割を担う/.test(squeezed);
      if (!isCio || !/本市|本町|整備しました|担って|担う|とする/.test(squeezed)) continue;
      const role = nearestRole(squeezed);
      if (!role) continue;
      out.push({ attribute: 'cio', value: role, citation: t.citation });
    }
  }
  return out;
}

/** The role word closest to the CIO mention (「市長の政策意思のもと、副市長を最高情報統括責任者とする」 → 副市長). */
function nearestRole(sentence: string): string | undefined {
  const cio = sentence.search(CIO);
  const roles = [...sentence.matchAll(new RegExp(ROLE.source, 'g'))];
  if (cio < 0) return roles.at(-1)?.[1];
  let best: { role: string; distance: number } | undefined;
  for (const r of roles) {
    const at = r.index ?? 0;
    const distance = at < cio ? cio - (at + r[0].length) : at - cio;
    if (!best || distance < best.distance) best = { role: r[1]!, distance };
  }
  return best?.role;
}

function structureFact(doc: ParsedDocument): { value: string; citation: Citation } | undefined {
  // The first 推進体制 section with prose of its own (「4章 推進の体制」 only holds 「1. 推進体制」).
  for (const section of doc.sections) {
    if (!STRUCTURE_HEADING.test((section.headingPath.at(-1) ?? '').replace(/\s+/g, ''))) continue;
    const prose = doc.passages.filter((p: Passage) => p.sectionId === section.id && p.kind === 'prose');
    const best = prose.find((p) => p.text.length >= 40) ?? prose[0];
    if (!best) continue;
    const sentences = cleanForResident(best.text)
      .replace(/\n/g, '')
      .split(/(?<=。)/)
      .filter(Boolean);
    return { value: sentences.slice(0, 3).join(''), citation: citePassage(doc, best) };
  }
  return undefined;
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i <= to; i++) out.push(i);
  return out;
}
