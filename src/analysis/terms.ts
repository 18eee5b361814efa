// The token filter chain: numbers and era years merged, stop tags and stop words dropped, base forms,
// katakana long-vowel stemming and compounds emitted both ways (the joined noun run plus its parts).

import { kanaToKatakana } from './kana.js';
import { isPunctuation, isStopPos, QUESTION_WORDS, STOP_WORDS } from './stop.js';
import type { Token } from './tokenizer.js';

const KATAKANA_ONLY = /^[\u30A1-\u30FA\u30FC]+$/;
const DIGITS = /^[0-9]+$/;
const ERA = new Set(['令和', '平成', '昭和']);
// Between two content tokens these keep a run together: AI-OCR, UI/UX, デジタル・トランスフォーメーション.
const CONNECTORS = new Set(['-', '/', '・', '&']);

/** JapaneseKatakanaStemFilter: サーバー → サーバ when the word is katakana only and at least 4 long. */
export function stemKatakana(term: string): string {
  if (term.length >= 4 && term.endsWith('ー') && KATAKANA_ONLY.test(term)) return term.slice(0, -1);
  return term;
}

/** kuromoji's reading (Lucene's ReadingAttribute); an unknown word written in kana reads as its katakana. */
export function readingOf(t: { surface: string; reading?: string }): string | undefined {
  // kuromoji keeps 「エビデンス・ベースド」 as one unknown word; the dot is not read.
  return (t.reading ?? kanaToKatakana(t.surface))?.replace(/・/g, '') || undefined;
}

interface Unit {
  surface: string;
  basic: string;
  pos: string;
  pos1: string;
  start: number;
  end: number;
  reading?: string; // 読み of the surface (katakana); absent for numbers, Latin and unknown kanji
}

/** Joins what kuromoji splits apart: 71 . 5 → 71.5, 205 , 805 → 205805, 令 和 7 → 令和7. */
export function mergeUnits(tokens: Token[]): Unit[] {
  const units: Unit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const end = t.start + t.surface.length;
    if (DIGITS.test(t.surface)) {
      let surface = t.surface;
      let last = end;
      while (i + 2 < tokens.length) {
        const sep = tokens[i + 1]!;
        const next = tokens[i + 2]!;
        if ((sep.surface === '.' || sep.surface === ',') && sep.start === last && DIGITS.test(next.surface)) {
          if (sep.surface === ',' && next.surface.length !== 3) break;
          surface += sep.surface === '.' ? `.${next.surface}` : next.surface;
          last = next.start + next.surface.length;
          i += 2;
        } else break;
      }
      const prev = units[units.length - 1];
      if (prev && ERA.has(prev.surface) && prev.end === t.start) {
        prev.surface += surface;
        prev.basic = prev.surface;
        prev.pos1 = '数';
        prev.end = last;
      } else {
        units.push({ surface, basic: surface, pos: '名詞', pos1: '数', start: t.start, end: last });
      }
      continue;
    }
    // IPADIC predates 令和 and splits it into 令 + 和.
    const prev = units[units.length - 1];
    if (t.surface === '和' && prev?.surface === '令' && prev.end === t.start) {
      prev.surface = '令和';
      prev.basic = '令和';
      prev.end = end;
      continue;
    }
    const unit: Unit = { surface: t.surface, basic: t.basic, pos: t.pos, pos1: t.pos1, start: t.start, end };
    const reading = readingOf(t);
    if (reading) unit.reading = reading;
    units.push(unit);
  }
  return units;
}

function isContent(u: Unit, question: boolean): boolean {
  if (isPunctuation(u.surface)) return false;
  if (isStopPos(u.pos, u.pos1)) return false;
  if (STOP_WORDS.has(u.basic) || STOP_WORDS.has(u.surface)) return false;
  if (question && (QUESTION_WORDS.has(u.basic) || QUESTION_WORDS.has(u.surface))) return false;
  return true;
}

function isCompoundPart(u: Unit): boolean {
  if (u.pos === '名詞') return true;
  return u.pos === '接頭詞' && u.pos1 === '名詞接続';
}

export interface ChainOptions {
  question?: boolean; // drop question words too (query side)
}

/** A content span: consecutive content units with no gap, used for compounds and bigrams. */
export interface Span {
  text: string;
  units: Unit[];
}

/**
 * Morphological terms of already-normalized tokens. Compound parts come first, then the joined run,
 * so 「マイナンバーカード」 yields マイナンバー, カード, マイナンバーカード when kuromoji splits it.
 */
export function chainTerms(tokens: Token[], options: ChainOptions = {}, groups?: number[]): string[] {
  const units = mergeUnits(tokens);
  const out: string[] = [];
  // groups[i]: which concept out[i] belongs to; a compound's parts and its joined form share one.
  let group = 0;
  const emit = (term: string) => {
    out.push(term);
    groups?.push(group);
  };
  let run: Unit[] = [];
  let pendingConnector: Unit | null = null;
  const flush = () => {
    if (run.length >= 2) emit(stemKatakana(run.map((u) => (u.surface === '・' ? '' : u.surface)).join('')));
    if (run.length) group++;
    run = [];
    pendingConnector = null;
  };
  for (const u of units) {
    if (CONNECTORS.has(u.surface) && run.length > 0 && !pendingConnector) {
      pendingConnector = u;
      continue;
    }
    if (!isContent(u, options.question ?? false)) {
      flush();
      continue;
    }
    if (isCompoundPart(u)) {
      const prev = pendingConnector ?? run[run.length - 1];
      if (prev && prev.end !== u.start) flush();
      emit(stemKatakana(u.basic));
      if (pendingConnector) run.push(pendingConnector);
      pendingConnector = null;
      run.push(u);
    } else {
      flush();
      emit(stemKatakana(u.basic));
      group++;
    }
  }
  flush();
  return out;
}

/** Content spans (text between stop tokens), for the bigram field. */
export function contentSpans(tokens: Token[], options: ChainOptions = {}): string[] {
  const units = mergeUnits(tokens);
  const spans: string[] = [];
  let current = '';
  let end = -1;
  for (const u of units) {
    if (!isContent(u, options.question ?? false)) {
      if (current) spans.push(current);
      current = '';
      continue;
    }
    if (current && u.start !== end) {
      spans.push(current);
      current = '';
    }
    current += u.surface;
    end = u.end;
  }
  if (current) spans.push(current);
  return spans;
}

/** Character bigrams of each span; a one-character span stays a unigram. */
export function spanBigrams(spans: string[]): string[] {
  const out: string[] = [];
  for (const span of spans) {
    const chars = [...span];
    if (chars.length === 1) out.push(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  }
  return out;
}

/** A reading with the spelling it was read from: 「ヒョウジュンカ」 of 「標準化」. */
export interface ReadingTerm {
  reading: string;
  spelling: string;
}

/**
 * The reading field (Elasticsearch's kuromoji_readingform): the katakana reading of every content word
 * as written (書か → カカ), and of each compound run joined (フロントヤード改革 → フロントヤードカイカク).
 * Words without a reading (numbers, Latin, unknown kanji) give none, and a run holding one gives none either.
 */
export function chainReadings(tokens: Token[]): ReadingTerm[] {
  const out: ReadingTerm[] = [];
  let run: Unit[] = [];
  const flush = () => {
    if (run.length >= 2 && run.every((u) => u.reading)) {
      out.push({ reading: run.map((u) => u.reading).join(''), spelling: run.map((u) => u.surface).join('') });
    }
    run = [];
  };
  for (const u of mergeUnits(tokens)) {
    if (!isContent(u, false)) {
      flush();
      continue;
    }
    if (u.reading) out.push({ reading: u.reading, spelling: u.surface });
    if (!isCompoundPart(u)) {
      flush();
      continue;
    }
    const prev = run[run.length - 1];
    if (prev && prev.end !== u.start) flush();
    run.push(u);
  }
  flush();
  return out;
}
