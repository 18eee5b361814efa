// 「〜とは」: the glossary entry for the term — the asked municipality's when it has one, otherwise the best,
// saying whose glossary it is.
import { composeDefinition } from '../definition.js';
import { clip } from '../limits.js';
import type { Composer } from './types.js';

export const glossary: Composer = {
  name: 'glossary',
  accepts: (frame) => frame.attribute === 'definition' && !!frame.target,
  compose(frame, ctx) {
    const only = frame.municipalitySource === 'question' && frame.municipalities.named.length === 0;
    // Other municipalities' entries are ranked (and found near the term) in a bounded set of shards: those read
    // (not-stated's 参考), or the chosen municipality's and the few holding the topic.
    const reads = ctx.among
      ? { among: ctx.among, entries: true }
      : frame.municipality
        ? { among: ctx.around(frame, frame.municipality), entries: false }
        : null;
    const d = composeDefinition(frame.target!, frame.municipality, ctx.glossaryKeys, ctx.index, ctx.catalog, {
      only,
      reads,
    });
    if (!d) return { decline: `no glossary entry defines 「${frame.target}」` };
    return {
      text: clip(d.text),
      sources: d.sources,
      confidence: d.confidence,
      // The municipality the answer is for: the user's; the text says whose glossary answered.
      municipality: frame.municipality ?? d.entry.municipality,
      evidence: [
        {
          id: d.entry.id,
          why: d.confidence > 0.9 ? 'its term or alias is the asked term' : 'its term contains the asked term',
        },
      ],
      brief: clip(d.text),
    };
  },
};
