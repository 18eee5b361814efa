// 「〜はありますか」「もう始まってる？」「〜できる？」 about a service: its status (in use since …, planned for a fiscal
// year, under study) with the stage of each year and the source, from the schedule and service-status facts read
// at load. The fact whose name and summary hold the topic's words answers.
import { factsOf, type ScheduleFact, type ServiceStatusFact, type StageStatus } from '../../knowledge/index.js';
import { citeCandidate, rankCandidates, rankInput } from '../extract.js';
import { clip, MAX_TEXT, MIN_COVERAGE } from '../limits.js';
import type { AnswerSource } from '../types.js';
import type { ComposeContext, Composer } from './types.js';

type Candidate = { fact: ScheduleFact | ServiceStatusFact; about: string; coverage: number; named: number };

const STATUS_TEXT: Record<StageStatus, string> = {
  available: '実施されています',
  planned: '計画されています',
  studying: '検討されています',
};

// A fact must hold this share of the topic's words (and its most specific one) in its name, summary, evidence
// or the section it was read from.
const MIN_MATCH = 0.5;

// The text of the section a fact was read from (a 施策 sheet's 施策概要 names what the schedule is about).
const sectionTexts = new WeakMap<object, Map<string, string>>();
function sectionText(ctx: ComposeContext, fact: ScheduleFact | ServiceStatusFact): string {
  let bySection = sectionTexts.get(ctx.snapshot);
  if (!bySection) {
    bySection = new Map();
    for (const p of ctx.snapshot.passages) {
      const key = `${p.documentId}|${p.headingPath.join('|')}`;
      bySection.set(key, `${bySection.get(key) ?? ''} ${p.text}`);
    }
    sectionTexts.set(ctx.snapshot, bySection);
  }
  return bySection.get(`${fact.citation.documentId}|${fact.citation.headingPath.join('|')}`) ?? '';
}

function about(ctx: ComposeContext, fact: ScheduleFact | ServiceStatusFact): string {
  const own =
    fact.kind === 'schedule'
      ? [fact.measure, fact.group ?? '', fact.summary ?? '']
      : [fact.service, fact.label, ...fact.evidence.map((e) => e.text)];
  return [...own, sectionText(ctx, fact)].join(' ');
}

const sheetOf = (f: ScheduleFact | ServiceStatusFact) => {
  const heading = f.citation.headingPath.at(-1) ?? '';
  const name = f.kind === 'schedule' ? f.measure : f.service;
  return heading.replace(/[\s()（）]/g, '').includes(name.replace(/[\s()（）]/g, ''));
};

function stagesLine(f: ScheduleFact): string {
  return f.stages.map((s) => `${s.year}: ${s.stage}`).join('、');
}

function statusLine(ctx: ComposeContext, c: Candidate): string {
  const f = c.fact;
  const name = ctx.catalog.municipalityName(f.municipality);
  if (f.kind === 'schedule') {
    return `${name}の「${f.measure}」は、計画では次のとおりです。\n${stagesLine(f)}`;
  }
  if (f.status === 'not-mentioned') return f.text;
  const when = f.since ? `${f.since}から` : f.smallStart ? `${f.smallStart}にスモールスタート、` : '';
  const planned = f.plannedFor ? `（${f.plannedFor}）` : '';
  const evidence = f.evidence
    .slice(0, 2)
    .map((e) => e.text)
    .filter((t) => t && t !== f.text)
    .map((t) => `\n${t}`)
    .join('');
  return `${name}では、「${f.label}」は${when}${STATUS_TEXT[f.status]}${planned}。${evidence}`;
}

const source = (f: ScheduleFact | ServiceStatusFact, excerpt: string): AnswerSource => ({
  municipality: f.municipality,
  document: f.citation.documentTitle,
  documentId: f.citation.documentId,
  section: f.citation.section,
  excerpt: excerpt.slice(0, 160),
  ...(f.citation.passageId ? { passageId: f.citation.passageId } : {}),
});

export const availability: Composer = {
  name: 'availability',
  accepts: (frame) => frame.attribute === 'status' && frame.municipality !== null,
  compose(frame, ctx) {
    const m = frame.municipality!;
    const terms = frame.topic.terms;
    if (!terms.length) return { decline: 'no topic' };
    const has = (text: string, t: string) => t.split('|').some((a) => text.includes(a));
    const candidates: Candidate[] = [
      ...factsOf(ctx.snapshot.facts, 'schedule', m),
      ...factsOf(ctx.snapshot.facts, 'service', m),
    ]
      .filter((f) => f.kind === 'schedule' || f.status !== 'not-mentioned')
      .map((fact) => {
        const text = ctx.tt.flat(about(ctx, fact));
        const name = ctx.tt.flat(fact.kind === 'schedule' ? fact.measure : `${fact.service} ${fact.label}`);
        const share = (s: string) => terms.filter((t) => has(s, t)).length / terms.length;
        return { fact, about: text, coverage: share(text), named: share(name) };
      })
      .filter((c) => c.coverage >= MIN_MATCH && (!ctx.specific(frame) || has(c.about, ctx.specific(frame)!)))
      // Its own name says the topic, or it was read from a sheet about that measure alone (施策⑭ …).
      .filter((c) => c.named >= MIN_MATCH || sheetOf(c.fact))
      // The fact whose own name says the topic, then the best match; a schedule (every year's stage) before a
      // status line when they match alike.
      .sort((a, b) => b.named - a.named || b.coverage - a.coverage || (a.fact.kind === 'schedule' ? -1 : 1));
    const best = candidates[0];
    if (!best) return { decline: 'no schedule or service fact of the municipality names the topic' };
    const f = best.fact;
    const cite = `（${f.citation.documentTitle}${f.citation.headingPath.length ? ` › ${f.citation.headingPath.at(-1)}` : ''}）`;
    const status = `${statusLine(ctx, best)}${cite}`;
    // What the documents say of it now (「提案企業の撤退により…」「令和5年4月から…」): the best sentence or row
    // other than the one the fact was read from.
    const hits = ctx.search(frame, frame.query);
    const ranked = rankCandidates(ctx.tt, rankInput(ctx.analyzer, frame, frame.query, ctx.sets), hits);
    const said = ranked.find(
      (c) => c.hit.id !== f.citation.passageId && c.coverage >= MIN_COVERAGE && !status.includes(c.text.slice(0, 20)),
    );
    const cited = said ? citeCandidate(said, ctx.catalog, Math.max(80, MAX_TEXT - status.length - 2)) : null;
    const prose = cited && said && !status.includes(said.text.slice(0, 20)) ? cited : null;
    const text = prose ? `${status}\n${prose.text}` : status;
    return {
      text: clip(text),
      sources: [source(f, f.text), ...(prose?.source ? [prose.source] : [])],
      confidence: 0.85,
      evidence: [{ id: f.id, why: `${f.kind} fact naming ${Math.round(best.coverage * 100)}% of the topic's words` }],
      check: {
        text: `${f.citation.headingPath.join(' ')} ${about(ctx, f)} ${f.kind === 'schedule' ? stagesLine(f) : f.text} ${STATUS_TEXT[f.kind === 'schedule' ? (f.stages.at(-1)?.status ?? 'planned') : f.status === 'not-mentioned' ? 'planned' : f.status]}`,
        headings: [f.citation.headingPath.join(' ')],
        municipalities: [f.municipality],
      },
      // One line for a side-by-side answer: the stages on the status line itself (「計画では次のとおりです。」 alone
      // would be all that fits).
      brief: `${statusLine(ctx, best)
        .replace(/は、計画では次のとおりです。\n/, 'は、計画では')
        .replace(/\n+/g, ' ')}${cite}`,
    };
  },
};
