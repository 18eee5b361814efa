// 「地元は？」「うちの市のカードの保有率は？」 when the resident has chosen no municipality and names none: which one is
// theirs is asked back, with the municipalities to choose from (LINE shows them as quick replies), rather than guessed
// from the place talked about before. The conversation keeps the topic, so the name sent next asks it there.
import type { Composer } from './composers/types.js';
import { asksUnknownHome } from './follow-up.js';

export const unknownHome: Composer = {
  name: 'unknown-home',
  accepts: asksUnknownHome,
  compose(_frame, ctx) {
    const names = ctx.snapshot.municipalities.map((m) => m.name).join('・');
    return {
      kind: 'clarify',
      text: `お住まいの自治体はどちらですか？${names}から選ぶか、自治体名を送ってください。`,
      sources: [],
      confidence: 1,
      municipality: null,
      choices: ctx.snapshot.municipalities.map((m) => m.id),
      reason: 'no-municipality',
      evidence: [{ id: 'home', why: 'the question names the resident’s own municipality, and none is chosen' }],
    };
  },
};
