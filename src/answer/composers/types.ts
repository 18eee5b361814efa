// What a composer is: it accepts a frame or not, and composes an answer or declines with its reason.
import type { Analyzer } from '../../analysis/index.js';
import type { KnowledgeSnapshot, Municipality, MunicipalityId } from '../../knowledge/index.js';
import type { SearchHit, SearchIndex } from '../../search/index.js';
import type { GlossaryKeys } from '../definition.js';
import type { SynonymSets } from '../extract.js';
import type { Frame } from '../frame.js';
import type { SectionTable } from '../sections.js';
import type { Catalog } from '../sources.js';
import type { TextTerms } from '../terms.js';
import type { Answer, AnswerKind, AnswerSource } from '../types.js';

export interface Evidence {
  id: string; // passage, glossary entry, section or document id
  why: string; // why it answered
}

export interface Composed {
  kind?: AnswerKind; // default 'answer'
  text: string;
  sources: AnswerSource[];
  confidence: number;
  municipality?: MunicipalityId | null; // default: the frame's
  route?: Answer['route'];
  choices?: MunicipalityId[];
  contact?: Answer['contact'];
  related?: string[];
  reason?: string;
  evidence: Evidence[];
  /**
   * What validation reads: the quoted text (with its heading) and whose it is. Absent: the composer answers
   * from structured data it checked itself (a route, a glossary entry it names, a greeting).
   */
  check?: {
    text: string;
    headings: string[];
    municipalities: MunicipalityId[];
    /** The quote given first, in its section: it must be about the topic itself, not only a later quote. */
    lead?: string;
  };
  /** One line for a side-by-side answer (comparison, aggregation): the best sentence and its citation. */
  brief?: string;
}

export interface Decline {
  decline: string;
}

export type Outcome = Composed | Decline;

export const declined = (o: Outcome): o is Decline => 'decline' in o;

export interface ComposeContext {
  snapshot: KnowledgeSnapshot;
  index: SearchIndex;
  analyzer: Analyzer;
  catalog: Catalog;
  tt: TextTerms;
  sets: SynonymSets;
  /** The glossary by the keys naming its entries (per snapshot). */
  glossaryKeys: GlossaryKeys;
  /** Every section's heading and title, analysed (per snapshot, per municipality; only `among`'s when set). */
  sections: SectionTable;
  /**
   * The municipalities a frame without one reads (null: every one): the not-stated step reads the asked one
   * and the few whose documents hold the topic, not every municipality's shard.
   */
  among: readonly MunicipalityId[] | null;
  /**
   * A municipality and the few others whose documents hold most of the frame's topic (in the bundled corpus,
   * every other one): what a question scoped to it reads of the others (a 参考 quote, a glossary ranking).
   */
  around(frame: Frame, id: MunicipalityId): MunicipalityId[];
  municipality(id: MunicipalityId | null): Municipality | null;
  /** The municipality's contact line (「…のお問い合わせ先：…」), or ''. */
  contactLine(id: MunicipalityId | null): string;
  /** Index search for a frame: its municipality only when it has one. */
  search(frame: Frame, query: string, limit?: number): SearchHit[];
  /** The topic's most specific word (fewest documents hold it), or null. */
  specific(frame: Frame): string | null;
  /** The single-municipality pipeline (composers and validation) for a frame: comparison and aggregation. */
  answerFor(frame: Frame): Composed | null;
}

export interface Composer {
  name: string;
  /** Whether the composer handles this kind of frame at all; the engine records a miss as "not accepted". */
  accepts(frame: Frame): boolean;
  compose(frame: Frame, ctx: ComposeContext): Outcome;
}
