// Sign a LINE webhook body the way LINE does: base64 HMAC-SHA256 of the raw bytes with the channel secret.
import { createHmac } from 'node:crypto';

export function signLineBody(body: string | Buffer, channelSecret: string): string {
  return createHmac('sha256', channelSecret).update(body).digest('base64');
}

let seq = 0;
export function textEvent(text: string, userId = 'Utest0000000000000000000000000001') {
  seq += 1;
  return {
    type: 'message',
    mode: 'active',
    timestamp: Date.now(),
    source: { type: 'user', userId },
    webhookEventId: `01TEST${Date.now()}${seq}`,
    deliveryContext: { isRedelivery: false },
    replyToken: `reply-token-${seq}`,
    message: { id: String(1e12 + seq), type: 'text', quoteToken: `q${seq}`, text },
  };
}
