// Extractive answers for quantity, date, who/where, list/policy and general questions: the best sentence(s)
// or table row(s) of the top passages, trimmed to whole sentences, each cited.
import type { Analyzer, Token } from '../analysis/index.js';
import {
  ASPECT_CUE,
  CALENDAR_CUE,
  CUES,
  DATE_CUE,
  FIGURE_CUE,
  MEASURE_CUE,
  NEED_CUE,
  namesInstance,
  ORG_CUE,
  PERSON_TITLE,
  PROPER_NAME_CUE,
  RATE_CUE,
  ROLE_CUE,
  STATUS_CUE,
} from '../analysis/index.js';
import type { Passage } from '../knowledge/index.js';
import type { SearchHit } from '../search/index.js';
import { askedCounter, countedFigure, nounFigure, withoutCounter } from './counters.js';
import type { Frame } from './frame.js';
import { type Catalog, glossarySource, passageSource, SECTION_SEPARATOR } from './sources.js';
import type { TextTerms } from './terms.js';
import { attachUnits, splitSentences, trimToSentences } from './text.js';
import type { AnswerSource } from './types.js';

export interface Candidate {
  text: string; // a sentence, or a whole table row / list item
  hit: SearchHit;
  rank: number; // rank of the hit
  score: number;
  coverage: number; // share of the question's topic words in the text (with its glossary term)
}

export interface FactResult {
  text: string;
  sources: AnswerSource[];
  coverage: number; // share of the question's content terms found in the chosen text
  candidates: Candidate[];
  chosen: Candidate[]; // the candidates the text quotes, best first
}

// 「どう進める」「何に取り組んでいる」: a sentence stating a measure, better still a named one (東京デジタルアカデミー,
// e-learning), over one saying why it is needed or what it is.
function measureBonus(frame: Frame, s: string): number {
  if (!frame.modifiers.measures) return 0;
  const does = MEASURE_CUE.test(s);
  return (does ? 0.8 : 0) + (does && PROPER_NAME_CUE.test(s) ? 0.5 : 0) - (NEED_CUE.test(s) ? 0.8 : 0);
}

function cueBonus(frame: Frame, s: string): number {
  const measures = measureBonus(frame, s);
  return measures + attributeBonus(frame, s);
}

function attributeBonus(frame: Frame, s: string): number {
  switch (frame.attribute) {
    case 'name':
      // 「どの長期計画」: the sentence that names one (「第六期長期計画」) over one that only says 長期計画.
      return frame.named && namesInstance(frame.named, s) ? 1.5 : -0.5;
    case 'quantity':
      // A sentence without a figure cannot answer 「何件」; a share wants a percentage.
      if (frame.quantity === 'rate') return RATE_CUE.test(s) ? 2 : FIGURE_CUE.test(s) ? 0.5 : -2;
      return countBonus(frame, s);
    case 'date': {
      // 「いつまで」 is answered by 「…年度までとします」 more than by the date something was decided.
      if (frame.date === 'period' || frame.date === 'end' || !frame.date) {
        if (!DATE_CUE.test(s)) return -0.5;
        return frame.date && ASPECT_CUE[frame.date].test(s) ? 2.3 : 1.5;
      }
      // 「いつから」: as validation reads it, a year with the word for a start in one sentence or cell (「…から
      // 試験的に実施した」 has the word and no year).
      if (!CALENDAR_CUE.test(s)) return -0.5;
      const aspect = ASPECT_CUE[frame.date];
      return dateSegments(s).some((seg) => CALENDAR_CUE.test(seg) && aspect.test(seg)) ? 2.3 : 1.5;
    }
    case 'person':
      // Small next to coverage (3 per question fully covered): the role word must not outvote the topic.
      return PERSON_TITLE.test(s) ? 1 : ROLE_CUE.test(s) ? 0.5 : -0.3;
    case 'contact':
      return ORG_CUE.test(s) ? 1.5 : -0.5;
    case 'status':
      // 「もう始まってる？」: a stage with its year (「令和5年度: 試行導入」) says it best.
      return STATUS_CUE.test(s) ? (DATE_CUE.test(s) ? 1.5 : 0.7) : -0.3;
    default:
      return 0;
  }
}

// 「何市目」「何個」: a figure with the counter asked (「4市目」) over one with another (「3市」), as validation reads it.
function countBonus(frame: Frame, s: string): number {
  const counter = frame.quantity === 'count' ? askedCounter(frame.query) : null;
  if (counter && countedFigure(counter).test(s)) return 2.3;
  // 「基幹系20業務システム」: a number of the noun asked, inside a compound (validation reads the same)
  if (!FIGURE_CUE.test(s)) return !counter && nounFigure(s, frame.topic.terms) ? 1.5 : -2;
  return counter ? 0.5 : 1.5;
}

/** Sentences, table cells and lines: the units a date and its aspect must share (validation reads the same). */
export const dateSegments = (text: string) => text.split(/\s\/\s|。|\n/);

const precise = (frame: Frame) => frame.attribute === 'quantity' || frame.attribute === 'date';

function isTitleLine(s: string): boolean {
  return s.length <= 30 && !/[。．！？]/.test(s) && !/[:：]/.test(s);
}

type Unit = Pick<SearchHit, 'passage' | 'glossary' | 'faq'>;

function textOf(hit: Unit): string {
  if (hit.passage) return hit.passage.text;
  if (hit.glossary) return `${hit.glossary.term}：${hit.glossary.definition}`;
  if (hit.faq) return hit.faq.answer;
  return '';
}

// Each passage's, glossary entry's or FAQ entry's units, split once (the same units for every question ranking it,
// and the same strings, whose hashes the text terms' lookups then compute once): [not precise, precise].
const unitMemo = [new WeakMap<object, string[]>(), new WeakMap<object, string[]>()] as const;

/** The units a hit is ranked by: its sentences, or the whole row, list item or glossary entry. */
export function unitsOf(hit: Unit, precise: boolean): string[] {
  // a hit is one of the three (a hit holding more is split as it is)
  const held = (hit.passage ? 1 : 0) + (hit.glossary ? 1 : 0) + (hit.faq ? 1 : 0);
  const source = held === 1 ? (hit.passage ?? hit.glossary ?? hit.faq)! : null;
  if (!source) return splitUnits(hit, precise);
  const memo = unitMemo[precise ? 1 : 0];
  let units = memo.get(source);
  if (!units) {
    units = splitUnits(hit, precise);
    memo.set(source, units);
  }
  return units.slice();
}

function splitUnits(hit: Unit, precise: boolean): string[] {
  const p = hit.passage;
  // Table rows and list items are self-contained: keep them whole.
  if (p && p.kind === 'table-row') return [attachUnits(p.text)];
  if (p?.kind === 'list') return [p.text];
  // A glossary definition is one thought, unless the question wants the one sentence with a figure or date
  // (東久留米市's マイナンバー entry ends with the 保有率).
  const whole = p?.kind === 'glossary' || !!hit.glossary || !!hit.faq;
  if (whole && !precise) return [textOf(hit)];
  return splitSentences(textOf(hit)).map((s) => s.replace(LEADING_CONNECTIVE, ''));
}

/** The subject every sentence of a glossary entry is about, or ''. */
export function subjectOf(hit: Unit): string {
  return hit.glossary?.term ?? (hit.passage?.kind === 'glossary' ? (hit.passage.text.split(/[:：]/)[0] ?? '') : '');
}

/** The text a unit's coverage is measured on: with its glossary subject when the sentence does not say it. */
export const subjectText = (subject: string, s: string) => (subject && !s.startsWith(subject) ? `${subject} ${s}` : s);

const LEADING_CONNECTIVE = /^(?:なお|また|さらに|そして|ただし|一方)、/;
// A sentence this short (「AI や RPA の導入・活用を推進。」) is a heading's worth: the sentence continuing it joins it.
const SHORT_SENTENCE = 40;

// Words that frame a question rather than name its topic; 「教育分野」「福祉の領域」 are 教育 and 福祉, and
// 「どこに連絡すればいい」「どうしたらよい」 ask what to do (いい, よい name nothing).
const FRAME_WORDS = new Set(
  `する やる 行う 始まる 始める 使う 使える ある いる なる できる 進む 進める 決まる 考える 持つ 聞く 知る 分かる
  いく ゆく くる
  担当 担当課 担当部署 所管 所管課 部署 連絡先 問い合わせ先 状況 様子 予定
  目標 目標値 実績 実績値 件数 数 人数 割合 率 数値 数字 人 方 対応 対策 取り組み 取組
  仕方 やり方 違い 違う それぞれ 両方 比較 比べる 自治体 どこ 取り組む
  分野 領域 部門 方面 向け 先 後 入れる 入る
  いい よい 良い`.split(/\s+/),
);

/**
 * Whether the token at i is a noun that に makes an adverb of: kuromoji's 副詞化 に after any noun (本格・的 in
 * 「本格的に」), or に after a 形容動詞 stem (「正式に」).
 */
export function isAdverbialNoun(tokens: readonly Token[], i: number): boolean {
  let j = i;
  while (tokens[j]?.pos === '名詞' && tokens[j + 1]?.pos === '名詞' && tokens[j + 1]?.pos1 === '接尾') j++;
  const [t, next] = [tokens[j], tokens[j + 1]];
  if (tokens[i]?.pos !== '名詞' || !t || next?.surface !== 'に') return false;
  return next.pos1 === '副詞化' || t.pos1 === '形容動詞語幹' || t.pos2 === '形容動詞語幹';
}

// The municipality itself and its staff (「役場の」「職員の」 before a noun say whose it is).
const OWN_ORGANISATION = new Set('役場 町役場 市役所 役所 庁内 職員 本市 本町 当市 当町'.split(' '));
// 「市の」「町の」 say whose only before the organisation itself (「市の職員」); before a topic (「市のDX」) they stay, as a
// document's title names its municipality.
const OWN_PLACE = new Set(['市', '町']);

/** Whether a term, or any alternative of a synonym term ("a|b|c"), is in the set. */
export function termIn(set: ReadonlySet<string>, term: string): boolean {
  return term.split('|').some((t) => set.has(t));
}

/** Synonym groups as normalized strings, for matching a question's words against a text. */
export type SynonymSets = string[][];

export function synonymSets(analyzer: Analyzer, groups: { terms: string[] }[]): SynonymSets {
  return groups
    .map((g) => [...new Set(g.terms.map((t) => analyzer.normalize(t).replace(/\s+/g, '')).filter(Boolean))])
    .filter((g) => g.length >= 2)
    .map((g) => g.sort((a, b) => b.length - a.length));
}

// The members of a list of synonym sets, longest first: sorted once per list (the engine's, per snapshot), not
// once per question text.
const sortedMembers = new WeakMap<SynonymSets, readonly { m: string; set: string[] }[]>();
function membersOf(sets: SynonymSets): readonly { m: string; set: string[] }[] {
  let members = sortedMembers.get(sets);
  if (!members) {
    members = sets
      .flatMap((set) => set.filter((m) => m.length >= 2).map((m) => ({ m, set })))
      .sort((a, b) => b.m.length - a.m.length);
    sortedMembers.set(sets, members);
  }
  return members;
}

/**
 * The question's own content terms: no synonym expansions, no joined compound whose parts are listed too.
 * A phrase from a synonym group (「マイナカード」「持ってる人の割合」) becomes one term whose alternatives are
 * the whole group, written "a|b|c": the text may say it in any of those ways (「マイナンバーカードの保有率」).
 */
export function contentTerms(
  analyzer: Analyzer,
  query: string,
  keepVerbs = false,
  sets: SynonymSets = NO_SETS,
): string[] {
  // Understanding and each composer's ranking ask for the same text's terms: worked out once per question.
  const memo = analyzer.questionMemo?.<string[]>(sets);
  const key = `${keepVerbs ? 1 : 0}${query}`;
  let terms = memo?.get(key);
  if (!terms) {
    terms = topicTerms(analyzer, query, keepVerbs, sets);
    memo?.set(key, terms);
  }
  return terms.slice();
}

const NO_SETS: SynonymSets = [];

function topicTerms(analyzer: Analyzer, query: string, keepVerbs: boolean, sets: SynonymSets): string[] {
  // Runs the analyzer on the question only: synonym members are matched as strings.
  const normalized = analyzer.normalize(query).replace(/\s+/g, '');
  const concepts: string[] = [];
  const absorbed = new Set<string>();
  let rest = normalized;
  // Longest phrase first, across groups (Lucene's synonym filter does the same): 「スマホが苦手」 is the
  // デジタルデバイド group's, not the スマートフォン group's 「スマホ」.
  const members = membersOf(sets);
  const used = new Set<string[]>();
  for (const { m: member, set } of members) {
    if (used.has(set) || !rest.includes(member)) continue;
    used.add(set);
    concepts.push(set.join('|'));
    for (const t of analyzer.terms(member)) absorbed.add(t);
    rest = rest.split(member).join(' ');
  }
  const terms = [
    ...new Set(
      analyzer
        .queryTerms(query)
        .filter((t) => !t.synonym && !absorbed.has(t.term))
        .map((t) => t.term),
    ),
  ];
  // A compound is dropped when its parts are listed (or were absorbed into a synonym term): 「dx推進方針」.
  const partsPool = [...terms, ...absorbed];
  const isJoin = (t: string) => {
    const parts = partsPool.filter((p) => p !== t && p.length < t.length && t.includes(p));
    return parts.reduce((n, p) => n + p.length, 0) >= t.length;
  };
  const nouns = [...terms.filter((t) => !isJoin(t)), ...concepts].map(withEraAbbreviation);
  if (keepVerbs) return nouns;
  // 「いつから始まる」「誰がやってる」「担当は」: these words frame the question; the others name its topic.
  // Adverbial words (実際, 現在, 今後) frame a question too.
  const tokens = analyzer.tokenize(query);
  // 「そういう電子決済」「こんな窓口」: a demonstrative (連体詞) points at a topic, it names none.
  const adverbial = new Set(
    tokens.filter((t) => t.pos === '副詞' || t.pos1 === '副詞可能' || t.pos === '連体詞').map((t) => t.basic),
  );
  // 「本格的に」「全面的に」「正式に」: a noun made an adverb by に says how something happens, not what it is about.
  tokens.forEach((t, i) => {
    if (isAdverbialNoun(tokens, i)) adverbial.add(t.basic);
  });
  // 「役場の職員のテレワーク」: the municipality's own organisation named as whose a thing is; in its own
  // documents every measure is (テレワーク is the staff's), so it names no topic.
  const owners = new Set(
    tokens
      .filter(
        (t, i) =>
          tokens[i + 1]?.surface === 'の' &&
          tokens[i + 2]?.pos === '名詞' &&
          (OWN_ORGANISATION.has(t.basic) || (OWN_PLACE.has(t.basic) && OWN_ORGANISATION.has(tokens[i + 2]!.basic))),
      )
      .map((t) => t.basic),
  );
  // One the analyser splits (「庁内の組織」: 庁 + 内): both pieces.
  tokens.forEach((t, i) => {
    const next = tokens[i + 1];
    if (
      next &&
      OWN_ORGANISATION.has(t.basic + next.basic) &&
      tokens[i + 2]?.surface === 'の' &&
      tokens[i + 3]?.pos === '名詞'
    )
      for (const piece of [t.basic, next.basic]) owners.add(piece);
  });
  let topical = nouns.filter((t) => !termIn(FRAME_WORDS, t) && !adverbial.has(t) && !termIn(owners, t));
  // 「地図情報をネットで見られる」: with two or more nouns to go by, the verbs only say what the resident does.
  const verbs = new Set(tokens.filter((t) => t.pos === '動詞').map((t) => t.basic));
  const withoutVerbs = topical.filter((t) => !verbs.has(t));
  if (withoutVerbs.length >= 2) topical = withoutVerbs;
  return topical.length > 0 ? topical : nouns;
}

// Tables write a fiscal year short (「R7(12個)」「R5～R9」): 令和7 is found as r7 too (not inside r70).
const ERA_YEAR = /^令和([0-9]{1,2})$/;
function withEraAbbreviation(term: string): string {
  const year = ERA_YEAR.exec(term)?.[1];
  return year ? `${term}|r${year}` : term;
}

// Two topic words the question puts side by side (「地域情報化の基本理念」「アクションプランの対象期間」) are one
// phrase; a sentence that keeps them as close (a particle or a short word between) says that phrase, not each
// word somewhere (Lucene's sloppy phrase query, by characters). Prose only: a table row's cells sit side by
// side whatever they mean.
const PHRASE_GAP = 6;
const PHRASE_BONUS = 0.6;

/** Where each alternative of a term occurs in normalized text (at most 8 places each). */
function spansOf(n: string, term: string): [number, number][] {
  return term.split('|').flatMap((alt) => {
    const out: [number, number][] = [];
    for (let i = n.indexOf(alt); i >= 0 && out.length < 8; i = n.indexOf(alt, i + 1)) out.push([i, i + alt.length]);
    return out;
  });
}
const gapBetween = (x: [number, number], y: [number, number]) => (y[0] >= x[1] ? y[0] - x[1] : x[0] - y[1]);
const near = (a: [number, number][], b: [number, number][]) =>
  a.some((x) => b.some((y) => x[0] !== y[0] && gapBetween(x, y) >= 0 && gapBetween(x, y) <= PHRASE_GAP));

/**
 * The noun phrases of the question joined by particles only (「地域情報化の基本理念」 → 地域情報化 + 基本理念,
 * 「クラウドに加入」): each pair is a phrase whose two halves a good answer keeps together.
 */
export function phrasePairs(analyzer: Analyzer, query: string): [string, string][] {
  // Each composer ranking for the question asks again: worked out once per question.
  const memo = analyzer.questionMemo?.<[string, string][]>(phrasePairs);
  let pairs = memo?.get(query);
  if (!pairs) {
    pairs = pairsOf(analyzer, query);
    memo?.set(query, pairs);
  }
  return pairs.map(([a, b]) => [a, b]);
}

function pairsOf(analyzer: Analyzer, query: string): [string, string][] {
  // The question as noun runs, particles and the rest.
  const segs: { kind: 'noun' | 'particle' | 'other'; text: string }[] = [];
  for (const t of analyzer.tokenize(query)) {
    const kind =
      t.pos === '名詞' && t.pos1 !== '非自立' && t.pos1 !== '代名詞' && /[\p{L}\p{N}]/u.test(t.surface)
        ? 'noun'
        : t.pos === '助詞'
          ? 'particle'
          : 'other';
    const last = segs.at(-1);
    if (last && last.kind === kind && kind !== 'other') last.text += t.surface;
    else segs.push({ kind, text: t.surface });
  }
  const pairs: [string, string][] = [];
  for (let i = 0; i + 2 < segs.length; i++) {
    const [a, p, b] = [segs[i]!, segs[i + 1]!, segs[i + 2]!];
    if (a.kind === 'noun' && p.kind === 'particle' && b.kind === 'noun' && p.text.length <= PHRASE_GAP) {
      pairs.push([analyzer.normalize(a.text), analyzer.normalize(b.text)]);
    }
  }
  return pairs;
}

/** Bonus for each phrase of the question whose words stand as close together in the text. */
export function proximityBonus(tt: TextTerms, pairs: [string, string][], text: string): number {
  if (!pairs.length) return 0;
  const n = tt.flat(text);
  return pairs.filter(([a, b]) => near(spansOf(n, a), spansOf(n, b))).length * PHRASE_BONUS;
}

/**
 * A question's content terms as coverage looks them up: each term's alternatives ("a|b|c"; one for a plain
 * term), each as written and without white space. Prepared once per question, not once per text it is
 * measured on.
 */
export type Needles = readonly (readonly (readonly [term: string, flat: string])[])[];

export const needlesOf = (qterms: readonly string[]): Needles =>
  qterms.map((t) => t.split('|').map((a) => [a, a.replace(/\s+/g, '')] as const));

/** Share of the question's content terms that the text holds (as analyzed terms or as a substring). */
export function coverageOf(tt: TextTerms, qterms: string[] | Needles, text: string): number {
  if (!qterms.length) return 0;
  return coverageIn(tt.of(text), tt.flat(text), qterms);
}

/** coverageOf() on a text analysed beforehand: its terms and its flat form (TextTerms.of, TextTerms.flat). */
export function coverageIn(own: ReadonlySet<string>, flat: string, qterms: string[] | Needles): number {
  if (!qterms.length) return 0;
  const needles = typeof qterms[0] === 'string' ? needlesOf(qterms as string[]) : (qterms as Needles);
  let found = 0;
  for (const alternatives of needles) {
    for (const [term, bare] of alternatives) {
      if (own.has(term) || flat.includes(bare)) {
        found++;
        break;
      }
    }
  }
  return found / needles.length;
}

export interface RankInput {
  frame: Frame;
  qterms: string[]; // the topic's content terms
  pairs: [string, string][]; // phrase pairs of the question
  /** The passage before one in its section (a parenthesis glosses the item before it). */
  previous?: (p: Passage) => Passage | undefined;
  /** The passages of a passage's section (a table row is read against the rows beside it). */
  siblings?: (p: Passage) => readonly Passage[];
}

/** The passages of each passage's section, from the sections' passages in order. */
export function siblingsIn(sections: ReadonlyMap<string, readonly Passage[]>): (p: Passage) => readonly Passage[] {
  return (p) => sections.get(p.sectionId) ?? [];
}

// Rows of one table named alike that differ by a last word (「…業務効率化 RPA」「…業務効率化 AI-OCR」, one KPI each):
// the word that sets a row apart from its neighbours names what the row is about. Asked for a figure, a topic word
// there makes the row the one asked (「RPAの目標」), over its neighbour holding the word only in the shared name.
const QUALIFIER_BONUS = 0.8;
// Cells sharing this many characters at their start are one name with different endings, not different names.
const MIN_SHARED_NAME = 8;
// A cell's value, without its column's label (「重点取組: 」 is every row's).
const bareCell = (c: string) =>
  c
    .normalize('NFKC')
    .toLowerCase()
    .replace(/^[^:：]{1,12}[:：]/, '')
    .replace(/\s+/g, '');

function sharedStart(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function qualifierBonus(frame: Frame, hit: SearchHit, qterms: Needles, siblings: RankInput['siblings']): number {
  const p = hit.passage;
  if (frame.attribute !== 'quantity' || !siblings || p?.kind !== 'table-row' || p.text.includes('\n')) return 0;
  const cells = p.text.split(' / ').map(bareCell);
  const others = siblings(p)
    .filter((s) => s !== p && s.kind === 'table-row')
    .map((s) => s.text.split(' / ').map(bareCell));
  const holds = (text: string) => (alts: Needles[number]) =>
    alts.some(([, bare]) => bare.length >= 2 && text.includes(bare));
  const inQualifier = cells.some((cell, i) => {
    // the neighbour named most alike: the ending that sets this row apart from it
    let shared = 0;
    let theirs = '';
    for (const o of others) {
      const other = o[i];
      if (!other || other === cell) continue;
      const n = sharedStart(cell, other);
      if (n > shared) [shared, theirs] = [n, other.slice(n)];
    }
    if (shared < MIN_SHARED_NAME) return false;
    const own = cell.slice(shared);
    // a word both endings hold (【書かない窓口】【おくやみ窓口】: 窓口) sets neither apart
    return qterms.some((alts) => holds(own)(alts) && !holds(theirs)(alts));
  });
  return inQualifier ? QUALIFIER_BONUS : 0;
}

// A row written as a sheet, its name on the first line and its department beside it (「重点取組 6 ホームページの充実（所管
// 課: 秘書広報課）」, its fields below): asked for the department in charge of something, the sheet whose name holds a
// topic word is the one on that topic, over a sheet that only mentions it in a field (「…市報・ホームページ等で…」).
// Larger than a few ranks of the search. Other questions are answered by whichever field or row says it best.
const ROW_TITLE_BONUS = 1.5;

// A word of one character (市, 課) names nothing a sheet is about.
const MIN_TITLE_WORD = 2;
// The sheet's department after its name (「（所管課: 市民課）」) is not what it is about.
const TRAILING_NOTE = /[（(][^（）()]*[）)]\s*$/;

function rowTitleBonus(frame: Frame, hit: SearchHit, qterms: Needles, tt: TextTerms): number {
  const p = hit.passage;
  if (frame.attribute !== 'contact' || frame.contact !== 'department' || p?.kind !== 'table-row') return 0;
  const end = p.text.indexOf('\n');
  if (end < 0) return 0;
  const name = tt.flat(p.text.slice(0, end).replace(TRAILING_NOTE, ''));
  const named = qterms.some((alts) => alts.some(([, bare]) => bare.length >= MIN_TITLE_WORD && name.includes(bare)));
  return named ? ROW_TITLE_BONUS : 0;
}

/** The passage before each in its section, from the sections' passages in order. */
export function previousIn(sections: ReadonlyMap<string, readonly Passage[]>): (p: Passage) => Passage | undefined {
  return (p) => {
    const list = sections.get(p.sectionId);
    const i = list ? list.indexOf(p) : -1;
    return i > 0 ? list![i - 1] : undefined;
  };
}

// A passage that is one parenthesis (「(近隣3市…4市目として加入)」) glosses the list item before it
// (「・東京自治体クラウドへの加入」): it is read, and quoted, with that item.
const PARENTHESIS = /^[(（][\s\S]*[)）]$/;
function glossedItem(hit: SearchHit, previous: RankInput['previous']): string | null {
  const p = hit.passage;
  if (!p || !previous || !PARENTHESIS.test(p.text.trim())) return null;
  const before = previous(p);
  return before && before.kind === 'list' ? before.text.split('\n').at(-1)!.trim() : null;
}

/**
 * 「どのくらい普及してる」: the words by which a figure question says what figure it asks (普及 for a share), read off
 * the row that decided it; they name no topic, and the text giving the figure (「保有率は…71.5%」) need not hold them.
 */
export function framingWords(frame: FramingOf): ReadonlySet<string> {
  if (frame.attribute !== 'quantity') return EMPTY;
  const row = CUES.find((c) => frame.cues.includes(c.id) && c.means.quantity === frame.quantity);
  return row?.words ? new Set(row.words) : EMPTY;
}
type FramingOf = Pick<Frame, 'attribute' | 'quantity' | 'cues'>;
const EMPTY: ReadonlySet<string> = new Set();

// 「市役所職員のテレワーク」「役場のパソコンのフォルダ管理」: the municipality's own office and staff are whom every
// measure of its plan is about; they say whose (the municipality asked), not what, and its documents seldom repeat
// them beside a measure (「テレワークの推進」「データ管理」).
const OWN_OFFICE: ReadonlySet<string> = new Set(['市役所', '役所', '役場', '町役場', '庁内', '職員']);
const namesOwnOffice = (t: string) => t.split('|').every((a) => OWN_OFFICE.has(a));

/** The terms without the framing words and the municipality's own office, unless nothing else is left. */
export function withoutFramingWords(frame: FramingOf, terms: string[]): string[] {
  const framing = framingWords(frame);
  const own = terms.filter((t) => !termIn(framing, t) && !namesOwnOffice(t));
  return own.length ? own : terms;
}

export function rankInput(
  analyzer: Analyzer,
  frame: Frame,
  query: string,
  sets: SynonymSets,
  previous?: RankInput['previous'],
): RankInput {
  // 「何市目」: the counter asked is looked for by the count bonus, not as a topic word.
  const topic = frame.attribute === 'quantity' && frame.quantity === 'count' ? withoutCounter(query) : query;
  return {
    frame,
    qterms: withoutFramingWords(frame, contentTerms(analyzer, topic, false, sets)),
    pairs: phrasePairs(analyzer, topic),
    ...(previous ? { previous } : {}),
  };
}

export function rankCandidates(
  tt: TextTerms,
  input: RankInput,
  hits: SearchHit[],
  maxHits = precise(input.frame) ? 8 : 5,
): Candidate[] {
  const { frame, pairs } = input;
  const qterms = needlesOf(input.qterms);
  const out: Candidate[] = [];
  hits.slice(0, maxHits).forEach((hit, rank) => {
    const headingText = hit.passage ? hit.passage.headingPath.join(' ') : '';
    // Only a definition question is answered from a glossary; others want what the policy says or does.
    const glossaryLike = !!hit.glossary || /用語/.test(headingText);
    const glossaryPenalty = frame.attribute !== 'definition' && glossaryLike ? 1.2 : 0;
    const prose = !hit.passage || hit.passage.kind === 'prose';
    const item = glossedItem(hit, input.previous);
    const parts = item ? [`${item} ${hit.passage!.text.trim()}`] : unitsOf(hit, precise(frame));
    // The sentences as written (connectives kept), when they are the units: what a short sentence continues into.
    const raw = prose && !precise(frame) && hit.passage ? splitSentences(hit.passage.text) : null;
    // Every sentence of a glossary entry is about its term (「…12 桁の番号。」 answers 「マイナンバーって何桁」).
    const subject = subjectOf(hit);
    const headCov = headingText ? coverageOf(tt, qterms, headingText) : 0;
    // A row named by the topic wins among rows holding all of it, never over one holding more of it.
    const titled = rowTitleBonus(frame, hit, qterms, tt) + qualifierBonus(frame, hit, qterms, input.siblings);
    parts.forEach((s, i) => {
      if (s.length < 4) return;
      const cov = coverageOf(tt, qterms, subjectText(subject, s));
      const score =
        cov * 3 +
        headCov * 0.8 +
        (prose ? proximityBonus(tt, pairs, s) : 0) +
        cueBonus(frame, s) +
        (cov >= 1 ? titled : 0) -
        rank * 0.35 -
        (s.length > 300 ? 0.3 : 0) -
        glossaryPenalty;
      // A title line (「小金井市職員のDX推進5か条」) says nothing by itself: what follows it is the answer. A short
      // sentence the next one continues (「AI や RPA の導入・活用を推進。」「また、…共同利用を検討。」) is one thought.
      const next = raw?.[i + 1];
      const text = isTitleLine(s)
        ? [s, ...parts.slice(i + 1)].join('\n')
        : next && s.length <= SHORT_SENTENCE && LEADING_CONNECTIVE.test(next)
          ? `${s}${next}`
          : s;
      out.push({ text, hit, rank, coverage: cov, score: isTitleLine(s) && i + 1 >= parts.length ? score - 1 : score });
    });
  });
  return out.sort((a, b) => b.score - a.score);
}

function citation(hit: SearchHit, catalog: Catalog): string {
  const doc = hit.passage?.documentId ?? hit.glossary?.documentId ?? hit.faq?.source.document ?? '';
  const head =
    hit.passage?.headingPath.at(-1) ??
    (hit.glossary ? (hit.glossary.headingPath.at(-1) ?? '用語集') : (hit.faq?.source.section ?? ''));
  return `（${catalog.title(doc)}${head ? SECTION_SEPARATOR + head : ''}）`;
}

function sourceOf(hit: SearchHit, catalog: Catalog, excerpt: string): AnswerSource | null {
  if (hit.passage) return passageSource(hit.passage, catalog, excerpt);
  if (hit.glossary) return glossarySource(hit.glossary, catalog);
  if (hit.faq) {
    const f = hit.faq;
    const municipality = hit.municipality ?? catalog.documentMunicipality(f.source.document);
    if (!municipality) return null;
    return {
      municipality,
      document: catalog.title(f.source.document),
      documentId: f.source.document,
      section: f.source.section,
      excerpt,
      passageId: f.id,
    };
  }
  return null;
}

/** A candidate's text, trimmed to whole sentences within `budget` characters, with its citation and source. */
export function citeCandidate(
  c: Candidate,
  catalog: Catalog,
  budget = 490,
): { text: string; source: AnswerSource | null } | null {
  const cite = citation(c.hit, catalog);
  const room = budget - cite.length;
  if (room < 40) return null;
  return { text: `${trimToSentences(c.text, room)}${cite}`, source: sourceOf(c.hit, catalog, c.text) };
}

/** Up to `max` sentences from different places, best first, within the 500-character budget. */
export function composeFacts(
  tt: TextTerms,
  input: RankInput,
  hits: SearchHit[],
  catalog: Catalog,
  max = precise(input.frame) ? 1 : 2,
): FactResult | null {
  const candidates = rankCandidates(tt, input, hits);
  if (!candidates.length) return null;
  const chosen: Candidate[] = [];
  const best = candidates[0]!;
  chosen.push(best);
  for (const c of candidates.slice(1)) {
    if (chosen.length >= max) break;
    // The same words from another place (a glossary entry and its passage) add nothing.
    const key = (t: string) => t.replace(/^[^:：]{1,40}[:：]\s*/, '').slice(0, 24);
    if (chosen.some((x) => x.text === c.text || x.text.includes(key(c.text)) || c.text.includes(key(x.text)))) continue;
    // A second sentence must be nearly as good and add something.
    if (c.score < best.score - 0.8) break;
    chosen.push(c);
  }
  let text = '';
  const sources: AnswerSource[] = [];
  for (const c of chosen) {
    const piece = citeCandidate(c, catalog, 490 - text.length);
    if (!piece) break;
    text += `${text ? '\n' : ''}${piece.text}`;
    if (piece.source) sources.push(piece.source);
  }
  // The rest of the top hits as further sources, so staff can see where else it is said.
  for (const h of hits.slice(0, 3)) {
    const src = sourceOf(h, catalog, textOf(h));
    if (src) sources.push(src);
  }
  // A table row or list item is about its heading too (「日の出町DX重点16項目」 › 「③ データ管理 / R5(16個)」).
  const coverage = Math.max(...chosen.map((c) => Math.max(c.coverage, coverageOf(tt, input.qterms, headed(c)))));
  return { text, sources, coverage, candidates, chosen };
}

/** A candidate's text with its own heading before it (what validation reads for the topic). */
export function headed(c: Candidate): string {
  return `${c.hit.passage?.headingPath.at(-1) ?? ''} ${c.text}`;
}

/** A candidate's text with everything it is about: heading path, glossary subject (validation reads it). */
export function inContext(c: Candidate): string {
  return `${c.hit.passage?.headingPath.join(' ') ?? ''} ${subjectOf(c.hit)} ${c.text}`;
}
