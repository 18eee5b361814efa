// Chooses the front-yard channels for a procedure inquiry from knowledge/routes.yaml: only channels the
// municipality really offers, ordered 行かない → 書かない → 待たない, with planned ones named as planned.
import type { ChannelId, ChannelInfo, Municipality, RouteTable } from '../knowledge/model.js';
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
  url?: string;
  phone?: string;
  source?: ChannelInfo['source'];
}

export interface RouteResult {
  channels: ChannelId[]; // only channels that can be used now, best first; counter last
  details: RoutedChannel[]; // every channel mentioned in the answer (available, planned, counter)
  lines: string[]; // resident-facing lines, one per channel, then rules
  rules: string[]; // ids of the known rules applied
}

function relevance(channel: ChannelId, inquiry: ProcedureInquiry, routes: RouteTable): number {
  const modeRank = inquiry.modes.indexOf(channel);
  let score = modeRank >= 0 ? 10 - modeRank : 0;
  const procs = routes.channels[channel]?.procedures ?? [];
  if (inquiry.procedures.some((p) => procs.some((q) => p.includes(q) || q.includes(p)))) score += 1;
  return score;
}

function describe(channel: ChannelId, info: ChannelInfo | undefined, routes: RouteTable): string {
  const base = routes.channels[channel];
  const label = base?.label ?? channel;
  if (!info) return `${label}：${base?.description ?? ''}`;
  const extra = [
    info.place && `場所：${info.place}`,
    info.hours && `受付：${info.hours}`,
    info.phone && `電話：${info.phone}`,
  ]
    .filter(Boolean)
    .join('、');
  if (info.status === 'planned') {
    const when = info.plannedFor ? `（${info.plannedFor}）` : '';
    return `${label}：導入予定です${when}。${info.note ?? ''}`.trim();
  }
  const since = info.since ? `${info.since}から運用中。` : '';
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
  const rules = routes.rules.filter((r) =>
    r.procedures.some((p) => inquiry.procedures.some((q) => q.includes(p) || p.includes(q))),
  );
  // Rules name the channels that suit a procedure (転出届 → online; 住民票 → コンビニ交付).
  for (const c of new Set(rules.flatMap((r) => r.channels))) if (c !== 'counter' && !wanted.includes(c)) wanted.push(c);
  wanted.sort((a, b) => CHANNEL_ORDER.indexOf(a) - CHANNEL_ORDER.indexOf(b));

  const channels: ChannelId[] = [];
  const details: RoutedChannel[] = [];
  const lines: string[] = [];
  for (const id of wanted) {
    const info = table ? table[id] : undefined;
    const base = routes.channels[id];
    // Only online applications through マイナポータル are national (every municipality accepts a 転出届 there);
    // コンビニ交付 and the rest depend on the municipality and count only where its document says so.
    const nationalRule = id === 'online' && rules.some((r) => r.channels.includes(id));
    // No municipality chosen: describe the channel in general. Chosen: only what its document states.
    // A national system named by a rule (転出届 via マイナポータル) works whatever the municipality's own plans.
    const status: ChannelInfo['status'] = !table || nationalRule ? 'available' : (info?.status ?? 'none');
    if (status === 'none') {
      // Asked for by name but not in the municipality's document: say so, never claim it.
      if (inquiry.modes.includes(id) && municipality) {
        lines.push(`${base?.label ?? id}：${municipality.name}の資料には記載がありません。窓口でご確認ください。`);
        details.push({ id, label: base?.label ?? id, status, text: lines.at(-1)! });
      }
      continue;
    }
    if (status === 'available') channels.push(id);
    const shown = nationalRule && info?.status !== 'available' ? undefined : info;
    const detail: RoutedChannel = { id, label: base?.label ?? id, status, text: describe(id, shown, routes) };
    if (info?.url) detail.url = info.url;
    if (info?.phone) detail.phone = info.phone;
    if (info?.source) detail.source = info.source;
    details.push(detail);
    lines.push(detail.text);
  }
  const counter = table?.counter;
  channels.push('counter');
  const counterText = describe('counter', counter, routes);
  details.push({
    id: 'counter',
    label: routes.channels.counter?.label ?? '窓口',
    status: 'available',
    text: counterText,
  });
  lines.push(counterText);
  for (const r of rules) lines.push(r.text);
  return { channels, details, lines, rules: rules.map((r) => r.id) };
}
