// Recognises a procedure inquiry: which procedure the resident means and how they wish to do it.
// Works on the analyzer's normalized text (NFKC, lower-case), so full-width and spaced input behave alike.
import type { Token } from '../analysis/index.js';
import type { ChannelId } from '../knowledge/index.js';
import { abilityVerbs, complains, complainsOfWriting, knowingWishes, wishesTo } from './verbs.js';

export interface ProcedureInquiry {
  procedures: string[]; // canonical procedure names found, e.g. 住民票, 転出届
  modes: ChannelId[]; // the wished channels, strongest first
  wantsAction: boolean; // 「〜したい」「どうすれば」「方法」「〜できますか」 …
  // A wish, a hardship or a how-to (「〜したい」「大変」「どうすれば」), not only whether it can be done: false for a
  // yes/no question 「〜で払える？」「〜できますか」, which a measure's status may answer (the answer room decides).
  wish: boolean;
  // The certificate or notification the resident would obtain or hand in (住民票, 印鑑登録証明書, 転出届 …): a
  // procedure to do, routed whatever the verb or the channel word (「コンビニで取れる？」「オンラインで出せる？」). Not when
  // a fee or a payment is named: 「住民票の手数料、スマホ決済で払える？」 asks about paying, a measure of its own.
  object?: string;
  // The procedure verbs asked in a potential form (「払えますか」: 払え, 払える): how the question asks, not what about.
  verbs: string[];
  opening?: string; // the reply's first words (bereavement: 「お悔やみ申し上げます。」)
  lead?: ChannelId; // the channel to lead with where the municipality has it (bereavement: おくやみ窓口)
}

interface Cue {
  re: RegExp;
  name: string;
  ofEvent?: boolean; // an application, a reservation or a consultation an event named has of its own (EVENTS)
  opening?: string;
  lead?: ChannelId;
  asks?: boolean; // the cue alone makes a procedure inquiry (after a death, any question is what to do)
  object?: boolean; // a certificate or a notification: a thing obtained or handed in (ProcedureInquiry.object)
}

const PAYMENT = '支払い';

// Procedures residents ask about (DESIGN: 住民票, 印鑑証明, 戸籍, 転入・転出・転居, 死亡・相続, 子育て・妊婦・健康相談,
// 税・手数料・使用料, 証明書, 申請, 予約, 窓口の混雑).
const PROCEDURES: Cue[] = [
  { re: /住民票/, name: '住民票', object: true },
  { re: /印鑑(登録)?(証明|登録)/, name: '印鑑登録証明書', object: true },
  { re: /戸籍/, name: '戸籍', object: true },
  { re: /課税証明|所得証明|納税証明/, name: '課税証明書', object: true },
  { re: /転出/, name: '転出届', object: true },
  { re: /転入/, name: '転入届', object: true },
  { re: /転居/, name: '転居届', object: true },
  { re: /引っ?越/, name: '引っ越し', object: true },
  // Bereavement: the reply opens with condolences and leads with おくやみ窓口 where there is one. A death told
  // as an event (「母が亡くなりました」「葬儀のあと」) asks what to do by itself; 死亡・相続 as words may be a
  // question about the service (「おくやみ窓口の目標件数は」).
  {
    re: /亡くな|他界|逝去|葬儀/,
    name: '死亡・相続',
    opening: 'お悔やみ申し上げます。',
    lead: 'okuyami',
    asks: true,
  },
  // 死亡届 is a notification handed in; 相続 or おくやみ窓口 named may be a question about the service.
  { re: /死亡届/, name: '死亡・相続', opening: 'お悔やみ申し上げます。', lead: 'okuyami', object: true },
  {
    re: /死亡|相続|おくやみ|お悔や|葬祭|遺族/,
    name: '死亡・相続',
    opening: 'お悔やみ申し上げます。',
    lead: 'okuyami',
  },
  { re: /妊婦|妊娠|出産|母子手帳/, name: '妊娠・出産' },
  { re: /子育て|児童手当|保育/, name: '子育て' },
  { re: /健康相談|健診|検診/, name: '健康相談' },
  { re: /相談|面談/, name: '相談', ofEvent: true },
  { re: /手数料|使用料|利用料|税金|住民税|固定資産税|納付|支払|払い|払え|払う/, name: PAYMENT },
  { re: /証明書/, name: '証明書', object: true },
  { re: /申請書|申請|届出|届け出|手続|申し?込/, name: '申請', ofEvent: true },
  { re: /予約/, name: '予約', ofEvent: true },
  { re: /混雑|待ち時間|待たず|待たない|並ばず|並びたくない|待ちたくない/, name: '窓口の混雑' },
];

// Events a resident attends. Applying to one (「申し込みはどうすれば」) is the event's own business, not a procedure of
// the front yard, and a channel word in its name (「スマホ教室」「オンライン講座」「パソコン相談会」) says what it is
// about, not how the resident wishes to apply: the question is about the event, whose documents say what they say.
const EVENTS: readonly { word: string; why: string }[] = [
  { word: '教室', why: 'a class (スマホ教室, タブレット教室)' },
  { word: '講座', why: 'a course (パソコン講座, オンライン講座)' },
  { word: '講習', why: 'a training session (講習, 講習会)' },
  { word: '相談会', why: 'a consultation day (スマートフォン相談会)' },
  { word: '体験会', why: 'a trial session (キャッシュレス体験会)' },
  { word: '説明会', why: 'a briefing' },
  { word: 'セミナー', why: 'a seminar' },
  { word: 'イベント', why: 'an event' },
];
// An event's name: the words written into one with its noun (「スマホ教室」「高齢者向けの|スマホ相談会」).
const EVENT_NAME = new RegExp(`[ァ-ヶーa-z0-9一-龥]{0,12}?(?:${EVENTS.map((e) => e.word).join('|')})`, 'g');

// How the resident wishes to do it, strongest cue first within each channel.
const MODES: { channel: ChannelId; re: RegExp }[] = [
  {
    channel: 'cashless',
    // also said by what it is not (「現金じゃなくて」「現金持ってない」) or by the card paid with (「カードとかで払える？」;
    // a マイナンバーカード is shown, not paid with)
    re: /キャッシュレス|交通系|icカード|クレジット|電子マネー|qrコード|paypay|スマホ決済|現金以外|現金を使わ|現金(?:じゃ|では|で)?なく|現金(?:を|は)?持って(?:い)?ない|(?<!マイナンバー|マイナ|個人番号)カード.{0,6}(?:払|支払|決済)/,
  },
  { channel: 'convenience-store', re: /コンビニ/ },
  { channel: 'okuyami', re: /おくやみ|お悔や|死亡|亡くな|逝去|他界|相続|葬祭|葬儀|遺族/ },
  {
    channel: 'kakanai',
    re: /書かない|書かず|書かなく|書きたくない|書く必要(が|は)?な|記入(したくない|せず|しない|しなくて|不要)|書けない|何枚も|書くのが(面倒|大変|難しい)|書類を書|代わりに(書|作)|(何回|何度)も(書|記入)|書かされ|同じ(こと|内容|住所|名前).{0,12}(書|記入)/,
  },
  {
    channel: 'online-consultation',
    re: /(オンライン|ビデオ|web|ウェブ|zoom|line|ライン|リモート).{0,8}(相談|面談)|(相談|面談).{0,8}(オンライン|ビデオ|web|ウェブ|リモート)/,
  },
  {
    channel: 'online',
    re: /オンライン|スマホ|スマートフォン|ネット|インターネット|パソコン|自宅から|家から|マイナポータル|電子申請|ぴったりサービス|行かず|行かない|行けない|行く時間|来庁せず|役所に行/,
  },
];

// Outside the counter's hours (土日, 夜間) a certificate comes from a convenience store's multi-copy machine.
const OFF_HOURS = /土日|土曜|日曜|休日|祝日|夜間|夜に|夜中|深夜|早朝|閉庁|時間外|平日.{0,6}(行けない|無理|忙しい)/;
const CERTIFICATE = /住民票|証明|戸籍/;
const WAIT_LESS = /混雑|待ち時間|待たず|待たない|並ばず|並びたくない|待ちたくない|すいている|空いている/;
// A wish, a hardship, a need or a how-to: the resident wants to do it (「〜したい」「大変」「どうすれば」).
// (〜たい is read from the tokens: verbs.ts.)
const WISH =
  /ほしい|欲しい|ないと(いけ|だめ|ダメ)|なきゃ|なければ(いけ|なら)|しかないの|必要になっ|急に必要|が必要です(?!か)|が要る|がいります|いやです|嫌です|いやだ|嫌だ|大変|面倒|困って|難しい|不自由|時間がない|行けない|忙しい|亡くな|引っ越し(た|ます|する)|どうすれば|どうしたら|方法|やり方|には\?|には？/;
// Where to do it (「住民票はどこで取れる？」): a how-to when a certificate or a notification is named (object); without
// one, where a service can be used (「キャッシュレス決済どこで使えるの？」) or a tax paid (「税金どこで払える」) is a question
// about the service, which the municipality's measures answer (公金収納, キャッシュレス決済) where they state it.
const WHERE = /どこで/;
// A hope phrased as a condition and what it would bring (「ネットでできたら助かる」「取れると便利なのに」「出せればいい」):
// the resident would like to do it that way.
const HOPE =
  /(?:たら|れば|ると|えると|なら)[、,\s]*(?:すごく|とても|本当に|ほんとに|もっと)?(?:助か|ありがた|有難|有り難|うれし|嬉し|便利|楽|いい|よい|良い)/;
// Whether it can be done (「〜できますか」「払える？」「取れる？」): a yes/no question, asking to do it unless a measure
// of the municipality answers it with its status. The potential forms of procedure verbs are read from the tokens
// by reading (verbs.ts); these are the forms of できる and 取得, which no verb table spells.
const ABILITY = /できたりする|できますか|できる\?|できる？|できる$|取得/;
// A change as the question's predicate (「コンビニで取れる住民票の項目って前より増えたの？」): how a measure has
// progressed, not whether the resident can do something; 取れる there only describes what changed.
const CHANGED =
  /(?:増え|減っ|変わっ|広がっ|広まっ|拡大し|拡充し|拡充され|充実し)(?:た|てる|ている|ています|ました|てきた)(?:の|んですか|んだ|か)?[?？]*$/;
const MY_NUMBER_USE = /マイナンバーカード|マイナカード|マイナ/;

/**
 * The procedure inquiry in a question: `normalized` is the analyzer's normalized text, `tokens` its tokens (the
 * verbs are read from them by reading; without tokens only the written cues are read).
 */
export function detectProcedure(normalized: string, tokens: readonly Token[] = []): ProcedureInquiry {
  const events = normalized.match(EVENT_NAME) ?? [];
  // what is left once the events' names are out: where the procedures and channels are read
  const outside = events.length ? normalized.replace(EVENT_NAME, ' ') : normalized;
  const found = PROCEDURES.filter((p) => p.re.test(outside) && !(events.length && p.ofEvent));
  const procedures = [...new Set(found.map((p) => p.name))];
  const opening = found.find((p) => p.opening)?.opening;
  // the certificate or notification asked for, unless what is asked is paying (its fee)
  const object = procedures.includes(PAYMENT) ? undefined : found.find((p) => p.object)?.name;
  const lead = found.find((p) => p.lead)?.lead;
  const modes: ChannelId[] = [];
  const add = (c: ChannelId) => {
    if (!modes.includes(c)) modes.push(c);
  };
  for (const m of MODES) if (m.re.test(outside)) add(m.channel);
  // 「書くのがめんどう」「書かされるの、なんとかならない？」: writing found a burden is the 書かない wish
  if (complainsOfWriting(tokens)) add('kakanai');
  // 「相談したい」 with an online wish is online-consultation, not an online application.
  if (modes.includes('online-consultation')) {
    const i = modes.indexOf('online');
    if (i >= 0 && !/申請|届|証明/.test(normalized)) modes.splice(i, 1);
  }
  if (WAIT_LESS.test(normalized)) {
    add('online');
    add('kakanai');
  }
  if (OFF_HOURS.test(normalized) && CERTIFICATE.test(normalized)) add('convenience-store');
  // Using the マイナンバーカード to obtain a certificate means コンビニ交付 or an online application.
  if (MY_NUMBER_USE.test(normalized) && /住民票|証明/.test(normalized)) {
    add('convenience-store');
    add('online');
  }
  // 「達成率も知りたい」「詳しく教えてほしい」: a wish to be told is no wish to do anything
  let wishing = normalized;
  for (const [start, end] of knowingWishes(tokens)) {
    wishing = `${wishing.slice(0, start)}${' '.repeat(end - start)}${wishing.slice(end)}`;
  }
  const verbs = abilityVerbs(tokens);
  const able = ABILITY.test(normalized) || verbs.length > 0;
  const wish =
    wishesTo(tokens) ||
    WISH.test(wishing) ||
    HOPE.test(wishing) ||
    complains(tokens) ||
    (WHERE.test(normalized) && object !== undefined) ||
    found.some((p) => p.asks);
  return {
    procedures,
    modes,
    wantsAction: wish || (able && !CHANGED.test(normalized)),
    wish,
    verbs,
    ...(object ? { object } : {}),
    ...(opening ? { opening } : {}),
    ...(lead ? { lead } : {}),
  };
}

// A procedure inquiry asks to *do* something (「住民票を取りたい」), not what a thing is (「書かない窓口とは」).
export function isProcedureInquiry(inquiry: ProcedureInquiry, isDefinitionQuestion: boolean): boolean {
  if (isDefinitionQuestion) return false;
  if (!inquiry.wantsAction) return false;
  return inquiry.procedures.length > 0 || inquiry.modes.length > 0;
}
