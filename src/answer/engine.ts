// The answer engine: understand (a Frame) → composers in order → validation → Answer. Never invents: when the
// asked municipality's documents do not give it, it says so in that municipality's name first, and only then,
// labelled, what another municipality's documents say; otherwise an honest fallback with its reason.
import type { Analyzer, Token } from '../analysis/index.js';
import {
  cleanForResident,
  createMunicipalityDetector,
  type KnowledgeSnapshot,
  type MunicipalityId,
} from '../knowledge/index.js';
import type { SearchHit, SearchIndex, SearchOptions } from '../search/index.js';
import {
  COMPOSERS,
  type ComposeContext,
  type Composed,
  type Composer,
  declined,
  SINGLE,
  SUGGESTIONS,
} from './composers/index.js';
import { createGlossaryKeys } from './definition.js';
import { synonymSets } from './extract.js';
import { anchorFollowUp, answersAnchor, readFollowUp, recordTurn } from './follow-up.js';
import { withReached } from './follow-up-reached.js';
import { type Frame, summarize } from './frame.js';
import { clip, MAX_QUESTION } from './limits.js';
import { createSectionTable, restrictSections } from './sections.js';
import { type Catalog, createCatalog } from './sources.js';
import { staticTexts } from './static-texts.js';
import { type AloneAnswer, createSuggester } from './suggestions.js';
import { bounded, createTextTerms, type TextTerms } from './terms.js';
import { looseKey, trimToSentences } from './text.js';
import type {
  Answer,
  AnswerDebug,
  AnswerEngine,
  AskOptions,
  ComposerTrace,
  DebugHit,
  FramedAnswer,
  Intent,
} from './types.js';
import { understand } from './understand.js';
import { specificTerm, validate } from './validate.js';
import { isYearTerm } from './years.js';

export { MAX_QUESTION, MAX_TEXT } from './limits.js';

export interface EngineDeps {
  snapshot: KnowledgeSnapshot;
  index: SearchIndex;
  analyzer: Analyzer;
  /** Precomputed term sets of the snapshot's texts (built once per snapshot); built here when not given. */
  textTerms?: TextTerms;
}

export interface FramedAnswerEngine extends AnswerEngine {
  /** The answer and the full frame it was composed for (follow-ups keep it for the next turn). */
  answerWithFrame(question: string, options?: AskOptions): FramedAnswer;
}

// What a not-stated line calls the asked attribute (「…の保有率の記載はありません」).
const ASKED: Record<string, string> = {
  rate: '割合',
  count: '数',
  amount: '金額',
  'date:start': '開始時期',
  'date:end': '期限',
  'date:period': '期間',
  'date:made': '策定時期',
  'date:revised': '改定時期',
  date: '時期',
  person: '担当者',
  department: '担当部署',
  phone: '電話番号',
  email: 'メールアドレス',
  address: '住所',
  hours: '受付時間',
  status: '実施状況',
  reason: '理由',
};

// The words asking for a department or for hours at the end of a topic's phrase (「…の担当課」「…の受付」): not said
// twice in the not-stated line (「窓口の担当の担当部署」).
const ASKING_WORDS: Record<string, RegExp> = {
  department: /の?(?:担当|所管)(?:課|部署|部局)?$/,
  hours: /の?(?:受付|開庁|営業|開館|利用|相談|対応)?(?:時間)?$/,
};

// How many municipalities besides the asked one the not-stated step reads for 「参考：…」 (those whose documents
// hold most of the topic's words): a scoped question then costs the same with 5 or 80 municipalities. The
// bundled corpus has four others, so there every one is read.
const OTHERS_READ = 4;

// Quotes cleaned for residents, the latest this many: the same passages are quoted again and again (by a question,
// its suggestion checks and later questions), and cleaning is a dozen passes over the text.
const CLEANED_KEPT = 5_000;

const topicConcepts = (frame: Frame) => frame.topic.terms.map((t) => t.split('|'));

/** The old single-word intent, kept in the debug panel for staff who read it. */
function intentOf(frame: Frame): Intent {
  switch (frame.attribute) {
    case 'quantity':
      return 'number';
    case 'date':
      return 'time';
    case 'person':
    case 'contact':
      return 'who';
    case 'items':
      return 'list';
    case 'definition':
    case 'procedure':
    case 'greeting':
      return frame.attribute;
    default:
      return 'general';
  }
}

export function createAnswerEngine({ snapshot, index, analyzer, textTerms }: EngineDeps): FramedAnswerEngine {
  const catalog: Catalog = createCatalog(snapshot);
  const sets = synonymSets(analyzer, snapshot.synonyms);
  const tt = textTerms ?? createTextTerms(analyzer, staticTexts(snapshot));
  const sections = createSectionTable(tt, snapshot);
  const docFreq = new Map(index.derived().docFreq);
  const df = (term: string) => docFreq.get(term) ?? 0;
  const byId = new Map(snapshot.municipalities.map((m) => [m.id, m]));
  const detector = createMunicipalityDetector(snapshot.municipalities);
  const glossaryKeys = createGlossaryKeys(snapshot.glossary);
  const isTerm = (phrase: string) => glossaryKeys.byKey.has(looseKey(phrase));

  function contactLine(id: MunicipalityId | null): string {
    const m = id ? byId.get(id) : undefined;
    if (!m) return '';
    const c = m.contact;
    const parts = [c.department, c.phone && `電話 ${c.phone}`, c.address].filter(Boolean);
    return parts.length ? `${m.name}のお問い合わせ先：${parts.join('、')}` : '';
  }

  /**
   * What one question reads through: kuromoji's tokens of each text it analyses (the question, its topic,
   * its target) and each search it runs, remembered for that question only — every composer and the index
   * read the same analysis, and nothing carries over to the next question.
   */
  function questionScope(): ComposeContext {
    const tokens = new Map<string, Token[]>();
    const searches = new Map<string, SearchHit[]>();
    const retrievals: SearchOptions['retrievals'] = new Map();
    const scoped: SearchIndex = Object.create(index) as SearchIndex;
    scoped.search = (query: string, opts: SearchOptions = {}) => {
      const key = JSON.stringify([query, opts.municipality, opts.filter, opts.types, opts.limit, opts.among]);
      let hits = searches.get(key);
      if (!hits) {
        hits = index.search(query, { ...opts, tokens, retrievals });
        searches.set(key, hits);
      }
      return hits.slice();
    };
    const ctx: ComposeContext = {
      snapshot,
      index: scoped,
      analyzer: analyzer.withTokenMemo(tokens),
      catalog,
      tt,
      sets,
      glossaryKeys,
      sections,
      among: null,
      around: (frame, id) => [
        id,
        ...index
          .holders(topicConcepts(frame))
          .filter((x) => x !== id)
          .slice(0, OTHERS_READ),
      ],
      municipality: (id) => (id ? (byId.get(id) ?? null) : null),
      contactLine,
      // A municipality named or chosen: only its documents (another's text is never passed off as its own).
      search: (frame, query, limit = 10) =>
        scoped.search(query, { municipality: frame.municipality, filter: 'only', limit }),
      answerFor: (frame) => run(frame, SINGLE, null, ctx),
      specific: (frame) => specificTerm(frame, { tt, df }),
    };
    return ctx;
  }

  /**
   * The question's context reading only some municipalities when a frame has none: their shards, sections and
   * documents (a municipality named or chosen is read as before).
   */
  function within(ctx: ComposeContext, among: readonly MunicipalityId[]): ComposeContext {
    const ids = new Set(among);
    const inner: ComposeContext = {
      ...ctx,
      among,
      sections: restrictSections(ctx.sections, ids),
      search: (frame, query, limit = 10) =>
        ctx.index.search(query, {
          municipality: frame.municipality,
          filter: 'only',
          limit,
          ...(frame.municipality ? {} : { among }),
        }),
      answerFor: (frame) => run(frame, SINGLE, null, inner),
    };
    return inner;
  }

  /** The first composer that accepts the frame and composes a valid answer; every other one's reason traced. */
  function run(
    frame: Frame,
    composers: readonly Composer[],
    trace: ComposerTrace[] | null,
    ctx: ComposeContext,
  ): Composed | null {
    for (const c of composers) {
      if (!c.accepts(frame)) {
        trace?.push({ composer: c.name, outcome: 'not-accepted', reason: `does not take ${frame.attribute}` });
        continue;
      }
      const out = c.compose(frame, ctx);
      if (declined(out)) {
        trace?.push({ composer: c.name, outcome: 'declined', reason: out.decline });
        continue;
      }
      const invalid = validate(frame, out, { tt, df });
      if (invalid) {
        trace?.push({ composer: c.name, outcome: 'invalid', reason: invalid });
        continue;
      }
      trace?.push({
        composer: c.name,
        outcome: 'answered',
        reason: out.evidence.map((e) => `${e.id}: ${e.why}`).join('; '),
      });
      return out;
    }
    return null;
  }

  function asked(frame: Frame): string {
    const s = summarize(frame).attribute;
    // 「窓口の担当」「手続きの所管課」: the words asking for the department are not said twice (…の担当部署).
    const topic = frame.target ?? frame.topic.phrase.replace(ASKING_WORDS[s] ?? /$^/, '');
    const what = ASKED[s];
    if (!topic) return what ? `お尋ねの${what}` : 'お尋ねの内容';
    // 「8拠点ってどこ」: which they are is not stated (how many may be).
    if (frame.counted) return `${topic.includes(frame.counted) ? topic : `${topic}の${frame.counted}`}の内訳`;
    // 「令和5年の保有率」: the time asked is part of what is not stated (another time's may be).
    const when = frame.when && !topic.includes(frame.when.written) ? `${frame.when.written}の` : '';
    if (!what || topic.endsWith(what) || (s === 'rate' && /率$/.test(topic))) return `${when}${topic}`;
    return `${when}${topic}の${what}`;
  }

  function fallback(frame: Frame, reason: string, lead?: string): Answer {
    const contact = contactLine(frame.municipality);
    const text = [
      lead ?? '申し訳ありません。お尋ねの内容は、DX推進方針などの資料に見つかりませんでした。',
      contact,
      `資料にある用語・目標値・スケジュール・担当課や、手続きの窓口についてお答えできます（例：「${SUGGESTIONS[0]}」「${SUGGESTIONS[1]}」）。`,
    ]
      .filter(Boolean)
      .join('\n');
    const answer: Answer = {
      kind: 'fallback',
      text: clip(text),
      sources: [],
      route: null,
      confidence: 0,
      municipality: frame.municipality,
      related: SUGGESTIONS,
      reason,
    };
    if (frame.municipality && contact) answer.contact = { municipality: frame.municipality, text: contact };
    return answer;
  }

  // Every quote leaves the engine through the resident-text cleaner: no OCR debris, Markdown or table syntax,
  // whichever composer quoted it.
  const cleaned = bounded<string>(CLEANED_KEPT);
  const clean = (text: string) => {
    let out = cleaned.get(text);
    if (out === undefined) {
      out = cleanForResident(text);
      cleaned.set(text, out);
    }
    return out;
  };
  const residentText = (text: string) => clip(clean(text));
  const cleanExcerpts = (sources: Answer['sources']) => sources.map((s) => ({ ...s, excerpt: clean(s.excerpt) }));

  // The asked municipality's documents do not give it: say so in its name, then what another one's say.
  function notStated(frame: Frame, trace: ComposerTrace[], strict: boolean, ctx: ComposeContext): Answer {
    const m = frame.municipality ? byId.get(frame.municipality) : undefined;
    // A topic some document speaks of, in a municipality's name; words no document has are simply not found.
    // (The year asked is not a word of the topic: 「令和6年度の…」 is known though no document names 令和6.)
    const known =
      frame.topic.terms.length > 0 &&
      frame.topic.terms.every((t) => (frame.when && isYearTerm(t)) || t.split('|').some((a) => df(a) > 0));
    if (!m || !known || ['greeting', 'procedure'].includes(frame.attribute)) {
      return fallback(frame, known ? (trace.at(-1)?.reason ?? 'no-answer') : 'unknown-topic');
    }
    const lead = `${m.name}の資料には、${asked(frame)}の記載はありません。`;
    // Another municipality's number or address is never offered for the one asked: a resident would use it.
    if (strict || frame.attribute === 'contact') return fallback(frame, 'not-stated', lead);
    // Asked for one time (「令和5年の時点で」): what its own documents give for another time, said to be that.
    const otherTime = frame.when ? run({ ...frame, when: undefined }, SINGLE, null, ctx) : null;
    if (otherTime && (otherTime.check?.municipalities ?? [m.id]).every((id) => id === m.id)) {
      trace.push({ composer: 'not-stated', outcome: 'answered', reason: `${m.name}: not for ${frame.when?.written}` });
      const body = trimToSentences((otherTime.brief ?? otherTime.text).replace(/\n+/g, ' '), 380);
      return {
        kind: 'answer',
        text: residentText(`${lead}\n参考：資料にあるのは次の時点のものです。${body}`),
        sources: cleanExcerpts(otherTime.sources.filter((s) => s.municipality === m.id).slice(0, 3)),
        route: null,
        confidence: 0.3,
        municipality: m.id,
        reason: 'not-stated',
        composer: 'not-stated',
      };
    }
    // The asked municipality and the few whose documents hold most of the topic: not every one's shard.
    const among = ctx.around(frame, m.id);
    const others = run(
      { ...frame, municipality: null, municipalitySource: 'none', scope: 'one' },
      SINGLE,
      null,
      within(ctx, among),
    );
    const owner = others?.check?.municipalities[0] ?? others?.sources[0]?.municipality;
    if (!others || !owner || owner === m.id) {
      trace.push({
        composer: 'not-stated',
        outcome: 'declined',
        reason: 'no other municipality’s documents give it either',
      });
      return fallback(frame, 'not-stated', lead);
    }
    trace.push({ composer: 'not-stated', outcome: 'answered', reason: `${m.name}: nothing valid; ${owner} gives it` });
    const body = trimToSentences((others.brief ?? others.text).replace(/\n+/g, ' '), 380);
    return {
      kind: 'answer',
      text: residentText(`${lead}\n参考：${catalog.municipalityName(owner)}の資料では、${body}`),
      // Only the municipality the text names: a third one's passage is not cited under its name.
      sources: cleanExcerpts(others.sources.filter((s) => s.municipality === owner).slice(0, 3)),
      route: null,
      confidence: 0.3,
      municipality: m.id,
      reason: 'not-stated',
      composer: 'not-stated',
    };
  }

  function compose(frame: Frame, trace: ComposerTrace[], strict: boolean, ctx: ComposeContext): Answer {
    const composed = run(frame, COMPOSERS, trace, ctx);
    if (!composed) return notStated(frame, trace, strict, ctx);
    return toAnswer(frame, composed, trace.at(-1)!.composer);
  }

  // Route replies are written from routes.yaml (admins' text, spaced as they wrote it), not quoted.
  const answerText = (composed: Composed) =>
    composed.kind === 'route' ? clip(composed.text) : residentText(composed.text);

  function toAnswer(frame: Frame, composed: Composed, answered: string): Answer {
    const answer: Answer = {
      kind: composed.kind ?? 'answer',
      text: answerText(composed),
      sources: cleanExcerpts(composed.sources),
      route: composed.route ?? null,
      confidence: composed.confidence,
      municipality: composed.municipality === undefined ? frame.municipality : composed.municipality,
      composer: answered,
    };
    if (composed.choices) answer.choices = composed.choices;
    if (composed.related) answer.related = composed.related;
    if (composed.contact) answer.contact = composed.contact;
    if (composed.reason) answer.reason = composed.reason;
    if (answer.kind === 'fallback') {
      answer.related ??= SUGGESTIONS;
      answer.confidence = 0;
    }
    return answer;
  }

  /**
   * What a suggestion check reads of the answer a suggested follow-up gets when asked on its own (toAnswer's
   * kind, text, reason and route, and how many sources it cites), or null when no composer answers it (it
   * would get a not-stated reply or a fallback, which a check rejects: so those are not written).
   */
  function answerAlone(question: string, municipality: MunicipalityId | null, ctx: ComposeContext): AloneAnswer | null {
    const deps = { analyzer: ctx.analyzer, municipalities: detector, sets, df, isTerm };
    const frame = understand(question.slice(0, MAX_QUESTION), deps, { municipality, strict: undefined });
    const composed = run(frame, COMPOSERS, null, ctx);
    if (!composed) return null;
    const kind = composed.kind ?? 'answer';
    // toAnswer's fields without the quotes cleaned for the resident (a check counts them, it does not show them)
    return {
      kind,
      text: answerText(composed),
      sources: composed.sources.length,
      route: composed.route ?? null,
      ...(composed.reason ? { reason: composed.reason } : {}),
    };
  }

  const suggest = createSuggester({
    municipalityName: (id) => (id ? catalog.municipalityName(id) : ''),
  });

  /**
   * The asked municipality's own text on a follow-up's topic in general (`instead`), after the line saying its
   * documents do not give what was carried: null when they say nothing of it either.
   */
  function ownInstead(
    frame: Frame,
    instead: string,
    trace: ComposerTrace[],
    ctx: ComposeContext,
    deps: Parameters<typeof understand>[1],
    chosen: Parameters<typeof understand>[2],
  ): Answer | null {
    const m = frame.municipality ? byId.get(frame.municipality) : undefined;
    if (!m) return null;
    const composed = run(understand(instead, deps, chosen), COMPOSERS, null, ctx);
    const from = composed?.check?.municipalities ?? composed?.sources.map((s) => s.municipality) ?? [];
    if (!composed || composed.kind === 'fallback' || !from.length || from.some((id) => id !== m.id)) return null;
    // text that does not name the topic carried (「窓口」 alone for おくやみ窓口) says nothing of it
    if (!answersAnchor({ question: instead, terms: frame.topic.terms, why: '' }, composed.text)) return null;
    trace.push({
      composer: 'not-stated',
      outcome: 'answered',
      reason: `${m.name}: not given; its text on 「${instead}」`,
    });
    const body = trimToSentences((composed.brief ?? composed.text).replace(/\n+/g, ' '), 380);
    return {
      kind: 'answer',
      text: residentText(
        `${m.name}の資料には、${asked(frame)}の記載はありません。\n参考：資料には次のように書かれています。${body}`,
      ),
      sources: cleanExcerpts(composed.sources.slice(0, 3)),
      route: null,
      confidence: 0.3,
      municipality: m.id,
      reason: 'not-stated',
      composer: 'not-stated',
    };
  }

  function answerWithFrame(question: string, options: AskOptions = {}): FramedAnswer {
    const started = performance.now();
    const raw = String(question ?? '');
    const q = raw.length > MAX_QUESTION ? raw.slice(0, MAX_QUESTION) : raw;
    const ctx = questionScope();
    const deps = { analyzer: ctx.analyzer, municipalities: detector, sets, df, isTerm };
    const chosen = { municipality: options.municipality ?? null, strict: options.strict };
    let frame = understand(q, deps, chosen);
    const trace: ComposerTrace[] = [];
    // A follow-up (「それはいつから？」「小金井市は？」) is read against the session's last turns and answered as
    // the question it stands for.
    let followUp = options.context ? readFollowUp(frame, options.context, { ...deps, snapshot }) : null;
    if (followUp) {
      frame = understand(followUp.question, deps, chosen);
      if (followUp.focus) frame.focus = followUp.focus;
      if (followUp.focusItem) frame.focusItem = followUp.focusItem;
      if (followUp.place) frame.focusPlace = followUp.place;
      // 「じゃあコンビニでもいける？」 after a procedure: the same procedure through that channel, still to be done (the
      // route's frame is kept: no measure's status answers it instead)
      if (followUp.route && frame.inquiry.procedures.length) {
        frame.attribute = 'procedure';
        frame.inquiry = { ...frame.inquiry, wish: true };
      }
      trace.push({ composer: 'follow-up', outcome: 'answered', reason: `${followUp.why} → 「${followUp.question}」` });
    }
    let answer = compose(frame, trace, options.strict === true, ctx);
    // 「Xのほうは？」「武蔵野市は？」: the previous question carried to a new topic or place; when its documents do not
    // give it, that is said, then what they say of the topic (conversation room: follow-up.ts)
    const unanswered = (a: Answer) => a.kind === 'fallback' || a.composer === 'not-stated';
    // 「それって全部でいくつ公開する目標なの？」: the same question in the words the cue table reads back, kept if answered
    if (followUp?.plainly && followUp.plainly !== followUp.question && unanswered(answer)) {
      const plainFrame = understand(followUp.plainly, deps, chosen);
      const tried: ComposerTrace[] = [];
      const composed = run(plainFrame, COMPOSERS, tried, ctx);
      if (composed && composed.kind !== 'fallback') {
        trace.push({ composer: 'follow-up', outcome: 'answered', reason: `asked plainly → 「${followUp.plainly}」` });
        trace.push(...tried);
        [followUp, frame] = [{ ...followUp, question: followUp.plainly }, plainFrame];
        answer = toAnswer(frame, composed, tried.at(-1)!.composer);
      }
    }
    if (followUp?.otherwise && unanswered(answer)) {
      answer = ownInstead(frame, followUp.otherwise, trace, ctx, deps, chosen) ?? answer;
    }
    // A message of its own that nothing answers, in a conversation: asked about the previous topic (「根拠になってる
    // 法律ってなに？」 after 標準化), and kept only when that is answered (conversation room: follow-up.ts).
    if (!followUp && options.context && unanswered(answer)) {
      const anchored = anchorFollowUp(frame, options.context, { ...deps, snapshot });
      if (anchored) {
        const anchoredFrame = understand(anchored.question, deps, chosen);
        const tried: ComposerTrace[] = [];
        const composed = run(anchoredFrame, COMPOSERS, tried, ctx);
        if (composed && composed.kind !== 'fallback' && answersAnchor(anchored, composed.text)) {
          const why = `${anchored.why} → 「${anchored.question}」`;
          trace.push({ composer: 'follow-up', outcome: 'answered', reason: why }, ...tried);
          [followUp, frame] = [anchored, anchoredFrame];
          answer = toAnswer(frame, composed, tried.at(-1)!.composer);
        }
      }
    }
    // 「目標に届いてる？」: the comparison first (conversation room: follow-up-reached.ts)
    if (followUp?.reached) answer = withReached(answer, followUp.reached, snapshot);
    answer.frame = summarize(frame);
    if (followUp) answer.resolvedQuestion = followUp.question;
    answer.turn = recordTurn(frame, answer, snapshot, followUp);
    if (options.suggest !== false) {
      // Checked in the question's scope: a suggestion asks about the same topic, so it reads the topic's
      // tokens and searches the question already made (the same inputs give the same results).
      const followUps = suggest(frame, answer, options.municipality ?? null, (q, m) =>
        answerAlone(q, m as MunicipalityId | null, ctx),
      );
      if (followUps.length) {
        answer.followUps = followUps;
        answer.related = followUps.map((f) => f.question);
      }
    }
    if (options.debug) answer.debug = debugPanel(frame, answer, trace, started, ctx);
    return { answer, frame };
  }

  function debugPanel(
    frame: Frame,
    answer: Answer,
    trace: ComposerTrace[],
    started: number,
    ctx: ComposeContext,
  ): AnswerDebug {
    const hits = frame.attribute === 'greeting' ? [] : ctx.search(frame, frame.target ?? frame.query);
    return {
      intent: intentOf(frame),
      frame,
      composers: trace,
      municipality: frame.municipality,
      municipalitySource: frame.municipalitySource,
      targets: frame.target ? [frame.target] : [],
      terms: ctx.analyzer.queryTerms(frame.query).map((t) => (t.synonym ? `${t.term}(≈)` : t.term)),
      hits: hits.slice(0, 10).map(
        (h): DebugHit => ({
          id: h.id,
          type: h.type,
          score: Math.round(h.score * 1000) / 1000,
          terms: h.terms,
          match: h.match,
          municipality: h.municipality as MunicipalityId,
          text: (h.passage?.text ?? h.glossary?.definition ?? h.faq?.answer ?? '').slice(0, 200),
        }),
      ),
      route: answer.route ? { channels: answer.route.channels, details: answer.route.details } : null,
      ms: Math.round((performance.now() - started) * 100) / 100,
    };
  }

  return {
    answer: (question, options) => answerWithFrame(question, options).answer,
    answerWithFrame: (question, options) => answerWithFrame(question, options),
  };
}
