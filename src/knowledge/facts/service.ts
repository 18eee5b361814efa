// Service status per municipality: is a service (a front-yard channel, or any measure a document names)
// available, planned (with its year), under study, or not mentioned? Evidence, strongest first, from
//  - routes.yaml (what staff recorded for each channel, with its source),
//  - result sheets (取組段階, figures, and 「令和5年11月から…運用を開始しました」 in 進捗内容),
//  - schedules (the year a stage word says 開始 / 導入, or 継続 in the plan's first year),
//  - sentences saying a quoted service 「…」 was introduced (「『書かない窓口』の導入により…進めてきました」),
//  - item headings naming a measure (「(6) 文書の電子化の推進及び電子決裁の導入の検討」).
// General rules over the document structures; channel names come from routes.yaml and synonyms.yaml.
import type { ChannelId, Municipality, ParsedDocument, RouteTable, SynonymGroup } from '../model.js';
import { normalizeText } from '../normalize.js';
import { citeAt, citePassage } from './citation.js';
import { cleanForResident } from './clean.js';
import { sheetText } from './rows.js';
import { isOngoing, isPilot, STAGE_WORDS, stageStatus } from './stages.js';
import type { Citation, Fact, ScheduleFact, ServiceEvidence, ServiceStatus, ServiceStatusFact } from './types.js';

const RANK: Record<ServiceStatus, number> = { 'not-mentioned': 0, studying: 1, planned: 2, available: 3 };
const SOURCE_ORDER: Record<ServiceEvidence['from'], number> = { routes: 0, kpi: 1, schedule: 2, prose: 3 };
const MIN_TERM = 4; // shorter channel names (「窓口」) name no particular service
const SINCE = /((?:令和|平成)\s*(?:\d+|元)\s*年\s*\d+\s*月)\s*(?:から|より)/;
const OPERATE = /(?:導入|運用|開始|設置|実施)/;
const DONE = /(?:しました|してきました|しています|されています|ています|てきました)。?$/;
const QUOTED = /「([^「」]{2,20})」/g;
const ITEM_HEADING = /^(?:[(（]\d+[)）]|[①-⑳]|\d+\.)\s*/;
const SHEET_STAGE: { pattern: RegExp; status: ServiceStatus }[] = [
  { pattern: /導入実行|運用/, status: 'available' }, // in operation (when figures or a start date confirm it)
  { pattern: /検討|研究|調査/, status: 'studying' }, // 適用検討, 調査研究
];
const TRAILING_STAGE = /(?:の|を)?(?:普及促進|推進|促進|導入|検討|実施|徹底|強化|充実|構築|拡大|拡充)$/;

export interface ServiceInputs {
  documents: readonly ParsedDocument[];
  municipalities: readonly Municipality[];
  routes: RouteTable;
  synonyms: readonly SynonymGroup[];
  facts: readonly Fact[]; // schedules already built
}

interface Found extends ServiceEvidence {
  municipality: string;
  service: string;
  channel?: ChannelId;
}

export function serviceFacts(inputs: ServiceInputs): ServiceStatusFact[] {
  const channels = channelTerms(inputs.routes, inputs.synonyms);
  const channelOf = (text: string): ChannelId | undefined => {
    const t = squeeze(text);
    let best: { id: ChannelId; len: number } | undefined;
    for (const c of channels) {
      for (const term of c.terms) {
        if (t.includes(term) && (!best || term.length > best.len)) best = { id: c.id, len: term.length };
      }
    }
    return best?.id;
  };
  const found: Found[] = [];
  found.push(...fromRoutes(inputs));
  for (const doc of inputs.documents) {
    found.push(...fromSheets(doc, channelOf));
    found.push(...fromProse(doc, channelOf));
    found.push(...fromHeadings(doc, channelOf));
  }
  const schedules = inputs.facts.filter((f): f is ScheduleFact => f.kind === 'schedule');
  for (const f of schedules) {
    if (!f.preferred) continue;
    // The plan's first year: the earliest year any measure of the same table has a stage in.
    const start = Math.min(
      ...schedules
        .filter((g) => g.citation.section === f.citation.section)
        .flatMap((g) => g.stages.map((st) => st.fiscalYear)),
    );
    const e = fromSchedule(f, start, channelOf);
    if (e) found.push(e);
  }
  return assemble(found, inputs);
}

function channelTerms(routes: RouteTable, synonyms: readonly SynonymGroup[]) {
  return Object.entries(routes.channels ?? {}).map(([id, c]) => {
    const label = squeeze(c.label);
    const group = synonyms.find((g) => g.terms.some((t) => squeeze(t) === label));
    const terms = [label, ...(group?.terms.map(squeeze) ?? [])].filter((t) => t.length >= MIN_TERM);
    return { id: id as ChannelId, terms: [...new Set(terms)] };
  });
}

function fromRoutes({ routes, documents, municipalities }: ServiceInputs): Found[] {
  const out: Found[] = [];
  for (const [m, entries] of Object.entries(routes.municipalities ?? {})) {
    for (const [id, info] of Object.entries(entries ?? {})) {
      if (!info || id === 'counter') continue;
      const channel = id as ChannelId;
      const label = routes.channels[channel]?.label ?? id;
      const doc =
        documents.find((d) => d.meta.id === info.source?.document) ?? documents.find((d) => d.meta.municipality === m);
      if (!doc) continue;
      const section = info.source ? findSection(doc, info.source.section) : undefined;
      const status: ServiceStatus = info.status === 'none' ? 'not-mentioned' : info.status;
      const text = cleanForResident(info.source?.excerpt ?? info.note ?? label);
      out.push({
        municipality: m,
        service: label,
        channel,
        status,
        ...(info.since ? { since: info.since } : {}),
        ...(info.plannedFor ? { plannedFor: info.plannedFor } : {}),
        text,
        from: 'routes',
        citation: citeAt(doc, section?.headingPath ?? [], section?.line ?? 1),
      });
      void municipalities;
    }
  }
  return out;
}

function fromSheets(doc: ParsedDocument, channelOf: (t: string) => ChannelId | undefined): Found[] {
  const out: Found[] = [];
  const seen = new Set<string>();
  for (const p of doc.passages) {
    if (p.kind !== 'table-row') continue;
    const sheet = sheetText(p.text);
    if (!sheet) continue;
    const key = sheet.name;
    const field = (label: string) => sheet.fields.find((f) => f.header === label)?.value ?? '';
    const stage = field('取組段階');
    const progress = field('進捗内容');
    const since = sentences(progress).find((s) => SINCE.test(s) && OPERATE.test(s) && DONE.test(s));
    const actual = /\d/.test(field('実績').replace(/^-.*/, ''));
    let status = SHEET_STAGE.find((r) => r.pattern.test(stage))?.status;
    if (status === 'available' && !actual && !since) status = 'planned';
    if (!status && !since) continue;
    if (seen.has(key) && !since) continue; // a sheet split over two passages: one evidence
    seen.add(key);
    const service = cleanForResident(sheet.title);
    out.push({
      municipality: doc.meta.municipality,
      service,
      channel: channelOf(`${sheet.title} ${field('概要')} ${field('成果指標')}`),
      status: since ? 'available' : status!,
      ...(since ? { since: SINCE.exec(since)![1]!.replace(/\s+/g, '') } : {}),
      // What the sheet says happened (進捗内容) is the evidence; the stage and figure alone say too little
      // (「地域BWA活用の検討（取組段階: 適用検討）」 hides 「提案企業の撤退により…見通しが立っていない」).
      text: cleanForResident(
        since ??
          `${service}（取組段階: ${stage}${actual ? `、実績 ${field('実績')}` : ''}）${progress ? `: ${sentences(progress).slice(0, 2).join('')}` : ''}`,
      ),
      from: 'kpi',
      citation: citePassage(doc, p),
    } as Found);
  }
  return out;
}

function fromSchedule(
  f: ScheduleFact,
  start: number,
  channelOf: (t: string) => ChannelId | undefined,
): Found | undefined {
  const [first] = f.stages;
  if (!first) return undefined;
  const operating = f.stages.find((s) => s.status === 'available');
  const planned = f.stages.find((s) => s.status === 'planned');
  const pilot = f.stages.find((s) => s.status === 'planned' && isPilot(s.stage));
  let evidence: Pick<ServiceEvidence, 'status' | 'plannedFor' | 'smallStart' | 'stage'>;
  // Running when the plan begins (「活用継続」, or an operating stage in the plan's first year).
  if (first.status === 'available' && (first.fiscalYear <= start || isOngoing(first.stage))) {
    evidence = { status: 'available' };
  } else if (operating || planned) {
    const at = operating ?? planned!;
    evidence = {
      status: 'planned',
      plannedFor: at.year,
      stage: at.stage,
      ...(pilot && pilot.fiscalYear < at.fiscalYear ? { smallStart: pilot.year } : {}),
    };
  } else evidence = { status: 'studying' };
  const defined = Object.fromEntries(Object.entries(evidence).filter(([, v]) => v !== undefined)) as typeof evidence;
  return {
    municipality: f.municipality,
    service: f.measure,
    channel: channelOf(`${f.measure} ${f.summary ?? ''}`),
    ...defined,
    text: f.text,
    from: 'schedule',
    factId: f.id,
    citation: f.citation,
  } as Found;
}

/** 「本市では、…「おくやみ窓口」でのワンストップ化や「書かない窓口」の導入により、…進めてきました。」 */
function fromProse(doc: ParsedDocument, channelOf: (t: string) => ChannelId | undefined): Found[] {
  const out: Found[] = [];
  for (const p of doc.passages) {
    if (p.kind !== 'prose' || !p.text.includes('「') || !OPERATE.test(p.text)) continue;
    for (const s of sentences(cleanForResident(p.text))) {
      if (!OPERATE.test(s) || !DONE.test(s) || /検討|予定|目指/.test(s)) continue;
      for (const q of s.matchAll(QUOTED)) {
        const service = q[1]!.replace(/\s+/g, '');
        const channel = channelOf(service);
        if (!channel && !/窓口|サービス|システム|決済|申請/.test(service)) continue; // a quoted plan title is no service
        const since = SINCE.exec(s)?.[1]?.replace(/\s+/g, '');
        out.push({
          municipality: doc.meta.municipality,
          service,
          ...(channel ? { channel } : {}),
          status: 'available',
          ...(since ? { since } : {}),
          text: s,
          from: 'prose',
          citation: citePassage(doc, p),
        });
      }
    }
  }
  return out;
}

/** 「(6) 文書の電子化の推進及び電子決裁の導入の検討」 → 文書の電子化 (planned), 電子決裁 (studying). */
function fromHeadings(doc: ParsedDocument, channelOf: (t: string) => ChannelId | undefined): Found[] {
  const out: Found[] = [];
  for (const section of doc.sections) {
    const heading = section.headingPath.at(-1) ?? '';
    if (!ITEM_HEADING.test(heading)) continue;
    const body = heading.replace(ITEM_HEADING, '');
    for (const part of body.split(/及び|並びに|、/)) {
      const said = stageStatus(part.trim());
      if (!said || !TRAILING_STAGE.test(part)) continue;
      const service = stripStages(part);
      if (service.length < 2) continue;
      // A heading states an intention; only 「…の導入の検討」 says something about status (under study):
      // 「…の推進」 may head a service that already runs, so it claims nothing.
      if (said !== 'studying') continue;
      const status: ServiceStatus = 'studying';
      const passage = doc.passages.find((p) => p.sectionId === section.id);
      out.push({
        municipality: doc.meta.municipality,
        service,
        ...(channelOf(service) ? { channel: channelOf(service)! } : {}),
        status,
        text: cleanForResident(body),
        from: 'prose',
        citation: passage ? citePassage(doc, passage) : citeAt(doc, section.headingPath, section.line),
      });
    }
  }
  return out;
}

function assemble(found: Found[], inputs: ServiceInputs): ServiceStatusFact[] {
  const groups = new Map<string, Found[]>();
  for (const f of found) {
    const key = `${f.municipality}\u0000${f.channel ?? serviceKey(f.service)}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const facts: ServiceStatusFact[] = [];
  for (const [key, list] of groups) {
    const evidence = [...list].sort(
      (a, b) => RANK[b.status] - RANK[a.status] || SOURCE_ORDER[a.from] - SOURCE_ORDER[b.from],
    );
    const top = evidence[0]!;
    const channel = list.find((e) => e.channel)?.channel;
    const label = channel
      ? (inputs.routes.channels[channel]?.label ?? top.service)
      : shortest(list.map((e) => e.service));
    const since = evidence.find((e) => e.since)?.since;
    // A year read from a plan table is preferred to the free text staff typed in routes.yaml.
    const dated = [...evidence.filter((e) => e.from === 'schedule'), ...evidence].find((e) => e.plannedFor);
    const plannedFor = top.status === 'planned' ? dated?.plannedFor : undefined;
    const smallStart = top.status === 'planned' ? evidence.find((e) => e.smallStart)?.smallStart : undefined;
    const stage = top.status === 'planned' ? evidence.find((e) => e.plannedFor === plannedFor)?.stage : undefined;
    facts.push({
      id: `${top.municipality}:service:${channel ?? serviceKey(top.service)}`,
      kind: 'service',
      municipality: top.municipality as ServiceStatusFact['municipality'],
      citation: top.citation,
      text: statusText(label, top.status, { since, plannedFor, smallStart, stage }),
      service: top.service,
      ...(channel ? { channel } : {}),
      label,
      status: top.status,
      ...(since && top.status === 'available' ? { since } : {}),
      ...(plannedFor ? { plannedFor } : {}),
      ...(smallStart ? { smallStart } : {}),
      evidence: evidence.map(({ municipality: _m, service: _s, channel: _c, ...e }) => e),
    });
    void key;
  }
  return [...facts, ...notMentioned(facts, inputs)];
}

/**
 * A service named by some municipality's documents (a channel, or a service two or more name) gets a
 * 「not mentioned」 fact for each municipality whose documents do not name it, cited to its document.
 */
function notMentioned(facts: ServiceStatusFact[], inputs: ServiceInputs): ServiceStatusFact[] {
  const channels = channelTerms(inputs.routes, inputs.synonyms);
  const channelTermsOf = (id: ChannelId) => channels.find((c) => c.id === id)?.terms ?? [];
  const texts = new Map<string, string[]>(); // municipality → its passages and headings, squeezed once
  const textsOf = (m: string): string[] => {
    let t = texts.get(m);
    if (!t) {
      t = inputs.documents
        .filter((d) => d.meta.municipality === m)
        .flatMap((d) => [
          ...d.passages.map((p) => p.normalized.replace(/\s+/g, '')),
          ...d.sections.map((x) => squeeze(x.headingPath.join(' '))),
        ]);
      texts.set(m, t);
    }
    return t;
  };
  const byKey = new Map<string, ServiceStatusFact[]>();
  for (const f of facts) {
    const key = f.channel ?? serviceKey(f.service);
    byKey.set(key, [...(byKey.get(key) ?? []), f]);
  }
  const out: ServiceStatusFact[] = [];
  for (const [key, list] of byKey) {
    const isChannel = list.some((f) => f.channel);
    if (!isChannel && new Set(list.map((f) => f.municipality)).size < 2) continue;
    const terms = isChannel ? channelTermsOf(list[0]!.channel!) : [key];
    for (const m of inputs.municipalities) {
      if (list.some((f) => f.municipality === m.id)) continue;
      const doc = inputs.documents.find((d) => d.meta.municipality === m.id);
      if (!doc) continue;
      // Only when no passage of the municipality's documents names it: a service named in a national
      // section or an example (「保育園等のオンライン相談」) is mentioned, just not as the municipality's.
      const texts = textsOf(m.id);
      if (texts.some((t) => terms.some((term) => mentions(t, term)))) continue;
      const label = shortest(list.map((f) => f.label));
      const citation: Citation = citeAt(doc, [], 1);
      out.push({
        id: `${m.id}:service:${key}`,
        kind: 'service',
        municipality: m.id,
        citation,
        text: `${m.name}の資料には、${label}の記載はありません。`,
        service: label,
        ...(list[0]!.channel ? { channel: list[0]!.channel } : {}),
        label,
        status: 'not-mentioned',
        evidence: [{ status: 'not-mentioned', text: `${doc.meta.title}に記載なし`, from: 'prose', citation }],
      });
    }
  }
  return out;
}

/** Every word of a service name in one text (「AI・RPAの利用」: AI, RPA and 利用 in one passage). */
function mentions(text: string, term: string): boolean {
  const words = term
    .split(/[のを・、]/)
    .map((w) => w.replace(/(?:対策|施策|事業)$/, ''))
    .filter((w) => w.length >= 2 && !STAGE_WORDS.some((s) => s.word === w)); // 利用, 活用 say how, not what
  return words.length > 0 && words.every((w) => text.includes(w));
}

function statusText(
  label: string,
  status: ServiceStatus,
  at: {
    since?: string | undefined;
    plannedFor?: string | undefined;
    smallStart?: string | undefined;
    stage?: string | undefined;
  },
): string {
  switch (status) {
    case 'available':
      return at.since ? `${label}: ${at.since}から実施しています。` : `${label}: 実施しています。`;
    case 'planned': {
      const when = [
        at.smallStart && `${at.smallStart}にスモールスタート`,
        at.plannedFor && (at.stage ? `${at.plannedFor}に「${at.stage}」` : `${at.plannedFor}`),
      ]
        .filter(Boolean)
        .join('、');
      return `${label}: ${when ? `計画では${when}` : '導入が計画されています'}。`;
    }
    case 'studying':
      return `${label}: 導入を検討しています。`;
    default:
      return `${label}: 資料に記載はありません。`;
  }
}

/** The key two documents' names of one service share: 「電子決裁(文書)」「電子決裁の推進」 → 電子決裁. */
export function serviceKey(service: string): string {
  return stripStages(
    squeeze(service)
      .replace(/[(（【][^)）】]*[)）】]/g, '')
      .replace(/^自治体の?/, ''),
  );
}

function stripStages(s: string): string {
  let t = s.trim();
  for (let i = 0; i < 4 && TRAILING_STAGE.test(t); i++) t = t.replace(TRAILING_STAGE, '');
  return t.replace(/[のを]$/, '');
}

function squeeze(s: string): string {
  return normalizeText(s).replace(/\s+/g, '');
}

function shortest(list: string[]): string {
  return [...list].sort((a, b) => a.length - b.length)[0] ?? '';
}

function sentences(text: string): string[] {
  return text
    .split(/(?<=。)|\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function findSection(doc: ParsedDocument, ref: string) {
  const want = ref.split('›').map((s) => squeeze(s));
  return doc.sections.find((s) => {
    const tail = s.headingPath.slice(-want.length).map((h) => squeeze(h));
    return tail.length === want.length && want.every((w, i) => tail[i] === w);
  });
}
