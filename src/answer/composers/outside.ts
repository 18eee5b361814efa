// A municipality the knowledge does not hold (三鷹市, 八王子市 …): say which municipalities are covered rather than
// answer with another one's documents.
import type { Composer } from './types.js';

export const outsideCoverage: Composer = {
  name: 'outside-coverage',
  // Only when no covered municipality is named as well (「三鷹市と小金井市」 is answered for 小金井市).
  accepts: (frame) => frame.municipalities.unknown.length > 0 && frame.municipalities.named.length === 0,
  compose(frame, ctx) {
    const covered = ctx.snapshot.municipalities.map((m) => m.name).join('・');
    const asked = frame.municipalities.unknown.join('・');
    return {
      kind: 'fallback',
      text: `申し訳ありません。${asked}の資料はありません。Madoguchiがお答えできるのは、${covered}のDX推進方針などの資料についてです。お住まいの自治体を選んでお尋ねください。`,
      sources: [],
      confidence: 0,
      municipality: null,
      choices: ctx.snapshot.municipalities.map((m) => m.id),
      reason: 'outside-coverage',
      evidence: [{ id: asked, why: 'named in the question, not among the municipalities of the knowledge' }],
    };
  },
};
