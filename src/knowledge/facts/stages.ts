// What a stage word says about a measure in a given year: in operation, being built or piloted, or being
// studied. One row per word with the reason; the word at the end of a phrase decides (Japanese is
// head-final: 「導入検討」 is a study, 「試行導入」 a pilot, 「活用継続」 in operation).
import type { StageStatus } from './types.js';

export const STAGE_WORDS: readonly { word: string; status: StageStatus; why: string }[] = [
  { word: '検討', status: 'studying', why: '「導入検討」「対応方針検討」: deciding whether and how' },
  { word: '研究', status: 'studying', why: '「事例研究」: looking at other municipalities' },
  { word: '調査', status: 'studying', why: '「調査」「手続調査」' },
  { word: 'ヒアリング', status: 'studying', why: '「各課ヒアリング」' },
  { word: 'ヒア', status: 'studying', why: '「対象課ヒア」 (abbreviated)' },
  { word: '選定', status: 'studying', why: '「対象事業の選定」' },
  { word: '策定', status: 'studying', why: '「計画策定」: a plan, not yet the thing' },
  { word: '設計', status: 'studying', why: '「検討・設計」' },
  { word: '準備', status: 'planned', why: '「加入準備」「移行準備」: getting ready' },
  { word: '構築', status: 'planned', why: '「制度・環境構築」: being built' },
  { word: '整備', status: 'planned', why: '「例規・環境整備」' },
  { word: '試行', status: 'planned', why: '「試行」: a trial, not yet in service' },
  { word: 'スモールスタート', status: 'planned', why: 'a small start: begins on a small scale' },
  { word: '移行', status: 'planned', why: '「移行準備・移行」: moving to a new system' },
  { word: '開始', status: 'available', why: '「開始」: starts that year' },
  { word: '導入', status: 'available', why: '「導入」「随時導入」: introduced' },
  { word: '実施', status: 'available', why: '「実施」' },
  { word: '運用', status: 'available', why: '「運用」' },
  { word: '実装', status: 'available', why: '「無線化実装」' },
  { word: '継続', status: 'available', why: '「活用継続」「開催継続」: already running' },
  { word: '完了', status: 'available', why: '「移行完了」' },
  { word: '対応', status: 'available', why: '「随時対応」: handled as it comes' },
  { word: '推進', status: 'available', why: '「推進」「検討・推進」 in a year column: being carried out' },
  { word: '促進', status: 'available', why: '「普及促進」' },
  { word: '拡充', status: 'available', why: '「オンライン化拡充」: extending what exists' },
  { word: '拡大', status: 'available', why: '「活用範囲の検討・拡大」' },
  { word: '活用', status: 'available', why: '「健康課による活用」' },
  { word: '利用', status: 'available', why: '「共同利用」' },
  { word: '追加', status: 'available', why: '「オンライン手続業務の追加」' },
  { word: '充実', status: 'available', why: '「SNS充実」' },
  { word: '改善', status: 'available', why: '「HP改善」' },
];

const RANK: Record<StageStatus, number> = { studying: 0, planned: 1, available: 2 };
const TRAILING = /(?:の取組|の取り組み|取組|を継続|等|など)$/;
const PILOT = /試行|スモールスタート/;

/** The status a stage phrase states, or undefined when it holds no stage word at its end. */
export function stageStatus(stage: string): StageStatus | undefined {
  let best: StageStatus | undefined;
  for (const part of stage.split(/[、・,\s]+/).filter(Boolean)) {
    const s = classifyPart(part);
    if (s && (!best || RANK[s] > RANK[best])) best = s;
  }
  return best;
}

function classifyPart(part: string): StageStatus | undefined {
  const p = part.replace(TRAILING, part.endsWith('を継続') ? '継続' : '');
  let hit: { status: StageStatus; end: number } | undefined;
  for (const w of STAGE_WORDS) {
    const at = p.lastIndexOf(w.word);
    if (at < 0) continue;
    const end = at + w.word.length;
    if (!hit || end > hit.end) hit = { status: w.status, end };
  }
  if (!hit || hit.end < p.length - 1) return undefined; // the word must end the phrase (「推進計画」 is a plan's name)
  // A pilot that continues is still a pilot (「試行実施の継続」).
  if (hit.status === 'available' && PILOT.test(p) && !/本格/.test(p)) return 'planned';
  return hit.status;
}

export function isPilot(stage: string): boolean {
  return PILOT.test(stage);
}

/** Stage words that say the measure was already running when the plan began (「活用継続」「随時対応」). */
export function isOngoing(stage: string): boolean {
  return /継続|随時対応/.test(stage);
}
