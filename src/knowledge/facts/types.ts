// Typed facts read out of the parsed documents at load time, each carrying the citation a composer needs.
// Plain data (the snapshot is frozen and hashed); lookups are the pure functions in lookup.ts.
import type { ChannelId, MunicipalityId } from '../ids.js';

/** Where a fact was read: enough to cite it to a resident and to find it again in the seed file. */
export interface Citation {
  municipality: MunicipalityId;
  documentId: string;
  documentTitle: string; // 東久留米市DX推進方針
  headingPath: string[]; // ["3章 DX推進に向けた取組み", "2. 実施スケジュール"]
  section: string; // headingPath joined with " › " ('' before the first heading)
  passageId?: string; // the passage the fact was read from, when there is one
  line: number; // 1-based line in the seed file
}

export type FactKind = 'glossary' | 'kpi' | 'schedule' | 'service' | 'document' | 'list';

interface FactBase {
  id: string; // stable: derived from the passage / entry id, never random
  kind: FactKind;
  municipality: MunicipalityId;
  citation: Citation;
  text: string; // one resident-facing line, already through cleanForResident
}

export interface GlossaryFact extends FactBase {
  kind: 'glossary';
  entryId: string; // GlossaryEntry.id
  term: string;
  reading?: string;
  aliases: string[];
  definition: string; // '' when the document leaves it empty
}

/** A number as printed, with the value read out of it (205,805 → 205805). */
export interface Amount {
  value: number;
  unit?: string; // 枚, 件, %, データセット
  text: string; // 205,805枚
}

export interface KpiFact extends FactBase {
  kind: 'kpi';
  measure: string; // 重点取組 / 取組名: マイナンバーカードの普及促進
  item?: string; // 項番: 12-1
  indicator?: string; // 成果指標: マイナンバーカードの交付枚数
  department?: string; // 所管課: 市民課
  stage?: string; // 取組段階: 導入実行
  target?: Amount; // 目標値
  actual?: Amount; // 実績値
  rate?: Amount; // 達成率 (unit %)
  baseline?: Amount; // 基準値 / 現状値
  unit?: string;
  asOf?: string; // 令和5年9月30日現在
  period?: string; // 単年度, 令和7年度まで
  others?: { label: string; amount: Amount }[]; // other figures the same sentence gives (全国 74.0%)
  /** Other facts rendering the same KPI (西東京市's 一覧 row ↔ its result sheet). */
  sameAs: string[];
  /** False when a cleaner rendering of the same KPI exists (then answer from the one in sameAs). */
  preferred: boolean;
}

export interface ScheduleStage {
  year: string; // 令和5年度 (as normalised from R5, 2023(R5)年度 …)
  fiscalYear: number; // 2023
  stage: string; // スモールスタート
  status: StageStatus; // what the stage word says (stage-words table)
}

export interface ScheduleFact extends FactBase {
  kind: 'schedule';
  measure: string; // 電子決裁(文書)
  group?: string; // 柱 / 分類: 役場業務の変革
  summary?: string; // 概要
  stages: ScheduleStage[]; // ordered by fiscal year
  sameAs: string[]; // the same measure's schedule elsewhere (日の出町's 一覧 row ↔ its 施策 sheet)
  preferred: boolean;
}

export type StageStatus = 'available' | 'planned' | 'studying';
export type ServiceStatus = StageStatus | 'not-mentioned';

export interface ServiceEvidence {
  status: ServiceStatus;
  since?: string; // 令和5年11月
  plannedFor?: string; // 令和7年度
  smallStart?: string; // 令和6年度 (スモールスタート / 試行)
  stage?: string; // the plan's stage word for plannedFor: 開始, 検討・推進
  text: string; // the clean sentence or row that says so
  from: 'routes' | 'schedule' | 'kpi' | 'prose';
  factId?: string; // the schedule / KPI fact it was derived from
  citation: Citation;
}

export interface ServiceStatusFact extends FactBase {
  kind: 'service';
  service: string; // the phrase the document uses: 電子決裁, 書かない窓口
  channel?: ChannelId; // the front-yard channel, when the service is one
  label: string; // display name (the channel label, else the service phrase)
  status: ServiceStatus; // the strongest evidence's status
  since?: string;
  plannedFor?: string;
  smallStart?: string;
  evidence: ServiceEvidence[]; // strongest first
}

export type DocumentAttribute =
  | 'title'
  | 'made' // 策定 / 発行
  | 'revised' // 改訂 (one fact per revision)
  | 'period' // 計画期間 / 対象期間
  | 'publisher' // 発行 / 編集 / 担当課
  | 'phone'
  | 'fax'
  | 'email'
  | 'address'
  | 'cio' // 最高情報統括責任者
  | 'head' // 市長 / 町長 named in the document
  | 'structure'; // 推進体制

export interface DocumentFact extends FactBase {
  kind: 'document';
  attribute: DocumentAttribute;
  value: string; // 令和6年8月, 042-470-7704, 副市長
  start?: string; // period: 令和4年度 / 2022年度
  end?: string; // period: 令和8年度
  person?: string; // cio / head: 小澤 賢治
}

export interface ListItem {
  text: string; // clean, without the bullet
  passageId?: string;
  line: number;
}

export interface ListFact extends FactBase {
  kind: 'list';
  title: string; // the section heading
  lead?: string; // the sentence announcing the items, when the document has one (「次の視点が必要です。」)
  items: ListItem[];
}

export type Fact = GlossaryFact | KpiFact | ScheduleFact | ServiceStatusFact | DocumentFact | ListFact;

export interface MunicipalityFacts {
  glossary: GlossaryFact[];
  kpi: KpiFact[];
  schedule: ScheduleFact[];
  service: ServiceStatusFact[];
  document: DocumentFact[];
  list: ListFact[];
}

/** snapshot.facts: every fact, and the same facts grouped per municipality for cheap lookups. */
export interface FactSet {
  all: Fact[];
  byMunicipality: Record<string, MunicipalityFacts>;
}
