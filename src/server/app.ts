// createApp: the express app. Request ids, structured access logs, security headers, metrics, health,
// the LINE webhook (raw body: its signature is over the bytes), POST /api/answer, the staff console,
// and one error middleware at the end.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import express, { type Express, type Router } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { type Answer, type Conversation, createConversation } from '../answer/index.js';
import type { StateStore } from '../state/index.js';
import { type AnswerRuntime, createAnswerRouter } from './api-answer.js';
import { bearerMatches, createApiGuard } from './api-guard.js';
import { errorHandler, notFound } from './errors.js';
import { createHealthRouter } from './health.js';
import type { Metrics } from './metrics.js';

export interface AppDeps {
  logger: Logger;
  state: StateStore;
  metrics: Metrics;
  // the serving engine and municipalities; null while knowledge is still loading
  runtime: () => (AnswerRuntime & { version: number }) | null;
  // POST /webhook/line; absent: webhook disabled (404)
  lineRouter?: { webhook(req: IncomingMessage, res: ServerResponse): void } | null;
  consoleRouter?: Router | null; // mounted at /, serves /console* and /admin/*
  isDraining?: () => boolean;
  // /readyz: an answer worker is alive (false while a crashed one is replaced); absent: always
  answering?: () => boolean;
  // follow-ups on POST /api/answer with a "session"; default: kept in deps.state for 30 minutes
  conversation?: Conversation;
  // told of every POST /api/answer answer (the unanswered log and analytics)
  onAnswer?: (question: string, answer: Answer) => void;
  trustProxy?: boolean | string | number;
  // POST /api/answer: optional API token, per-client rate limit, bounded concurrency (defaults here: no
  // token, no rate limit, 1 at once, 32 waiting; main.ts passes the configured ones)
  apiGuard?: { token?: string | undefined; ratePerMinute: number; concurrency: number; queue: number };
  // GET /metrics: 'open' (default), behind the API token, or 'separate' (served on METRICS_PORT instead)
  metricsAccess?: 'open' | 'separate' | { token: string };
}

const DEFAULT_SESSION_TTL_SECONDS = 1800;

const REQUEST_ID = /^[\w.:-]{1,64}$/;

const isWebhookPost = (req: IncomingMessage) =>
  req.method === 'POST' && (req.url === '/webhook/line' || (req.url ?? '').startsWith('/webhook/line?'));

/**
 * The HTTP server's request listener: POST /webhook/line goes straight to the LINE room (with metrics),
 * everything else to the express app. Express's per-request set-up and routing cost about a tenth of a
 * webhook's CPU at 1,000 events/s; the app alone (createApp) serves the webhook too, through express.
 */
export function createRequestListener(deps: AppDeps): RequestListener {
  const app = createApp(deps);
  const line = deps.lineRouter;
  if (!line) return app;
  return (req, res) => {
    if (!isWebhookPost(req)) {
      app(req, res);
      return;
    }
    deps.metrics.track(req, res);
    try {
      line.webhook(req, res);
    } catch (err) {
      // outside express nothing else would catch it, and a throw here would end the process
      deps.logger.error({ err }, 'server: webhook handler failed');
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.end('{"error":"internal error"}');
      }
    }
  };
}
const QUIET = new Set(['/healthz', '/readyz', '/metrics']);

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  if (deps.trustProxy !== undefined) app.set('trust proxy', deps.trustProxy);

  app.use((req, res, next) => deps.metrics.middleware(req, res, next));
  // The webhook comes first and leaves express here: no JSON parser (the signature is over the raw bytes),
  // no request logger or helmet (the LINE room logs every event with its webhookEventId and every rejected
  // request; LINE's servers read a JSON status, not a page), no routing: at 1,000 events/s these cost
  // more than the rest of the webhook's work.
  const line = deps.lineRouter;
  if (line) {
    app.use((req, res, next) => {
      if (isWebhookPost(req)) line.webhook(req, res);
      else next();
    });
  }
  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId(req: IncomingMessage, res) {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: { ignore: (req) => QUIET.has((req.url ?? '').split('?')[0] ?? '') },
      customLogLevel: (_req, res, err) =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      // only what helps: no headers (signatures, tokens, cookies), no query strings
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          path: String(req.url).split('?')[0],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use(helmet());

  app.use(
    createHealthRouter({
      state: deps.state,
      knowledgeVersion: () => deps.runtime()?.version ?? null,
      ...(deps.isDraining ? { isDraining: deps.isDraining } : {}),
      ...(deps.answering ? { answering: deps.answering } : {}),
    }),
  );
  const metricsAccess = deps.metricsAccess ?? 'open';
  if (metricsAccess !== 'separate') {
    app.get('/metrics', async (req, res) => {
      if (typeof metricsAccess === 'object' && !bearerMatches(req, metricsAccess.token)) {
        res.setHeader('www-authenticate', 'Bearer realm="madoguchi-metrics"');
        res.status(401).json({ error: 'unauthorized', message: 'server: /metrics needs the API token' });
        return;
      }
      res.set('Content-Type', deps.metrics.registry.contentType).send(await deps.metrics.exposition());
    });
  }

  const conversation =
    deps.conversation ??
    createConversation({
      sessions: deps.state,
      ttlSeconds: DEFAULT_SESSION_TTL_SECONDS,
      onStoreError: (err) => deps.logger.warn({ err }, 'server: session context unavailable'),
    });
  const guard = createApiGuard({
    ratePerMinute: 0,
    concurrency: 1,
    queue: 32,
    ...deps.apiGuard,
    onRefused: (reason) => deps.metrics.recordApiRefused(reason),
  });
  app.use(
    createAnswerRouter({ runtime: deps.runtime, metrics: deps.metrics, conversation, onAnswer: deps.onAnswer, guard }),
  );
  if (deps.consoleRouter) app.use('/', deps.consoleRouter);

  app.use(notFound);
  app.use(errorHandler(deps.logger));
  return app;
}
