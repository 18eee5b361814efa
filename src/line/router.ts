// POST /webhook/line: the SDK's signature middleware (it reads the raw body itself, so no body parser
// may run before it), a prompt 200, then the events, in order, off the request path.
import { JSONParseError, middleware, SignatureValidationFailed } from '@line/bot-sdk';
import express from 'express';
import type pino from 'pino';
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
}

export type LineRouter = express.Router & {
  // Resolves when every event received so far has been handled (graceful shutdown, tests).
  drain(): Promise<void>;
  // drain(), then close the connections to LINE's API.
  close(): Promise<void>;
};

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
    rateLimit: options.rateLimit ?? { limit: 20, windowSeconds: 60 },
    loading: { afterMs: options.loading?.afterMs ?? 1000, seconds: loadingSeconds(options.loading?.seconds ?? 20) },
    replyTokenMaxAgeMs: 50_000, // LINE documents about one minute; leave room for the call itself
    eventTtlSeconds: 24 * 60 * 60, // LINE redelivers for a while; a day covers it
  });
  const pending = new Set<Promise<void>>();

  const router = express.Router();
  // The raw bytes, with a size cap, before anyone has checked the signature (the SDK alone would buffer
  // any size); the SDK's middleware verifies the signature over exactly these bytes.
  const rawBody = express.raw({ type: () => true, limit: options.maxBodyBytes ?? 1024 * 1024 });
  router.post('/', rawBody, middleware({ channelSecret: options.line.channelSecret }), (req, res) => {
    const receivedAt = Date.now();
    const body = WebhookBodySchema.safeParse(req.body);
    if (!body.success) {
      res.status(400).json({ error: 'line: webhook body has no events array' });
      return;
    }
    res.status(200).json({});
    const events = body.data.events;
    if (events.length === 0) {
      logger.info('line: webhook verification request');
      return;
    }
    // Events of one request are handled in order (a user's follow before their first question).
    const run = (async () => {
      for (const event of events) await handler.handle(event, receivedAt);
    })().catch((err: unknown) => logger.error({ err }, 'line: event loop failed'));
    pending.add(run);
    void run.finally(() => pending.delete(run));
  });

  router.use((err: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (err instanceof SignatureValidationFailed) {
      logger.warn({ reason: err.message }, 'line: webhook signature rejected');
      res.status(401).json({ error: 'line: invalid signature' });
      return;
    }
    if (err instanceof JSONParseError) {
      logger.warn({ reason: err.message }, 'line: webhook body is not JSON');
      res.status(400).json({ error: 'line: body is not JSON' });
      return;
    }
    const status = (err as { status?: unknown } | null)?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      logger.warn({ status, reason: (err as Error).message }, 'line: webhook request refused');
      res.status(status).json({ error: `line: request refused (${status})` });
      return;
    }
    next(err);
  });

  return Object.assign(router, {
    async drain() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    async close() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
      await api.close();
    },
  });
}
