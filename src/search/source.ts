// What an index document stands for: a passage, a glossary entry or an FAQ entry. Its own file so that the
// documents and the priors that read it (intent.ts) import it without importing each other.
import type { FaqEntry, GlossaryEntry, Passage } from '../knowledge/index.js';

export type HitType = 'passage' | 'glossary' | 'faq';

export interface Source {
  type: HitType;
  passage?: Passage;
  glossary?: GlossaryEntry;
  faq?: FaqEntry;
}
