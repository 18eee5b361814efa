// Webhook events as LINE sends them (https://developers.line.biz/en/reference/messaging-api/#webhook-event-objects).
import { randomUUID } from 'node:crypto';

export const USER = 'U4af4980629aaaaaaaaaaaaaaaaaaaaaa';
export const GROUP = 'Ca56f94637cc4347f90a25382909b24b9';

type Source = { type: 'user'; userId: string } | { type: 'group'; groupId: string; userId?: string };

interface Base {
  id?: string;
  source?: Source;
  mode?: 'active' | 'standby';
  redelivery?: boolean;
  timestamp?: number;
  replyToken?: string | null;
}

function base(type: string, o: Base) {
  return {
    type,
    mode: o.mode ?? 'active',
    timestamp: o.timestamp ?? Date.now(),
    source: o.source ?? { type: 'user', userId: USER },
    webhookEventId: o.id ?? `01${randomUUID().replace(/-/g, '').slice(0, 24).toUpperCase()}`,
    deliveryContext: { isRedelivery: o.redelivery ?? false },
    ...(o.replyToken === null ? {} : { replyToken: o.replyToken ?? randomUUID().replace(/-/g, '') }),
  };
}

export function textEvent(
  text: string,
  o: Base & { mention?: { index: number; length: number; isSelf?: boolean; type?: 'user' | 'all' }[] } = {},
) {
  return {
    ...base('message', o),
    message: {
      type: 'text',
      id: String(Date.now()),
      quoteToken: randomUUID(),
      text,
      ...(o.mention
        ? {
            mention: {
              mentionees: o.mention.map((m) => ({
                type: m.type ?? 'user',
                index: m.index,
                length: m.length,
                ...(m.type === 'all' ? {} : { isSelf: m.isSelf ?? false }),
              })),
            },
          }
        : {}),
    },
  };
}

export function messageEvent(type: 'sticker' | 'image' | 'video' | 'audio' | 'file' | 'location', o: Base = {}) {
  const extra: Record<string, object> = {
    sticker: { packageId: '446', stickerId: '1988', stickerResourceType: 'STATIC', quoteToken: randomUUID() },
    image: { contentProvider: { type: 'line' }, quoteToken: randomUUID() },
    video: { duration: 6000, contentProvider: { type: 'line' }, quoteToken: randomUUID() },
    audio: { duration: 6000, contentProvider: { type: 'line' } },
    file: { fileName: 'a.pdf', fileSize: 2138 },
    location: { title: '市役所', address: '東京都東久留米市本町3-3-1', latitude: 35.758, longitude: 139.53 },
  };
  return { ...base('message', o), message: { type, id: String(Date.now()), ...extra[type] } };
}

export function postbackEvent(data: string, o: Base = {}) {
  return { ...base('postback', o), postback: { data } };
}

export function followEvent(o: Base & { isUnblocked?: boolean } = {}) {
  return { ...base('follow', o), follow: { isUnblocked: o.isUnblocked ?? false } };
}

export function unfollowEvent(o: Base = {}) {
  return base('unfollow', { ...o, replyToken: null });
}

export function joinEvent(o: Base = {}) {
  return base('join', { source: { type: 'group', groupId: GROUP }, ...o });
}
