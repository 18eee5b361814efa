// A real HTTP server standing in for LINE's Messaging API (api.line.me) on 127.0.0.1:0.
// Point the bot at it through LINE_API_BASE_URL / apiBaseUrl. It records every request and, on demand,
// answers with an error status or never answers (a timeout), so tests and benches can see what the bot
// sends and how it behaves when LINE misbehaves. It mimics LINE where the bot can tell the difference:
// a reply token works once, a push retry key is accepted once (409 after), a bad bearer token is 401.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string; // without the query string
  headers: Record<string, string | string[] | undefined>;
  body: unknown; // parsed JSON, or the raw string when it is not JSON
  at: number; // Date.now() when the request arrived
}

export type CannedResponse =
  | { status: number; body?: unknown; headers?: Record<string, string>; delayMs?: number }
  | 'timeout'; // hold the request open and never answer (closed when the stand-in closes)

// A standing fault on the message endpoints (reply, push) until cleared: every call answers this way.
export type LineFault =
  | { status: number; headers?: Record<string, string> } // e.g. 500, or 429 with Retry-After
  | 'hang' // never answers
  | { slowMs: number }; // answers normally, this much later

export interface LineStandInOptions {
  channelAccessToken?: string; // when set, other bearer tokens get 401 like LINE
}

export interface LineStandIn {
  readonly url: string; // http://127.0.0.1:<port>
  readonly requests: RecordedRequest[];
  // Message calls LINE accepted (2xx; a 409 for a retry key already accepted is not a second delivery).
  readonly accepted: RecordedRequest[];
  // Set (or clear with null) a standing fault on reply and push.
  setFault(fault: LineFault | null): void;
  // Answer the next `times` requests whose path matches with `response` instead of the normal answer.
  failNext(path: string | RegExp, response: CannedResponse, times?: number): void;
  // The recorded requests to a path (e.g. '/v2/bot/message/reply').
  requestsTo(path: string | RegExp): RecordedRequest[];
  // Resolves with the first request (already recorded or future) to `path` that satisfies `match`.
  waitFor(path: string | RegExp, match?: (r: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  // Resolves once `count` requests to `path` have been recorded.
  waitForCount(path: string | RegExp, count: number, timeoutMs?: number): Promise<RecordedRequest[]>;
  reset(): void; // forget recorded requests, pending failures and used tokens
  close(): Promise<void>;
}

export const LINE_PATHS = {
  reply: '/v2/bot/message/reply',
  push: '/v2/bot/message/push',
  loading: '/v2/bot/chat/loading/start',
} as const;

const matches = (pattern: string | RegExp, path: string): boolean =>
  typeof pattern === 'string' ? pattern === path : pattern.test(path);

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body ?? {});
  res.writeHead(status, { 'content-type': 'application/json', 'x-line-request-id': randomUUID(), ...headers });
  res.end(text);
}

export async function startLineStandIn(options: LineStandInOptions = {}): Promise<LineStandIn> {
  const requests: RecordedRequest[] = [];
  const failures: { path: string | RegExp; response: CannedResponse; left: number }[] = [];
  const usedReplyTokens = new Set<string>();
  const acceptedRetryKeys = new Map<string, string>(); // retry key → request id
  const waiters = new Set<() => void>();
  const held = new Set<ServerResponse>();
  const accepted: RecordedRequest[] = [];
  let fault: LineFault | null = null;
  const isMessage = (path: string) => path === LINE_PATHS.reply || path === LINE_PATHS.push;

  const answer = (req: IncomingMessage, res: ServerResponse, path: string, body: unknown): void => {
    const auth = req.headers.authorization;
    if (
      !auth?.startsWith('Bearer ') ||
      (options.channelAccessToken && auth !== `Bearer ${options.channelAccessToken}`)
    ) {
      send(res, 401, {
        message: 'Authentication failed. Confirm that the access token in the authorization header is valid.',
      });
      return;
    }
    const b = (body ?? {}) as Record<string, unknown>;
    const sent = () => ({
      sentMessages: (Array.isArray(b.messages) ? b.messages : []).map(() => ({
        id: String(Math.floor(Math.random() * 1e15)),
        quoteToken: randomUUID(),
      })),
    });
    if (req.method === 'POST' && path === LINE_PATHS.reply) {
      const token = String(b.replyToken ?? '');
      if (!token || usedReplyTokens.has(token)) {
        send(res, 400, { message: 'Invalid reply token' });
        return;
      }
      usedReplyTokens.add(token);
      send(res, 200, sent());
      return;
    }
    if (req.method === 'POST' && path === LINE_PATHS.push) {
      const key = req.headers['x-line-retry-key'];
      if (typeof key === 'string') {
        const accepted = acceptedRetryKeys.get(key);
        if (accepted) {
          send(
            res,
            409,
            { message: 'The retry key is already accepted', sentMessages: [] },
            { 'x-line-accepted-request-id': accepted },
          );
          return;
        }
        acceptedRetryKeys.set(key, randomUUID());
      }
      send(res, 200, sent());
      return;
    }
    if (req.method === 'POST' && path === LINE_PATHS.loading) {
      send(res, 202, {});
      return;
    }
    send(res, 404, { message: 'Not found' });
  };

  const server: Server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const raw = await readBody(req);
    let body: unknown = raw;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      // keep the raw string: a test may want to see what was sent
    }
    const recorded: RecordedRequest = { method: req.method ?? 'GET', path, headers: req.headers, body, at: Date.now() };
    requests.push(recorded);
    for (const w of waiters) w();
    res.once('finish', () => {
      if (isMessage(path) && res.statusCode >= 200 && res.statusCode < 300) accepted.push(recorded);
    });

    const standing = isMessage(path) ? fault : null;
    if (standing === 'hang') {
      held.add(res);
      res.on('close', () => held.delete(res));
      return;
    }
    if (standing && 'status' in standing) {
      send(res, standing.status, { message: `stand-in: standing ${standing.status}` }, standing.headers);
      return;
    }
    if (standing && 'slowMs' in standing) await new Promise((resolve) => setTimeout(resolve, standing.slowMs));

    const failure = failures.find((f) => f.left > 0 && matches(f.path, path));
    if (failure) {
      failure.left--;
      const r = failure.response;
      if (r === 'timeout') {
        held.add(res);
        res.on('close', () => held.delete(res));
        return;
      }
      if (r.delayMs) await new Promise((resolve) => setTimeout(resolve, r.delayMs));
      send(res, r.status, r.body ?? { message: `stand-in: canned ${r.status}` }, r.headers);
      return;
    }
    answer(req, res, path, body);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const requestsTo = (path: string | RegExp) => requests.filter((r) => matches(path, r.path));

  const until = <T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const now = check();
      if (now !== undefined) {
        resolve(now);
        return;
      }
      const onRequest = () => {
        const v = check();
        if (v !== undefined) {
          cleanup();
          resolve(v);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`line-stand-in: no ${what} within ${timeoutMs} ms (saw ${requests.length} requests)`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(onRequest);
      };
      waiters.add(onRequest);
    });

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    accepted,
    setFault(f) {
      fault = f;
    },
    failNext(path, response, times = 1) {
      failures.push({ path, response, left: times });
    },
    requestsTo,
    waitFor(path, match = () => true, timeoutMs = 5000) {
      return until(() => requestsTo(path).find(match), timeoutMs, `request to ${String(path)}`);
    },
    waitForCount(path, count, timeoutMs = 5000) {
      return until(
        () => {
          const found = requestsTo(path);
          return found.length >= count ? found : undefined;
        },
        timeoutMs,
        `${count} requests to ${String(path)}`,
      );
    },
    reset() {
      requests.length = 0;
      accepted.length = 0;
      fault = null;
      failures.length = 0;
      usedReplyTokens.clear();
      acceptedRetryKeys.clear();
    },
    async close() {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
