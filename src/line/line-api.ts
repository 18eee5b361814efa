// The few Messaging API calls the bot makes (request shapes typed by @line/bot-sdk), with a time limit on
// each call and LINE's error body kept for the log. Outcomes are values; nothing here throws.
import { createHash } from 'node:crypto';
import type { messagingApi } from '@line/bot-sdk';
import pRetry from 'p-retry';
import { Pool } from 'undici';

// status 0: no answer (timeout, refused connection); retryAfterMs: LINE's Retry-After on a 429/503
export type Delivery =
  | { ok: true; status: number }
  | { ok: false; status: number; body: string; retryAfterMs?: number; attempts?: number };

export interface LineApi {
  // With `retryUntil` (ms since the epoch: when the reply token is too old to trust), 5xx, 429 and timeouts
  // are retried with the same token until then. A token LINE calls invalid after an attempt whose outcome
  // was unknown (no answer, 5xx) was used by that attempt: the reply was delivered (`alreadyUsed`).
  reply(
    replyToken: string,
    messages: messagingApi.Message[],
    options?: { retryUntil?: number; tokenMayBeUsed?: boolean },
  ): Promise<Delivery & { alreadyUsed?: boolean }>;
  // Retries 5xx, 429 (after its Retry-After) and timeouts with the same X-Line-Retry-Key, with jittered
  // exponential back-off, a bounded number of times; LINE's 409 means "already delivered".
  push(to: string, messages: messagingApi.Message[], retryKey: string): Promise<Delivery>;
  showLoading(chatId: string, seconds: number): Promise<Delivery>;
  close(): Promise<void>; // after the calls in flight
  destroy(): Promise<void>; // now, failing the calls in flight
}

export interface LineApiOptions {
  channelAccessToken: string;
  apiBaseUrl: string;
  timeoutMs?: number; // per call
  connections?: number | undefined; // keep-alive connections to LINE's API
  pushAttempts?: number | undefined; // calls in all, the first included (default 6)
  retryDelayMs?: number; // the first back-off; it doubles each time, with jitter (default 500 ms)
  retryMaxDelayMs?: number | undefined; // one back-off at most (default 8 s)
  onRetry?: (status: number) => void; // each failed push that will be tried again
}

// A 429's Retry-After is honoured up to this (LINE's are seconds; a broken header must not stall an event).
const MAX_RETRY_AFTER_MS = 60_000;

// A failed call, as an error p-retry can carry.
class DeliveryError extends Error {
  constructor(readonly delivery: Delivery & { ok: false }) {
    super(`LINE answered ${delivery.status}`);
  }
}

// Retry-After is seconds or an HTTP date.
export function retryAfterMs(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return undefined;
  if (/^\d+$/.test(v.trim())) return Number(v.trim()) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
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
  const attempts = Math.max(1, options.pushAttempts ?? 6);
  const delay = options.retryDelayMs ?? 500;
  const maxDelay = Math.max(delay, options.retryMaxDelayMs ?? 8000);
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
      let after: number | undefined;
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
            onResponseStart(_controller, statusCode, headers) {
              status = statusCode;
              if (statusCode === 429 || statusCode === 503) after = retryAfterMs(headers['retry-after']);
            },
            onResponseData(_controller, chunk) {
              if (status >= 300) chunks.push(chunk);
            },
            onResponseEnd() {
              resolve(
                status < 300
                  ? { ok: true, status }
                  : {
                      ok: false,
                      status,
                      body: Buffer.concat(chunks).toString('utf8'),
                      ...(after !== undefined ? { retryAfterMs: after } : {}),
                    },
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
    async reply(replyToken, messages, opts = {}) {
      const body = new ReplyBody(replyToken, messages);
      const until = opts.retryUntil;
      if (until === undefined) return post(PATHS.reply, body);
      let unknown = opts.tokenMayBeUsed === true; // an earlier call may have used the token
      let calls = 0;
      try {
        return await pRetry(
          async () => {
            calls += 1;
            const left = until - Date.now();
            const d = await post(PATHS.reply, body, Math.max(1, Math.min(timeoutMs, left)));
            if (d.ok) return d;
            if (d.status === 400 && unknown && Date.now() < until) return { ok: true, status: 400, alreadyUsed: true };
            if (d.status === 0 || d.status >= 500) unknown = true;
            throw new DeliveryError(d);
          },
          {
            retries: 20, // the time left on the token is the real bound
            maxRetryTime: Math.max(0, until - Date.now()),
            factor: 2,
            minTimeout: delay,
            maxTimeout: maxDelay,
            randomize: true,
            shouldRetry: ({ error }) =>
              error instanceof DeliveryError && retryable(error.delivery) && Date.now() + delay < until,
            onFailedAttempt: async ({ error }) => {
              if (!(error instanceof DeliveryError) || !retryable(error.delivery)) return;
              options.onRetry?.(error.delivery.status);
              const wait = Math.min(error.delivery.retryAfterMs ?? 0, Math.max(0, until - Date.now()));
              if (wait > 0) await new Promise((r) => setTimeout(r, wait));
            },
          },
        );
      } catch (err) {
        if (err instanceof DeliveryError) return { ...err.delivery, attempts: calls };
        return { ok: false, status: 0, body: err instanceof Error ? err.message : String(err), attempts: calls };
      }
    },
    // p-retry: exponential back-off with jitter (randomize), a bounded count; a 429's Retry-After is
    // waited out first (at most a minute).
    async push(to, messages, retryKey) {
      const payload = { to, messages };
      let calls = 0;
      try {
        return await pRetry(
          async () => {
            calls += 1;
            const d = await post(PATHS.push, payload, timeoutMs, retryKey);
            if (d.ok) return d;
            if (d.status === 409) return { ok: true, status: 409 } as Delivery; // the same key was accepted
            throw new DeliveryError(d);
          },
          {
            retries: attempts - 1,
            factor: 2,
            minTimeout: delay,
            maxTimeout: maxDelay,
            randomize: true,
            shouldRetry: ({ error }) => error instanceof DeliveryError && retryable(error.delivery),
            onFailedAttempt: async ({ error, retriesLeft }) => {
              if (!(error instanceof DeliveryError) || retriesLeft === 0 || !retryable(error.delivery)) return;
              options.onRetry?.(error.delivery.status);
              const wait = Math.min(error.delivery.retryAfterMs ?? 0, MAX_RETRY_AFTER_MS);
              if (wait > 0) await new Promise((r) => setTimeout(r, wait));
            },
          },
        );
      } catch (err) {
        if (err instanceof DeliveryError) return { ...err.delivery, attempts: calls };
        return { ok: false, status: 0, body: err instanceof Error ? err.message : String(err), attempts: calls };
      }
    },
    // the animation is a courtesy: never let it hold the answer up for long
    showLoading: (chatId, seconds) =>
      post(PATHS.loading, { chatId, loadingSeconds: seconds }, Math.min(timeoutMs, 2000)),
    close: () => pool.close(),
    destroy: () => pool.destroy(),
  };
}
