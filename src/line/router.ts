// POST /webhook/line: the raw body (size-capped), the SDK's signature check over exactly those bytes, a
// prompt 200, then the events, in order, off the request path.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { validateSignature } from '@line/bot-sdk';
import type pino from 'pino';
import getRawBody from 'raw-body';
import { type Conversation, createConversation } from '../answer/index.js';
import type { AnswerEngine } from '../answer/types.js';
import type { StateStore } from '../state/types.js';
import { WebhookBodySchema } from './events.js';
import { createEventHandler, type LineHooks } from './handler.js';
import { createLineApi } from './line-api.js';
import type { MunicipalityInfo } from './types.js';

export interface LineRouterOptions {
  line: { channelSecret: string; channelAccessToken: string; apiBaseUrl: string };
  getEngine: () => AnswerEngine;
  state: StateStore;
  logger: pino.Logger;
  municipalities: MunicipalityInfo[] | (() => MunicipalityInfo[]);
  hooks?: LineHooks;
  rateLimit?: { limit: number; windowSeconds: number }; // per user; default 20 questions a minute
  loading?: { afterMs?: number; seconds?: number }; // show LINE's loading animation when an answer may take this long
  apiTimeoutMs?: number; // per Messaging API call (default 10 s)
  retryDelayMs?: number; // between push retries (default 500 ms)
  maxBodyBytes?: number; // larger webhook bodies get 413 before any work (default 1 MiB)
  // Events acknowledged and not yet answered, at most; beyond it a webhook gets 503 (default 10,000).
  maxPendingEvents?: number;
  // Each user's follow-ups are read against their last turns (default: kept in `state` for 30 minutes).
  conversation?: Conversation;
}

export type LineRouter = ((req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void) & {
  // POST /webhook/line itself, for a server that routes to it without express (createApp does).
  webhook(req: IncomingMessage, res: ServerResponse): void;
  // Resolves when every event received so far has been handled (graceful shutdown, tests).
  drain(): Promise<void>;
  // drain(), then close the connections to LINE's API.
  close(): Promise<void>;
};

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

// LINE accepts 5–60 seconds in steps of 5.
function loadingSeconds(s: number): number {
  return Math.min(60, Math.max(5, Math.round(s / 5) * 5));
}

export function createLineRouter(options: LineRouterOptions): LineRouter {
  const { logger } = options;
  const list = options.municipalities;
  const api = createLineApi({
    channelAccessToken: options.line.channelAccessToken,
    apiBaseUrl: options.line.apiBaseUrl,
    timeoutMs: options.apiTimeoutMs,
    retryDelayMs: options.retryDelayMs,
  });
  const handler = createEventHandler({
    api,
    getEngine: options.getEngine,
    state: options.state,
    logger,
    municipalities: typeof list === 'function' ? list : () => list,
    hooks: options.hooks,
    conversation:
      options.conversation ??
      createConversation({
        sessions: options.state,
        ttlSeconds: 1800,
        onStoreError: (err) => logger.warn({ err }, 'line: conversation context unavailable'),
      }),
    rateLimit: options.rateLimit ?? { limit: 20, windowSeconds: 60 },
    loading: { afterMs: options.loading?.afterMs ?? 1000, seconds: loadingSeconds(options.loading?.seconds ?? 20) },
    replyTokenMaxAgeMs: 50_000, // LINE documents about one minute; leave room for the call itself
    eventTtlSeconds: 24 * 60 * 60, // LINE redelivers for a while; a day covers it
  });
  const pending = new Set<Promise<void>>();
  const limit = options.maxBodyBytes ?? 1024 * 1024;
  // Load shedding. Each acknowledged event waits in memory until it is answered; in a wave above what this
  // process can answer the wait would grow until the heap cap ended the process and every acknowledged
  // event with it. Past the bound a webhook gets 503 instead: LINE redelivers it when "Webhook redelivery"
  // is on (README), and another process behind the load balancer may take it.
  const maxPending = options.maxPendingEvents ?? 10_000;
  let pendingEvents = 0;
  let shed = 0;
  let shedLoggedAt = 0;
  const secret = options.line.channelSecret;

  function refuse(res: ServerResponse, status: number, error: string, log: Record<string, unknown>, msg: string) {
    logger.warn(log, msg);
    send(res, status, JSON.stringify({ error }));
  }

  // Plain node:http, not express middleware: at 1,000 webhooks a second express's routing, body parsers and
  // response helpers (ETag included) cost a fifth of the whole event's work.
  function webhook(req: IncomingMessage, res: ServerResponse): void {
    const receivedAt = Date.now();
    // The raw bytes, with a size cap, before anyone has checked the signature; the signature is over them.
    getRawBody(req, { limit }).then(
      (raw) => accept(req, res, raw, receivedAt),
      (err: { status?: number; message?: string }) => {
        const status = typeof err.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 400;
        if (res.headersSent || req.destroyed) return; // the client went away
        // a body we did not read keeps arriving: close this connection after the answer
        res.shouldKeepAlive = false;
        refuse(
          res,
          status,
          `line: request refused (${status})`,
          { status, reason: err.message },
          'line: webhook request refused',
        );
      },
    );
  }

  function accept(req: IncomingMessage, res: ServerResponse, raw: Buffer, receivedAt: number): void {
    const signature = req.headers['x-line-signature'];
    if (typeof signature !== 'string' || !signature) {
      refuse(res, 401, 'line: invalid signature', { reason: 'no signature' }, 'line: webhook signature rejected');
      return;
    }
    if (!validateSignature(raw, secret, signature)) {
      refuse(
        res,
        401,
        'line: invalid signature',
        { reason: 'signature validation failed' },
        'line: webhook signature rejected',
      );
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch (err) {
      refuse(res, 400, 'line: body is not JSON', { reason: (err as Error).message }, 'line: webhook body is not JSON');
      return;
    }
    const body = WebhookBodySchema.safeParse(json);
    if (!body.success) {
      send(res, 400, JSON.stringify({ error: 'line: webhook body has no events array' }));
      return;
    }
    const events = body.data.events;
    if (events.length > 0 && pendingEvents + events.length > maxPending) {
      shed += 1;
      if (Date.now() - shedLoggedAt > 10_000) {
        logger.warn(
          { pendingEvents, maxPendingEvents: maxPending, refused: shed },
          'line: overloaded; webhooks refused with 503',
        );
        shedLoggedAt = Date.now();
        shed = 0;
      }
      res.setHeader('retry-after', '1');
      send(res, 503, JSON.stringify({ error: 'line: overloaded, try again' }));
      return;
    }
    send(res, 200, '{}');
    if (events.length === 0) {
      logger.info('line: webhook verification request');
      return;
    }
    pendingEvents += events.length;
    // Events of one request are handled in order (a user's follow before their first question).
    const run = (async () => {
      let left = events.length;
      try {
        for (const event of events) {
          await handler.handle(event, receivedAt);
          left -= 1;
          pendingEvents -= 1;
        }
      } finally {
        pendingEvents -= left;
      }
    })().catch((err: unknown) => logger.error({ err }, 'line: event loop failed'));
    pending.add(run);
    void run.finally(() => pending.delete(run));
  }

  // Mounted at /webhook/line (req.url is then "/" or "/?…"): POST is the webhook, anything else passes on.
  const router = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'POST' && (path === '/' || path === '')) webhook(req, res);
    else next();
  };

  return Object.assign(router, {
    webhook,
    async drain() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    async close() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
      await api.close();
    },
  });
}
