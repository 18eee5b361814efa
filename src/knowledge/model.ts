// The knowledge model every other room reads: parsed seed documents plus the admin-edited YAML files.
// Pure types and constants; the zod schemas for the YAML files live in schemas.ts.
import type { FactSet } from './facts/types.js';
import type { ChannelId, MunicipalityId } from './ids.js';

export { CHANNEL_IDS, type ChannelId, MUNICIPALITY_ID_PATTERN, type MunicipalityId } from './ids.js';

export interface Contact {
  department?: string; // 担当課
  phone?: string;
  address?: string;
  url?: string;
  hours?: string;
}

export interface Municipality {
  id: MunicipalityId;
  name: string; // 東久留米市
  shortName: string; // 東久留米
  aliases: string[]; // every other way a resident may name it
  contact: Contact;
}

export interface DocumentMeta {
  id: string; // stable, e.g. "higashikurume-dx"
  municipality: MunicipalityId;
  title: string;
  issued: string;
  publisher: string;
  contact?: string;
  file: string; // as loaded: relative to the project root when inside it (seeds/x.txt), else absolute
}

export type PassageKind = 'prose' | 'list' | 'table-row' | 'glossary';

export interface Section {
  id: string;
  documentId: string;
  municipality: MunicipalityId;
  headingPath: string[]; // ["3章 DX推進に向けた取組み", "1. 地方自治体が取り組むべき事項"]
  line: number; // 1-based line of the heading in the seed file
}

export interface Passage {
  id: string; // stable across runs: document id + section + ordinal (never a random id)
  kind: PassageKind;
  municipality: MunicipalityId;
  documentId: string;
  sectionId: string;
  headingPath: string[];
  text: string; // original text for display (table rows: "header: cell / header: cell")
  normalized: string; // normalized text for indexing (NFKC, OCR repairs)
  line: number; // 1-based line in the seed file where the passage starts
}

export interface GlossaryEntry {
  id: string;
  term: string;
  reading?: string; // よみ, when the glossary gives one
  aliases: string[]; // English expansions and alternative spellings (RPA → Robotic Process Automation)
  definition: string; // empty string when the document leaves it empty — never filled in
  municipality: MunicipalityId;
  documentId: string;
  headingPath: string[];
  line: number;
}

export interface ParsedDocument {
  meta: DocumentMeta;
  sections: Section[];
  passages: Passage[];
  glossary: GlossaryEntry[];
}

export interface SynonymGroup {
  terms: string[]; // first term is the canonical one
}

export interface FaqEntry {
  id: string;
  municipality?: MunicipalityId; // absent: applies to every municipality
  questions: string[]; // paraphrases a resident might type
  answer: string;
  source: { document: string; section: string }; // document id and a heading (path) in it
}

export type ChannelStatus = 'available' | 'planned' | 'none';

export interface ChannelInfo {
  status: ChannelStatus;
  since?: string; // 令和5年11月
  plannedFor?: string; // 令和9年度
  note?: string; // resident-facing one-liner
  department?: string; // the department that handles it (市民課)
  url?: string;
  phone?: string;
  place?: string;
  hours?: string;
  procedures?: string[]; // 住民票, 印鑑登録証明書 …
  source?: { document: string; section: string; excerpt?: string };
}

export interface RouteTable {
  // national defaults: what each channel is, in one line, and which procedures it usually handles
  channels: Record<ChannelId, { label: string; description: string; procedures: string[] }>;
  municipalities: Record<MunicipalityId, Partial<Record<ChannelId, ChannelInfo>>>;
  // known rules (転出届はマイナポータルでオンライン可、転入は来庁が必要 …)
  rules: { id: string; procedures: string[]; text: string; channels: ChannelId[] }[];
}

export interface QuestionSetItem {
  id: string;
  cat: string;
  q: string;
  m?: MunicipalityId;
  kind: 'answer' | 'route' | 'clarify' | 'fallback' | 'greeting';
  all?: string[];
  any?: string[];
  src?: MunicipalityId[];
  channels?: ChannelId[];
}

export interface QuestionSet {
  file: string;
  items: QuestionSetItem[];
}

export interface KnowledgeSnapshot {
  municipalities: Municipality[];
  documents: ParsedDocument[];
  passages: Passage[]; // all documents, flattened
  glossary: GlossaryEntry[]; // all documents, flattened
  faq: FaqEntry[];
  synonyms: SynonymGroup[];
  routes: RouteTable;
  questionSets: QuestionSet[];
  facts: FactSet; // typed facts read from the documents and routes at load, each cited
  hash: string; // sha256 over every input file's bytes: cache key for the index
  loadedAt: string; // ISO time
  files: string[]; // every input file, relative to the root
}

export interface KnowledgeError {
  file: string; // relative path
  line?: number;
  field?: string; // groups[3]
  message: string;
}

export type LoadResult = { ok: true; snapshot: KnowledgeSnapshot } | { ok: false; errors: KnowledgeError[] };
