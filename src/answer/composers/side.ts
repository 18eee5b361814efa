// One municipality's side of a side-by-side answer: the quotes of its single answer, condensed to the side's
// room. A quote that only announces what follows (「目指す姿を、次のとおりとします。」) gives way to one that
// states it, and a quote keeps the sentences of its passage that continue it (「引き続き、…Fit&Gap分析等を実施し」).
import { NATIONAL_CHAPTER } from '../../analysis/index.js';
import type { KnowledgeSnapshot, MunicipalityId, Passage } from '../../knowledge/index.js';
import { passageIndex } from '../passage-index.js';
import { splitSentences, trimToSentences } from '../text.js';
import type { AnswerSource } from '../types.js';
import type { Composed } from './types.js';

export interface Quote {
  body: string; // the quoted text, without its citation
  cite: string; // 「（文書名 › 見出し）」, or '' for text no citation closes
}

// A sentence that announces what follows it (「次のとおりとします。」「以下①～⑥が求められる。」「…方針を示します。」):
// alone, it says nothing of what was asked.
const ANNOUNCES = /(?:次の|以下|下記)[^。]{0,24}[。:：]?$|示します。?$|[:：]$/;
// A sentence that carries on the one before it (the same measure, the next step): part of the same thought.
const CONTINUES = /^(?:引き続き|今後(?:も|は)?|また|さらに|加えて|あわせて|併せて|そのため|このため|これにより)[、,]/;

// A later quote is cut to whole sentences only when this much of it fits.
const MIN_PART = 20;

// A sentence whose subject is the state or Tokyo (「国は自治体に対し…義務付ける」): the background a municipality's
// own measure answers, not that measure.
// 「自治体は、国の作成する…を参考に…」: every municipality, as the state's plan asks of them, not this one's own measure.
const NATIONAL_SUBJECT = /^(?:[^、。]{0,15}、)?(?:国|政府|東京都|都|自治体|地方公共団体)(?:は|では|において)/;

// A sentence reporting what a law or plan requires (「…努力義務とされています」「…活用すべきとされています」): the
// background of the municipality's stance, like the state's own sentences.
const REPORTED = /とされて(?:います|いる|おり)[。]?$|とされる[。]?$/;
// A footnote (「(*³) Artificial Intelligence の略…」): never the stance.
const FOOTNOTE = /^[(（]\*/;

const flat = (s: string) => s.replace(/\s+/g, '');

/**
 * Whether each sentence is background (the state's or a law's, or a footnote) rather than what the municipality
 * itself says; a sentence carrying on the one before it (「また、」「さらに、」) is what that one is.
 */
export function backgroundSentences(sentences: readonly string[], nationalAsked: boolean): boolean[] {
  const out: boolean[] = [];
  sentences.forEach((s, i) => {
    const bg = FOOTNOTE.test(s) || (!nationalAsked && (NATIONAL_SUBJECT.test(s) || REPORTED.test(s)));
    out.push(bg || (i > 0 && CONTINUES.test(s) && out[i - 1] === true && !FOOTNOTE.test(sentences[i - 1]!)));
  });
  return out;
}

/**
 * Whole sentences of `text` in `max` characters: those of the municipality itself when the text also holds some
 * (what the state requires, a law, a footnote give way to 「本市では…」), else its first sentences.
 */
export function ownSentences(text: string, max: number, nationalAsked = false): string {
  if (text.length <= max) return text;
  const sentences = splitSentences(text);
  const background = backgroundSentences(sentences, nationalAsked);
  const own = sentences.filter((_, i) => !background[i]);
  if (!own.length || own.length === sentences.length) return trimToSentences(text, max);
  return trimToSentences(own.join(''), max);
}

/** The quotes of a composed text: each runs up to the citation that closes it (one naming a document's title). */
export function quotesOf(text: string, titles: readonly string[]): Quote[] {
  const out: Quote[] = [];
  let from = 0;
  let at = 0;
  while (at < text.length) {
    const open = text.indexOf('（', at);
    if (open < 0) break;
    if (!titles.some((t) => text.startsWith(t, open + 1))) {
      at = open + 1;
      continue;
    }
    // The citation closes at its own matching 「）」 (a heading may hold brackets of its own).
    let depth = 0;
    let close = -1;
    for (let i = open; i < text.length; i++) {
      if (text[i] === '（') depth++;
      else if (text[i] === '）' && --depth === 0) {
        close = i;
        break;
      }
    }
    if (close < 0) break;
    const body = text.slice(from, open).trim();
    if (body) out.push({ body, cite: text.slice(open, close + 1) });
    from = close + 1;
    at = close + 1;
  }
  const rest = text.slice(from).trim();
  if (rest) out.push({ body: rest, cite: '' });
  return out;
}

/** Whether a quote only announces what follows it. */
export const announcesOnly = (q: Quote) => ANNOUNCES.test(splitSentences(q.body).at(-1)?.trim() ?? '');

const firstOf = (q: Quote) => flat(splitSentences(q.body)[0] ?? '').slice(0, 30);

/** The source a quote was taken from (its passage, or the excerpt of a glossary entry or FAQ), among its answer's. */
function sourceOf(q: Quote, own: readonly AnswerSource[], byId: ReadonlyMap<string, Passage>): AnswerSource | null {
  const first = firstOf(q);
  if (first.length < 4) return null;
  return (
    own.find((s) => {
      const p = s.passageId ? byId.get(s.passageId) : undefined;
      return flat(p ? p.text : s.excerpt).includes(first);
    }) ?? null
  );
}

/**
 * The sentences of its passage after the quote that belong with it: what an announcing quote announces, or a
 * sentence that carries on the last one quoted (「引き続き、」「また、」).
 */
function continuation(q: Quote, p: Passage | null): string[] {
  if (p?.kind !== 'prose' || q.body.endsWith('…')) return [];
  const sentences = splitSentences(p.text);
  const quoted = flat(q.body);
  let last = -1;
  sentences.forEach((s, i) => {
    if (quoted.includes(flat(s).replace(CONTINUES, ''))) last = i;
  });
  if (last < 0) return [];
  const after = sentences.slice(last + 1);
  if (announcesOnly(q)) return after;
  const out: string[] = [];
  for (const s of after) {
    if (!CONTINUES.test(s)) break;
    out.push(s);
  }
  return out;
}

// The cells of a table row written on one line.
const CELL = /\s\/\s/;

export interface Side {
  text: string;
  sources: AnswerSource[];
}

/**
 * A quote's text in `room` characters: whole when it fits; else, asked for a type of fact (a share, a date), its
 * first line (what it is about) and the lines holding that fact before its other lines; else its first sentences.
 */
export function fitQuote(
  body: string,
  room: number,
  holds: ((text: string) => boolean) | null,
  nationalAsked = false,
): string {
  const joined = body.replace(/\n+/g, ' ');
  if (joined.length <= room) return joined;
  const byLine = body
    .split(/\n+/)
    .map((l) => l.trim())
    .filter(Boolean);
  // One table row on one line (「取組名: … / 令和4年度: … / 令和7年度までのアクション: …70%公開」): its cells are its lines.
  const cells = byLine.length === 1 ? byLine[0]!.split(CELL) : [];
  const all = cells.length > 2 ? cells : byLine;
  const sep = all === cells ? ' / ' : ' ';
  // Cut anyway: the background sentences go first (the state's, a law's, a footnote), when the quote says more.
  const lines = ownLines(all, nationalAsked) ?? all;
  if (lines !== all && lines.join(sep).length <= room) return lines.join(sep);
  if (holds && lines.length > 1 && lines[0]!.length < room && lines.slice(1).some(holds)) {
    const kept = new Set([0]);
    let used = lines[0]!.length;
    const add = (i: number) => {
      if (used + sep.length + lines[i]!.length > room) return false;
      kept.add(i);
      used += sep.length + lines[i]!.length;
      return true;
    };
    const rest = lines.map((_, i) => i).slice(1);
    for (const i of rest.filter((i) => holds(lines[i]!))) add(i);
    for (const i of rest.filter((i) => !kept.has(i))) if (!add(i)) break;
    return lines.filter((_, i) => kept.has(i)).join(sep);
  }
  return ownSentences(lines.join(sep), room, nationalAsked);
}

/** The lines without their background sentences, or null when none is background or every one is. */
function ownLines(lines: readonly string[], nationalAsked: boolean): string[] | null {
  const perLine = lines.map((l) => splitSentences(l));
  const background = backgroundSentences(perLine.flat(), nationalAsked);
  if (background.every(Boolean) || !background.some(Boolean)) return null;
  let k = 0;
  return perLine.map((ss) => ss.filter(() => !background[k++]).join('')).filter(Boolean);
}

// The citation a quote cut to fit keeps: its document's title alone, when the heading leaves too little room.
const shortCite = (cite: string) => cite.replace(/ › [^）]*）$/, '）');

export interface CondenseOptions {
  /** What the frame asks a text to hold (a share, a measure), or null when any text answers. */
  holds: ((text: string) => boolean) | null;
  /** The frame asks about the state's or Tokyo's policy: their sentences are not background then. */
  national: boolean;
}

/**
 * A municipality's single answer in `room` characters: its quotes holding what was asked first, each with the
 * sentences continuing it in its passage; the first one fitted to the room, later ones as far as they fit.
 */
export function condense(
  one: Composed,
  id: MunicipalityId,
  room: number,
  snapshot: KnowledgeSnapshot,
  { holds, national: nationalAsked }: CondenseOptions,
): Side {
  const titles = [...new Set(snapshot.documents.map((d) => d.meta.title))];
  const own = one.sources.filter((s) => s.municipality === id);
  const { byId } = passageIndex(snapshot);
  // A quote is the state's (or a law's) when every sentence of it is background, or when it comes from a chapter on
  // national or Tokyo policy (「4. 国のDX推進」) that the question does not ask about.
  const national = (q: Quote, source: AnswerSource | null) =>
    backgroundSentences(splitSentences(q.body), nationalAsked).every(Boolean) ||
    (!nationalAsked && !!source && NATIONAL_CHAPTER.test(source.section));
  const quotes = quotesOf(one.text.replace(/\n+/g, '\n'), titles).map((q) => {
    const source = sourceOf(q, own, byId);
    const more = continuation(q, source?.passageId ? (byId.get(source.passageId) ?? null) : null);
    const body = more.length ? `${q.body}${more.join('')}` : q.body;
    return { quote: { body, cite: q.cite }, announces: announcesOnly(q), source };
  });
  // What holds the asked type first, then what states something else, then what the state does (unless the
  // frame asks about it); an announcement (with what follows it in its passage, which may be the next heading
  // rather than what it announces) only when nothing else is there.
  const rank = (q: (typeof quotes)[number]) =>
    q.announces ? 3 : national(q.quote, q.source) ? 2 : !holds || holds(q.quote.body) ? 0 : 1;
  const ordered = [...quotes].sort((a, b) => rank(a) - rank(b));
  const pieces: string[] = [];
  const shown: (AnswerSource | null)[] = [];
  let used = 0;
  for (const { quote, source, announces } of ordered) {
    // An announcement is shown only when nothing else is: beside a quote that states something it adds nothing.
    if (announces && pieces.length) break;
    const body = quote.body.replace(/\n+/g, ' ');
    const whole = `${body}${quote.cite}`;
    if (!pieces.length) {
      const cite = whole.length <= room ? quote.cite : shortCite(quote.cite);
      const text =
        whole.length <= room ? whole : `${fitQuote(quote.body, room - cite.length, holds, nationalAsked)}${cite}`;
      pieces.push(text);
      used = text.length;
    } else if (holds && !holds(quote.body)) {
      // Beside a quote, another adds only what was asked (a measure, not why it is needed; a figure).
      continue;
    } else if (used + 1 + whole.length <= room) {
      pieces.push(whole);
      used += 1 + whole.length;
    } else {
      // A later quote as far as its whole sentences fit, or not at all.
      const left = room - used - 1 - quote.cite.length;
      const part = left >= MIN_PART ? ownSentences(body, left, nationalAsked) : '';
      if (!part || part.endsWith('…')) continue;
      pieces.push(`${part}${quote.cite}`);
      used += 1 + part.length + quote.cite.length;
    }
    shown.push(source);
  }
  // The side's source: that of its first quote shown; a line the composer wrote itself (a status line) is its
  // answer's own first.
  const lead = shown[0] ?? own[0];
  return { text: pieces.join(' '), sources: lead ? [lead] : [] };
}
