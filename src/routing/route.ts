// Chooses the front-yard channels for a procedure inquiry from knowledge/routes.yaml and words the reply
// so it never misleads: only channels the municipality really offers are listed as ways to do it (best
// first, the counter last); a planned channel is a separate line with its date; a channel the documents
// do not mention is 「資料に記載がありません」 (never 「未実施」), and only when the resident asked for it.
import type { ChannelId, ChannelInfo, Municipality, RouteTable } from '../knowledge/index.js';
import type { ProcedureInquiry } from './detect.js';

// 行かない (online, online-consultation, convenience-store) → 書かない (kakanai, okuyami) → 待たない (cashless) → counter.
export const CHANNEL_ORDER: ChannelId[] = [
  'online',
  'online-consultation',
  'convenience-store',
  'kakanai',
  'okuyami',
  'cashless',
  'counter',
];

export interface RoutedChannel {
  id: ChannelId;
  label: string;
  status: ChannelInfo['status'];
  text: string;
  department?: string;
  url?: string;
  phone?: string;
  source?: ChannelInfo['source'];
}

export interface RouteResult {
  channels: ChannelId[]; // only channels that can be used now, best first; counter last
  // every channel mentioned in the answer: the usable ones first (in `channels` order), then planned
  // ones, then ones asked for that the documents do not mention
  details: RoutedChannel[];
  lines: string[]; // the reply, line by line (see routeReplyLines)
  rules: string[]; // ids of the national rules applied
  department: string | null; // who handles the procedure, where the municipality's data says so
}

const NONE_TEXT = '資料に記載がありません';

function relevance(channel: ChannelId, inquiry: ProcedureInquiry, routes: RouteTable): number {
  const modeRank = inquiry.modes.indexOf(channel);
  let score = modeRank >= 0 ? 10 - modeRank : 0;
  const procs = routes.channels[channel]?.procedures ?? [];
  if (inquiry.procedures.some((p) => procs.some((q) => p.includes(q) || q.includes(p)))) score += 1;
  return score;
}

const matchesProcedure = (names: string[], inquiry: ProcedureInquiry) =>
  names.some((p) => inquiry.procedures.some((q) => q.includes(p) || p.includes(q)));

function contactParts(info: ChannelInfo | undefined): string {
  return [
    info?.department && `担当：${info.department}`,
    info?.place && info.place !== info.department && `場所：${info.place}`,
    info?.hours && `受付：${info.hours}`,
    info?.phone && `電話：${info.phone}`,
  ]
    .filter(Boolean)
    .join('、');
}

function describe(channel: ChannelId, info: ChannelInfo | undefined, routes: RouteTable): string {
  const base = routes.channels[channel];
  const label = base?.label ?? channel;
  if (!info) return `${label}：${base?.description ?? ''}`;
  if (info.status === 'planned') {
    const when = info.plannedFor ? `（${info.plannedFor}）` : '';
    // What the municipality's data says of it meanwhile (「税金は金融機関・…・コンビニエンスストアで納付できます」「一部の
    // 事業の参加申込みはオンライン化が始まっています」): left out, the reply would say less than the document does.
    return `${label}：導入予定です${when}。${info.note ?? ''}`;
  }
  const since = info.since ? `${info.since}から運用中。` : '';
  const extra = contactParts(info);
  return `${label}：${since}${info.note ?? base?.description ?? ''}${extra ? `（${extra}）` : ''}`;
}

export function decideRoute(
  routes: RouteTable,
  inquiry: ProcedureInquiry,
  municipality: Municipality | null,
): RouteResult {
  const table = municipality ? (routes.municipalities[municipality.id] ?? {}) : null;
  // The wished modes decide; without one, the channels that usually handle the procedure.
  const wanted = inquiry.modes.length
    ? inquiry.modes.filter((c) => c !== 'counter')
    : CHANNEL_ORDER.filter((c) => c !== 'counter' && relevance(c, inquiry, routes) > 0);
  // Rules hold in every municipality (national systems: 転出届 through マイナポータル); the channels
  // they name are open everywhere for that procedure, whatever the municipality's own plans.
  const rules = routes.rules.filter((r) => matchesProcedure(r.procedures, inquiry));
  const national = new Set(rules.flatMap((r) => r.channels));
  for (const c of national) if (c !== 'counter' && !wanted.includes(c)) wanted.push(c);
  // ordered 行かない → 書かない → 待たない; a lead channel (おくやみ窓口 for a bereavement) first
  const rank = (c: ChannelId) => (c === inquiry.lead ? -1 : CHANNEL_ORDER.indexOf(c));
  wanted.sort((a, b) => rank(a) - rank(b));

  const usable: RoutedChannel[] = [];
  const planned: RoutedChannel[] = [];
  const missing: RoutedChannel[] = [];
  for (const id of wanted) {
    const info = table ? table[id] : undefined;
    const base = routes.channels[id];
    const label = base?.label ?? id;
    const nationalRule = national.has(id);
    // No municipality chosen: describe the channel in general. Chosen: only what its document states.
    const status: ChannelInfo['status'] = !table || nationalRule ? 'available' : (info?.status ?? 'none');
    if (status === 'none') {
      // Asked for by name but not in the municipality's document: say so, never claim it.
      if (inquiry.modes.includes(id) && municipality) {
        missing.push({
          id,
          label,
          status,
          text: `${label}は、${municipality.name}の${NONE_TEXT}（使えるかどうかは窓口でご確認ください）。`,
        });
      }
      continue;
    }
    const shown = nationalRule && info?.status !== 'available' ? undefined : info;
    const detail: RoutedChannel = { id, label, status, text: describe(id, shown, routes) };
    if (shown?.department) detail.department = shown.department;
    if (shown?.url) detail.url = shown.url;
    if (shown?.phone) detail.phone = shown.phone;
    if (info?.source) detail.source = info.source;
    (status === 'available' ? usable : planned).push(detail);
  }
  const counterInfo = table?.counter;
  const counter: RoutedChannel = {
    id: 'counter',
    label: routes.channels.counter?.label ?? '窓口',
    status: 'available',
    text: describe('counter', counterInfo, routes),
  };
  if (counterInfo?.department) counter.department = counterInfo.department;
  if (counterInfo?.phone) counter.phone = counterInfo.phone;
  if (counterInfo?.url) counter.url = counterInfo.url;
  if (counterInfo?.source) counter.source = counterInfo.source;
  // A bereavement where there is no おくやみ窓口: the counter leads.
  const counterLeads = inquiry.lead !== undefined && !usable.some((d) => d.id === inquiry.lead);
  const available = counterLeads ? [counter, ...usable] : [...usable, counter];
  const details = [...available, ...planned, ...missing];
  // Who handles it: the lead channel's department, else the counter's (never the DX policy office).
  const department = available.find((d) => d.department)?.department ?? null;
  const result: RouteResult = {
    channels: available.map((d) => d.id),
    details,
    lines: [],
    rules: rules.map((r) => r.id),
    department,
  };
  result.lines = routeReplyLines(result, { available, planned, missing, rules, inquiry, municipality });
  return result;
}

function routeReplyLines(
  r: RouteResult,
  parts: {
    available: RoutedChannel[];
    planned: RoutedChannel[];
    missing: RoutedChannel[];
    rules: RouteTable['rules'];
    inquiry: ProcedureInquiry;
    municipality: Municipality | null;
  },
): string[] {
  const { available, planned, missing, rules, inquiry, municipality } = parts;
  const lines: string[] = [];
  if (inquiry.opening) lines.push(inquiry.opening);
  const counterOnly = available.length === 1 && available[0]?.id === 'counter';
  lines.push(
    !municipality
      ? '次の方法で手続きできます（おすすめ順）。使える方法は自治体により異なるため、お住まいの自治体を選ぶと詳しくご案内します。'
      : counterOnly
        ? `${municipality.name}では、窓口で手続きできます。`
        : `${municipality.name}では、次の方法で手続きできます（おすすめ順）。`,
  );
  for (const d of available) lines.push(`・${d.text}`);
  if (planned.length) {
    lines.push('このほか、次の方法は導入予定です。');
    for (const d of planned) lines.push(`・${d.text}`);
  }
  for (const d of missing) lines.push(`※${d.text}`);
  for (const rule of rules) lines.push(rule.text);
  if (municipality) {
    lines.push(
      r.department
        ? `担当：${municipality.name} ${r.department}`
        : `担当課は資料に記載がありません。${municipality.name}の窓口でご確認ください。`,
    );
  }
  return lines;
}
