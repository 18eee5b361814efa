import { beforeAll, describe, expect, it } from 'vitest';
import { type Analyzer, createAnalyzer } from '../../src/analysis/index.js';

// Long unpunctuated runs are tokenized in pieces (kuromoji's unknown-word lattice is quadratic in a run);
// the pieces must not change what a token says about where it stands.
let analyzer: Analyzer;
beforeAll(async () => {
  analyzer = await createAnalyzer();
});

describe('long input', () => {
  it.each([
    { text: 'マイナンバーカード'.repeat(220), why: 'a 2,000-character katakana run' },
    { text: 'デジタル化を推進します。'.repeat(160), why: 'many short sentences' },
    { text: `${'行政手続のオンライン化と'.repeat(30)}推進`, why: 'one long sentence without 。' },
  ])('token offsets point at their surface ($why)', ({ text }) => {
    const n = analyzer.normalize(text);
    const tokens = analyzer.tokenize(text);
    expect(tokens.length).toBeGreaterThan(0);
    for (const t of tokens) expect(n.slice(t.start, t.start + t.surface.length)).toBe(t.surface);
  });

  it('a long text gives the same terms as its sentences analyzed one by one', () => {
    const sentences = ['マイナンバーカードの保有率は71.5%です。', '書かない窓口を令和5年11月から運用しています。'];
    const one = sentences.flatMap((s) => analyzer.terms(s));
    const long = analyzer.terms(sentences.join('').repeat(4));
    expect(new Set(long)).toEqual(new Set(one));
  });
});
