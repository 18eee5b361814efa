// The few Messaging API calls the bot makes (request shapes typed by @line/bot-sdk), with a time limit on
// each call and LINE's error body kept for the log. Outcomes are values; nothing here throws.
import { createHash } from 'node:crypto';
import type { messagingApi } from '@line/bot-sdk';
import { Pool } from 'undici';

export type Delivery = { ok: true; status: number } | { ok: false; status: number; body: string }; // status 0: no answer

export interface LineApi {
  reply(replyToken: string, messages: messagingApi.Message[]): Promise<Delivery>;
  // Retries 5xx, 429 and timeouts with the same X-Line-Retry-Key; LINE's 409 means "already delivered".
  push(to: string, messages: messagingApi.Message[], retryKey: string): Promise<Delivery>;
  showLoading(chatId: string, seconds: number): Promise<Delivery>;
  close(): Promise<void>;
}

export interface LineApiOptions {
  channelAccessToken: string;
  apiBaseUrl: string;
  timeoutMs?: number; // per call
  connections?: number; // keep-alive connections to LINE's API
  pushAttempts?: number;
  retryDelayMs?: number;
}

const USER_AGENT = 'madoguchi (+@line/bot-sdk types)';

const retryable = (d: Delivery) => !d.ok && (d.status === 0 || d.status === 429 || d.status >= 500);

// A UUID derived from a stable string (the webhookEventId), so a re-run of the same event reuses the key.
export function retryKeyFor(seed: string): string {
  const h = createHash('sha256').update(`madoguchi:${seed}`).digest('hex');
  const variant = ((Number.parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

// LINE's JSON endpoints, called on a keep-alive connection pool (undici): at 1,000 events a second the
// per-call cost of fetch (a new Request/Response per call) was the largest item in the profile.
const PATHS = {
  reply: '/v2/bot/message/reply',
  push: '/v2/bot/message/push',
  loading: '/v2/bot/chat/loading/start',
} as const;

// The messages of a reply are often the same array (the same answer in a wave of identical questions):
// serialize them once.
const messagesJson = new WeakMap<messagingApi.Message[], string>();
class ReplyBody {
  constructor(
    readonly replyToken: string,
    readonly messages: messagingApi.Message[],
  ) {}
  toJSONString(): string {
    let json = messagesJson.get(this.messages);
    if (json === undefined) {
      json = JSON.stringify(this.messages);
      messagesJson.set(this.messages, json);
    }
    return `{"replyToken":${JSON.stringify(this.replyToken)},"messages":${json}}`;
  }
}

export function createLineApi(options: LineApiOptions): LineApi {
  const base = new URL(options.apiBaseUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  const pool = new Pool(base.origin, { connections: options.connections ?? 32, keepAliveTimeout: 30_000 });
  const timeoutMs = options.timeoutMs ?? 10_000;
  const attempts = options.pushAttempts ?? 3;
  const delay = options.retryDelayMs ?? 500;
  const auth = `Bearer ${options.channelAccessToken}`;

  // pool.dispatch with a handler rather than pool.request: no promise, body stream and abort signal per call
  // (~35 µs less CPU a call measured here, a twentieth of a webhook event's work). The body is kept only for
  // an error, where it is LINE's explanation.
  const post = (path: string, payload: unknown, ms = timeoutMs, retryKey?: string): Promise<Delivery> =>
    new Promise((resolve) => {
      const headers: Record<string, string> = {
        authorization: auth,
        'content-type': 'application/json',
        'user-agent': USER_AGENT,
      };
      if (retryKey) headers['x-line-retry-key'] = retryKey;
      // Timeouts and refused connections: status 0 (no answer from LINE).
      const failed = (err: unknown) =>
        resolve({ ok: false, status: 0, body: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
      let status = 0;
      const chunks: Buffer[] = [];
      try {
        pool.dispatch(
          {
            path: prefix + path,
            method: 'POST',
            headers,
            body: payload instanceof ReplyBody ? payload.toJSONString() : JSON.stringify(payload),
            headersTimeout: ms,
            bodyTimeout: ms,
          },
          {
            onRequestStart() {},
            onResponseStart(_controller, statusCode) {
              status = statusCode;
            },
            onResponseData(_controller, chunk) {
              if (status >= 300) chunks.push(chunk);
            },
            onResponseEnd() {
              resolve(
                status < 300
                  ? { ok: true, status }
                  : { ok: false, status, body: Buffer.concat(chunks).toString('utf8') },
              );
            },
            onResponseError(_controller, err) {
              failed(err);
            },
          },
        );
      } catch (err) {
        failed(err);
      }
    });

  return {
    reply: (replyToken, messages) => post(PATHS.reply, new ReplyBody(replyToken, messages)),
    async push(to, messages, retryKey) {
      let last: Delivery = { ok: false, status: 0, body: 'not sent' };
      for (let i = 0; i < attempts; i++) {
        if (i > 0) await new Promise((r) => setTimeout(r, delay * i));
        last = await post(PATHS.push, { to, messages }, timeoutMs, retryKey);
        if (!last.ok && last.status === 409) return { ok: true, status: 409 };
        if (!retryable(last)) return last;
      }
      return last;
    },
    // the animation is a courtesy: never let it hold the answer up for long
    showLoading: (chatId, seconds) =>
      post(PATHS.loading, { chatId, loadingSeconds: seconds }, Math.min(timeoutMs, 2000)),
    close: () => pool.close(),
  };
}
