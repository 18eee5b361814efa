// findOwnDefinition looks for a defining clause (「X：…」「Xとは…。」) only where a match can start — before an
// occurrence of the term — instead of scanning the whole passage with the patterns. It must find the same clause
// as the scan: here against the scan itself (the patterns as they were), for every glossary term and alias in
// every passage holding it, and for terms and texts built to stress what may precede the term (digits, 「.)）」,
// circled numbers, line breaks, the text's start, overlapping occurrences).
import { beforeAll, describe, expect, it } from 'vitest';
import { definingClause } from '../../src/answer/definition.js';
import type { KnowledgeSnapshot } from '../../src/knowledge/index.js';
import { loadCorpus } from '../knowledge/corpus.js';

// The clause search as a plain scan: both patterns over the whole text (a note mark ※ may precede the term, as a
// stop or a space may: 「※DX(デジタル・トランスフォーメーション)：…」).
const NUMBERED = '[①-⑳]|[0-9]+[.)）]?';
function scanned(target: string): (text: string) => string | null {
  const t = target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const at = `(?:^|[。\\n「、\\s※]|${NUMBERED})${t}\\*?(?:[（(][^）)]{1,40}[）)])?`;
  const colon = new RegExp(`${at}\\s*[:：]\\s*([^。]+?)(?=、(?:${NUMBERED})|。|$)`);
  const toha = new RegExp(`${at}とは[、,]?([^。]{6,}。)`);
  return (text) => {
    if (!text.includes(target)) return null;
    const m = colon.exec(text) ?? toha.exec(text);
    const clause = m?.[1]?.trim();
    return clause && clause.length >= 6 ? clause : null;
  };
}

let snapshot: KnowledgeSnapshot;
beforeAll(async () => {
  snapshot = await loadCorpus();
}, 60_000);

describe('the defining clause is found where a match can start', () => {
  it('finds what a scan of the whole passage finds, for every glossary term in the corpus', () => {
    const texts = snapshot.passages.map((p) => p.normalized.toLowerCase());
    const terms = [
      ...new Set(
        snapshot.glossary.flatMap((g) => [g.term, ...g.aliases]).map((t) => t.normalize('NFKC').toLowerCase()),
      ),
    ];
    let held = 0;
    let found = 0;
    for (const term of terms) {
      const fast = definingClause(term);
      const slow = scanned(term);
      for (const text of texts) {
        if (!text.includes(term)) continue;
        held++;
        const clause = fast(text);
        expect(clause, `${term} in ${text.slice(0, 60)}`).toBe(slow(text));
        if (clause) found++;
      }
    }
    expect(held).toBeGreaterThan(500);
    expect(found).toBeGreaterThan(5);
  }, 60_000);

  it('finds what the scan finds in texts built around what may precede the term', () => {
    // a small alphabet holding the term's pieces, digits, the marks after a number, the separators and the clause ends
    const alphabet = [
      'dx',
      'd',
      'x',
      '1',
      '23',
      '.',
      ')',
      '）',
      '①',
      '。',
      '\n',
      '「',
      '※',
      '、',
      ' ',
      ':',
      '：',
      'とは',
      'あいうえおかきく',
      '(注)',
      '*',
      // the clause's own marks, more often
      'とは',
      '：',
      'あいうえおかきく',
      'あいうえおかきく',
    ];
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 48_271) % 2_147_483_647; // Park–Miller, exact in doubles
      return seed % n;
    };
    const targets = ['dx', 'x', '1', '12', 'd.x', '2)', ''];
    let found = 0;
    for (let i = 0; i < 10_000; i++) {
      for (const target of targets) {
        // the term itself as every third piece or so
        let text = '';
        const parts = 1 + random(14);
        for (let k = 0; k < parts; k++) text += random(3) ? alphabet[random(alphabet.length)] : target;
        const clause = definingClause(target)(text);
        expect(clause, `${target} in ${JSON.stringify(text)}`).toBe(scanned(target)(text));
        if (clause) found++;
      }
    }
    expect(found).toBeGreaterThan(300);
  });
});
