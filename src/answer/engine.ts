// The answer engine: understand → retrieve → compose (extractive, cited) → Answer. Never invents: when the
// documents do not answer, it says so (kind "fallback") with the municipality's contact.
import type { Analyzer } from '../analysis/index.js';
import { createMunicipalityDetector } from '../knowledge/index.js';
import type { KnowledgeSnapshot, Municipality, MunicipalityId } from '../knowledge/model.js';
import { decideRoute } from '../routing/index.js';
import type { SearchHit, SearchIndex } from '../search/index.js';
import { composeDefinition } from './definition.js';
import {
  citeCandidate,
  composeFacts,
  contentTerms,
  coverageOf,
  type FactResult,
  synonymSets,
  termIn,
} from './facts.js';
import { recordTurn, type TurnFrame } from './follow-up.js';
import {
  announcedList,
  childHeadings,
  composeSection,
  findSections,
  GENERIC,
  headNoun,
  type SectionMatch,
} from './sections.js';
import { type Catalog, createCatalog, dedupeSources, passageSource, SECTION_SEPARATOR } from './sources.js';
import { timeAspect, trimToSentences } from './text.js';
import type { Answer, AnswerDebug, AnswerEngine, AnswerSource, AskOptions, DebugHit } from './types.js';
import { type Understanding, understand } from './understand.js';

export const MAX_TEXT = 500;
// Residents ask in a sentence or two; a longer message is analyzed by its start so one message cannot hold the
// event loop (the analyzer is linear-plus in input length).
export const MAX_QUESTION = 256;
// Below this share of the question's content terms found in the chosen text, we do not answer: with two terms
// both must be there (「市長の年齢」 is not answered by 「生産年齢人口」), with five, three.
const MIN_COVERAGE = 0.6;

export interface EngineDeps {
  snapshot: KnowledgeSnapshot;
  index: SearchIndex;
  analyzer: Analyzer;
}

// Who-questions about the policy itself (「DXの担当課は」「問い合わせ先の電話番号は」) name no other topic than these.
const CONTACT_CUE = /担当|所管|部署|問い?合わせ|連絡先|電話|どこの課|どの課/;
const CONTACT_GENERIC = new Set(
  `担当 課 担当課 部署 担当部署 所管 所管課 問い合わせ 問合せ 問い合わせ先 問合せ先 先 連絡 連絡先 電話 番号 電話番号
  dx 推進 方針 計画 自治体 自治体dx dx推進 推進方針 全体 情報化 デジタル 市 町 役所 役場 窓口 する 教える`.split(/\s+/),
);

const BACKGROUND = /国の|国・|政府|デジタル田園|東京都|都の|序論|背景|参考|動向/;

// 「Xとは…」「Xは、…」「X（…）は」「X:」 at the start of a sentence: the text explains X.
function definesTarget(text: string, target: string): boolean {
  const t = target
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[。\\n「])${t}(とは|は、|は「|（[^）]*）は|\\([^)]*\\)は|\\s*[:：])`).test(
    text.normalize('NFKC').toLowerCase(),
  );
}

const SUGGESTIONS = ['書かない窓口とは', 'マイナンバーカードの保有率は', 'DXの担当課はどこ？'];

function contactLine(m: Municipality | null): string {
  if (!m) return '';
  const c = m.contact;
  const parts = [c.department, c.phone && `電話 ${c.phone}`, c.address].filter(Boolean);
  return parts.length ? `${m.name}のお問い合わせ先：${parts.join('、')}` : '';
}

function clip(text: string): string {
  if (text.length <= MAX_TEXT) return text;
  return `${text.slice(0, MAX_TEXT - 1)}…`;
}

const ATTRIBUTE_OF_INTENT: Record<string, string> = {
  number: 'quantity',
  time: 'date',
  who: 'department',
  list: 'items',
};

// What a later turn may inherit from this one.
function turnFrame(u: Understanding): TurnFrame {
  const frame: TurnFrame = {
    topic: u.target,
    attribute: ATTRIBUTE_OF_INTENT[u.intent] ?? u.intent,
    municipalities: u.mentioned.map((m) => m.id),
    chosen: u.municipalitySource === 'user' ? (u.municipality?.id ?? null) : null,
  };
  if (u.inquiry.procedures[0]) frame.procedure = u.inquiry.procedures[0];
  if (u.inquiry.modes[0]) frame.channel = u.inquiry.modes[0];
  return frame;
}

export function createAnswerEngine({ snapshot, index, analyzer }: EngineDeps): AnswerEngine {
  const catalog: Catalog = createCatalog(snapshot);
  const sets = synonymSets(analyzer, snapshot.synonyms);
  const topicTerms = (query: string, keepVerbs = false) => contentTerms(analyzer, query, keepVerbs, sets);
  const municipalities = snapshot.municipalities;
  const detector = createMunicipalityDetector(municipalities);

  function base(u: Understanding): Omit<Answer, 'kind' | 'text' | 'confidence'> {
    return { sources: [], route: null, municipality: u.municipality?.id ?? null };
  }

  function greeting(u: Understanding): Answer {
    const who = u.municipality ? `${u.municipality.name}の` : '';
    return {
      ...base(u),
      kind: 'greeting',
      text: `こんにちは。Madoguchi（窓口）です。${who}DX推進方針などの資料から、用語の意味・目標値・スケジュール・担当課をお答えし、手続きに合った窓口（オンライン申請、コンビニ交付、書かない窓口など）をご案内します。\n例：「${SUGGESTIONS.join('」「')}」`,
      confidence: 1,
      related: SUGGESTIONS,
    };
  }

  function fallback(u: Understanding, why: string): Answer {
    const contact = contactLine(u.municipality);
    const text = [
      '申し訳ありません。お尋ねの内容は、DX推進方針などの資料に見つかりませんでした。',
      contact,
      `資料にある用語・目標値・スケジュール・担当課や、手続きの窓口についてお答えできます（例：「${SUGGESTIONS[0]}」「${SUGGESTIONS[1]}」）。`,
    ]
      .filter(Boolean)
      .join('\n');
    const answer: Answer = { ...base(u), kind: 'fallback', text, confidence: 0, related: SUGGESTIONS };
    if (u.municipality && contact) answer.contact = { municipality: u.municipality.id, text: contact };
    void why;
    return answer;
  }

  function search(u: Understanding, query: string): SearchHit[] {
    const m = u.municipality?.id ?? null;
    // Named in the question: only that municipality. Chosen earlier: preferred, others still reachable.
    const filter = u.municipalitySource === 'question' ? 'only' : 'boost';
    return index.search(retrievalQuery(u, query), { municipality: m, filter, limit: 10 });
  }

  // 「方針っていつまで」 names no word the answer uses; the answer says 「計画期間は…までとします」.
  function retrievalQuery(u: Understanding, query: string): string {
    if (u.intent !== 'time' || /期間/.test(query)) return query;
    const aspect = timeAspect(query);
    return aspect === 'end' || aspect === 'period' ? `${query} 期間` : query;
  }

  function route(u: Understanding): Answer {
    const r = decideRoute(snapshot.routes, u.inquiry, u.municipality);
    const who = u.municipality ? `${u.municipality.name}では、` : '';
    const head = u.municipality
      ? `${who}次の方法で手続きできます（おすすめ順）。`
      : '次の方法で手続きできます（おすすめ順）。窓口の有無は自治体により異なるため、お住まいの自治体を選ぶと詳しくご案内します。';
    const contact = contactLine(u.municipality);
    const lines = [head, ...r.lines.map((l) => `・${l}`), contact].filter(Boolean);
    let text = '';
    for (const l of lines) {
      if ((text + l).length + 1 > MAX_TEXT) break;
      text += `${text ? '\n' : ''}${l}`;
    }
    const sources: AnswerSource[] = [];
    for (const d of r.details) {
      if (!d.source || !u.municipality) continue;
      sources.push({
        municipality: u.municipality.id,
        document: catalog.title(d.source.document),
        documentId: d.source.document,
        section: d.source.section,
        excerpt: d.source.excerpt ?? d.text,
      });
    }
    const answer: Answer = {
      ...base(u),
      kind: 'route',
      text,
      sources,
      route: { channels: r.channels, details: r.details.map(({ source: _s, ...d }) => d) },
      confidence: 0.9,
    };
    if (u.municipality && contact) answer.contact = { municipality: u.municipality.id, text: contact };
    if (!u.municipality) answer.choices = municipalities.map((m) => m.id);
    return answer;
  }

  // 「DXの担当課は」「担当課はどこ？」: the policy document's own publisher answers it (this assistant is about
  // these documents); without a municipality, one line each. A question naming another topic is searched instead.
  function whoPublishes(u: Understanding): Answer | null {
    if (!CONTACT_CUE.test(u.query)) return null;
    // Every word counts here (おくやみ analyzes as a verb): any topic besides the contact words means a search.
    const topic = topicTerms(u.query, true).filter((t) => !termIn(CONTACT_GENERIC, t));
    if (topic.length > 0) return null;
    const docs = snapshot.documents.filter((d) => !u.municipality || d.meta.municipality === u.municipality.id);
    if (!docs.length) return null;
    const line = (d: (typeof docs)[number]) => {
      const phone = d.meta.contact ?? municipalities.find((m) => m.id === d.meta.municipality)?.contact.phone;
      return `${catalog.municipalityName(d.meta.municipality)}「${d.meta.title}」の担当は${d.meta.publisher}です${phone ? `（電話 ${phone}）` : ''}。`;
    };
    const text = u.municipality ? line(docs[0]!) : `各自治体の担当課：\n${docs.map(line).join('\n')}`;
    const sources: AnswerSource[] = docs.map((d) => ({
      municipality: d.meta.municipality,
      document: d.meta.title,
      documentId: d.meta.id,
      section: '表紙・奥付',
      excerpt: `${d.meta.title}（${d.meta.issued}）${d.meta.publisher}${d.meta.contact ? ` ${d.meta.contact}` : ''}`,
    }));
    return { ...base(u), kind: 'answer', text: clip(text), sources, confidence: 0.85 };
  }

  // 「役場の住所は」: the municipality's address as its document prints it (colophon), cited to that passage.
  function address(u: Understanding): Answer | null {
    if (!/住所|所在地|どこにある/.test(u.query)) return null;
    const targets = u.municipality ? [u.municipality] : [];
    const found = targets.filter((m) => m.contact.address);
    if (!found.length) return null;
    const m = found[0]!;
    const addr = m.contact.address!;
    const tail = addr.replace(/^〒?[0-9-]+\s*/, '');
    const passage = snapshot.passages.find((p) => p.municipality === m.id && tail && p.text.includes(tail));
    const sources = passage ? [passageSource(passage, catalog)] : [];
    const text = `${m.name}の住所は ${addr} です。${m.contact.department ? `（担当：${m.contact.department}）` : ''}`;
    return { ...base(u), kind: 'answer', text, sources, confidence: passage ? 0.9 : 0.6 };
  }

  function perMunicipality(u: Understanding, matches: SectionMatch[]): Answer | null {
    const lines: string[] = [];
    const sources: AnswerSource[] = [];
    const budget = Math.floor((MAX_TEXT - 40) / matches.length);
    for (const m of matches) {
      const composed = composeSection(snapshot, m.section, catalog, budget - 20);
      if (!composed) continue;
      const name = catalog.municipalityName(m.section.municipality);
      lines.push(
        `■${name}：${trimToSentences(
          composed.text
            .replace(/。\n・/g, '。')
            .replace(/\n・/g, '、')
            .replace(/\n/g, ''),
          budget - name.length,
        )}`,
      );
      if (composed.sources[0]) sources.push(composed.sources[0]);
    }
    if (lines.length < 2) return null;
    return {
      ...base(u),
      kind: 'answer',
      text: clip(`自治体ごとに異なります。\n${lines.join('\n')}`),
      sources,
      confidence: 0.7,
      municipality: null,
      choices: matches.map((m) => m.section.municipality),
    };
  }

  function listAnswer(u: Understanding, hits: SearchHit[]): Answer | null {
    const qterms = topicTerms(u.query);
    for (const h of hits.slice(0, 3)) {
      const p = h.passage;
      if (!p) continue;
      const kids = childHeadings(snapshot, p);
      if (!kids) continue;
      const heading = kids.path.at(-1) ?? '';
      // The headings must name the topic itself, not only 「DX推進方針」 that every heading shares.
      const specific = qterms.filter((t) => !termIn(GENERIC, t));
      if (!specific.length || coverageOf(analyzer, specific, kids.path.join(' ')) < 0.75) continue;
      const cite = `（${catalog.title(p.documentId)}${SECTION_SEPARATOR}${heading}）`;
      let body = '';
      for (const item of kids.items) {
        if ((body + item).length + cite.length + 40 > MAX_TEXT) break;
        body += `\n・${item}`;
      }
      const text = `${catalog.municipalityName(p.municipality)}の「${heading}」は次のとおりです。${body}\n${cite}`;
      return {
        ...base(u),
        kind: 'answer',
        text: clip(text),
        sources: [passageSource(p, catalog)],
        confidence: 0.8,
      };
    }
    return null;
  }

  // The passage of the best sentence ends by announcing items that follow it (「…3つの変革に取り組んでいく」, then
  // the list): that sentence, the announcement and the items.
  function withAnnouncedList(facts: FactResult): FactResult {
    const best = facts.candidates[0];
    const listed = best?.hit.passage ? announcedList(snapshot, best.hit.passage, catalog) : null;
    const lead = listed && best ? citeCandidate(best, catalog) : null;
    if (!listed || !lead) return facts;
    const bridge = lead.text.includes(listed.announcement.slice(0, 20)) ? '' : `${listed.announcement}\n`;
    return {
      ...facts,
      text: `${lead.text}\n${bridge}${listed.text}`,
      sources: [...(lead.source ? [lead.source] : []), ...listed.sources],
    };
  }

  function answerOne(question: string, options: AskOptions): { answer: Answer; u: Understanding; hits: SearchHit[] } {
    const q = question.length > MAX_QUESTION ? question.slice(0, MAX_QUESTION) : question;
    const u = understand(q, analyzer, detector, options.municipality ?? null, options.strict);
    if (!u.normalized) return { answer: greeting(u), u, hits: [] };
    if (u.intent === 'greeting') return { answer: greeting(u), u, hits: [] };
    if (u.intent === 'out-of-scope') return { answer: fallback(u, 'out of scope'), u, hits: [] };
    if (u.intent === 'procedure') return { answer: route(u), u, hits: [] };

    if (u.intent === 'definition' && u.target) {
      const only = u.municipalitySource === 'question' && options.strict === true;
      const d = composeDefinition(u.target, u.municipality?.id ?? null, snapshot, index, catalog, only);
      if (d) {
        const answer: Answer = {
          ...base(u),
          kind: 'answer',
          text: clip(d.text),
          sources: d.sources,
          confidence: d.confidence,
          // The municipality the answer is for: the user's; the text says whose glossary answered.
          municipality: u.municipality?.id ?? d.entry.municipality,
        };
        return { answer, u, hits: [] };
      }
    }
    if (u.intent === 'who') {
      const w = whoPublishes(u) ?? address(u);
      if (w) return { answer: w, u, hits: [] };
    }
    const query = u.intent === 'definition' && u.target ? u.target : u.query;
    // A topic that has its own section (「3本の柱」「5か条」「目指す姿」) is answered from that section.
    if (u.intent === 'list' || u.intent === 'general' || u.intent === 'definition') {
      const matches = findSections(
        analyzer,
        snapshot,
        topicTerms(query),
        u.municipality?.id ?? null,
        headNoun(analyzer, query),
      );
      // No municipality known and several documents have this topic: a short answer from each.
      // Background chapters (国の動向, デジタル田園都市国家構想, 序論) describe national policy, not the town's own.
      const alike = matches.filter(
        (m) => m.score >= (matches[0]?.score ?? 0) - 0.3 && !BACKGROUND.test(m.section.headingPath.join(' ')),
      );
      if (!u.municipality && alike.length >= 2) {
        const per = perMunicipality(u, alike);
        if (per) return { answer: per, u, hits: [] };
      }
      const section = matches[0]?.section ?? null;
      const composed = section ? composeSection(snapshot, section, catalog) : null;
      if (composed) {
        const answer: Answer = {
          ...base(u),
          kind: 'answer',
          text: clip(composed.text),
          sources: composed.sources,
          confidence: 0.8,
          municipality: section?.municipality ?? null,
        };
        return { answer, u, hits: [] };
      }
    }
    // A municipality the user chose earlier: its own documents answer when they can; the others otherwise
    // (searched only then, and each hit list composed once).
    let hits: SearchHit[] = [];
    let facts: ReturnType<typeof composeFacts> = null;
    if (u.municipalitySource === 'user' && u.municipality) {
      const ownHits = index.search(retrievalQuery(u, query), {
        municipality: u.municipality.id,
        filter: 'only',
        limit: 10,
      });
      const own = ownHits.length ? composeFacts(analyzer, query, u.intent, ownHits, catalog, sets) : null;
      if (own && own.coverage >= MIN_COVERAGE) [hits, facts] = [ownHits, own];
    }
    if (!facts) hits = search(u, query);
    if (u.intent === 'list') {
      const l = hits.length ? listAnswer(u, hits) : null;
      if (l) return { answer: l, u, hits };
    }
    facts ??= hits.length ? composeFacts(analyzer, query, u.intent, hits, catalog, sets) : null;
    if ((u.intent === 'list' || u.intent === 'general') && facts) facts = withAnnouncedList(facts);
    if (!hits.length) return { answer: fallback(u, 'no hits'), u, hits };
    if (!facts || facts.coverage < MIN_COVERAGE) return { answer: fallback(u, 'low coverage'), u, hits };
    // A 「〜とは」 that no glossary explains: say so, then quote where the documents mention it.
    const mentionOnly = u.intent === 'definition' && !!u.target && !definesTarget(facts.text, u.target);
    const answer: Answer = {
      ...base(u),
      kind: 'answer',
      text: clip(
        mentionOnly ? `用語集に説明はありませんが、資料では次のように書かれています。\n${facts.text}` : facts.text,
      ),
      sources: dedupeSources(facts.sources).slice(0, 5),
      confidence: Math.min(mentionOnly ? 0.6 : 0.95, 0.4 + facts.coverage * 0.5),
      municipality: u.municipality?.id ?? facts.sources[0]?.municipality ?? null,
    };
    return { answer, u, hits };
  }

  return {
    answer(question: string, options: AskOptions = {}): Answer {
      const started = performance.now();
      const { answer, u, hits } = answerOne(String(question ?? ''), options);
      answer.turn = recordTurn(turnFrame(u), answer);
      if (options.debug) {
        const debug: AnswerDebug = {
          intent: u.intent,
          municipality: u.municipality?.id ?? null,
          municipalitySource: u.municipalitySource,
          targets: u.target ? [u.target] : [],
          terms: analyzer.queryTerms(u.query).map((t) => (t.synonym ? `${t.term}(≈)` : t.term)),
          // Answers composed without a search (glossary, section, route) still show what the index ranks.
          hits: (hits.length || u.intent === 'greeting' ? hits : index.search(u.query, { limit: 10 })).slice(0, 10).map(
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
        answer.debug = debug;
      }
      return answer;
    },
  };
}
