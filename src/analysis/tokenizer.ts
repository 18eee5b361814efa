// Loads kuromoji's IPADIC tokenizer once (dictionary.ts); every analyzer built from it shares the dictionary.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type kuromoji from 'kuromoji';
import { buildTokenizer, loadSharedDictionary, type SharedDictionary } from './dictionary.js';

export interface Token {
  surface: string; // 表層形
  basic: string; // 基本形 (the surface when kuromoji gives '*', as it does for unknown words)
  pos: string; // 品詞
  pos1: string; // 品詞細分類1
  pos2?: string; // 品詞細分類2
  reading?: string; // 読み
  start: number; // offset in the normalized text
}

export type RawTokenizer = kuromoji.Tokenizer<kuromoji.IpadicFeatures>;

export class AnalyzerLoadError extends Error {
  constructor(
    readonly dicPath: string,
    cause: unknown,
  ) {
    super(`analysis: cannot load the kuromoji dictionary from ${dicPath}: ${String(cause)}`, { cause });
    this.name = 'AnalyzerLoadError';
  }
}

export function defaultDicPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('kuromoji/package.json')), 'dict');
}

export function loadTokenizer(dicPath = defaultDicPath(), shared?: SharedDictionary): Promise<RawTokenizer> {
  return buildTokenizer(dicPath, shared).catch((err: unknown) => {
    throw new AnalyzerLoadError(dicPath, err);
  });
}

/** The dictionary's files in shared memory, for analyzers in several worker threads (createAnalyzer's `dictionary`). */
export function loadDictionary(dicPath = defaultDicPath()): Promise<SharedDictionary> {
  return loadSharedDictionary(dicPath).catch((err: unknown) => {
    throw new AnalyzerLoadError(dicPath, err);
  });
}

const star = (s: string | undefined): string | undefined => (s && s !== '*' ? s : undefined);

// kuromoji proposes an unknown-word node from every position of a same-class run to its end, so a long
// unpunctuated run (a 2,000-character katakana message) costs quadratic time — seconds on one message.
// Text is tokenized in pieces: at sentence ends and spaces, and any piece longer than this is cut.
const MAX_PIECE = 64;

const charClass = (c: string) =>
  /[ぁ-ゖ]/.test(c) ? 'h' : /[ァ-ヺー]/.test(c) ? 'k' : /[一-龯々〆]/.test(c) ? 'c' : /[a-z0-9]/i.test(c) ? 'l' : 'o';

function pieces(text: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  const re = /[^。！？!?、，,\s]+[。！？!?、，,]?|\s+/g;
  for (const m of text.matchAll(re)) {
    let at = m.index ?? 0;
    let rest = m[0];
    while (rest.length > MAX_PIECE) {
      // Cut where the script changes (ひらがな → 漢字 …), so a word is rarely split; else at the limit.
      let cut = MAX_PIECE;
      for (let i = MAX_PIECE; i > MAX_PIECE / 2; i--) {
        if (charClass(rest[i - 1]!) !== charClass(rest[i]!)) {
          cut = i;
          break;
        }
      }
      out.push({ text: rest.slice(0, cut), start: at });
      at += cut;
      rest = rest.slice(cut);
    }
    out.push({ text: rest, start: at });
  }
  return out;
}

/**
 * Tokens of the pieces of long texts (at offset 0), the latest `max` remembered: a quote validated with its
 * heading path while answering is made of pieces (a heading, a sentence) other questions tokenized already.
 * A piece is tokenized on its own whatever surrounds it, so its tokens are the same wherever it occurs.
 */
export interface PieceMemo {
  get(piece: string): readonly Token[] | undefined;
  set(piece: string, tokens: readonly Token[]): void;
}

export function createPieceMemo(max = 5_000): PieceMemo {
  const map = new Map<string, readonly Token[]>();
  return {
    get: (piece) => map.get(piece),
    set(piece, tokens) {
      map.set(piece, tokens);
      if (map.size > max) map.delete(map.keys().next().value!);
    },
  };
}

/**
 * kuromoji's tokens of a normalized text: whole when it is short, else piece by piece (`memo`: the pieces
 * remembered). `short`: short texts remembered as well — a topic phrase, a cue word or a suggested follow-up
 * (「…の担当課は？」) recurs from question to question; kuromoji gives a text the same tokens every time.
 */
export function toTokens(raw: RawTokenizer, normalized: string, memo?: PieceMemo, short?: PieceMemo): Token[] {
  if (normalized.length <= MAX_PIECE)
    return short ? pieceTokens(raw, { text: normalized, start: 0 }, short) : convert(raw, normalized, 0);
  return pieces(normalized).flatMap((p) => (p.text.trim() ? pieceTokens(raw, p, memo) : []));
}

function pieceTokens(raw: RawTokenizer, p: { text: string; start: number }, memo?: PieceMemo): Token[] {
  if (!memo) return convert(raw, p.text, p.start);
  let tokens = memo.get(p.text);
  if (!tokens) {
    tokens = convert(raw, p.text, 0);
    memo.set(p.text, tokens);
  }
  // copies: the remembered tokens are shared by every text holding the piece
  return tokens.map((t) => ({ ...t, start: p.start + t.start }));
}

function convert(raw: RawTokenizer, normalized: string, offset: number): Token[] {
  return raw.tokenize(normalized).map((t) => {
    const token: Token = {
      surface: t.surface_form,
      basic: star(t.basic_form) ?? t.surface_form,
      pos: t.pos,
      pos1: t.pos_detail_1,
      start: offset + t.word_position - 1,
    };
    const pos2 = star(t.pos_detail_2);
    if (pos2) token.pos2 = pos2;
    const reading = star(t.reading);
    if (reading) token.reading = reading;
    return token;
  });
}
