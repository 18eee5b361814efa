// The few Messaging API calls the bot makes, through the SDK client, with a time limit on each call and
// LINE's error body kept for the log. Outcomes are values; nothing here throws.
import { createHash } from 'node:crypto';
import { HTTPFetchError, messagingApi } from '@line/bot-sdk';

export type Delivery = { ok: true; status: number } | { ok: false; status: number; body: string }; // status 0: no answer

export interface LineApi {
  reply(replyToken: string, messages: messagingApi.Message[]): Promise<Delivery>;
  // Retries 5xx, 429 and timeouts with the same X-Line-Retry-Key; LINE's 409 means "already delivered".
  push(to: string, messages: messagingApi.Message[], retryKey: string): Promise<Delivery>;
  showLoading(chatId: string, seconds: number): Promise<Delivery>;
}

export interface LineApiOptions {
  channelAccessToken: string;
  apiBaseUrl: string;
  timeoutMs?: number; // per call; the SDK's fetch has none
  pushAttempts?: number;
  retryDelayMs?: number;
}

class LineTimeout extends Error {
  override name = 'LineTimeout';
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LineTimeout(`line: no answer from LINE within ${ms} ms`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

function failure(err: unknown): Delivery {
  if (err instanceof HTTPFetchError) return { ok: false, status: err.status, body: err.body };
  if (err instanceof Error) return { ok: false, status: 0, body: err.message };
  return { ok: false, status: 0, body: String(err) };
}

const retryable = (d: Delivery) => !d.ok && (d.status === 0 || d.status === 429 || d.status >= 500);

// A UUID derived from a stable string (the webhookEventId), so a re-run of the same event reuses the key.
export function retryKeyFor(seed: string): string {
  const h = createHash('sha256').update(`madoguchi:${seed}`).digest('hex');
  const variant = ((Number.parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function createLineApi(options: LineApiOptions): LineApi {
  const client = new messagingApi.MessagingApiClient({
    channelAccessToken: options.channelAccessToken,
    baseURL: options.apiBaseUrl,
  });
  const timeoutMs = options.timeoutMs ?? 10_000;
  const attempts = options.pushAttempts ?? 3;
  const delay = options.retryDelayMs ?? 500;

  const call = async (fn: () => Promise<{ httpResponse: Response }>, ms = timeoutMs): Promise<Delivery> => {
    try {
      const r = await withTimeout(fn(), ms);
      return { ok: true, status: r.httpResponse.status };
    } catch (err) {
      return failure(err);
    }
  };

  return {
    reply: (replyToken, messages) => call(() => client.replyMessageWithHttpInfo({ replyToken, messages })),
    async push(to, messages, retryKey) {
      let last: Delivery = { ok: false, status: 0, body: 'not sent' };
      for (let i = 0; i < attempts; i++) {
        if (i > 0) await new Promise((r) => setTimeout(r, delay * i));
        last = await call(() => client.pushMessageWithHttpInfo({ to, messages }, retryKey));
        if (!last.ok && last.status === 409) return { ok: true, status: 409 };
        if (!retryable(last)) return last;
      }
      return last;
    },
    // the animation is a courtesy: never let it hold the answer up for long
    showLoading: (chatId, seconds) =>
      call(
        () => client.showLoadingAnimationWithHttpInfo({ chatId, loadingSeconds: seconds }),
        Math.min(timeoutMs, 2000),
      ),
  };
}
