// Every reply the bot sends, built from an Answer or an event. Pure functions; all within LINE's limits.
import type { messagingApi } from '@line/bot-sdk';
import type { Answer } from '../answer/index.js';
import type { ChannelId, MunicipalityId } from '../knowledge/index.js';
import { altTextOf, buildAnswerBubble } from './flex.js';
import { LINE_LIMITS, label, truncate } from './limits.js';
import { encodePostback } from './postback.js';
import {
  CHANGE_MUNICIPALITY,
  changeMunicipalityItem,
  followUpItem,
  messageItem,
  municipalityChoiceItems,
  nameOf,
  quickReply,
  textMessage,
  typeNameHint,
} from './text.js';
import type { MunicipalityInfo, ReplyContext } from './types.js';

// At most five messages; a quick reply only works on the last one, so it is moved there.
export function fitReply(messages: messagingApi.Message[]): messagingApi.Message[] {
  const kept = messages.slice(0, LINE_LIMITS.messagesPerReply);
  const qr = [...messages].reverse().find((m) => m.quickReply)?.quickReply;
  const out = kept.map((m) => {
    const { quickReply: _drop, ...rest } = m;
    return rest as messagingApi.Message;
  });
  const last = out[out.length - 1];
  if (qr && last) last.quickReply = qr;
  return out;
}

// Quick replies under an answer: the municipalities to choose from when the answer needed one, then
// related questions (follow-ups: a short label, the whole question sent when tapped), then 自治体を変更.
function answerQuickReply(answer: Answer, ctx: ReplyContext): messagingApi.QuickReply {
  const related = answer.followUps?.length
    ? answer.followUps.map((f) => followUpItem(f.question, f.label))
    : (answer.related ?? []).filter((q) => q.trim()).map(messageItem);
  if (answer.choices?.length) return quickReply([...clarifyItems(answer, ctx), ...related]);
  return quickReply([...related.slice(0, LINE_LIMITS.quickReplyItems - 1), changeMunicipalityItem()]);
}

function clarifyItems(answer: Answer, ctx: ReplyContext): messagingApi.QuickReplyItem[] {
  const ids = answer.choices?.length ? answer.choices : ctx.municipalities.map((m) => m.id);
  return ids.flatMap((id) => {
    const name = nameOf(ctx.municipalities, id);
    if (!name) return [];
    const data = encodePostback({ a: 'ask', m: id, q: ctx.question, s: 1 });
    return [{ type: 'action', action: { type: 'postback', label: label(name), data, displayText: name } }];
  });
}

// The reply to a question: a Flex bubble for answers, routes and fallbacks; text for greetings and
// clarifying questions (their point is the quick reply).
export function buildReply(answer: Answer, ctx: ReplyContext): messagingApi.Message[] {
  if (answer.kind === 'clarify') {
    return fitReply([textMessage(answer.text, quickReply(clarifyItems(answer, ctx)))]);
  }
  if (answer.kind === 'greeting') {
    const items = answer.municipality
      ? (answerQuickReply(answer, ctx).items ?? [])
      : [...(answer.related ?? []).slice(0, 3).map(messageItem), ...municipalityChoiceItems(ctx.municipalities)];
    return fitReply([textMessage(answer.text, quickReply(items))]);
  }
  const bubble = buildAnswerBubble(answer, ctx);
  if (!bubble) return fitReply([textMessage(answer.text, answerQuickReply(answer, ctx))]);
  const flex: messagingApi.FlexMessage = {
    type: 'flex',
    altText: truncate(altTextOf(answer, ctx), LINE_LIMITS.altText),
    contents: bubble,
    quickReply: answerQuickReply(answer, ctx),
  };
  return fitReply([flex]);
}

// 出典を見る: one text message per source (document, section, the passage itself), at most five.
export function buildSourcesReply(answer: Answer, ctx: ReplyContext): messagingApi.Message[] {
  if (answer.sources.length === 0) {
    return [textMessage('この回答には資料の出典がありません。', quickReply([changeMunicipalityItem()]))];
  }
  const shown = answer.sources.slice(0, LINE_LIMITS.messagesPerReply);
  const messages = shown.map((s, i) => {
    const head = `出典 ${i + 1}/${answer.sources.length}｜${nameOf(ctx.municipalities, s.municipality) ?? s.municipality}`;
    return textMessage(`${head}\n${s.document}\n${s.section}\n\n「${s.excerpt}」`);
  });
  return fitReply([
    ...messages.slice(0, -1),
    { ...messages[messages.length - 1]!, quickReply: answerQuickReply(answer, ctx) },
  ]);
}

// 他の自治体では？: the same question for another municipality.
export function buildOtherMunicipalitiesReply(
  question: string,
  current: MunicipalityId | null,
  municipalities: readonly MunicipalityInfo[],
): messagingApi.Message[] {
  const items: messagingApi.QuickReplyItem[] = municipalities
    .filter((m) => m.id !== current)
    .map((m) => ({
      type: 'action',
      action: {
        type: 'postback',
        label: label(`${m.shortName ?? m.name}では？`),
        data: encodePostback({ a: 'ask', m: m.id, q: question }),
        displayText: truncate(`${m.name}では？`, LINE_LIMITS.displayText),
      },
    }));
  const hint =
    items.length > LINE_LIMITS.quickReplyItems
      ? '\n一覧にない自治体は「○○市では？」のように名前を送ってください。'
      : '';
  return [textMessage(`「${truncate(question, 60)}」をどの自治体について調べますか？${hint}`, quickReply(items))];
}

function contactLines(info: MunicipalityInfo | undefined): string[] {
  const c = info?.contact;
  if (!c) return [];
  return [
    c.department && `担当: ${c.department}`,
    c.phone && `電話: ${c.phone}`,
    c.hours && `受付: ${c.hours}`,
    c.address && `所在地: ${c.address}`,
    c.url && c.url,
  ].filter((x): x is string => Boolean(x));
}

// 窓口・問い合わせ: the front-yard channels for a route, else who to ask.
export function buildContactReply(answer: Answer, ctx: ReplyContext): messagingApi.Message[] {
  const info = ctx.municipalities.find((m) => m.id === answer.municipality);
  const lines: string[] = [];
  const usable = answer.route?.details.filter((ch) => ch.status === 'available') ?? [];
  if (usable.length) {
    lines.push('利用できる窓口:');
    for (const ch of usable) {
      lines.push(`■ ${ch.label}`, ch.text, ...(ch.phone ? [`電話: ${ch.phone}`] : []), ...(ch.url ? [ch.url] : []));
    }
  }
  // the municipality's own contact, itemised; else the engine's one line
  const contact = contactLines(info);
  if (contact.length > 0) lines.push(`${info?.name ?? ''}の問い合わせ先`, ...contact);
  else if (answer.contact?.text) lines.push(answer.contact.text);
  if (lines.length === 0) {
    lines.push(
      info
        ? `${info.name}の担当窓口へお問い合わせください。`
        : 'お住まいの自治体を選ぶと、問い合わせ先をご案内できます。',
    );
  }
  const items = info ? [changeMunicipalityItem()] : municipalityChoiceItems(ctx.municipalities);
  return [textMessage(lines.join('\n'), quickReply(items))];
}

// A route channel without a URL: what it is and how to reach it.
export function buildChannelReply(answer: Answer, channel: ChannelId): messagingApi.Message[] {
  const ch = answer.route?.details.find((d) => d.id === channel);
  if (!ch) return [textMessage('この窓口の情報が見つかりませんでした。質問をもう一度送ってください。')];
  const lines = [`■ ${ch.label}`, ch.text, ...(ch.phone ? [`電話: ${ch.phone}`] : []), ...(ch.url ? [ch.url] : [])];
  return [textMessage(lines.join('\n'), quickReply([changeMunicipalityItem()]))];
}

const EXAMPLES = ['DXとは？', '住民票をコンビニで取れますか？'];

export function buildFollowGreeting(
  municipalities: readonly MunicipalityInfo[],
  returning = false,
): messagingApi.Message[] {
  const hello = returning ? 'おかえりなさい。' : '友だち追加ありがとうございます。';
  const text =
    `${hello}自治体のDX（デジタル化）の計画や、手続きの窓口についてお答えします。` +
    `\nまず、お住まいの自治体を選んでください。\n質問の例:「${EXAMPLES.join('」「')}」${typeNameHint(municipalities)}`;
  return [textMessage(text, quickReply(municipalityChoiceItems(municipalities)))];
}

export function buildMunicipalityChoice(municipalities: readonly MunicipalityInfo[]): messagingApi.Message[] {
  return [
    textMessage(
      `どの自治体について調べますか？${typeNameHint(municipalities)}`,
      quickReply(municipalityChoiceItems(municipalities)),
    ),
  ];
}

// 「その他の自治体」 from a cut list: the name typed next is recognised as a choice.
export function buildTypeMunicipality(): messagingApi.Message[] {
  return [
    textMessage('お住まいの自治体の名前を送ってください（例: 「○○市」「○○町」、ひらがなやローマ字でも構いません）。'),
  ];
}

export function buildMunicipalitySet(name: string): messagingApi.Message[] {
  return [
    textMessage(
      `${name}に設定しました。質問をどうぞ。\n（質問の中で別の自治体名を書くと、その質問だけその自治体についてお答えします）`,
      quickReply([...EXAMPLES.map(messageItem), changeMunicipalityItem()]),
    ),
  ];
}

export function buildJoinGreeting(): messagingApi.Message[] {
  return [
    textMessage(
      '招待ありがとうございます。このトークでは、メンションして質問すると自治体のDXや手続きの窓口についてお答えします。',
    ),
  ];
}

export type UnsupportedKind = 'sticker' | 'media' | 'location';

export function buildUnsupported(
  kind: UnsupportedKind,
  municipalities: readonly MunicipalityInfo[],
): messagingApi.Message[] {
  if (kind === 'location') {
    return [
      textMessage(
        '位置情報からのご案内には対応していません。お住まいの自治体を選ぶか、質問を文字で送ってください。',
        quickReply(municipalityChoiceItems(municipalities)),
      ),
    ];
  }
  const text =
    kind === 'sticker'
      ? 'スタンプありがとうございます。ご質問は文字で送ってください。'
      : '画像・動画・音声・ファイルの内容は読み取れません。ご質問を文字で送ってください。';
  return [
    textMessage(
      `${text}\n例:「${EXAMPLES.join('」「')}」`,
      quickReply([...EXAMPLES.map(messageItem), changeMunicipalityItem()]),
    ),
  ];
}

export function buildRateLimited(): messagingApi.Message[] {
  return [
    textMessage(
      '短い時間に多くの質問をいただいたため、少しお休みしています。1分ほどたってから、もう一度送ってください。',
    ),
  ];
}

export function buildProblem(): messagingApi.Message[] {
  return [textMessage('申し訳ありません。回答の準備中に問題が起きました。少し時間をおいて、もう一度送ってください。')];
}

export { CHANGE_MUNICIPALITY };
