// Small message builders shared by every reply: text messages, quick replies, the municipality choice.
import type { messagingApi } from '@line/bot-sdk';
import type { MunicipalityId } from '../knowledge/index.js';
import { LINE_LIMITS, label, truncate } from './limits.js';
import { encodePostback } from './postback.js';
import type { MunicipalityInfo } from './types.js';

export const CHANGE_MUNICIPALITY = '自治体を変更';

export function textMessage(text: string, quickReply?: messagingApi.QuickReply): messagingApi.TextMessage {
  const message: messagingApi.TextMessage = {
    type: 'text',
    text: truncate(text.trim() || '…', LINE_LIMITS.textMessage),
  };
  if (quickReply?.items && quickReply.items.length > 0) message.quickReply = quickReply;
  return message;
}

export function quickReply(items: messagingApi.QuickReplyItem[]): messagingApi.QuickReply {
  return { items: items.slice(0, LINE_LIMITS.quickReplyItems) };
}

export function messageItem(text: string): messagingApi.QuickReplyItem {
  return followUpItem(text, text);
}

// A follow-up: the button shows a short label; tapping sends the whole question as the user's message.
export function followUpItem(question: string, shown: string): messagingApi.QuickReplyItem {
  return {
    type: 'action',
    action: { type: 'message', label: label(shown), text: truncate(question, LINE_LIMITS.messageActionText) },
  };
}

export function changeMunicipalityItem(): messagingApi.QuickReplyItem {
  return {
    type: 'action',
    action: {
      type: 'postback',
      label: CHANGE_MUNICIPALITY,
      data: encodePostback({ a: 'choose' }),
      displayText: CHANGE_MUNICIPALITY,
    },
  };
}

export const TYPE_MUNICIPALITY = 'その他の自治体';

/** LINE shows at most 13 quick-reply items: with more municipalities than that, the list is cut. */
export function choiceOverflows(municipalities: readonly MunicipalityInfo[]): boolean {
  return municipalities.length > LINE_LIMITS.quickReplyItems;
}

// One quick-reply item per municipality; choosing one stores it as the user's preference. With more
// municipalities than LINE shows, the first ones (the caller orders them, most used first) and an item
// that asks the resident to type the name: any name, short form or alias is understood.
export function municipalityChoiceItems(municipalities: readonly MunicipalityInfo[]): messagingApi.QuickReplyItem[] {
  const overflow = choiceOverflows(municipalities);
  const shown = overflow ? municipalities.slice(0, LINE_LIMITS.quickReplyItems - 1) : municipalities;
  const items: messagingApi.QuickReplyItem[] = shown.map((m) => ({
    type: 'action',
    action: {
      type: 'postback',
      label: label(m.name),
      data: encodePostback({ a: 'set', m: m.id }),
      displayText: m.name,
    },
  }));
  if (overflow) {
    items.push({
      type: 'action',
      action: {
        type: 'postback',
        label: TYPE_MUNICIPALITY,
        data: encodePostback({ a: 'type' }),
        displayText: TYPE_MUNICIPALITY,
      },
    });
  }
  return items;
}

/** The line added under a municipality choice that cannot list every municipality. */
export function typeNameHint(municipalities: readonly MunicipalityInfo[]): string {
  return choiceOverflows(municipalities) ? '\n一覧にない自治体は、名前（例: 「○○市」）を送ってください。' : '';
}

export function nameOf(
  municipalities: readonly MunicipalityInfo[],
  id: MunicipalityId | null | undefined,
): string | null {
  if (!id) return null;
  return municipalities.find((m) => m.id === id)?.name ?? null;
}
