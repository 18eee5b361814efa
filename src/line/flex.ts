// The answer as a Flex bubble: municipality, answer text, route channels, a footer naming the source
// document and section, and the buttons. Pure: the staff console renders the same bubble in its preview.
import type { messagingApi } from '@line/bot-sdk';
import type { Answer, AnswerSource } from '../answer/index.js';
import { fitsJsonBytes, isUsableUri, LINE_LIMITS, label, truncate } from './limits.js';
import { encodePostback } from './postback.js';
import { nameOf } from './text.js';
import type { ReplyContext } from './types.js';

export const BUTTON_LABELS = {
  sources: '出典を見る',
  other: '他の自治体では？',
  contact: '窓口・問い合わせ',
} as const;

const GREY = '#8c8c8c';
const ACCENT = '#1a6b4f';

export function sourceLine(sources: AnswerSource[]): string | null {
  const first = sources[0];
  if (!first) return null;
  const documents = new Set(sources.map((s) => s.document));
  const more = documents.size > 1 ? ` ほか${documents.size - 1}件` : '';
  return `出典: ${first.document}${first.section ? ` › ${first.section}` : ''}${more}`;
}

function button(
  action: messagingApi.Action,
  style: 'primary' | 'secondary' | 'link' = 'link',
): messagingApi.FlexButton {
  return { type: 'button', style, height: 'sm', action, ...(style === 'primary' ? { color: ACCENT } : {}) };
}

function postbackButton(text: string, data: string): messagingApi.FlexButton {
  return button({ type: 'postback', label: label(text), data, displayText: text });
}

// Only channels the resident can use now get a button (the first, best one is primary); planned ones
// and ones the documents do not mention stay lines in the text, never buttons.
function routeButtons(answer: Answer, ctx: ReplyContext): messagingApi.FlexButton[] {
  const usable = (answer.route?.details ?? []).filter((ch) => ch.status === 'available');
  return usable.map((ch, i) => {
    const style = i === 0 ? 'primary' : 'secondary';
    if (isUsableUri(ch.url)) return button({ type: 'uri', label: label(ch.label), uri: ch.url }, style);
    const data = encodePostback({ a: 'ch', m: answer.municipality, c: ch.id, q: ctx.question });
    return button({ type: 'postback', label: label(ch.label), data, displayText: label(ch.label) }, style);
  });
}

function footerButtons(answer: Answer, ctx: ReplyContext): messagingApi.FlexButton[] {
  const m = answer.municipality;
  const q = ctx.question;
  const buttons = answer.kind === 'route' ? routeButtons(answer, ctx) : [];
  if (answer.sources.length > 0)
    buttons.push(postbackButton(BUTTON_LABELS.sources, encodePostback({ a: 'src', m, q })));
  if (ctx.municipalities.length > 1) {
    buttons.push(postbackButton(BUTTON_LABELS.other, encodePostback({ a: 'other', m, q })));
  }
  if (answer.kind !== 'route')
    buttons.push(postbackButton(BUTTON_LABELS.contact, encodePostback({ a: 'contact', m, q })));
  return buttons;
}

// The channels themselves are in the answer text and on the buttons; the body stays text only.
function bodyContents(answer: Answer, ctx: ReplyContext, textMax: number): messagingApi.FlexComponent[] {
  const contents: messagingApi.FlexComponent[] = [];
  const name = nameOf(ctx.municipalities, answer.municipality);
  if (name) contents.push({ type: 'text', text: name, size: 'xs', color: GREY, weight: 'bold' });
  contents.push({ type: 'text', text: truncate(answer.text || '—', textMax), wrap: true, size: 'md' });
  return contents;
}

function bubble(answer: Answer, ctx: ReplyContext, textMax: number): messagingApi.FlexBubble {
  const footer: messagingApi.FlexComponent[] = [];
  const source = sourceLine(answer.sources);
  if (source) footer.push({ type: 'text', text: truncate(source, 200), size: 'xxs', color: GREY, wrap: true });
  footer.push(...footerButtons(answer, ctx));
  const b: messagingApi.FlexBubble = {
    type: 'bubble',
    size: 'mega',
    body: { type: 'box', layout: 'vertical', spacing: 'md', contents: bodyContents(answer, ctx, textMax) },
  };
  if (footer.length > 0) b.footer = { type: 'box', layout: 'vertical', spacing: 'sm', contents: footer };
  return b;
}

// The bubble for an answer, its text shortened if need be until it is within LINE's size limit.
export function buildAnswerBubble(answer: Answer, ctx: ReplyContext): messagingApi.FlexBubble | null {
  for (const textMax of [2000, 500, 200]) {
    const b = bubble(answer, ctx, textMax);
    if (fitsJsonBytes(b, LINE_LIMITS.bubbleBytes)) return b;
  }
  return null;
}

// The plain text LINE shows in notifications and chat lists.
export function altTextOf(answer: Answer, ctx: ReplyContext): string {
  const name = nameOf(ctx.municipalities, answer.municipality);
  const text = answer.text.replace(/\s+/g, ' ').trim() || '回答';
  return truncate(name ? `【${name}】${text}` : text, 400);
}
