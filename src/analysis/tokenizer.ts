// Loads kuromoji's IPADIC tokenizer once; every analyzer built from it shares the ~200 MB dictionary.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import kuromoji from 'kuromoji';

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

export function loadTokenizer(dicPath = defaultDicPath()): Promise<RawTokenizer> {
  return new Promise((resolve, reject) => {
    kuromoji.builder({ dicPath }).build((err, tokenizer) => {
      if (err) reject(new AnalyzerLoadError(dicPath, err));
      else resolve(tokenizer);
    });
  });
}

const star = (s: string | undefined): string | undefined => (s && s !== '*' ? s : undefined);

export function toTokens(raw: RawTokenizer, normalized: string): Token[] {
  return raw.tokenize(normalized).map((t) => {
    const token: Token = {
      surface: t.surface_form,
      basic: star(t.basic_form) ?? t.surface_form,
      pos: t.pos,
      pos1: t.pos_detail_1,
      start: t.word_position - 1,
    };
    const pos2 = star(t.pos_detail_2);
    if (pos2) token.pos2 = pos2;
    const reading = star(t.reading);
    if (reading) token.reading = reading;
    return token;
  });
}
