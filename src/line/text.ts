// Small message builders shared by every reply: text messages, quick replies, the municipality choice.
import type { messagingApi } from '@line/bot-sdk';
import type { MunicipalityId } from '../knowledge/model.js';
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
  return {
    type: 'action',
    action: { type: 'message', label: label(text), text: truncate(text, LINE_LIMITS.messageActionText) },
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

// One quick-reply item per municipality; choosing one stores it as the user's preference.
export function municipalityChoiceItems(municipalities: MunicipalityInfo[]): messagingApi.QuickReplyItem[] {
  return municipalities.map((m) => ({
    type: 'action',
    action: {
      type: 'postback',
      label: label(m.name),
      data: encodePostback({ a: 'set', m: m.id }),
      displayText: m.name,
    },
  }));
}

export function nameOf(municipalities: MunicipalityInfo[], id: MunicipalityId | null | undefined): string | null {
  if (!id) return null;
  return municipalities.find((m) => m.id === id)?.name ?? null;
}
