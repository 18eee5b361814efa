// Question understanding: one typed Frame from the cue table (cues.ts), the snapshot's municipalities and the
// analyzer. Rules are cues over normalized (NFKC, lower-case) text; none names a particular question.
import type { Analyzer, Token } from '../analysis/index.js';
import {
  askingRow,
  COUNTED_ITEMS,
  COUNTERS,
  CUES,
  type Cue,
  cuesOf,
  DEFINITION,
  DETAILS,
  KIND_ASKED,
  NAME_ASKED,
  ORGANISATION_KINDS,
} from '../analysis/index.js';
import type { Municipality, MunicipalityDetector, MunicipalityId } from '../knowledge/index.js';
import { detectProcedure, isProcedureInquiry } from '../routing/index.js';
import { withoutCounter } from './counters.js';
import {
  contentTerms,
  framingWords,
  isAdverbialNoun,
  type SynonymSets,
  termIn,
  withoutFramingWords,
} from './extract.js';
import { DOCUMENT_WORD, dropHome, dropTopicChange } from './follow-up.js';
import type { Attribute, ContactKind, DateKind, Frame, QuantityKind, Scope } from './frame.js';
import { GENERIC, headNoun } from './sections.js';
import { askedTime } from './years.js';

// A place name the knowledge does not hold: a run of kanji or katakana ending in 市・町・村・区 and standing as a
// name (followed by a particle — 「国分寺市って」「三鷹市や」 too —, punctuation or the end). Compounds that are not
// places (都市, 市町村, 各区) are not.
const PLACE = /([一-龥々ァ-ヶー]{1,5})(市|町|村|区)(?=[はのでにがもとやへ、,。？?！!\s]|って|役所|役場|長|民|内|$)/g;
const NOT_A_PLACE =
  /^(?:都|本|当|各|他|全|近隣|周辺|中核|政令|特別|市|町|区|村|市区|区市|市町|同|旧|新|下|城下|門前|港)$/;
const GENERIC_PLACE = /^(?:[都市町村区]+|区市町村|市区町村|市町村)$/;

export function unknownPlaces(normalized: string, detector: MunicipalityDetector<Municipality>): string[] {
  const out: string[] = [];
  for (const m of normalized.matchAll(PLACE)) {
    const stem = m[1]!;
    const name = stem + m[2]!;
    if (NOT_A_PLACE.test(stem) || GENERIC_PLACE.test(name) || /[市町村区]$/.test(stem)) continue;
    if (detector.find(name).length > 0) continue;
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

function stripMunicipalities(normalized: string, detector: MunicipalityDetector<Municipality>): string {
  // 「東久留米市の」 leaves a dangling particle: drop it.
  return detector
    .strip(normalized)
    .replace(/^\s*(の|で|は|が|と|や)(?![ぁ-ん])/, '')
    .replace(/\s(と|や|、)\s?/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

// A term the resident quotes (「書かない窓口」, 『…』) at the end of the asked part: whatever precedes it says where.
const QUOTED_TERM = /[「『"“]([^」』"”]{2,30})[」』"”]\s*$/;

// Where the resident read something (「方針だと、」「資料では」 before a term; 「…の資料に載ってたやつ」「…の方針に
// でてきた」「参考資料のとこ」 after a question): it says where to look, not what is asked about.
const SOURCE_BEFORE = new RegExp(`^[^、,]*?${DOCUMENT_WORD}(?:だと|では|によると|の中で)[、,\\s]*`);
const SOURCE_AFTER = new RegExp(
  `[、,\\s]*(?:[^、,。?？!！\\s]{0,12}の)?${DOCUMENT_WORD}(?:の[^、,。?？!！\\s]{0,12}?)?(?:` +
    [
      '(?:に|で)(?:出て|でて)(?:き|く)(?:た|ました|る|ます)',
      '(?:に|で)(?:載って|のって|書いて|書かれて)(?:い|あ)?(?:た|る|ました|ます|った|りました)',
      'で見(?:た|かけた|ました)',
      'の(?:とこ|ところ|ページ|部分)',
    ].join('|') +
    `)(?:やつ|もの|の|ん)?(?:です|だけど|けど)?(?=[、,。?？!！\\s]|$)`,
  'g',
);

// 「どう書いてある」「何て言ってる」「どう説明してる」: how the documents put it is asked; the verb of saying is no topic,
// and 「…の方針では」 before it says where to look.
const HOW_PUT = new RegExp(
  `(?:(?:[^、,。?？!！\\s]{0,12}の)?${DOCUMENT_WORD}(?:では|だと|には|に))?\\s*` +
    '(?:どう|どのように|どんなふうに|何と|なんと|何て|なんて)\\s*' +
    '(?:書いて|書かれて|説明して|説明されて|言って|述べて|述べられて|記載して|記載されて|触れて|まとめて)[ぁ-ん]*',
  'g',
);

/** The question without the words saying where the resident read it, or asking how the documents put it. */
export function withoutSourceMention(query: string): string {
  return (
    query
      .replace(SOURCE_AFTER, '')
      .replace(HOW_PUT, '')
      .replace(/^[、,\s]+/, '')
      .trim() || query
  );
}

function cleanTarget(raw: string): string | null {
  const quoted = QUOTED_TERM.exec(raw.trim())?.[1]?.trim();
  if (quoted) return quoted;
  const t = raw
    .replace(/^(の|で|は)\s*/, '')
    .replace(/^(えっと|あの|すみません|ところで|ねえ|ねぇ)[、,\s]*/, '')
    .replace(/^(そもそも|ちなみに)[、,\s]*/, '')
    // 「(西東京市の)方針に出てくるオムニチャネル」「小金井が入った東京自治体クラウド」「目指してるスマート自治体」: the
    // term is what follows
    .replace(
      /^.*?(?:に出てくる|に出てきた|に書いてある|に載っている|が入った|が参加した|が使っている|でいう|で言う|のところの|のところにある|のところで出てくる|目指して(?:い)?る|掲げて(?:い)?る)/,
      '',
    )
    // 「〜を図るって書いてあるんですが、オムニチャネルって」: an aside before the term
    .replace(/^.*(?:んですが|のですが|ですが|けれども|けれど|けど)[、,\s]*/, '')
    // 「(武蔵野市の)方針だと、AIって」: which document the resident reads it in, before the term
    .replace(SOURCE_BEFORE, '')
    .replace(/[「」『』"“”?？!！。、\s]+/g, ' ')
    .trim();
  return t.length > 0 && t.length <= 40 ? t : null;
}

// A name the resident quotes (「いこいーな窓口@西東京」): the analyser may cut it (いこいー + な), the quote does not.
const QUOTED_NAME = /[「『]([^」』]{2,30})[」』]/;

/** The quoted name the phrase is part of, or the phrase. */
function asQuoted(phrase: string, text: string): string {
  const quoted = QUOTED_NAME.exec(text)?.[1]?.trim();
  return phrase && quoted?.includes(phrase) ? quoted : phrase;
}

// 「AとBのどっち」: the two alternatives a choice question names.
const CHOICE_OPTIONS = /([^\s、,はをがの]{2,20}?)(?:と|か|or)([^\s、,はをがの]{2,20}?)(?:の)?(?:どっち|どちら)/;

/**
 * The noun phrase of a question: its longest run of nouns joined by の or ・ (「高齢者向けのスマートフォン講座」).
 * Modifiers (普通, 最初) and a verbal noun used as the verb (「公開できてる」) are not part of it.
 */
function nounPhrases(analyzer: Analyzer, query: string): string[] {
  const QUESTION = /^(何|なに|なん|いつ|どこ|誰|だれ|どれ|どの|どう|ところ|こと|もの|方|人|頃)$/;
  const MODIFIER = ['非自立', '代名詞', '形容動詞語幹', '副詞可能'];
  const tokens = analyzer.tokenize(query);
  const runs: string[] = [];
  let run = '';
  let pending = '';
  tokens.forEach((t, i) => {
    // 「本格的に」「正式に」: an adverb made of a noun names no topic
    if (isAdverbialNoun(tokens, i)) {
      run = '';
      pending = '';
      return;
    }
    const verbal = t.pos1 === 'サ変接続' && tokens[i + 1]?.pos === '動詞';
    const noun =
      t.pos === '名詞' &&
      !MODIFIER.includes(t.pos1) &&
      !verbal &&
      !QUESTION.test(t.surface) &&
      /[\p{L}\p{N}]/u.test(t.surface);
    const suffix = t.pos === '名詞' && t.pos1 === '接尾' && run;
    if (noun || suffix) {
      run += pending + t.surface;
      pending = '';
    } else if (run && (t.surface === 'の' || t.surface === '・') && !pending) {
      pending = t.surface;
    } else if (t.pos === '接頭詞') {
      // 「第六次…計画」「新制度」: a prefix belongs to the noun after it
      pending += t.surface;
    } else {
      if (run) runs.push(run);
      run = '';
      pending = '';
    }
  });
  if (run) runs.push(run);
  return runs;
}

/**
 * The topic's phrase: the noun run holding its most specific word (fewest documents), else the longest
 * (「公金の支払いにeLTAXを使う仕組み」 → eLTAX; 「生成AIの実証実験では」 → 生成AIの実証実験).
 */
function topicPhrase(runs: string[], terms: string[], query: string, df?: (term: string) => number): string {
  const flatQuery = query.replace(/\s+/g, '');
  const longest = runs.reduce((a, b) => (b.length > a.length ? b : a), '');
  if (!df) return longest;
  let best: { run: string; df: number } | null = null;
  for (const t of terms) {
    // A synonym group's phrase (「おくやみ窓口」) may be no single index term, yet it names a concept of the knowledge.
    const group = t.includes('|') && !termIn(GENERIC, t);
    const n = Math.max(...t.split('|').map(df)) || (group ? 1 : 0);
    // A lone character or figure (「5つの市と町」's 5, 町) is rare as an index term but names no topic.
    if (n <= 0 || (!t.includes('|') && (t.length < 2 || /^[0-9]+$/.test(t)))) continue;
    // The analyzer may split a group's phrase (「お|くやみ|窓口」): then the phrase as the question writes it.
    const run =
      runs.find((r) => t.split('|').some((a) => r.includes(a))) ??
      (group
        ? t.split('|').find((a) => a.length >= 2 && flatQuery.includes(a) && runs.some((r) => a.includes(r)))
        : undefined);
    if (run && (!best || n < best.df || (n === best.df && run.length > best.run.length))) best = { run, df: n };
  }
  return best?.run ?? longest;
}

// A question ends at its mark; what follows it may be an aside (「税金のやつ？」) or a question of its own.
const FIRST_QUESTION = /^(.+?[?？!！。])\s*(.+)$/;
// An aside that asks nothing although a cue row may fire on a word of it: a remark left hanging (「…けど意味がわからな
// くて」「…出てきたので」), saying one does not understand (「よくわからない」), or a guess describing the term (「どこの
// 市が使ってるやつ？」「…もの？」). A remark that asks a date (「いつ導入したのか知りたくて」) still asks.
const REMARK =
  /(?:て|で|ので|から|けど|けれど|が|し)[。.…\s]*$|(?:わから|分から|知ら)(?:ない|なかった|なくて)(?:です|んです)?[。.…\s]*$/;
// An aside saying where the term was read (「小金井の方針にでてきた」「資料に載ってた」): it asks nothing.
const SEEN_IN =
  /^[^?？]*?(?:出て|でて)き(?:た|ました)|(?:載って|のって|書いて)(?:い|あ)?(?:た|ました|った)|見(?:た|かけた|ました)[。.…!！\s]*$/;
// An aside asking only to hear more (「どんな技術が入るの」 after 「AIってどういうもの？」): the definition tells it.
const TELLS_MORE: readonly Attribute[] = ['overview'];
const GUESS = /(?:やつ|もの|こと)(?:です|でしょう)?(?:か|よね|だよね|かな)?[?？]*$/;
const ASKS_ITSELF: readonly Attribute[] = ['date', 'quantity', 'contact', 'person', 'reason', 'status'];

function asideAsksNothing(aside: string): boolean {
  const row = askingRow(cuesOf(aside));
  if (!row || TELLS_MORE.includes(row.means.attribute!)) return true;
  if (GUESS.test(aside) || SEEN_IN.test(aside)) return true;
  return REMARK.test(aside) && !/[?？]/.test(aside) && !ASKS_ITSELF.includes(row.means.attribute!);
}

// 「XってふつうのYと何が違う」「XとふつうのYはどこが違う」: how a term differs from a plain one of its own kind.
const PLAIN = '(?:普通の|ふつうの|一般的な|一般の|従来の|ただの|いつもの|これまでの)?';
const DIFFERS = '(?:何|なに|なん|どこ|どう|どの辺)(?:が|か)?\\s*(?:違|ちが)';
const DIFFERS_FROM = [
  new RegExp(`^(.{2,30}?)(?:って|は)[、,\\s]*${PLAIN}(.{1,20}?)(?:と|とは)[、,\\s]*${DIFFERS}`),
  new RegExp(`^(.{2,30}?)と[、,\\s]*${PLAIN}(.{1,20}?)(?:って|は|とは)[、,\\s]*${DIFFERS}`),
];

/**
 * The term a question asks to tell from its own kind (「生成AIって普通のAIと何が違う」 → 生成AI: what sets it apart is
 * what it is), or null: the kind must be part of the term (two unrelated terms are compared, not defined).
 */
function differsFromOwnKind(query: string): string | null {
  for (const re of DIFFERS_FROM) {
    const m = re.exec(query);
    if (!m) continue;
    const term = cleanTarget(m[1]!);
    const kind = m[2]!.replace(/\s+/g, '');
    const flat = term?.replace(/\s+/g, '') ?? '';
    if (term && kind && flat !== kind && flat.includes(kind)) return term;
  }
  return null;
}

// 「ベンダーは何？」「ベンダーって誰のこと？」: of a term a glossary holds, what it is. Not of any phrase: 「目標は何」
// asks the goal's contents, 「CIOは誰」 the person in the office.
const TERM_ASKED =
  /^(.+?)(?:は|って)[、,\s]*(?:(?:何|なに|なん)|(?:誰|だれ|どこ)のこと)(?:ですか|でしょうか|なの|なんですか|なんでしょうか|だっけ)?[?？!！。.\s〜~]*$/;

// 「資料にあるベンダー」「用語集のメタバース」「方針の中のRPA」: where the resident read a term, before it.
const READ_IN = new RegExp(
  `^.*?(?:参考)?(?:資料|方針|計画|文書|冊子|pdf|用語集|用語解説|脚注|本文)(?:の中|内)?` +
    '(?:(?:に|で)(?:ある|あった|出てくる|でてくる|出てきた|でてきた|載ってる|載っている|使われてる|使われている|書かれてる|書かれている|いう|言う))?の?\\s*',
);

/**
 * The term asked, without the words saying where it was read when only that leaves a glossary term (「…計画の意義」
 * keeps its words: 意義 alone is no term).
 */
function termAsked(target: string | null, isTerm?: (phrase: string) => boolean): string | null {
  if (!target || !isTerm || isTerm(target)) return target;
  for (let t = target, rest = t.replace(READ_IN, ''); rest && rest !== t; t = rest, rest = t.replace(READ_IN, ''))
    if (isTerm(rest)) return rest;
  return target;
}

/**
 * The term a definition question asks for, or null: 「〜とは」「〜って何の略」 (DEFINITION); the kind of thing asked
 * by the term's own head (「書かない窓口ってどういう窓口」, KIND_ASKED); or either followed by an aside that asks
 * nothing of its own (「eLTAXってなに？税金のやつ？」: no cue row fires on the aside).
 */
function definitionAsked(
  query: string,
  isTerm?: (phrase: string) => boolean,
): { target: string | null; asked: string } | null {
  const def = DEFINITION.exec(query);
  if (def) return { target: def[1] ? termAsked(cleanTarget(def[1]), isTerm) : null, asked: query };
  const asked = isTerm ? TERM_ASKED.exec(query) : null;
  const named = asked ? termAsked(cleanTarget(asked[1]!), isTerm) : null;
  if (named && isTerm?.(named)) return { target: named, asked: query };
  const own = differsFromOwnKind(query);
  if (own) return { target: own, asked: query };
  const kind = KIND_ASKED.exec(query);
  const term = kind?.[1] ? cleanTarget(kind[1]) : null;
  if (term && kind?.[2] && term.replace(/\s+/g, '').endsWith(kind[2])) return { target: term, asked: query };
  const split = FIRST_QUESTION.exec(query);
  if (!split || !asideAsksNothing(split[2]!)) return null;
  const first = definitionAsked(split[1]!, isTerm);
  return first?.target ? first : null;
}

// A name: a Latin word (paypay, zoom); or a long katakana word given as an example or a means (「クレジットカード
// も」「…とか」「…で」), not one that says what is asked (「キャッチフレーズは」「どういうスタンス」). Not a short or
// kanji word, which may be a paraphrase the documents say otherwise.
const LATIN_NAME = /^[a-z][a-z0-9.-]{2,}$/;
const KATAKANA_WORD = /^[ァ-ヶー]{4,}$/;
const AS_EXAMPLE = /^(?:とか|や|も|で|など|を|と)/;

/** The topic's names that no document holds (df 0), as the question writes them. */
function unstatedNames(terms: readonly string[], question: string, df?: (term: string) => number): string[] {
  if (!df) return [];
  const written = question.normalize('NFKC');
  const lower = written.toLowerCase();
  const out: string[] = [];
  for (const t of terms) {
    if (t.includes('|') || df(t) !== 0) continue;
    const at = lower.indexOf(t);
    const after = at >= 0 ? lower.slice(at + t.length) : '';
    if (LATIN_NAME.test(t) || (KATAKANA_WORD.test(t) && AS_EXAMPLE.test(after)))
      out.push(at >= 0 ? written.slice(at, at + t.length) : t);
  }
  return out;
}

// 「住民票とかの証明書」「スマホ対策みたいなデジタルデバイド対策」「スマホ教室のような講座」: nouns given as an example
// of the kind named right after them. The kind is the topic; the example need not be in the text that answers.
const EXAMPLE_MARKERS: readonly { surfaces: readonly string[]; why: string }[] = [
  { surfaces: ['とか', 'の'], why: '住民票とかの証明書: 住民票 is one 証明書' },
  { surfaces: ['なんか', 'の'], why: 'the same, spoken' },
  { surfaces: ['など', 'の'], why: 'the same, written' },
  { surfaces: ['みたい', 'な'], why: 'スマホ対策みたいなデジタルデバイド対策: a likeness offered as an example' },
  { surfaces: ['の', 'よう', 'な'], why: 'the same, written' },
];
const isNoun = (t: Token | undefined) => t?.pos === '名詞' && t.pos1 !== '代名詞' && t.pos1 !== '非自立';

/** The text without the examples it gives of a kind it names (the kind and the rest of the text kept). */
function withoutExamples(analyzer: Analyzer, text: string): string {
  const tokens = analyzer.tokenize(text);
  let out = text;
  for (let i = tokens.length - 1; i > 0; i--) {
    const marker = EXAMPLE_MARKERS.find((m) => m.surfaces.every((s, k) => tokens[i + k]?.surface === s));
    if (!marker || !isNoun(tokens[i - 1]) || !isNoun(tokens[i + marker.surfaces.length])) continue;
    let start = i - 1;
    while (
      start > 0 &&
      (isNoun(tokens[start - 1]) || (tokens[start - 1]?.surface === 'の' && isNoun(tokens[start - 2])))
    )
      start--;
    const last = tokens[i + marker.surfaces.length - 1]!;
    out = `${out.slice(0, tokens[start]!.start)}${out.slice(last.start + last.surface.length)}`;
    i = start;
  }
  return out;
}

// 「公衆無線LANが使える8拠点ってどこ」「3つの考え方ってなに」「重点16項目ってどれ」: which the N things are (a number with
// the counter of things, then どこ/どれ/何). 「何個」「何件」 ask a number instead, and 「1つ目」 points at one item.
const ITEM_COUNTERS =
  'つ|本|個|項目|点|か条|ヶ条|箇条|分野|本柱|拠点|か所|カ所|ヶ所|箇所|施設|事業|業務|校|団体|手続|施策|取組';
const WHICH_COUNTED = new RegExp(
  `(?<![0-9])((?:[0-9]+|[一二三四五六七八九十]+)\\s*(?:${ITEM_COUNTERS}))(?!目)(?:の[^、。?？!！\\s]{1,16}?)?\\s*` +
    `(?:って|は|とは|が|を)?[、,\\s]*(?:どこ|どれ|(?:何|なに|なん)(?!\\s*(?:${COUNTERS}|個|番|年|月|日|時)))`,
);
// The attributes a which-are-they question may have been read as: a list, nothing in particular, or a place.
const WHICH_COUNTED_AS: readonly Attribute[] = ['items', 'chat', 'overview', 'definition', 'contact'];
// Counters that are no noun of the topic (「3本の柱」 is about 柱, 「3つの考え方」 about 考え方).
const BARE_COUNTER = /^(?:[0-9]+|[一二三四五六七八九十]+|つ|本|個|点)$/;

// The attributes a detail (DETAILS) may be asked of: those whose answers are a text about the topic.
const DETAIL_ASKED_OF: readonly Attribute[] = ['chat', 'overview', 'items', 'status'];

const asksWhen = (fired: readonly Cue[]) => fired.some((c) => c.means.attribute === 'date');

// 「おくやみ窓口の所管課はどこ」「コンビニ交付の担当は」「何時まで相談できますか」: the unit in charge of a service (a
// department, as the documents' 所管課 / 担当課 columns name it) or its hours are asked, not how to use the service;
// a procedure's words do not make it one.
const IN_CHARGE = /所管|担当/;
const asksOfService = (fired: readonly Cue[], query: string) =>
  fired.some((c) => c.means.contact === 'hours' || (c.means.contact === 'department' && IN_CHARGE.test(query)));

export interface UnderstandDeps {
  analyzer: Analyzer;
  municipalities: MunicipalityDetector<Municipality>;
  sets: SynonymSets;
  /** Documents holding a term (the index's document frequency): the topic phrase is the run with the rarest. */
  df?: (term: string) => number;
  /** Whether a phrase is a glossary term or alias (「ベンダーは何？」 asks its meaning). */
  isTerm?: (phrase: string) => boolean;
}

export interface UnderstandOptions {
  municipality?: MunicipalityId | null; // the user's choice
  strict?: boolean; // the chosen municipality counts as named
}

const NAME_WORDS = new Set(['名前', '名称']);

/**
 * 「会議体ってどこ」: a kind of organisation asked for is one word, as validation and the publisher read it (組織, 機関),
 * not the pieces the analyser splits it into (会議, 体), which would ask the text for a meeting.
 */
function organisationKinds(terms: string[], text: string): string[] {
  let out = terms;
  for (const kind of ORGANISATION_KINDS) {
    if (!text.includes(kind) || out.includes(kind)) continue;
    const pieces = out.filter((t) => kind.includes(t));
    if (pieces.length) out = [...out.filter((t) => !pieces.includes(t)), kind];
  }
  return out;
}

/** The nouns of what a 「どの〜」 question asks for, head last (「生成aiサービス」 → 生成, ai, サービス). */
function namedNouns(analyzer: Analyzer, query: string): string[] {
  const asked = NAME_ASKED.exec(query)?.[1];
  if (!asked) return [];
  return analyzer
    .tokenize(asked)
    .filter((t) => t.pos === '名詞' && /[\p{L}\p{N}]/u.test(t.surface))
    .map((t) => t.surface);
}

export function understand(question: string, deps: UnderstandDeps, options: UnderstandOptions = {}): Frame {
  const { analyzer, municipalities } = deps;
  // normalizeQuery: hiragana respelled by reading, katakana typos corrected (routing reads this text too).
  const normalized = analyzer.normalizeQuery(question).replace(/\s+/g, ' ').trim();
  const mentioned = municipalities.find(normalized);
  const chosen = municipalities.byId(options.municipality) ?? null;
  // 「話変わるけど、」 before the question announces it; it names no topic (follow-up reading sees it in `normalized`).
  const query = dropHome(dropTopicChange(stripMunicipalities(normalized, municipalities) || normalized));
  const inquiry = detectProcedure(normalized, analyzer.tokenize(normalized));
  const fired: Cue[] = CUES.filter((c) => c.question.test(query));
  const has = (id: string) => fired.some((c) => c.id === id);

  const def = definitionAsked(query, deps.isTerm);
  const target = def?.target ?? null;
  // 「…の3つの変革って何」 asks for the items, not for a glossary entry
  const counted = !!target && new RegExp(`${COUNTED_ITEMS.source}(?:の|$)`).test(target);

  let attribute: Attribute;
  let quantity: QuantityKind | undefined;
  let date: DateKind | undefined;
  let contact: ContactKind | undefined;
  if (!normalized || has('greeting')) attribute = 'greeting';
  else if (def && target && !counted) attribute = 'definition';
  // 「スマホ教室はいつどこでやってる」: a channel word (スマホ) and 「どこで」 without any procedure, asked when, asks
  // about an event or a measure, not how to do something
  else if (
    isProcedureInquiry(inquiry, false) &&
    !(inquiry.procedures.length === 0 && asksWhen(fired)) &&
    !asksOfService(fired, query)
  )
    attribute = 'procedure';
  else {
    attribute = 'chat';
    const row = askingRow(fired);
    if (row?.means.attribute) {
      attribute = row.means.attribute;
      quantity = row.means.quantity;
      date = row.means.date;
      contact = row.means.contact;
    }
    if (counted) attribute = 'items';
  }
  const whichCounted = WHICH_COUNTED.exec(query);
  const counting =
    whichCounted && WHICH_COUNTED_AS.includes(attribute) && (attribute !== 'contact' || contact === 'address')
      ? whichCounted[1]!.replace(/\s+/g, '')
      : null;
  if (counting) {
    attribute = 'items';
    contact = undefined;
  }
  const named = attribute === 'name' ? namedNouns(analyzer, query) : [];
  if (attribute === 'name' && !named.length) attribute = 'chat';
  // 「保有率はどれくらい」: the rate row wins over the generic count row; 「いつまで」 over 「いつ」.
  if (attribute === 'quantity') quantity = fired.find((c) => c.means.quantity)?.means.quantity;
  if (attribute === 'date') date = fired.find((c) => c.means.date)?.means.date;

  const namedMunicipalities = mentioned.map((m) => m.id);
  const unknown = unknownPlaces(normalized, municipalities);
  let scope: Scope = 'one';
  // A definition's aside (「どこの市が使ってるやつ？」) asks no scope of its own: only the part that asks does.
  const asksWhich =
    attribute === 'definition' && def ? CUES.some((c) => c.id === 'which' && c.question.test(def.asked)) : has('which');
  if (namedMunicipalities.length >= 2) scope = 'each';
  else if (asksWhich && namedMunicipalities.length === 0) scope = 'which';
  const municipality =
    options.strict && chosen ? chosen : scope === 'one' ? (mentioned[0] ?? chosen) : (mentioned[0] ?? null);
  const municipalitySource: Frame['municipalitySource'] =
    mentioned[0] || (options.strict && chosen) ? 'question' : chosen && scope === 'one' ? 'user' : 'none';

  // 「何市目」「何個」: the counter says what is asked, not what about (「市」「目」 would ask the text for them).
  const countAsked = attribute === 'quantity' && quantity === 'count';
  const asked = withoutSourceMention(query);
  const topicText =
    attribute === 'definition' && target
      ? target
      : withoutExamples(analyzer, countAsked ? withoutCounter(asked) : asked);
  // 「どんな名前のサービス」: 名前 says what is asked, not what about.
  let terms = organisationKinds(
    (attribute === 'greeting' ? [] : contentTerms(analyzer, topicText, false, deps.sets)).filter(
      (t) => attribute !== 'name' || !NAME_WORDS.has(t),
    ),
    attribute === 'contact' ? topicText : '',
  );
  // 「3本の柱ってなに」: the number (and a bare counter) says how many, not what about.
  if (counting && terms.some((t) => !BARE_COUNTER.test(t))) terms = terms.filter((t) => !BARE_COUNTER.test(t));
  // 「マイナンバーカードはどのくらい普及してる」: 普及 says a share is asked; it names no topic.
  const asking = { attribute, quantity, cues: fired.map((c) => c.id) };
  terms = withoutFramingWords(asking, terms);
  const headWord = attribute === 'greeting' ? null : headNoun(analyzer, topicText);
  const head = headWord && framingWords(asking).has(headWord) ? null : headWord;
  const unstated = ['greeting', 'definition'].includes(attribute)
    ? []
    : unstatedNames(
        terms.filter((t) => !fired.some((c) => c.words?.includes(t))),
        question,
        deps.df,
      );
  const choice = has('choice') ? CHOICE_OPTIONS.exec(query.replace(/\s+/g, '')) : null;
  // A detail beyond the topic, for the attributes whose validation does not read one (a date, a count, a person have
  // their own evidence).
  const detail = DETAIL_ASKED_OF.includes(attribute) ? DETAILS.find((d) => d.question.test(asked)) : undefined;
  const when = attribute === 'greeting' || attribute === 'procedure' ? null : askedTime(query);

  return {
    question,
    normalized,
    query,
    attribute,
    ...(quantity ? { quantity } : {}),
    ...(date ? { date } : {}),
    ...(contact ? { contact } : {}),
    ...(named.length ? { named } : {}),
    ...(counting ? { counted: counting } : {}),
    ...(when ? { when } : {}),
    ...(detail ? { detail: { id: detail.id, label: detail.label } } : {}),
    topic: {
      phrase:
        attribute === 'definition' && target
          ? target
          : asQuoted(topicPhrase(nounPhrases(analyzer, topicText), terms, topicText, deps.df), normalized),
      terms,
      head,
      ...(unstated.length ? { unstated } : {}),
    },
    target: attribute === 'definition' ? target : null,
    options: choice ? [choice[1]!, choice[2]!] : [],
    municipalities: { named: namedMunicipalities, chosen: chosen?.id ?? null, unknown },
    municipality: municipality?.id ?? null,
    municipalitySource,
    scope,
    modifiers: {
      actual: has('actual'),
      target: has('target'),
      national: has('national'),
      measures: has('measures'),
      change: has('status-change'),
    },
    inquiry,
    cues: fired.map((c) => c.id),
  };
}
