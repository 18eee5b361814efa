// Conversations: what a session remembers of its last turns (frames and what answered them, never the
// messages themselves), the cues that end a conversation, and how a follow-up is read against the last turn.
//
// A follow-up is a partial frame merged into the previous one. Whether the new message inherits is decided
// from its own frame: does it name a topic of its own (words left once question cues, follow-up cues and the
// previous topic's words are taken out)? an attribute of its own? a municipality? a channel? The merge is
// written back as a question that stands on its own (「ガバメントクラウドはいつから？」), which understand()
// reads like any other — so a follow-up is answered exactly as the same question typed in full would be.
import type { Analyzer, Token } from '../analysis/index.js';
import { CUES } from '../analysis/index.js';
import type { ChannelId, KnowledgeSnapshot, Municipality, MunicipalityDetector, Section } from '../knowledge/index.js';
import { answeredSubject, namesMore } from './answered-subject.js';
import type { ComposeContext, Composed, Composer, Decline } from './composers/types.js';
import { askedCounter, countedFigure } from './counters.js';
import { contentTerms, type SynonymSets } from './extract.js';
import { composeTextChapter } from './follow-up-chapter.js';
import { ITEM_MARKS, listedItems } from './follow-up-items.js';
import { namesAThing } from './follow-up-named.js';
import { kpiAt } from './follow-up-reached.js';
import { heldRow } from './follow-up-row.js';
import { counterpartList, namesItem } from './follow-up-structure.js';
import type { Frame } from './frame.js';
import { clip } from './limits.js';
import { passageIndex } from './passage-index.js';
import { composeChapter, composeSection } from './sections.js';
import {
  type Answered,
  type AnsweredItem,
  isThread,
  type SessionContext,
  type TurnFrame,
  type TurnRecord,
} from './session.js';
import { glossarySource, passageSource } from './sources.js';
import { escapeRegExp } from './text.js';
import type { Answer } from './types.js';

// What a session keeps lives in session.ts; its names stay readable from here.
export {
  type Answered,
  type AnsweredItem,
  appendTurn,
  contextKey,
  MAX_TURNS,
  parseContext,
  type SessionContext,
  type TurnFrame,
  type TurnRecord,
} from './session.js';

// ── cues

// Messages that end the conversation (the next question starts afresh). A message is a reset when, after
// the politeness around it is dropped, it is one of these — not when it merely contains one
// (「最初から読むべき資料は」 is a question).
export const RESET_CUES: readonly { words: readonly string[]; why: string }[] = [
  {
    words: ['最初から', 'はじめから', '初めから', '始めから', '一から', 'いちから'],
    why: 'start over from the beginning',
  },
  { words: ['リセット', '会話をリセット', '履歴をリセット', 'reset'], why: 'the word residents know from apps' },
  { words: ['やり直し', 'やりなおし', '仕切り直し', 'クリア', 'clear'], why: 'start again, clear what was said' },
  { words: ['話題を変える', '話を変える', '別の質問', '新しい質問'], why: 'a new topic announced on its own' },
];

// Politeness and particles around a bare cue: 「最初からお願いします」「リセットして」「やり直したい」.
const AROUND_CUE =
  /^(?:えっと|あの|じゃあ|では|もう一度|もういちど|一度)?(.+?)(?:で|に)?(?:する|します|して|してください|して下さい|したい|お願いします|おねがいします|お願い|おねがい|ください|下さい|たい)?$/;

export function isResetMessage(text: string): boolean {
  const t = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s、。，．,.!！?？〜~ー…・「」]+/g, '');
  if (!t || t.length > 24) return false;
  const bare = AROUND_CUE.exec(t)?.[1] ?? t;
  for (const cue of RESET_CUES) {
    for (const w of cue.words) if (t === w || bare === w || bare === w.replace(/し$/, '')) return true;
  }
  return false;
}

// 「話変わるけど」「ところで」「全然別の話なんだけど」: the resident announces a question of their own.
const TOPIC_CHANGE = /話(?:は|が)?(?:変わ|かわ)|ところで|別の(?:話|質問|件|こと)|別件|それとは別に|全然違う/;
// The announcement as a clause before the question (「話変わるけど、」「全然別の話なんだけど、」「ところで」).
const TOPIC_CHANGE_CLAUSE = new RegExp(
  `^[^、,。?？]{0,8}?(?:${TOPIC_CHANGE.source})[^、,。?？]{0,12}?[、,。]\\s*|^(?:ところで|それとは別に)\\s*`,
);

/** The question without a leading announcement of a new topic: the announcement names no topic of its own. */
export function dropTopicChange(query: string): string {
  const rest = query.replace(TOPIC_CHANGE_CLAUSE, '');
  return rest.trim() ? rest : query;
}

type FollowUpRole =
  | 'new-topic'
  | 'anaphora'
  | 'within'
  | 'detail'
  | 'ordinal'
  | 'position'
  | 'other'
  | 'home'
  | 'glue'
  | 'return';

// How residents lean on the previous turn (or say they do not). Read over the normalized question with
// municipality names removed; every match is also taken out before looking for a topic of the message's own.
export const FOLLOW_UP_CUES: readonly { id: string; role: FollowUpRole; pattern: RegExp; why: string }[] = [
  {
    id: 'new-topic',
    role: 'new-topic',
    pattern: TOPIC_CHANGE,
    why: 'announces a question of its own: nothing is inherited, even when it names no topic clearly',
  },
  {
    id: 'return',
    role: 'return',
    pattern:
      /(?:さっき|先ほど|さきほど|前|まえ|元|もと)の(?:話|件|質問|やつ)(?:に|へ)?(?:戻|もど)?(?:る|って|すと|ると|るけど|るけれど|りますが|ります)?(?:けど|けれど|が|と|、)?|(?:話|件)(?:に|を)(?:戻|もど)(?:る|って|す|すと|ると)(?:けど|けれど|が|と)?/,
    why: 'goes back to what was asked before the last turn (an aside in between): that turn is the one to lean on',
  },
  {
    id: 'companion',
    role: 'glue',
    pattern:
      /(?:それ|これ|そちら|こちら)と(?:一緒|いっしょ|同時|並行|あわせ|合わせ|併せ|セット)に?[^、,。?？]{0,12}?(?:て(?:い)?る|てた|た|する|した)(?=[一-龥ァ-ヶーa-z])/,
    why: 'another thing made or done alongside the previous topic (「それと一緒に作ってるアクションプラン」): the message asks about that thing, in the same place',
  },
  {
    id: 'within',
    role: 'within',
    pattern: /(?:その|この|それらの|これらの)(?:中|なか|うち)(?:の|で|から|でも)?|そのうち(?:の)?/,
    why: 'narrows to one part of the previous answer (「その中のAI・RPAのところ」)',
  },
  {
    id: 'ordinal',
    role: 'ordinal',
    pattern: /([0-9一二三四五六七八九十]+)\s*(?:つ目|つめ|番目|個目|点目|項目め|本目)(?:の|を|は|って)?/,
    why: 'picks one item of a list answer by its place (「2つ目を詳しく」「2本目の柱」)',
  },
  {
    id: 'position',
    role: 'position',
    pattern: /(?:何|なん)\s*(?:番目|つ目|個目|本目|項目め|条目)(?:の|に|で|を|は|って)?/,
    why: 'asks where an item stands in the list just given (「防災DXは何番目？」): the item its other words name, and its place',
  },
  {
    id: 'article',
    role: 'ordinal',
    pattern: /第\s*([0-9一二三四五六七八九十]+)\s*(?:条|項)(?:の|を|は|って)?/,
    why: 'picks one article of a list numbered so (「その第1条は？」 after 「サービス設計12箇条」): its number, not its place',
  },
  {
    id: 'edge-one',
    role: 'ordinal',
    pattern: /(?:一番|いちばん)?(最後|最初|ラスト)の(?:やつ|ヤツ|もの|ほう|方)?(?=は|って|を|も|[?？]|$)/,
    why: '「最後のは？」「最初のってどういうこと？」: no noun after の, which stands for the item itself (「最初の導入は」 names one)',
  },
  {
    id: 'edge',
    role: 'ordinal',
    pattern: /(?:一番|いちばん)?(最後|最初|ラスト)の/,
    why: 'the last or first item (「最後の柱を詳しく」); only with a detail cue — 「最初の導入は」 asks no item',
  },
  {
    id: 'detail',
    role: 'detail',
    pattern:
      /(?:もっと|もう少し|もうちょっと|さらに|より)?(?:詳しく|くわしく|詳細|具体的に)(?:教えて|知りたい|説明して|聞きたい)?(?:ください|下さい|ほしい)?|(?:の|という)?(?:ところ|部分|ところを|話)(?:を|は|って)?/,
    why: 'asks the next level of the previous answer: the item’s or passage’s own section',
  },
  {
    id: 'anaphora',
    role: 'anaphora',
    pattern:
      /(?:それ(?!ぞれ)|これ(?!から|まで)|そちら|こちら|あれ(?!ば)|そっち|こっち|そこ(?!まで)|ここ(?!まで))(?:では|って|は|が|を|も|で|に|の)?|(?:その|この|同じ)/,
    why: 'points back at what was just answered: its topic stays, the rest of the message is new',
  },
  {
    id: 'degree',
    role: 'anaphora',
    pattern: /そんなに|こんなに|あんなに|それほど|これほど/,
    why: 'weighs what the previous answer gave (「なんでそんなに少ないの」): the figure or measure answered is the topic; the adjective after it judges, it names nothing',
  },
  {
    id: 'home',
    role: 'home',
    pattern:
      /(?:うち|ウチ|私|わたし|自分|僕|ぼく|俺)(?:の|ん)(?:ところ|とこ|市|町|村|区|自治体|まち)|地元|(?:住んで|暮らして)(?:い)?る(?:市|町|村|区|自治体|まち|ところ|とこ)|^うち(?=(?:は|だと|では|って|の方|のほう)[?？]*$)/,
    why: 'the resident’s own municipality (「うちの町だと？」「地元は？」): the one they chose, not the one asked about before',
  },
  {
    id: 'other-side',
    role: 'other',
    pattern: /の?ほう(?:は|って|では|も|だと)?|の方(?:は|って|では|も|だと)|(?:だと|では|でも|なら)(?=[?？]*$|どう)/,
    why: 'another municipality or channel for the same question (「〜町のほうは？」「コンビニでも？」)',
  },
  {
    id: 'glue',
    role: 'glue',
    pattern: /^(?:じゃあ|じゃ|では|なら|それなら|で|あと|それと|ちなみに|えっと|あの|ねえ|ねぇ)[、,\s]*/,
    why: 'conversation glue that carries no topic',
  },
];

// Words a follow-up uses about the answer rather than about a topic (「内容」「こと」).
const NOT_A_TOPIC = new Set([
  'ほう',
  '方',
  'ところ',
  'こと',
  'もの',
  '内容',
  '詳しい',
  '詳細',
  '具体',
  '話',
  '部分',
  '感じ',
  // 「スポーツのやつ」「3つ目のやつ」: a placeholder for the thing meant, named by the words before it
  'やつ',
  'ヤツ',
  // what is planned or how it stands (「それっていつまでに終わらせる予定？」): the question's frame, not a topic
  '予定',
  '見込み',
  '状況',
]);

// ── reading a follow-up

export interface FollowUpDeps {
  analyzer: Analyzer;
  sets: SynonymSets;
  municipalities: MunicipalityDetector<Municipality>;
  snapshot: KnowledgeSnapshot;
}

export interface FollowUpReading {
  question: string; // the message restated as a question of its own
  focus?: string; // a section id the message points at (「2つ目を詳しく」), or the text cited for focusItem
  focusItem?: string; // the item picked, when it has no section of its own (an article listed inline)
  place?: number; // the item's place in its list, when the message asks for it (「何番目？」)
  topic?: string; // the topic inherited (kept for the next turn as it was, not as re-read from the restatement)
  terms?: string[]; // its words, as the turn that first asked about it gave them
  route?: boolean; // the previous procedure through another channel: a procedure inquiry whatever the verb
  // The channel the message itself named (「書かない窓口でもできる？」): what 「その窓口」 points at next, whichever
  // channel the restated question reads first (死亡・相続 also reads as おくやみ窓口).
  channel?: ChannelId;
  // Asked instead when `question` is not answered (a fallback or a not-stated reply): 「Xのほうは？」 carries the
  // previous question to a new topic X only as far as the documents answer it of X; otherwise X in general.
  otherwise?: string;
  // Asked instead when `question` is not answered, and kept as the answer when it is: the same question in the words
  // the cue table reads back (「それって全部でいくつ公開する目標なの？」 → 「オープンデータの目標は？」).
  plainly?: string;
  // 「目標に届いてる？」: the passage of the KPI the previous answer quoted, whose target and actual figure the answer
  // compares first (follow-up-reached.ts)
  reached?: string;
  why: string; // for the debug trace
}

// Asked again for another municipality, or with nothing of its own: the previous attribute in words the cue
// table reads back as the same attribute (tested: each row round-trips through understand()).
export const RESTATE: Record<string, string> = {
  definition: 'とは',
  items: 'の取組を教えて',
  overview: 'はどう進める？',
  reason: 'の理由は？',
  status: 'はもう始まっていますか？',
  person: 'の責任者は誰？',
  'contact:department': 'の担当課は？',
  'contact:phone': 'の電話番号は？',
  'contact:address': 'の住所は？',
  'quantity:count': 'の件数は？',
  'quantity:rate': 'の割合は？',
  'quantity:amount': 'の費用は？',
  'quantity:count:actual': 'の実績はいくつ？',
  'quantity:count:target': 'の目標は？',
  'quantity:rate:actual': 'の達成率は？',
  'date:start': 'はいつから？',
  'date:end': 'はいつまで？',
  'date:period': 'の期間は？',
  'date:made': 'はいつ策定された？',
  'date:revised': 'はいつ改定された？',
  date: 'はいつ？',
};

export function restateKey(f: Pick<TurnFrame, 'attribute' | 'detail' | 'modifiers'>): string | null {
  const base = f.detail ? `${f.attribute}:${f.detail}` : f.attribute;
  const modifier = f.modifiers.find((m) => m === 'actual' || m === 'target');
  if (modifier && RESTATE[`${base}:${modifier}`]) return `${base}:${modifier}`;
  if (RESTATE[base]) return base;
  return RESTATE[f.attribute] ? f.attribute : null;
}

// What a topic is asked in general (「Xはどう進める？」): what the documents say of it, whatever its attributes.
const GENERAL = 'overview';

// Attributes a message may ask in words that only frame them: a figure or a date (「全部で」「トータルで」), a person
// (「そのトップは誰」「一番上の人は」), a department (「どこが仕切ってるの」). Asked so of the previous topic, the same
// attribute in the words the cue table reads back is tried when the words as written are not answered.
const FRAMED_ATTRIBUTES: ReadonlySet<string> = new Set(['quantity', 'date', 'person', 'contact']);

/**
 * What a previous question asked, as a key of RESTATE: its attribute's, or — asked in free form of a target or an
 * actual figure (「どこまで目指してるの？」「どれだけ進んだ？」) — that figure, which is what 「Xのほうは？」 asks of X.
 */
function heldKey(previous: TurnFrame): string | null {
  const modifier = previous.modifiers.find((m) => m === 'actual' || m === 'target');
  if (modifier && FREE_FORM.has(previous.attribute)) return `quantity:count:${modifier}`;
  return restateKey(previous);
}

/** The message's attribute asked of the topic in the words the cue table reads back, when it has such words. */
function plainly(frame: Frame, at: string, topic: string): Pick<FollowUpReading, 'plainly'> {
  const modifiers = (['actual', 'target'] as const).filter((m) => frame.modifiers[m]);
  const detail = frame.quantity ?? frame.date ?? frame.contact;
  const key = restateKey({ attribute: frame.attribute, ...(detail ? { detail } : {}), modifiers });
  return key && key !== GENERAL && topic ? { plainly: `${at}${topic}${restatement(key, topic)}` } : {};
}

/** The topic asked in general, for when the question carried to it is not answered (nothing when it is general). */
const inGeneral = (at: string, topic: string, key: string | null): Pick<FollowUpReading, 'otherwise'> =>
  key === GENERAL || key === 'items' || !topic ? {} : { otherwise: `${at}${topic}${restatement(GENERAL, topic)}` };

// A policy topic (基本理念, 方針, 柱) is itself read as a list: 「…を教えて」 asks for it without the word 項目, which
// the documents do not write beside it.
const ITEMS_CUE = CUES.find((c) => c.id === 'items')?.question;
const POLICY_ITEMS = 'を教えて';

function restatement(key: string, topic: string): string {
  if (key === 'items' && ITEMS_CUE?.test(topic)) return POLICY_ITEMS;
  return RESTATE[key] ?? '';
}

/**
 * 「さっきの話に戻るけど」「東久留米の話にもどるけど」: the turn before the aside — the latest earlier one in the place the
 * message names, else the latest earlier one about another topic than the aside's.
 */
function returnedTo(context: SessionContext | undefined, latest: TurnRecord, frame: Frame): TurnRecord {
  const turns = (context?.turns ?? []).filter((t) => isThread(t.frame));
  const earlier = turns.slice(0, turns.indexOf(latest as (typeof turns)[number])).reverse();
  const named = frame.municipalities.named;
  const inPlace = (t: TurnRecord) =>
    named.includes(t.answered.municipality ?? '') || t.frame.municipalities.some((m) => named.includes(m));
  const found = named.length
    ? earlier.find(inPlace)
    : earlier.find(
        (t) => t.frame.topic !== latest.frame.topic || t.answered.municipality !== latest.answered.municipality,
      );
  return found ?? latest;
}

function turnOf(context: SessionContext | undefined): (TurnRecord & { at: number }) | null {
  const turns = context?.turns ?? [];
  for (let i = turns.length - 1; i >= 0; i--) if (isThread(turns[i]!.frame)) return turns[i]!;
  return null;
}

interface Cued {
  roles: Set<FollowUpRole>;
  ids: Set<string>; // the cues that fired
  ordinal: number | null;
  rest: string; // the message with every follow-up cue and question cue taken out
  stripped: string; // the message with the follow-up cues taken out (question cues kept)
}

const KANJI_DIGITS = '〇一二三四五六七八九十';
// 「最後の」: the last item, whatever the list's length.
const LAST = -1;
const numberOf = (s: string) =>
  /^[0-9]+$/.test(s) ? Number(s) : KANJI_DIGITS.indexOf(s) > 0 ? KANJI_DIGITS.indexOf(s) : null;

function readCues(query: string): Cued {
  const roles = new Set<FollowUpRole>();
  const ids = new Set<string>();
  let ordinal: number | null = null;
  let edge: number | null = null;
  let stripped = query;
  for (const cue of FOLLOW_UP_CUES) {
    const global = new RegExp(
      cue.pattern.source,
      cue.pattern.flags.includes('g') ? cue.pattern.flags : `${cue.pattern.flags}g`,
    );
    stripped = stripped.replace(global, (match, n?: string) => {
      if (!match) return match;
      roles.add(cue.role);
      ids.add(cue.id);
      if (cue.id === 'edge') edge ??= n === '最初' ? 1 : LAST;
      else if (cue.id === 'edge-one') ordinal ??= n === '最初' ? 1 : LAST;
      else if (cue.role === 'ordinal' && typeof n === 'string') ordinal ??= numberOf(n);
      return ' ';
    });
  }
  let rest = stripped;
  for (const cue of CUES) {
    if (cue.id === 'definition') continue; // its pattern spans the whole question
    rest = rest.replace(new RegExp(cue.question.source, `${cue.question.flags.replace('g', '')}g`), ' ');
  }
  // 「最後の」 points at an item only when the message asks for detail; otherwise it is an ordinary word
  if (edge !== null && roles.has('detail')) ordinal ??= edge;
  if (ordinal === null) roles.delete('ordinal');
  return { roles, ids, ordinal, rest, stripped: stripped.replace(/\s+/g, ' ').trim() };
}

// The message's own topic words: what is left once the cues are out, less the previous topic's words.
function ownTopic(deps: FollowUpDeps, cued: Cued, previous: TurnFrame, frame: Frame, keepKnown = false): string[] {
  // 「小金井市」 sent alone keeps its name in the query (nothing else would be left): a place, never a topic
  const rest = deps.municipalities.strip(cued.rest);
  const before = `${previous.topic ?? ''} ${previous.procedure ?? ''}`.replace(/\s+/g, '');
  const known = new Set(previous.terms.flatMap((t) => t.split('|')));
  // A word of the previous topic written with other kana (「受け付ける」 for 受付) is that word: the kanji agree.
  const kanji = (a: string) => a.replace(/[ぁ-ん]/g, '');
  const knownKanji = new Set([...known].map(kanji).filter((k) => k.length >= 2));
  // 「日の出町ではいつからやる予定？」: a verb says what is done with the topic, and 「今後はどうするの」 when: neither
  // names one (contentTerms keeps them when nothing else is left)
  // (read in the whole message too: with the question words taken out, 「何件くらい」 leaves 「くらい」 read as 暗い)
  const framing = new Set([
    ...verbsOf(deps, rest),
    ...timeFramesOf(deps, rest),
    ...framingOf(deps.analyzer.tokenize(frame.query), ASKS_WHEN_OR_HOW_MUCH.has(frame.attribute)),
    // 「そんなに少ない」「こんなに高い」: the adjective judges what was answered
    ...(cued.ids.has('degree') ? adjectivesOf(deps, rest) : []),
  ]);
  // 「そのトップは誰なの」 leaves 「は なの」 once its cues are out, which the analyzer reads as one word (はな): a word in
  // kana alone that the message as written does not hold is glued from what the cues left, not written by the resident
  const written = new Set(deps.analyzer.tokenize(frame.query).flatMap((t) => [t.surface, t.basic]));
  const glued = (a: string) => /^[ぁ-ん]+$/.test(a) && !written.has(a);
  return contentTerms(deps.analyzer, rest, false, deps.sets).filter((t) => {
    const alts = t.split('|');
    if (alts.every((a) => framing.has(a) || glued(a))) return false;
    if (alts.some((a) => NOT_A_TOPIC.has(a))) return false;
    if (!keepKnown && alts.some((a) => known.has(a) || before.includes(a) || knownKanji.has(kanji(a)))) return false;
    // one character is a unit or a split of a compound (度, 件, 第), never a topic of its own
    return alts.some((a) => [...a].length >= 2 && /[\p{L}\p{N}]/u.test(a));
  });
}

const adjectivesOf = (deps: FollowUpDeps, text: string) =>
  deps.analyzer
    .tokenize(text)
    .filter((t) => t.pos === '形容詞')
    .map((t) => t.basic);

const verbsOf = (deps: FollowUpDeps, text: string) =>
  deps.analyzer
    .tokenize(text)
    .filter((t) => t.pos === '動詞')
    .map((t) => t.basic);

// 「何件受付したの」「いつ導入するの」: asked how much or when, a verbal noun (サ変接続) done with する or できる is a verb
// of doing, as 始めた is — it says what was done with the topic, not what about. Asked what (「何を追加したの」), the
// verb is what the resident wants to know about, and stays a word of the message's own.
const ASKS_WHEN_OR_HOW_MUCH: ReadonlySet<string> = new Set(['quantity', 'date', 'status']);
const DOING = new Set(['する', 'できる']);
// 「何か所」「何枚くらい」: a counter (助数詞) and a particle of degree say how much is asked, not of what.
// The whole message's framing words, from one tokenization: its counters and particles, and (asked how much or
// when) its verbal nouns of doing.
const framingOf = (tokens: readonly Token[], asksWhenOrHowMuch: boolean) =>
  tokens
    .filter(
      (t, i) =>
        t.pos2 === '助数詞' ||
        t.pos === '助詞' ||
        (asksWhenOrHowMuch && t.pos1 === 'サ変接続' && DOING.has(tokens[i + 1]?.basic ?? '')),
    )
    .map((t) => t.basic);

/** Whether a word of the message is only a verbal noun done with する or できる there (「追加した」「公開してる」). */
function doneOnly(deps: FollowUpDeps, frame: Frame, term: string): boolean {
  const tokens = deps.analyzer.tokenize(frame.query);
  const done = new Set(
    tokens.filter((t, i) => t.pos1 === 'サ変接続' && DOING.has(tokens[i + 1]?.basic ?? '')).map((t) => t.basic),
  );
  return term.split('|').every((a) => done.has(a));
}

// Nouns used as adverbs of time (今後, 現在, 将来, 最近): when the question is asked, not what about. The dictionary
// tags these as such; a few words of order it tags as plain nouns are listed here.
const ORDER_WORDS: ReadonlySet<string> = new Set(['最初', '最後', '初め', '始め', '終わり']);
const timeFramesOf = (deps: FollowUpDeps, text: string) =>
  deps.analyzer
    .tokenize(text)
    .filter(
      (t) => t.pos === '名詞' && ((t.pos1 === '副詞可能' && /[一-龥]/.test(t.surface)) || ORDER_WORDS.has(t.basic)),
    )
    .map((t) => t.basic);

const nameOf = (deps: FollowUpDeps, id: string | null | undefined) =>
  id ? (deps.municipalities.byId(id)?.name ?? '') : '';

// The municipality a follow-up is about: one it names, else the one the previous turn named (it applies to the
// conversation until another is named), else none here (the resident's choice still applies downstream).
function placeOf(deps: FollowUpDeps, frame: Frame, previous: TurnFrame): string {
  if (frame.municipalities.named.length) return frame.municipalities.named.map((id) => nameOf(deps, id)).join('と');
  return previous.municipalities.map((id) => nameOf(deps, id)).join('と');
}

// The previous topic as a phrase for another municipality: a topic that is the previous municipality's own
// document (「地域情報化基本方針」 of 西東京市) becomes the named municipality's document.
function topicFor(deps: FollowUpDeps, last: TurnRecord, frame: Frame): string {
  const previous = last.frame;
  const answeredFor = last.answered.municipality;
  // 「最初はどこの課で使ってたの？」 may leave a time word as the phrase asked about: the measure answered is the topic
  const timeWord = previous.topic !== null && timeFramesOf(deps, previous.topic).join('') === previous.topic;
  const topic = (timeWord ? last.answered.subject : null) ?? previous.topic ?? previous.procedure ?? '';
  const to = frame.municipalities.named[0];
  const from = answeredFor ?? previous.municipalities[0] ?? previous.chosen;
  if (!to || !from || to === from) return topic;
  const strip = (title: string, id: string) => title.replace(nameOf(deps, id), '').trim();
  const own = deps.snapshot.documents.filter((d) => d.meta.municipality === from);
  const isDocument = own.some((d) => {
    const title = strip(d.meta.title, from);
    return topic.length >= 3 && (title.includes(topic) || topic.includes(title));
  });
  if (!isDocument) return topic;
  const theirs = deps.snapshot.documents.find((d) => d.meta.municipality === to);
  return theirs ? strip(theirs.meta.title, to) : topic;
}

/**
 * The follow-up read against the session, or null when the message stands on its own (it names a topic of its
 * own, announces a new one, or there is nothing to lean on).
 */
export function readFollowUp(
  message: Frame,
  context: SessionContext | undefined,
  deps: FollowUpDeps,
): FollowUpReading | null {
  const frame = atHome(message);
  const cued = readCues(frame.query);
  const latest = turnOf(context);
  if (!latest || frame.attribute === 'greeting') return null;
  // 「国分寺市は？」: a place outside the knowledge is answered as such (the covered ones named), never read into a topic
  if (frame.municipalities.unknown.length && !frame.municipalities.named.length) return null;
  const last = cued.roles.has('return') ? returnedTo(context, latest, frame) : latest;
  const previous = last.frame;
  // 「地元は？」 with no municipality chosen: the previous question of the resident's own place, which is asked back
  // (a message with a topic of its own is asked back as it stands)
  if (asksUnknownHome(frame)) {
    if (ownTopic(deps, cued, previous, frame).length || (!previous.topic && !previous.procedure)) return null;
    const topic = topicFor(deps, last, frame);
    const key = restateKey(previous) ?? GENERAL;
    return {
      question: `${HOME_WORDS}${topic}${restatement(key, topic)}`,
      topic,
      terms: previous.terms,
      why: 'home: the previous question of the resident’s own place, which no choice names',
    };
  }
  // understand() drops the announcement from the query; the message as written still carries it
  if (cued.roles.has('new-topic') || TOPIC_CHANGE.test(frame.normalized)) return null;
  const own = ownTopic(deps, cued, previous, frame);
  // 「書かない窓口は？」 after おくやみ窓口: its words are a verb and the previous topic's 窓口, yet together they are a name
  // the knowledge has, and not the previous topic's
  const another = own.length ? null : otherName(deps, frame, cued, previous);
  if (another) own.push(another);
  if (!own.length && narrowsElsewhere(deps, frame, cued, last)) return null;
  const place = placeOf(deps, frame, previous);
  const at = place ? `${place}の` : '';

  // A route: the same procedure through another channel (「じゃあそれ、コンビニでも？」), after a route answer.
  // (「コンビニ交付とは」 asks what the channel is and 「書かない窓口ってもうある？」 whether it is there yet, not for
  // the procedure there; after a figure, 「オンライン化の目標は？」 asks of the figure's measure.)
  if (
    previous.procedure &&
    last.answered.kind === 'route' &&
    !frame.inquiry.procedures.length &&
    frame.inquiry.modes.length &&
    WAY_ASKED.has(frame.attribute)
  ) {
    const ask = cued.stripped.replace(/^[\s、,。]+/, '');
    const wished = frame.inquiry.modes.find((m) => m !== 'counter');
    return {
      question: `${at}${previous.procedure}を${ask}`,
      route: true,
      ...(wished ? { channel: wished } : {}),
      why: `route: ${previous.procedure} by another channel`,
    };
  }

  // 「母が亡くなったので、その関係の手続きです」 after a route: a procedure of its own, whose pointer is at what the resident
  // told (the death), not at the channel the answer led with: it is routed as it stands
  if (
    last.answered.kind === 'route' &&
    frame.attribute === 'procedure' &&
    frame.inquiry.procedures.some((p) => p !== previous.procedure)
  ) {
    return null;
  }
  // 「目標には届いてる？」「目標クリアした？」: whether the figure just answered reached its target is how far it got
  // towards it — the achievement rate, which the documents print beside the target and the actual figure
  if (REACHED.test(frame.normalized) && (previous.topic || previous.procedure) && !frame.inquiry.procedures.length) {
    const topic = topicFor(deps, last, frame);
    return {
      question: `${at}${topic}${restatement(REACHED_KEY, topic)}`,
      topic,
      terms: previous.terms,
      ...(kpiAt(deps.snapshot, last.answered.ids[0]) ? { reached: last.answered.ids[0] } : {}),
      why: 'reached: the target compared with the figure answered, as its achievement rate',
    };
  }
  // 「防災DXは何番目？」: the item the message names, in the list just given, with its place
  if (cued.roles.has('position') && own.length) {
    const listed = listTurn(context, last, cued);
    const item = pickItem(deps, listed, cued, own);
    const place = item ? placeInList(listed, item) : null;
    if (item && place)
      return {
        ...itemInDetail(
          deps,
          listed,
          item,
          placeOfList(deps, frame, listed, last, at),
          `position: item 「${item.label}」 is number ${place} of the previous list`,
        ),
        place,
      };
  }
  const pointed = cued.roles.has('detail') || cued.roles.has('ordinal') || cued.roles.has('within');
  if (pointed) {
    const listed = cued.ordinal !== null ? listTurn(context, last, cued) : last;
    const item = pickItem(deps, listed, cued, own);
    // 「1つ目は？」 after 「重点取組いくつ？」: the things counted, listed (the next ordinal picks from that list)
    // (a list quoted from another municipality's documents, when the count asked is not stated, is not what was counted)
    const counted = !listed.answered.items?.length || listed.answered.composer === 'not-stated';
    if (cued.ordinal !== null && counted && asksCount(previous) && listed === last) {
      return countedItems(deps, last, frame, at, 'ordinal after a count: the things counted, listed');
    }
    // 「20番目を詳しく」 after a list of eight: nothing to point at, so the message is read on its own
    if (!item && cued.ordinal !== null) return null;
    if (item) {
      const listAt = placeOfList(deps, frame, listed, last, at);
      return itemInDetail(deps, listed, item, listAt, `detail: item 「${item.label}」 of the previous answer`);
    }
    if (cued.roles.has('detail') && !own.length) {
      const section = sectionOf(deps.snapshot, last.answered.ids[0]);
      const topic = previous.topic ?? section?.headingPath.at(-1) ?? '';
      if (!topic) return null;
      return {
        question: `${at}${topic}について詳しく教えて`,
        focus: section?.id,
        why: 'detail: the previous answer’s own section',
      };
    }
  }
  // 「この方針って最初はいつ作られたの？」 after an item of it: the pointer names the document the answer quoted
  const document = documentPointed(deps.snapshot, frame.query, last);
  if (document) {
    const placed = place && !document.title.includes(place) ? at : '';
    return {
      question: `${placed}${frame.query.replace(document.pointer, document.title)}`,
      topic: document.title,
      why: `document: the pointer names the document the previous answer quoted (${document.title})`,
    };
  }
  // 「オープンデータってそもそも何」「RPAって何の略？」 after a question about the same thing: a definition that names
  // its term asks what the term means, whatever the topic it came up under; only the place carries over.
  const named = namedTerm(frame);
  if (named && !own.length) {
    return { question: `${at}${named}とは`, why: `definition of the term the message names (${named})` };
  }
  // Its own topic: a question of its own (the place named before still applies when none is named).
  if (own.length) {
    // 「そのセキュリティリテラシーってどういう意味？」: the pointer says where the term came up (the previous answer);
    // what a term means does not depend on the topic it came up under
    const term = frame.attribute === 'definition' ? frame.target?.replace(DETERMINER, '') : undefined;
    if (term && term !== frame.target) {
      return { question: `${at}${term}とは`, why: `definition of a term the previous answer used (${term})` };
    }
    // 「市民課のほうの実績は？」: a department as the other side is the part of the topic it is in charge of
    const department = previous.topic ? departmentSide(frame) : null;
    if (department) {
      // (the part is the topic kept: 「目標には届いてる？」 next asks of that department's row)
      const topic = `${topicFor(deps, last, frame)}の${department.name}`;
      const asked = department.rest || restatement(heldKey(previous) ?? GENERAL, topic);
      return {
        question: `${at}${topic}${asked.startsWith('の') ? '' : 'の'}${asked}`,
        topic,
        why: `department: the part of the previous topic ${department.name} is in charge of`,
      };
    }
    // 「それってどんな効果があるの？」: the pointer keeps the previous topic; its own words ask an aspect of it
    if (cued.roles.has('anaphora') && ANAPHOR.test(frame.query) && (previous.topic || previous.procedure)) {
      const topic = topicFor(deps, last, frame);
      // (a figure, a date, a person or a department asked: its words may only frame it — 「全部で」「トップは」 — so the
      // plain question is next)
      return {
        question: `${at}${substitute(frame.query, topic)}`,
        ...(FRAMED_ATTRIBUTES.has(frame.attribute) ? plainly(frame, at, topic) : {}),
        topic,
        terms: previous.terms,
        why: `anaphora: an aspect (${own.join(', ')}) of the previous topic`,
      };
    }
    // 「実際になにを追加したの」「何を公開してるの？」: its only words of its own say what was done (a verbal noun with
    // する), and what it was done to is the topic being talked about
    if (previous.topic && !frame.inquiry.procedures.length && own.every((t) => doneOnly(deps, frame, t))) {
      const topic = topicFor(deps, last, frame);
      const ask = cued.stripped.replace(/^[\s、,。]+/, '');
      return {
        question: `${at}${topic}について、${ask}`,
        topic,
        terms: previous.terms,
        why: `done: what was done (${own.join(', ')}) to the previous topic`,
      };
    }
    // 「書かない窓口は？」「オンライン申請のほうは？」: a topic alone asks the previous question of it
    const key = heldKey(previous);
    const bare = bareTopic(frame, cued);
    // 「導入実行のやつは？」 after 「重点取組いくつ？」: 「やつ」 stands for what was asked about, narrowed by the words before it
    const kind = bare && previous.topic ? ONE_OF.exec(bare) : null;
    if (kind && key) {
      const topic = `${topicFor(deps, last, frame)}の${kind[1]}`;
      return {
        question: `${at}${topic}${restatement(key, topic)}`,
        topic,
        why: `part: the previous question (${key}) of the ${kind[1]} ones of the previous topic`,
      };
    }
    // 「効果は？」「メリットは？」: a word that names nothing the knowledge names is said of the topic being talked about
    const namesNothing = !own.some((t) => t.split('|').some((a) => namesAThing(deps.snapshot, a)));
    if (bare && own.length === 1 && namesNothing && (previous.topic || previous.procedure) && !ONE_OF.test(bare)) {
      const topic = topicFor(deps, last, frame);
      return {
        question: `${at}${substitute(frame.query, topic)}`,
        topic,
        terms: previous.terms,
        why: `aspect: ${bare} names nothing of its own, so it is the previous topic's`,
      };
    }
    if (bare && key) {
      // the resident moves to X and asks "and X?": the previous question when the documents answer it of X, else
      // what they say of X (never a not-stated line about a question they did not put in full)
      return {
        question: `${at}${bare}${restatement(key, bare)}`,
        ...inGeneral(at, bare, key),
        why: `ellipsis: the previous question (${key}) of a topic of its own (${own.join(', ')})`,
      };
    }
    if (frame.municipalities.named.length || !previous.municipalities.length) return null;
    if (!cued.roles.has('anaphora') && !cued.roles.has('within') && frame.municipalities.chosen) return null;
    return { question: `${at}${cued.stripped}`, why: `own topic (${own.join(', ')}); the place of the conversation` };
  }
  if (!previous.topic && !previous.procedure) return null;
  // 「どれ？」「どこどこ？」 after 「いくつある？」: which ones, not how many again
  if (asksCount(previous) && WHICH_ONES.test(cued.stripped.replace(/^[\s、,。]+/, ''))) {
    return countedItems(deps, last, frame, at, 'which ones after a count: the things counted, listed');
  }
  const topic = topicFor(deps, last, frame);
  // Nothing asked of its own (「小金井市は？」「実績はどうだったの？」), or the same kind of thing asked less
  // precisely (「日の出町のほうはいつ？」 after 「いつ策定されたの」): the previous question, with what this message
  // changes (the place, 実績 for 目標), in words the cue table reads back.
  const modifiers = (['actual', 'target'] as const).filter((m) => frame.modifiers[m]);
  // 「小金井市は？」「どうなってる？」 ask the previous question again; 「今後はどうするの」 asks it of another time
  // (「東久留米市だとどうなってる？」: another place and only how it stands is the previous question there)
  const elsewhere = frame.municipalities.named.some((id) => !previous.municipalities.includes(id));
  const howItStands = frame.attribute === 'status' && frame.cues.includes('state') && !frame.cues.includes('status');
  const vague =
    (frame.attribute === 'chat' || frame.attribute === 'overview' || (elsewhere && howItStands)) &&
    !timeFramesOf(deps, cued.rest).length;
  const lessPrecise =
    frame.attribute === previous.attribute &&
    !cued.roles.has('anaphora') &&
    (frame.date ?? frame.quantity ?? frame.contact) === undefined;
  if (vague || lessPrecise) {
    // 「武蔵野市は？」 after one of 小金井市's pillars in detail: the other place's own list of that role
    const structure = elsewhere ? structureElsewhere(deps, context, last, frame, cued) : null;
    if (structure) return structure;
    // 「西東京市は？」 after 「デジタルデバイド対策は何をするの？」: a question its attribute cannot restate is asked again
    // there in its own words (the topic, when it was the previous place's own document, made the new place's)
    if (elsewhere && previous.asked && FREE_FORM.has(previous.attribute) && !modifiers.length) {
      const asked =
        previous.topic && topic !== previous.topic ? previous.asked.replace(previous.topic, topic) : previous.asked;
      return {
        question: `${placeBefore(place, asked, topic)}${asked}`,
        ...inGeneral(at, topic, null),
        topic,
        terms: previous.terms,
        why: `ellipsis: the previous question in its own words for ${place}`,
      };
    }
    // 「実績は？」「目標は？」 after a question whose attribute has no such figure (「Xとは」「いつから？」) ask the figure
    // itself, not the previous attribute again
    const held = heldKey({ ...previous, modifiers: modifiers.length ? modifiers : previous.modifiers });
    const own = modifiers[0];
    const key = own && held && !held.endsWith(`:${own}`) ? `quantity:count:${own}` : held;
    if (!key) return null;
    // 「実績は？」 after one department's row of a measure: that row's figure
    const row = !elsewhere && ROW_FIGURES.has(key) ? heldRow(deps.snapshot, last.answered.ids[0], topic) : topic;
    return {
      question: `${at}${row}${restatement(key, row)}`,
      ...(elsewhere ? inGeneral(at, topic, key) : {}),
      topic: row,
      terms: previous.terms,
      why: `ellipsis: the previous question (${key}) for ${place || 'the same place'}`,
    };
  }
  // A new attribute of the previous topic (「それはいつから？」「達成率は？」「その担当は？」); who is in charge of it
  // and why it is done are asked of the measure the previous answer was about.
  const subject = measureOf(last, frame);
  if (subject) {
    return {
      question: `${at}${substitute(frame.query, subject)}`,
      ...(judgedFigure(deps, last, frame, cued, at, subject) ?? plainly(frame, at, subject)),
      topic: subject,
      terms: previous.terms,
      why: `attribute: ${frame.attribute} of the measure the previous answer was about`,
    };
  }
  // 「達成率は？」 after one department's row of a measure: that row's figure, in the same place
  const samePlace = frame.municipalities.named.every((id) => id === last.answered.municipality);
  const figure =
    frame.attribute === 'quantity' && (frame.quantity === 'rate' || frame.modifiers.actual || frame.modifiers.target);
  const row = figure && samePlace ? heldRow(deps.snapshot, last.answered.ids[0], topic) : topic;
  return {
    question: `${at}${byItsUnit(deps.snapshot, last, frame, substitute(frame.query, row))}`,
    ...(judgedFigure(deps, last, frame, cued, at, row) ?? plainly(frame, at, row)),
    topic: row,
    terms: previous.terms,
    why: `attribute: ${frame.attribute} of the previous topic${row === topic ? '' : ' (the row its answer quoted)'}`,
  };
}

// A department's name (市民課, 情報推進課, 企画政策室), said as the other side: 「市民課のほうの実績は？」「文化振興課の方は？」.
// (「市民課のほうに聞けばいい？」 asks whom to ask, not about a part of the topic: a particle of the topic's after ほう)
const DEPARTMENT_SIDE =
  /^\s*([一-龥ァ-ヶー・]{1,16}(?:課|室|係|局))\s*の?\s*(?:ほう|方)(?:(?:の|は|って|では|も|だと)\s*(.*)|[\s?？]*)$/;

/**
 * A department named as the other side of what was talked about: the documents name a measure's department (所管課)
 * beside it, and rows of one measure differ by department (キャッシュレス決済等の促進 (市民課) / (文化振興課・…)), so the
 * message narrows the topic to that department's part — what it asks of it, or the previous question.
 */
function departmentSide(frame: Frame): { name: string; rest: string } | null {
  const m = DEPARTMENT_SIDE.exec(frame.query);
  if (!m) return null;
  const rest = (m[2] ?? '').replace(/^[\s、,。]+/, '').replace(/^[?？\s]*$/, '');
  return { name: m[1]!, rest };
}

// The progress of a measure, in words the cue table reads back as how it stands (the state row).
const PROGRESS = 'の進捗は？';

/**
 * 「なんでそんなに少ないの」「どうしてそんなに低いの？」 after a KPI's figure: the documents explain a result beside it, in
 * the measure's progress (進捗内容 on its result sheet: 「…の業務負担が想定以上であったことから、目標値を大きく下回って
 * いる」), not as a reason of its own — so the progress is asked plainly when the reason is not answered as written.
 */
function judgedFigure(
  deps: FollowUpDeps,
  last: TurnRecord,
  frame: Frame,
  cued: Cued,
  at: string,
  topic: string,
): Pick<FollowUpReading, 'plainly'> | null {
  if (!cued.ids.has('degree') || frame.attribute !== 'reason' || !topic) return null;
  const kpi = kpiAt(deps.snapshot, last.answered.ids[0]);
  if (!kpi) return null;
  // rows of one measure differ by department (身近な相談窓口等の設置: 健康課 / 子育て支援課): the figure's own
  const department = kpi.department?.split(/[・·、,]/)[0]?.trim();
  const part = department && !topic.includes(department) ? `の${department}` : '';
  return { plainly: `${at}${topic}${part}${PROGRESS}` };
}

// A KPI row's own figures: its target, its actual figure and its achievement rate (「登録してる人は何人？」 counts
// something else).
const ROW_FIGURES: ReadonlySet<string> = new Set([
  'quantity:count:actual',
  'quantity:count:target',
  'quantity:rate',
  'quantity:rate:actual',
]);

// 「目標には届いてる？」「目標値を超えた？」「目標までいってる？」: the target and a verb of reaching it (not 「目標は？」).
const REACHED =
  /目標値?(?:に|を|まで|へ)?(?:は|って|も)?[^。?？、]{0,10}?(?:届|達し|達成|到達|クリア|超え|越え|こえ|上回|下回|いって|行って|いけ|行け|足り)/;
const REACHED_KEY = 'quantity:rate:actual';

// 「どれ？」「どこどこ？」「何と何？」「具体的には？」: which ones (not 「どれくらい」, a figure, nor 「どこまで」, progress).
const WHICH_ONES = /^(?:どれ(?!くらい|ぐらい|だけ|ほど)|どこ(?!まで)|何と何|なにとなに|具体的に|例えば|たとえば)/;
const COUNT_CUE = CUES.find((c) => c.id === 'count')?.question;

const asksCount = (f: TurnFrame) => f.attribute === 'quantity' && f.detail === 'count';

/**
 * The things a count question counted, as the resident named them (「DXの基本的な考え方はいくつある？」 →
 * 「DXの基本的な考え方」), asked as a list: its items are what 「どれ？」 or 「1つ目は？」 asks for.
 */
function countedItems(deps: FollowUpDeps, last: TurnRecord, frame: Frame, at: string, why: string): FollowUpReading {
  const topic = topicFor(deps, last, frame);
  const asked = last.frame.asked ?? '';
  const cue = COUNT_CUE?.exec(asked);
  const noun = cue?.index ? asked.slice(0, cue.index).replace(/(?:[\s、,。]|って|は|の|が|を|に|で|も)+$/, '') : '';
  const counted = [...noun].length >= 2 ? noun : topic;
  return {
    question: `${at}${counted}${restatement('items', counted)}`,
    topic: counted,
    terms: last.frame.terms,
    why,
  };
}

// Words for a document (資料, 方針, 計画 …): where the resident read something (understand.ts) and what 「この方針」
// points at.
export const DOCUMENT_WORD = '(?:参考)?(?:資料|方針|計画|文書|冊子|pdf)';

// 「この方針」「その計画」: a pointer before a word for a document.
const DOCUMENT_POINTER = new RegExp(`(?:その|この|あの)\\s*(${DOCUMENT_WORD})`);

/**
 * The document a pointer names (「この方針って最初はいつ作られたの？」 after an item of it): the one the previous answer
 * quoted, when the previous topic is not itself of that kind (「DX推進方針」 then 「この方針」 is the topic).
 */
function documentPointed(
  snapshot: KnowledgeSnapshot,
  query: string,
  last: TurnRecord,
): { pointer: string; title: string } | null {
  const m = DOCUMENT_POINTER.exec(query);
  if (!m || (last.frame.topic ?? '').includes(m[1]!)) return null;
  const section = sectionOf(snapshot, last.answered.ids[0]);
  const title = section ? snapshot.documents.find((d) => d.meta.id === section.documentId)?.meta.title : undefined;
  return title ? { pointer: m[0], title } : null;
}

// What a message naming a channel asks when it asks for the previous procedure that way (「コンビニでもできる？」
// is a procedure, 「じゃあコンビニでも？」 asks nothing of its own): any other attribute asks about the channel itself.
const WAY_ASKED: ReadonlySet<string> = new Set(['procedure', 'chat']);

// The place before a question asked again in its own words: 「西東京市の」 before its topic, 「西東京市は」 before
// anything else (「東久留米市はDXでどんなまちを目指してるの？」).
const placeBefore = (place: string, asked: string, topic: string) =>
  place ? `${place}${topic && asked.startsWith(topic) ? 'の' : 'は'}` : '';

/**
 * 「武蔵野市は人材育成どうしてる？」 after 小金井市's 「DX推進の意識醸成とデジタル人材の育成」: another place, a question of the
 * message's own (not 「〜は？」 alone), words that name only a part of the previous topic, and a previous topic that is a
 * heading of the previous place's own document (its structure, which the other place does not share). The resident
 * asks about that part there, as written.
 */
function narrowsElsewhere(deps: FollowUpDeps, frame: Frame, cued: Cued, last: TurnRecord): boolean {
  const previous = last.frame;
  const from = last.answered.municipality ?? previous.municipalities[0] ?? previous.chosen;
  if (!from || !frame.municipalities.named.some((id) => id !== from && !previous.municipalities.includes(id)))
    return false;
  if (frame.attribute === 'chat' && !frame.modifiers.measures) return false;
  const topic = flatText(previous.topic ?? '').toLowerCase();
  const headed = deps.snapshot.documents.some(
    (d) =>
      d.meta.municipality === from &&
      d.sections.some((x) =>
        flatText(x.headingPath.at(-1) ?? '')
          .toLowerCase()
          .includes(topic),
      ),
  );
  if ([...topic].length < 3 || !headed) return false;
  const words = ownTopic(deps, cued, previous, frame, true);
  const topicWords = previous.terms.filter((t) => t.split('|').some((a) => [...a].length >= 2));
  return words.length > 0 && words.length < topicWords.length;
}

/** A message that is nothing but a name the knowledge has, other than the previous topic (null otherwise). */
function otherName(deps: FollowUpDeps, frame: Frame, cued: Cued, previous: TurnFrame): string | null {
  const bare = bareTopic(frame, cued);
  if (!bare || [...bare].length < 3 || !namesAThing(deps.snapshot, bare)) return null;
  const fold = (x: string) => deps.analyzer.normalize(x).replace(/\s+/g, '');
  const before = fold(`${previous.topic ?? ''} ${previous.procedure ?? ''}`);
  return before.includes(fold(bare)) ? null : bare;
}

const HOME_CUE = FOLLOW_UP_CUES.find((c) => c.id === 'home')!.pattern;

/**
 * 「地元は？」「うちの市のカードの保有率は？」 with no municipality chosen and none named: the resident means their own, which
 * nothing says — asked back (follow-up-home.ts), never guessed from the place talked about before.
 */
export function asksUnknownHome(frame: Frame): boolean {
  const { named, chosen } = frame.municipalities;
  return !named.length && !chosen && !frame.municipalities.unknown.length && HOME_CUE.test(frame.normalized);
}

/**
 * The question without the resident's own place (「地元の」「うちの市の」): like a municipality's name it says where (the
 * one chosen), not what about. (The message as written keeps it: `normalized` is what the follow-up reading reads.)
 */
export function dropHome(query: string): string {
  const rest = query
    .replace(HOME_ALL, ' ')
    .replace(/^\s*(?:の|で|では|だと)(?![ぁ-ん])/, '')
    .replace(/\s+/g, ' ')
    .trim();
  return /[^\sはのでもって?？、。]/.test(rest) ? rest : query;
}

const HOME_ALL = new RegExp(HOME_CUE.source, 'g');

// The resident's own place in a restated question, as the home cue reads it (tested: it round-trips).
export const HOME_WORDS = '住んでいるまちの';

/** 「うちの町だと？」: a message naming the resident's own place names the municipality they chose. */
function atHome(frame: Frame): Frame {
  const { named, chosen } = frame.municipalities;
  if (named.length || !chosen || !HOME_CUE.test(frame.normalized)) return frame;
  return { ...frame, municipalities: { ...frame.municipalities, named: [chosen] } };
}

/**
 * 「今は何か所？」 after 「目標値: 20拠点」: a count asked by a counter the figures just answered are not counted in asks
 * how many all the same — the document's counter is the figure's (拠点), the resident's (か所) only says a count.
 * The count is asked by how many (いくつ); a counter the answered text does use stays (「何データセット」).
 */
function byItsUnit(snapshot: KnowledgeSnapshot, last: TurnRecord, frame: Frame, question: string): string {
  if (frame.attribute !== 'quantity' || frame.quantity !== 'count') return question;
  const counter = askedCounter(question);
  if (!counter) return question;
  const index = passageIndex(snapshot);
  const answered = last.answered.ids.map((id) => index.byId.get(id)?.text ?? '').join('\n');
  if (!answered || countedFigure(counter).test(answered.normalize('NFKC'))) return question;
  const escaped = escapeRegExp(counter);
  // with the kana that ends the counter's word (「何手続き？」), not a particle after it (「何ヶ所できたの」)
  return question.replace(new RegExp(`(?:何|なん)\\s*${escaped}(?:[ぁ-ゖ](?=[?？]|$|ある|あり))?`), 'いくつ');
}

/**
 * A message with a topic of its own that nothing answers on its own, read as asking about a part of what the
 * conversation is about: 「根拠になってる法律ってなに？」 after 情報システムの標準化, 「国はカードをいつまでに行き渡らせる
 * つもりだったの？」 after マイナンバーカード. The message is asked about the previous topic, words and all. The engine
 * asks this only when the message alone is unanswered, and keeps it only when it is answered; a new topic announced
 * (「話かわるけど」) is never read so.
 */
export function anchorFollowUp(
  frame: Frame,
  context: SessionContext | undefined,
  deps: FollowUpDeps,
): FollowUpReading | null {
  const last = turnOf(context);
  if (!last?.frame.topic || frame.attribute === 'greeting') return null;
  // 「国分寺市は？」: a place outside the knowledge is answered as such, never read as a part of the topic
  if (frame.municipalities.unknown.length) return null;
  const cued = readCues(frame.query);
  if (cued.roles.has('new-topic') || TOPIC_CHANGE.test(frame.normalized)) return null;
  if (!ownTopic(deps, cued, last.frame, frame).length) return null;
  const topic = topicFor(deps, last, frame);
  const ask = cued.stripped.replace(/^[\s、,。]+/, '');
  if (!topic || !ask) return null;
  const place = placeOf(deps, frame, last.frame);
  return {
    question: `${place ? `${place}の` : ''}${topic}について、${ask}`,
    topic,
    terms: last.frame.terms,
    why: `part: unanswered on its own, asked about the previous topic (${topic})`,
  };
}

/**
 * Whether an answer to an anchored reading is about the topic it was anchored to: it names at least half of the
 * topic's words (「推進」 alone, said of every measure, is not 「柔軟な働き方の推進」).
 */
export function answersAnchor(reading: FollowUpReading, text: string): boolean {
  const flat = flatText(text).toLowerCase();
  const words = (reading.terms ?? [])
    .map((t) => t.split('|').filter((a) => [...a].length >= 2))
    .filter((alts) => alts.length);
  const named = words.filter((alts) => alts.some((a) => flat.includes(flatText(a).toLowerCase()))).length;
  return words.length > 0 && named * 2 >= words.length;
}

// Attributes a measure has as a whole (its department, the person in charge, why it is done), unlike a figure,
// which belongs to its indicator (「交付枚数の実績」 is not the 普及促進's).
// When it starts or ends and whether it has begun are the measure's too: its schedule is written under its name
// (「いつから？」 after 「避難所ってデジタル化される予定ある？」 answered as 防災DX is asked of 防災DX).
const OF_THE_MEASURE: ReadonlySet<string> = new Set(['contact', 'person', 'reason', 'date', 'status']);

/** The measure the previous answer was about, when the follow-up asks one of its own attributes in the same place. */
function measureOf(last: TurnRecord, frame: Frame): string | null {
  const subject = last.answered.subject;
  if (!subject || !OF_THE_MEASURE.has(frame.attribute)) return null;
  if (!namesMore(subject, last.frame.topic ?? '', last.frame.terms)) return null;
  const named = frame.municipalities.named;
  if (named.length && (named.length > 1 || named[0] !== last.answered.municipality)) return null;
  return subject;
}

// A message that is a topic and a particle at most (「書かない窓口は？」「オンライン申請のほうは？」「電子申請」): no
// attribute, no question word, no predicate of its own.
const TRAILING_PARTICLE = /(?:は|って|も|だと|では|なら)?[\s?？]*$/;
const ASKING_WORD = /何|なに|なん|いつ|どこ|誰|だれ|どう|なぜ|どれ|いくら|いくつ|どんな|どの|教え|知りたい/;
const PREDICATE_END = /(?:る|た|だ|ない|です|ます|か|よ|ね|の)$/;
const MAX_BARE = 30;

// 「〜のやつ」: a placeholder noun for the kind of thing just asked about (「導入実行のやつ」 = the 重点取組 at that stage).
const ONE_OF = /^(.+?)の(?:やつ|ヤツ)$/;

/** The topic as the message writes it, when the message is nothing but a topic (null otherwise). */
function bareTopic(frame: Frame, cued: Cued): string | null {
  if (frame.attribute !== 'chat' && frame.attribute !== 'overview') return null;
  // 「公衆無線LANの実績は？」 asks a figure of its own topic: a question whole, not the previous one asked of it
  if (frame.modifiers.actual || frame.modifiers.target) return null;
  const text = cued.stripped
    .replace(/^[\s、,。]+/, '')
    .replace(TRAILING_PARTICLE, '')
    .trim();
  const bare = text.length > 0 && text.length <= MAX_BARE && !ASKING_WORD.test(text) && !PREDICATE_END.test(text);
  return bare ? text : null;
}

/** The term a definition question names itself (「電子決裁ってそもそもなに」), not a pointer (「それってどういう意味」). */
function namedTerm(frame: Frame): string | null {
  if (frame.attribute !== 'definition' || !frame.target) return null;
  const term = frame.target.replace(DETERMINER, '').trim();
  if (term !== frame.target || [...term].length < 2) return null; // 「その〜」 is the branch below
  const pointer = ANAPHOR.exec(term);
  return pointer && pointer.index === 0 ? null : term;
}

// An item's own number as lists write it (「①」「(6)」「3.」「2 」「第1条」 stays: the article is its name).
const ITEM_NUMBER = /^\s*(?:[①-⑳]|[(（][0-9０-９]{1,2}[)）]|[0-9０-９]{1,2}(?:[.．、]|\s))\s*/;

// A pointer used as a determiner before a definition's term (「その〜」「この〜」「あの〜」).
const DETERMINER = /^(?:その|この|あの)\s*/;
const QUESTION_WORD = /^(?:いつ|どこ|誰|だれ|何|なに|なん|どう|どれ|どの|どんな|いくら|いくつ)/;
const ANAPHOR =
  /(?:それ(?!ぞれ)|これ(?!から|まで)|そちら|こちら|あれ(?!ば)|そっち|こっち|そこ(?!まで)|ここ(?!まで))(では|って|は|が|を|も|で|に|の)?|(?:その|この|同じ)(?!中|なか|うち)/;

// The message with its pointer replaced by the topic (「それはいつから」→「…はいつから」「その担当は」→「…の担当は」),
// or the topic put before it (「達成率は？」→「…の達成率は？」); glue and 「のほう」 are dropped.
export function substitute(query: string, topic: string): string {
  let q = query;
  for (const cue of FOLLOW_UP_CUES) {
    if (cue.role === 'glue' || cue.role === 'other' || cue.role === 'return') q = q.replace(cue.pattern, ' ');
  }
  q = q.replace(/\s+/g, ' ').trim();
  const m = ANAPHOR.exec(q);
  // 「その窓口」 after 「おくやみ窓口」: the pointer and the kind it names are the topic itself
  const kind =
    m && /^(?:その|この)$/.test(m[0]) ? /^[一-龥ァ-ヶー]{1,6}/.exec(q.slice(m.index + m[0].length))?.[0] : null;
  if (m && kind && topic.endsWith(kind)) {
    return `${q.slice(0, m.index)}${topic}${q.slice(m.index + m[0].length + kind.length)}`.replace(/^[\s、,。]+/, '');
  }
  if (m) {
    const particle = m[1] ?? (/^(?:その|この|同じ)$/.test(m[0]) ? 'の' : 'は');
    return `${q.slice(0, m.index)}${topic}${particle}${q.slice(m.index + m[0].length)}`.replace(/^[\s、,。]+/, '');
  }
  const rest = q.replace(/^[\s、,。のはがをも]+/, '');
  // 「RPAの進捗内容は？」 after RPA: the message names the topic itself, which is not put before it again
  if (flatText(rest).toLowerCase().startsWith(flatText(topic).toLowerCase())) return rest;
  return `${topic}${QUESTION_WORD.test(rest) ? 'は' : 'の'}${rest}`;
}

function sectionOf(snapshot: KnowledgeSnapshot, id: string | undefined): Section | null {
  if (!id) return null;
  const sectionId = passageIndex(snapshot).byId.get(id)?.sectionId ?? id;
  for (const d of snapshot.documents) {
    const s = d.sections.find((x) => x.id === sectionId);
    if (s) return s;
  }
  return null;
}

// Items the resident may point at: the previous answer's list, then the sections beside and under the ones
// it cited (an answer quoting item (1) of a list still lets 「その中の(6)のところ」 reach item (6)).
function candidates(snapshot: KnowledgeSnapshot, turn: TurnRecord): AnsweredItem[] {
  const out: AnsweredItem[] = [...(turn.answered.items ?? [])];
  const seen = new Set(out.map((i) => i.ref).filter(Boolean));
  for (const id of turn.answered.ids.slice(0, 4)) {
    const s = sectionOf(snapshot, id);
    if (!s) continue;
    const doc = snapshot.documents.find((d) => d.meta.id === s.documentId);
    if (!doc) continue;
    const parent = s.headingPath.slice(0, -1);
    for (const x of doc.sections) {
      const under = (path: readonly string[]) =>
        x.headingPath.length === path.length + 1 && path.every((h, i) => x.headingPath[i] === h);
      if ((under(parent) || under(s.headingPath)) && !seen.has(x.id)) {
        seen.add(x.id);
        out.push({ label: x.headingPath.at(-1) ?? '', ref: x.id });
      }
    }
  }
  return out.filter((i) => i.label);
}

/**
 * The turn whose list an ordinal picks from: the last one's list, except
 * - after an item of an earlier list answered in detail (「2本目の柱を詳しく」), a bare ordinal walks that earlier list:
 *   the resident's own ordinals set the list they walk (「その中の1つ目」 says it is the list just shown);
 * - after a turn that listed nothing (an item answered in full, an aside 「ところで…」), the latest list before it:
 *   a bare ordinal points at nothing else (a count is the exception: its things are what 「1つ目」 asks for).
 */
function listTurn(context: SessionContext | undefined, last: TurnRecord, cued: Cued): TurnRecord {
  if (asksCount(last.frame) && !last.answered.items?.length) return last;
  const turns = context?.turns ?? [];
  const at = turns.indexOf(last as (typeof turns)[number]);
  const before = turns.slice(0, at < 0 ? turns.length : at).reverse();
  if (!last.answered.items?.length) return before.find((t) => t.answered.items?.length) ?? last;
  if (cued.roles.has('within') || last.answered.composer !== 'focused') return last;
  const walked = before.find((t) => t.answered.items?.length);
  return walked && pickedFrom(walked, last) ? walked : last;
}

/**
 * 「武蔵野市は？」 after an item of a list answered in detail, when the other place's documents never name the item (a
 * pillar of the previous place's own plan): the other place's list of the same role (follow-up-structure.ts).
 */
function structureElsewhere(
  deps: FollowUpDeps,
  context: SessionContext | undefined,
  last: TurnRecord,
  frame: Frame,
  cued: Cued,
): FollowUpReading | null {
  const to = frame.municipalities.named[0];
  const item = last.frame.topic;
  if (!to || frame.municipalities.named.length > 1 || last.answered.composer !== 'focused' || !item) return null;
  const listed = listTurn(context, last, cued);
  if (listed === last || namesItem(deps.snapshot, to, item)) return null;
  const heading = sectionOf(deps.snapshot, listed.answered.ids[0])?.headingPath.at(-1) ?? listed.frame.topic ?? '';
  const theirs = counterpartList(deps.snapshot, to, heading);
  if (!theirs) return null;
  const place = nameOf(deps, to);
  return {
    question: `${place}の${theirs}${POLICY_ITEMS}`,
    topic: theirs,
    why: `structure: 「${item}」 is an item of ${heading}, which ${place} does not name; its own list of that role`,
  };
}

/** Whether a turn answered one item of an earlier turn's list in detail (its topic is the item, unnumbered). */
function pickedFrom(listed: TurnRecord, turn: TurnRecord): boolean {
  const topic = flatText(turn.frame.topic ?? '');
  return (
    [...topic].length >= 2 &&
    (listed.answered.items ?? []).some((i) => flatText(i.label.replace(ITEM_NUMBER, '')).includes(topic))
  );
}

/** Where a list was given, for an ordinal picking from it: the place named then (the place named now comes first). */
function placeOfList(deps: FollowUpDeps, frame: Frame, listed: TurnRecord, last: TurnRecord, at: string): string {
  if (listed === last || frame.municipalities.named.length) return at;
  const place = listed.frame.municipalities.map((id) => nameOf(deps, id)).join('と');
  return place ? `${place}の` : '';
}

/** The passage or glossary entry the answer cited that holds an item's words (the first cited, when none does). */
function citedHolding(snapshot: KnowledgeSnapshot, turn: TurnRecord, label: string): string | undefined {
  const ids = turn.answered.ids;
  const words = flatText(label);
  const textOf = (id: string) => {
    const entry = snapshot.glossary.find((g) => g.id === id);
    return entry ? `${entry.term} ${entry.definition}` : (passageIndex(snapshot).byId.get(id)?.text ?? '');
  };
  const holds = (id: string) => flatText(textOf(id)).includes(words);
  const cited = ids.find(holds);
  if (cited) return cited;
  // a list the layout split over passages: the item may sit in the next passage of a cited one's section
  const index = passageIndex(snapshot);
  for (const id of ids) {
    const passage = index.byId.get(id);
    const beside = passage ? (index.bySection.get(passage.sectionId) ?? []) : [];
    const found = beside.find((p) => holds(p.id));
    if (found) return found.id;
  }
  return ids[0];
}

/** The reading of a follow-up that asks about one item of a list just given (「2つ目を詳しく」「防災DXは何番目？」). */
function itemInDetail(
  deps: FollowUpDeps,
  listed: TurnRecord,
  item: AnsweredItem,
  at: string,
  why: string,
): FollowUpReading {
  // An item without a section of its own (「第1条 …」 inside a definition, 「○先を見て取り組もう」 in a passage) is
  // quoted from the text the answer cited that holds it.
  const cited = item.ref ? undefined : citedHolding(deps.snapshot, listed, item.label);
  // what a later 「それはいつから？」 is about: the item, without its number
  const topic = item.label.replace(ITEM_NUMBER, '').trim() || item.label;
  return {
    question: `${at}${item.label}について詳しく教えて`,
    focus: item.ref || cited,
    ...(cited ? { focusItem: item.label } : {}),
    topic,
    terms: contentTerms(deps.analyzer, topic, false, deps.sets),
    why,
  };
}

/** An item's place in the list its turn gave: its own number when it has one (⑦), else where it stands. */
function placeInList(turn: TurnRecord, item: AnsweredItem): number | null {
  if (item.n) return item.n;
  const at = (turn.answered.items ?? []).findIndex((i) => i.label === item.label);
  return at >= 0 ? at + 1 : null;
}

function pickItem(deps: FollowUpDeps, turn: TurnRecord, cued: Cued, own: string[]): AnsweredItem | null {
  const listed = turn.answered.items ?? [];
  if (cued.ordinal !== null) {
    if (cued.ordinal === LAST) return listed.at(-1) ?? null;
    // numbered items (①…⑯, (1)…) are picked by their number, the others by their place
    return (
      listed.find((i) => i.n === cued.ordinal) ?? (listed.some((i) => i.n) ? null : listed[cued.ordinal - 1]) ?? null
    );
  }
  if (!own.length) return null;
  let best: { item: AnsweredItem; found: number } | null = null;
  for (const item of candidates(deps.snapshot, turn)) {
    const label = deps.analyzer.normalize(item.label).replace(/\s+/g, '');
    const found = own.filter((t) => t.split('|').some((a) => label.includes(a))).length;
    if (found > 0 && found >= own.length / 2 && (!best || found > best.found)) best = { item, found };
  }
  return best?.item ?? null;
}

// ── recording a turn

/** The record of a turn: the frame as understood (never the message) and what the answer cited and listed. */
export function recordTurn(
  frame: Frame,
  answer: Answer,
  snapshot: KnowledgeSnapshot,
  inherited?: Pick<FollowUpReading, 'topic' | 'terms' | 'focus' | 'channel'> | null,
): TurnRecord {
  // A municipality outside the knowledge (「小平市の」) is where the resident asked, not what about: 「じゃあ西東京市は？」
  // asks the same of 西東京市.
  const unknown = frame.municipalities.unknown;
  const withoutPlaces = (t: string) =>
    unknown
      .reduce((x, name) => x.split(name).join(''), t)
      .replace(/^\s*[のでは]\s*/, '')
      .trim();
  const place = (term: string) => term.split('|').every((a) => unknown.some((name) => name.includes(a)));
  const phrase = topicWithoutCues(inherited?.topic || frame.target || frame.topic.phrase);
  // 「…の基本方針ってどんな内容？」 may leave 内容 as the phrase asked about: the words of the topic around it are
  const named = NOT_A_TOPIC.has(phrase) ? (termSpan(frame) ?? phrase) : phrase;
  const topic =
    routedService(frame, answer, inherited?.channel) ?? (withoutPlaces(channelNamed(frame, snapshot, named)) || null);
  const detail = frame.quantity ?? frame.date ?? frame.contact;
  const record: TurnFrame = {
    topic: topic ? topic.slice(0, 120) : null,
    // a topic carried keeps its words (a restatement re-read may name fewer: 「lineの達成率」)
    terms: (inherited?.topic && inherited.terms?.length ? inherited.terms : frame.topic.terms)
      .filter((t) => !place(t))
      .slice(0, 20)
      .map((t) => t.slice(0, 80)),
    attribute: frame.attribute,
    modifiers: Object.entries(frame.modifiers)
      .filter(([, on]) => on)
      .map(([k]) => k),
    municipalities: [...frame.municipalities.named],
    chosen: frame.municipalities.chosen,
  };
  if (detail) record.detail = detail;
  // asked in words its attribute cannot restate: the wording is what 「〜市は？」 asks again, answered here or not
  // (not an item in detail, which is asked again by its name); asked how many, the wording names the things counted,
  // which 「どれ？」 asks for
  const counts = frame.attribute === 'quantity' && frame.quantity === 'count';
  if ((FREE_FORM.has(frame.attribute) || counts) && !inherited?.focus && answer.kind !== 'route') {
    const asked = frame.query
      .replace(/^[\s、,。]*(?:って|では|には|でも|も|は|の)?[\s、,]*/, '')
      // 「マイナンバー制度、武蔵野市はどう対応してるの」: the place taken out leaves its particle after the comma
      .replace(PLACE_GAP, '$1')
      .trim();
    if (asked) record.asked = asked.slice(0, 120);
  }
  if (frame.inquiry.procedures[0]) record.procedure = frame.inquiry.procedures[0];
  const channel = inherited?.channel ?? frame.inquiry.modes[0];
  if (channel) record.channel = channel;
  const ids = [...new Set(answer.sources.map((s) => s.passageId ?? sectionIdOf(snapshot, s) ?? ''))]
    .filter(Boolean)
    .slice(0, 12);
  const answered: Answered = { kind: answer.kind, municipality: answer.municipality, ids };
  if (answer.composer) answered.composer = answer.composer.slice(0, 40);
  const items = listedItems(snapshot, answer);
  if (items.length) answered.items = items;
  const subject = answeredSubject(snapshot, answer);
  if (subject) answered.subject = subject;
  return { frame: record, answered };
}

// A comma, then the gap a place's name left, then its particle: the particle joins the words before the comma.
const PLACE_GAP = /\s*[、,]\s+(は|って|では|には|でも|だと|なら|も|が)(?=[^\s、,])/;

// Attributes that do not say what was asked in a way RESTATE can write back: the question's own words do.
const FREE_FORM: ReadonlySet<string> = new Set(['chat', 'overview', 'name']);

const WORD_CHAR = /[一-龥々ァ-ヶーa-z0-9]/;

/** The stretch of the question from its first topic word to its last (words that name no topic left out). */
function termSpan(frame: Frame): string | null {
  const q = frame.query;
  let start = -1;
  let end = -1;
  for (const term of frame.topic.terms) {
    for (const alt of term.split('|')) {
      if ([...alt].length < 2 || NOT_A_TOPIC.has(alt)) continue;
      const at = q.indexOf(alt);
      if (at < 0) continue;
      start = start < 0 ? at : Math.min(start, at);
      end = Math.max(end, at + alt.length);
    }
  }
  if (start < 0) return null;
  while (start > 0 && WORD_CHAR.test(q[start - 1]!)) start--;
  return q.slice(start, end) || null;
}

/**
 * 「書かない窓口はいつから？」: 書か is read as a verb, leaving 窓口 as the phrase; the channel the question names in
 * full (its label written in it, the phrase a part of it) is what was asked about.
 */
function channelNamed(frame: Frame, snapshot: KnowledgeSnapshot, phrase: string): string {
  const query = flatText(frame.query);
  const label = frame.inquiry.modes
    .map((id) => snapshot.routes.channels[id]?.label ?? '')
    .find((l) => l.length > phrase.length && query.includes(flatText(l)) && flatText(l).includes(flatText(phrase)));
  return label ?? phrase;
}

// A route answer leads with a service (「おくやみ窓口」) the question named only by its kind (「まとめてできる窓口」):
// what the resident was told about is that service, and 「その窓口、どれくらい使われてるの？」 asks about it.
function routedService(frame: Frame, answer: Answer, named?: ChannelId): string | null {
  if (answer.kind !== 'route') return null;
  // 「申請書を書かなくていいやり方ってある？」: the channel the resident described (書かない窓口), when it is offered, is
  // what they were told about, whichever channel the answer put first (a follow-up's: the one its message named)
  const wished = named ?? frame.inquiry.modes.find((m) => m !== 'counter');
  const described = answer.route?.details.find((d) => d.id === wished && d.status === 'available');
  if (described) return described.label;
  const lead = answer.route?.details.find((d) => d.id !== 'counter' && d.status === 'available');
  const phrase = frame.topic.phrase.replace(/\s+/g, '');
  if (!lead || (phrase && !lead.label.includes(phrase))) return null;
  return lead.label;
}

// 「マイナンバーカードの交付枚数の目標」: the topic is what the figure is of; the attribute words at its end
// (目標, 実績, 達成率, 件数) belong to the question, and a follow-up asks another of them.
// The attribute cues' patterns, made global once (matchAll reads a copy, so they keep no state between calls),
// each beside its own (not global): a phrase it does not match at all is passed over without matchAll's iterator.
const ATTRIBUTE_CUES = CUES.filter((c) => c.id !== 'definition' && c.id !== 'items' && c.id !== 'overview').map((c) => {
  const flags = c.question.flags.replace(/[gy]/g, '');
  return { any: new RegExp(c.question.source, flags), all: new RegExp(c.question.source, `${flags}g`) };
});

export function topicWithoutCues(phrase: string): string {
  let topic = phrase;
  for (let changed = true; changed; ) {
    changed = false;
    for (const cue of ATTRIBUTE_CUES) {
      if (!cue.any.test(topic)) continue;
      for (const m of topic.matchAll(cue.all)) {
        const end = (m.index ?? 0) + m[0].length;
        if (m.index && m.index > 0 && end === topic.length) {
          topic = topic.slice(0, m.index).replace(/の$/, '');
          changed = true;
          break;
        }
      }
    }
  }
  return topic;
}

function sectionIdOf(snapshot: KnowledgeSnapshot, s: Answer['sources'][number]): string | null {
  const doc = snapshot.documents.find((d) => d.meta.id === s.documentId);
  const path = s.section.split(' › ');
  return (
    doc?.sections.find((x) => x.headingPath.join(' › ') === s.section || x.headingPath.at(-1) === path.at(-1))?.id ??
    null
  );
}

// ── answering a pointed follow-up

/** 「2つ目を詳しく」「その中のAI・RPAのところ」: the section the follow-up points at, in full. */
export const focused: Composer = {
  name: 'focused',
  accepts: (frame) => Boolean(frame.focus),
  compose(frame, ctx) {
    const composed = focusedItem(frame, ctx);
    if ('decline' in composed || !frame.focusPlace) return composed;
    // 「何番目？」: the place first, then the item as a detail would give it
    return { ...composed, text: clip(`一覧の${frame.focusPlace}番目です。${composed.text}`) };
  },
};

function focusedItem(frame: Frame, ctx: ComposeContext): Composed | Decline {
  if (frame.focusItem) return quoteItem(frame, frame.focusItem, ctx);
  const section = sectionOf(ctx.snapshot, frame.focus);
  if (!section) return { decline: `no section ${frame.focus}` };
  if (frame.municipality && section.municipality !== frame.municipality) {
    return { decline: `section ${section.id} is another municipality's` };
  }
  // A list item whose own section is one line (an overview of the pillars) is detailed in its chapter.
  // (or, when no section is titled so, the chapter a line of text titles like the item)
  const titled = composeChapter(ctx.snapshot, section, ctx.catalog);
  const chapter = titled ?? composeTextChapter(ctx.snapshot, section, ctx.catalog);
  const composed = chapter ?? composeSection(ctx.snapshot, section, ctx.catalog);
  if (!composed) return { decline: `section ${section.id} has no text to quote` };
  return {
    text: clip(composed.text),
    sources: composed.sources,
    confidence: 0.8,
    municipality: section.municipality,
    evidence: [
      {
        id: composed.section.id,
        why: titled
          ? `the chapter titled like item ${section.id} of the previous answer, whose own section is one line`
          : chapter
            ? `the chapter a line of text titles like item ${section.id} of the previous answer`
            : 'the item of the previous answer the follow-up points at',
      },
    ],
    brief: composed.text,
  };
}

const flatText = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

/** An item the previous answer listed inside one text (「第1条 利用者のニーズから出発する」), quoted from that text. */
function quoteItem(frame: Frame, item: string, ctx: ComposeContext): Composed | Decline {
  const id = frame.focus ?? '';
  const entry = ctx.snapshot.glossary.find((g) => g.id === id);
  const passage = entry ? undefined : passageIndex(ctx.snapshot).byId.get(id);
  const text = entry ? `${entry.term} ${entry.definition}` : (passage?.text ?? '');
  const municipality = entry?.municipality ?? passage?.municipality;
  if (!municipality || !flatText(text).includes(flatText(item))) return { decline: `item 「${item}」 is not in ${id}` };
  if (frame.municipality && municipality !== frame.municipality) {
    return { decline: `${id} is another municipality's` };
  }
  const whole = entry ? entry.term : (passage?.headingPath.at(-1) ?? '');
  const source = entry ? glossarySource(entry, ctx.catalog) : passageSource(passage!, ctx.catalog);
  const of = whole ? `${whole.replace(/\s+/g, '')}の` : '';
  const body = itemBody(text, item);
  const said = body ? `「${item}」：${body}` : `${of}${item.replace(/^(\S+)\s+/, '$1は「')}」です。`;
  return {
    text: clip(`${said}（${source.document} › ${source.section}）`),
    sources: [source],
    confidence: 0.8,
    municipality,
    evidence: [{ id, why: `the item 「${item}」 the previous answer listed, quoted from the text it cited` }],
    brief: item,
  };
}

// 「○先を見て取り組もう」 on a line of its own, then what it says: the lines after it, up to the next item's mark.
const MARKED_LINE = new RegExp(`^\\s*[${ITEM_MARKS}]`);

/** What an item titled on a line of its own says (the lines under it), or '' when the item is its own text. */
function itemBody(text: string, item: string): string {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => MARKED_LINE.test(l) && flatText(l.replace(MARKED_LINE, '')) === flatText(item));
  if (at < 0) return '';
  const under: string[] = [];
  for (const line of lines.slice(at + 1)) {
    if (MARKED_LINE.test(line)) break;
    if (line.trim()) under.push(line.trim());
  }
  return under.join('');
}
