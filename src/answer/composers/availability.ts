// 「〜はありますか」「もう始まってる？」「〜できる？」 about a service: its status (in use since …, planned for a fiscal
// year, under study) with the stage of each year and the source, from the schedule and service-status facts read
// at load. The fact whose name and summary hold the topic's words answers.
import { MEASURE_CUE, STATUS_CUE } from '../../analysis/index.js';
import {
  type Citation,
  factsOf,
  type ScheduleFact,
  type ServiceStatusFact,
  type StageStatus,
} from '../../knowledge/index.js';
import type { SearchHit } from '../../search/index.js';
import { citeCandidate, rankCandidates, rankInput } from '../extract.js';
import type { Frame } from '../frame.js';
import { clip, MAX_TEXT, MIN_COVERAGE } from '../limits.js';
import type { TextTerms } from '../terms.js';
import type { AnswerSource } from '../types.js';
import type { ComposeContext, Composed, Composer } from './types.js';

type Candidate = {
  fact: ScheduleFact | ServiceStatusFact;
  about: string;
  coverage: number;
  named: number;
  /** The document's statement of the measure that answered a yes/no procedure question (quoted with the status). */
  statement?: string;
  cited?: Citation;
  /** The passage that names the topic under the measure's heading, when the fact itself does not name it. */
  via?: SearchHit;
};

const STATUS_TEXT: Record<StageStatus, string> = {
  available: '実施されています',
  planned: '計画されています',
  studying: '検討されています',
};

// A row of a measure's sheet labelled as how things are now (日の出町's 施策 sheets: 現状 / 施策概要 / 計画).
const PRESENT_STATE = /(?:^|\s)現状\s*[:：]/;

// A fact must hold this share of the topic's words (and its most specific one) in its name, summary, evidence
// or the section it was read from.
const MIN_MATCH = 0.5;
// A yes/no procedure question is a status question only when one statement of a measure names nearly all it asks
// (「スポーツ施設」「交通系ICカード」 in one KPI sentence): a channel's name alone (キャッシュレス決済) matches every
// payment question, and those are routed.
const STATEMENT_MATCH = 2 / 3;

/**
 * A procedure question asked of the measures: the potential of its verb (「払える」「取れる」) says how it is asked, not
 * what about — the documents state the measure (「税金の納付ができる」), not the resident's verb.
 */
const ABILITY_DROPPED = Symbol('the potential of the procedure verb is out of the topic');
type Asked = Frame & { [ABILITY_DROPPED]?: readonly string[] };

function withoutAbility(frame: Frame): Frame {
  const verbs = frame.attribute === 'procedure' ? frame.inquiry.verbs : [];
  const kept = (t: string) => !t.split('|').every((a) => verbs.includes(a));
  const terms = frame.topic.terms.filter(kept);
  if (terms.length === frame.topic.terms.length) return frame;
  const out: Asked = { ...frame, topic: { ...frame.topic, terms } };
  out[ABILITY_DROPPED] = verbs;
  return out;
}

/** The ranking's input for the frame; without the procedure verb when the topic was read without it. */
function askedInput(frame: Asked, ctx: ComposeContext) {
  const input = rankInput(ctx.analyzer, frame, frame.query, ctx.sets);
  const verbs = frame[ABILITY_DROPPED];
  return verbs
    ? { ...input, qterms: input.qterms.filter((t) => !t.split('|').every((a) => verbs.includes(a))) }
    : input;
}

/**
 * A procedure inquiry asked as yes/no (「〜で払える？」「〜できますか」) without a wish: a measure's status may answer —
 * not when it names a certificate or a notification to obtain or hand in (「住民票の写しってコンビニで取れますか」): that
 * is a procedure to do, routed to the channels, whatever a measure says of it in passing.
 */
export const asksWhetherPossible = (frame: Frame) =>
  frame.attribute === 'procedure' && !frame.inquiry.wish && !frame.inquiry.object && frame.municipality !== null;

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

/** Whether a text holds a term, or any alternative of a synonym term ("a|b|c"). */
const has = (text: string, term: string) => term.split('|').some((a) => text.includes(a));
/** The share of the topic's terms a text holds. */
const share = (terms: readonly string[], text: string) => terms.filter((t) => has(text, t)).length / terms.length;

// Passage texts by id (per snapshot): the table row a schedule fact was read from.
const passageTexts = new WeakMap<object, Map<string, string>>();
function rowText(ctx: ComposeContext, fact: ScheduleFact): string {
  let byId = passageTexts.get(ctx.snapshot);
  if (!byId) {
    byId = new Map(ctx.snapshot.passages.map((p) => [p.id, p.text]));
    passageTexts.set(ctx.snapshot, byId);
  }
  return fact.citation.passageId ? (byId.get(fact.citation.passageId) ?? '') : '';
}

function about(ctx: ComposeContext, fact: ScheduleFact | ServiceStatusFact): string {
  const own =
    fact.kind === 'schedule'
      ? [fact.measure, fact.group ?? '', fact.summary ?? '']
      : [fact.service, fact.label, ...fact.evidence.map((e) => e.text)];
  return [...own, sectionText(ctx, fact)].join(' ');
}

// A fact's own text: what it states of the measure, without the section it was read from.
const ownText = (f: ScheduleFact | ServiceStatusFact) =>
  f.kind === 'schedule'
    ? `${f.measure} ${f.summary ?? ''} ${stagesLine(f)}`
    : `${f.service} ${f.evidence.map((e) => e.text).join(' ')}`;

interface FlatTexts {
  about: string; // about(): the fact with the section it was read from
  name: string; // the measure's or service's own name
  own: string; // ownText()
}

// Each fact's texts as they are matched (flattened: tt.flat), made once per engine's text terms: a status
// question reads every fact of its municipality, the same facts for every question.
const flatMemo = new WeakMap<TextTerms, WeakMap<ScheduleFact | ServiceStatusFact, FlatTexts>>();
function flatTexts(ctx: ComposeContext, fact: ScheduleFact | ServiceStatusFact): FlatTexts {
  let byFact = flatMemo.get(ctx.tt);
  if (!byFact) {
    byFact = new WeakMap();
    flatMemo.set(ctx.tt, byFact);
  }
  let out = byFact.get(fact);
  if (!out) {
    out = {
      about: ctx.tt.flat(about(ctx, fact)),
      name: ctx.tt.flat(fact.kind === 'schedule' ? fact.measure : `${fact.service} ${fact.label}`),
      own: ctx.tt.flat(ownText(fact)),
    };
    byFact.set(fact, out);
  }
  return out;
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
  if (c.statement) return `${name}では、「${f.label}」は${STATUS_TEXT[f.status]}。\n${c.statement}`;
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

const source = (at: Citation, excerpt: string): AnswerSource => ({
  municipality: at.municipality,
  document: at.documentTitle,
  documentId: at.documentId,
  section: at.section,
  excerpt: excerpt.slice(0, 160),
  ...(at.passageId ? { passageId: at.passageId } : {}),
});

/**
 * The measure statements of a municipality (a schedule row; a service's evidence read from a KPI row, a schedule
 * or a plan sentence) that name nearly all of a yes/no procedure question, the measure's own name at least one of
 * its words: a sentence that mentions 住民票 and コンビニ in passing under another measure (マイナンバーカードの活用)
 * does not say whether that procedure can be done.
 */
function statementCandidates(frame: Frame, ctx: ComposeContext): Candidate[] {
  const m = frame.municipality!;
  const terms = frame.topic.terms;
  const statements: { fact: ScheduleFact | ServiceStatusFact; text: string; cited: Citation }[] = [
    ...factsOf(ctx.snapshot.facts, 'schedule', m).map((fact) => ({
      fact,
      // The whole row it was read from: a column no stage was read from (「令和7年度までのアクション: 証明書発行窓口
      // 等のキャッシュレス化の実施」) states the measure too.
      text: `${fact.measure} ${fact.summary ?? ''} ${stagesLine(fact)} ${rowText(ctx, fact)}`,
      cited: fact.citation,
    })),
    ...factsOf(ctx.snapshot.facts, 'service', m)
      .filter((f) => f.status !== 'not-mentioned')
      // routes.yaml's lines describe the channel itself: the route answer already says whether it is offered.
      .flatMap((fact) =>
        fact.evidence.filter((e) => e.from !== 'routes').map((e) => ({ fact, text: e.text, cited: e.citation })),
      ),
  ];
  return statements
    .map(({ fact, text, cited }) => {
      const flat = ctx.tt.flat(text);
      const { name } = flatTexts(ctx, fact);
      return { fact, about: flat, coverage: share(terms, flat), named: share(terms, name), statement: text, cited };
    })
    .filter((c) => c.coverage >= STATEMENT_MATCH && c.named > 0)
    .sort((a, b) => b.coverage - a.coverage || b.named - a.named || (a.fact.kind === 'schedule' ? -1 : 1));
}

/** The measure whose own row the passage is, as a linked candidate (the passage's text is what names the topic). */
function rowOf(facts: readonly (ScheduleFact | ServiceStatusFact)[], hit: SearchHit): Candidate | undefined {
  const fact = facts.find((f) => f.kind === 'schedule' && f.citation.passageId === hit.id);
  return fact ? { fact, about: '', coverage: 1, named: 1, via: hit } : undefined;
}

// A measure named by a section heading: the fact's own text must hold this share of the heading's words, two at
// least (「SNS活用によるポータルサイトの構築」 → 「SNSを活用した新たな情報提供…構築」).
const HEADING_MATCH = 0.5;
const LINKED_PASSAGES = 4; // passages naming the topic whose headings are tried

/**
 * The measure a passage describes, when no fact names the topic itself: the municipality's best passage holding
 * the topic's most specific word (「…よくあるお問合せの多くはチャットボットにより自動回答し…」) sits under a heading
 * (「SNS活用によるポータルサイトの構築」) that a schedule or service fact states with its status.
 */
function linkedCandidates(frame: Frame, ctx: ComposeContext): Candidate[] {
  const m = frame.municipality!;
  const specific = ctx.specific(frame);
  if (!specific) return [];
  // The topic's rarest word, or the noun phrase asked about as written (「チャットボット」, where 「問い合わせ」 is rarer
  // as an index word but the documents write it お問合せ).
  const phrase = ctx.tt.flat(frame.topic.phrase);
  const facts = [...factsOf(ctx.snapshot.facts, 'schedule', m), ...factsOf(ctx.snapshot.facts, 'service', m)].filter(
    (f) => f.kind === 'schedule' || f.status !== 'not-mentioned',
  );
  // The best passages naming the topic, in the search's order: a glossary's list of terms sits under no measure,
  // the next passage may.
  const hits = ctx
    .search(frame, frame.query)
    .filter((h) => {
      const flat = h.type === 'passage' && h.passage ? ctx.tt.flat(h.passage.text) : '';
      return flat && (has(flat, specific) || (phrase.length >= 2 && flat.includes(phrase)));
    })
    .slice(0, LINKED_PASSAGES);
  for (const hit of hits) {
    const heading = hit.passage!.headingPath.at(-1);
    if (!heading) continue;
    const words = [...ctx.tt.of(heading)].filter((t) => t.length >= 2 || /[a-z]/.test(t));
    if (words.length < 2) continue;
    const linked = facts
      .map((fact) => {
        // As written (no analysis of the facts' texts while answering): the heading's words are analysed once.
        const own = flatTexts(ctx, fact).own;
        const named = words.filter((w) => own.includes(w)).length;
        return { fact, about: ctx.tt.flat(hit.passage!.text), coverage: named / words.length, named, via: hit };
      })
      .filter((c) => c.named >= 2 && c.coverage >= HEADING_MATCH)
      .sort((a, b) => b.coverage - a.coverage || (a.fact.kind === 'schedule' ? -1 : 1));
    // A table row that is itself a measure's row (「市民のデジタル環境向上への寄与（デジタルデバインド対策）… 公民館主催事業
    // 「パソコン相談室」」) states that measure: the heading over the whole table (「DX 推進の主な取組項目」) names every row's.
    const own = linked.find((c) => c.fact.citation.passageId === hit.id) ?? rowOf(facts, hit);
    if (linked.length && own) return [own];
    if (linked.length) return linked;
  }
  return [];
}

/**
 * No fact states the measure: the municipality's sentence that names the topic's most specific word with a stage
 * (「在宅勤務については、…導入に向けた検討を進めていきます」) answers, as the documents word it.
 */
function statedStage(frame: Frame, ctx: ComposeContext): Composed | null {
  const specific = ctx.specific(frame);
  if (!specific) return null;
  const hits = ctx.search(frame, frame.query);
  const ranked = rankCandidates(ctx.tt, askedInput(frame, ctx), hits);
  const said = ranked.find(
    (c) =>
      specific.split('|').some((a) => ctx.tt.flat(c.text).includes(a)) &&
      STATUS_CUE.test(c.text) &&
      MEASURE_CUE.test(c.text) &&
      c.coverage >= MIN_MATCH,
  );
  const cited = said ? citeCandidate(said, ctx.catalog, MAX_TEXT) : null;
  if (!said || !cited) return null;
  return {
    text: clip(cited.text),
    sources: cited.source ? [cited.source] : [],
    confidence: 0.6,
    evidence: [{ id: said.hit.id, why: `no fact states it: the sentence naming 「${specific}」 with a stage` }],
    check: {
      text: `${said.hit.passage?.headingPath.join(' ') ?? ''} ${said.text}`,
      headings: [said.hit.passage?.headingPath.join(' ') ?? ''],
      municipalities: said.hit.municipality ? [said.hit.municipality] : [],
      lead: said.text,
    },
    brief: cited.text,
  };
}

export const availability: Composer = {
  name: 'availability',
  accepts: (frame) => (frame.attribute === 'status' && frame.municipality !== null) || asksWhetherPossible(frame),
  compose(asked, ctx) {
    // 「払えるようになる？」 asks about the measure's course even when worded as a procedure. A yes/no procedure question
    // naming a channel (「交通系ICカードで払える？」) is answered only by a statement naming nearly all it asks: the
    // channel's name alone matches every payment question. Naming none (「手数料払えたりする？」「税金どこで払える」), it
    // asks whether the municipality does it at all: the measure naming it answers, as for 「〜ある？」.
    const byStatement = asked.attribute === 'procedure' && !asked.modifiers.change && asked.inquiry.modes.length > 0;
    const frame = byStatement ? asked : withoutAbility(asked);
    const m = frame.municipality!;
    const terms = frame.topic.terms;
    if (!terms.length) return { decline: 'no topic' };
    const candidates: Candidate[] = byStatement
      ? statementCandidates(frame, ctx)
      : [...factsOf(ctx.snapshot.facts, 'schedule', m), ...factsOf(ctx.snapshot.facts, 'service', m)]
          .filter((f) => f.kind === 'schedule' || f.status !== 'not-mentioned')
          .map((fact) => {
            const { about: text, name } = flatTexts(ctx, fact);
            return { fact, about: text, coverage: share(terms, text), named: share(terms, name) };
          })
          .filter((c) => c.coverage >= MIN_MATCH && (!ctx.specific(frame) || has(c.about, ctx.specific(frame)!)))
          // Its own name says the topic, or it was read from a sheet about that measure alone (施策⑭ …).
          .filter((c) => c.named >= MIN_MATCH || sheetOf(c.fact))
          // The fact whose own name says the topic, then the best match; a schedule (every year's stage) before a
          // status line when they match alike.
          .sort((a, b) => b.named - a.named || b.coverage - a.coverage || (a.fact.kind === 'schedule' ? -1 : 1));
    const best = candidates[0] ?? (byStatement ? undefined : linkedCandidates(frame, ctx)[0]);
    if (!best && !byStatement) {
      const stated = statedStage(frame, ctx);
      if (stated) return stated;
    }
    if (!best) {
      return {
        decline: byStatement
          ? 'no measure statement of the municipality names what the yes/no procedure question asks'
          : 'no schedule or service fact of the municipality names the topic',
      };
    }
    const f = best.fact;
    const at = best.cited ?? f.citation;
    const cite = `（${at.documentTitle}${at.headingPath.length ? ` › ${at.headingPath.at(-1)}` : ''}）`;
    const status = `${statusLine(ctx, best)}${cite}`;
    // What the documents say of it now (「提案企業の撤退により…」「令和5年4月から…」): the best sentence or row
    // other than the one the fact was read from.
    const hits = ctx.search(frame, frame.query);
    const ranked = rankCandidates(ctx.tt, askedInput(frame, ctx), hits);
    type Ranked = (typeof ranked)[number];
    const other = (c: Ranked) =>
      c.hit.id !== f.citation.passageId && c.hit.id !== at.passageId && !status.includes(c.text.slice(0, 20));
    // Asked whether (or where) the resident can do it, the measure's own sheet saying how things are now (「現状: …
    // コンビニエンスストアにおいても税金の納付ができる」), before what it plans (施策概要): the sheet is the measure's, so
    // naming the topic's most specific word is enough.
    const sheet = asked.attribute === 'procedure' ? f.citation.headingPath.join('|') : null;
    const specific = ctx.specific(frame);
    const now = (c: Ranked) =>
      !!sheet &&
      c.hit.passage?.headingPath.join('|') === sheet &&
      PRESENT_STATE.test(c.hit.passage.text) &&
      (c.coverage >= MIN_COVERAGE || (!!specific && has(ctx.tt.flat(c.text), specific)));
    const said =
      (best.via && ranked.find((c) => c.hit.id === best.via!.id)) ||
      ranked.find((c) => other(c) && now(c)) ||
      ranked.find((c) => other(c) && c.coverage >= MIN_COVERAGE);
    const cited = said ? citeCandidate(said, ctx.catalog, Math.max(80, MAX_TEXT - status.length - 2)) : null;
    const prose = cited && said && !status.includes(said.text.slice(0, 20)) ? cited : null;
    const text = prose ? `${status}\n${prose.text}` : status;
    return {
      text: clip(text),
      sources: [source(at, best.statement ?? f.text), ...(prose?.source ? [prose.source] : [])],
      confidence: 0.85,
      evidence: [
        {
          id: f.id,
          why: best.statement
            ? `yes/no procedure question: a ${f.kind} fact's measure statement names ${Math.round(best.coverage * 100)}% of its words`
            : best.via
              ? `${f.kind} fact stating the measure of ${best.via.id}'s heading (${Math.round(best.coverage * 100)}% of its words), which names the topic`
              : `${f.kind} fact naming ${Math.round(best.coverage * 100)}% of the topic's words`,
        },
      ],
      check: {
        text: `${f.citation.headingPath.join(' ')} ${about(ctx, f)} ${best.statement ?? ''} ${best.via?.passage?.text ?? ''} ${f.kind === 'schedule' ? stagesLine(f) : f.text} ${STATUS_TEXT[f.kind === 'schedule' ? (f.stages.at(-1)?.status ?? 'planned') : f.status === 'not-mentioned' ? 'planned' : f.status]}`,
        headings: [f.citation.headingPath.join(' ')],
        municipalities: [f.municipality],
      },
      // One line for a side-by-side answer: the stages on the status line itself (「計画では次のとおりです。」 alone
      // would be all that fits), then what the documents say of it now (「…費用対効果が見込めず導入に至っていない」),
      // which the side-by-side answer keeps as far as its room allows.
      brief: `${statusLine(ctx, best)
        .replace(/は、計画では次のとおりです。\n/, 'は、計画では')
        .replace(/\n+/g, ' ')}${cite}${prose ? ` ${prose.text}` : ''}`,
    };
  },
};
