// POST /webhook/line: the raw body (size-capped), the SDK's signature check over exactly those bytes, a
// prompt 200, then the events, in order, off the request path.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { validateSignature } from '@line/bot-sdk';
import type pino from 'pino';
import getRawBody from 'raw-body';
import type { AnswerService } from '../answer/index.js';
import { type Conversation, createConversation } from '../answer/index.js';
import { createMemoryEventQueue, type EventQueue, type QueuedEvent, type StateStore } from '../state/index.js';
import { LineEventSchema, WebhookBodySchema } from './events.js';
import { createEventHandler, type EventReport, type LineHooks } from './handler.js';
import { createLineApi } from './line-api.js';
import type { MunicipalityInfo } from './types.js';

export interface LineRouterOptions {
  line: { channelSecret: string; channelAccessToken: string; apiBaseUrl: string };
  getEngine: () => AnswerService;
  state: StateStore;
  logger: pino.Logger;
  municipalities: MunicipalityInfo[] | (() => MunicipalityInfo[]);
  hooks?: LineHooks;
  rateLimit?: { limit: number; windowSeconds: number }; // per user; default 20 questions a minute
  loading?: { afterMs?: number; seconds?: number }; // show LINE's loading animation when an answer may take this long
  apiTimeoutMs?: number; // per Messaging API call (default 10 s)
  retryDelayMs?: number; // the first back-off between retries (default 500 ms; doubles, with jitter)
  retryMaxDelayMs?: number; // one back-off at most (default 8 s)
  pushAttempts?: number; // push calls per event at most (default 6)
  // The intake: a Redis Stream (durable, shared by every process) or, by default, an in-memory queue.
  queue?: EventQueue;
  concurrency?: number; // events answered at once by this process (default 32, the LINE connection pool)
  // On close: how long events already taken may still take. Longer than one LINE call (default: the call
  // timeout + 5 s). What is left is logged with its webhookEventId (memory: as lost; Redis: as left to others).
  drainMs?: number;
  maxBodyBytes?: number; // larger webhook bodies get 413 before any work (default 1 MiB)
  // Events acknowledged and not yet answered, at most; beyond it a webhook gets 503 (default 10,000).
  maxPendingEvents?: number;
  // Each user's follow-ups are read against their last turns (default: kept in `state` for 30 minutes).
  conversation?: Conversation;
}

export type LineRouter = ((req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void) & {
  // POST /webhook/line itself, for a server that routes to it without express (createApp does).
  webhook(req: IncomingMessage, res: ServerResponse): void;
  // Resolves when every event received so far has been handled (tests; memory queue).
  drain(): Promise<void>;
  // Stop taking events (the memory queue is still emptied), wait up to drainMs, report what is left, then
  // close the connections to LINE's API. Resolves with the number of events left unanswered.
  close(): Promise<number>;
};

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

const eventType = (body: string): string | null => {
  try {
    return String((JSON.parse(body) as { type?: unknown }).type ?? '') || null;
  } catch {
    return null;
  }
};

const concurrencyOf = (o: LineRouterOptions) => Math.max(1, o.concurrency ?? 32);

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
    retryMaxDelayMs: options.retryMaxDelayMs,
    pushAttempts: options.pushAttempts,
    connections: concurrencyOf(options),
    onRetry: (status) => options.hooks?.onLineApiError?.(status),
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
  const limit = options.maxBodyBytes ?? 1024 * 1024;
  const queue = options.queue ?? createMemoryEventQueue();
  const concurrency = concurrencyOf(options);
  const drainMs = options.drainMs ?? (options.apiTimeoutMs ?? 10_000) + 5_000;
  // Load shedding (memory queue). Each acknowledged event waits in memory until it is answered; in a wave
  // above what this process can answer the wait would grow until the heap cap ended the process and every
  // acknowledged event with it. Past the bound a webhook gets 503 instead: LINE redelivers it when "Webhook
  // redelivery" is on (README), and another process behind the load balancer may take it. The Redis
  // stream holds a wave in Redis instead, where every process takes from it.
  const maxPending = options.maxPendingEvents ?? 10_000;
  let appending = 0;
  let shed = 0;
  let shedLoggedAt = 0;
  let storeFailedLoggedAt = 0;
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
      (err: { status?: number; type?: string }) => {
        const status = typeof err.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 400;
        if (res.headersSent || req.destroyed) return; // the client went away
        // a body we did not read keeps arriving: close this connection after the answer
        res.shouldKeepAlive = false;
        refuse(
          res,
          status,
          `line: request refused (${status})`,
          { status, reason: err.type ?? 'body not read' },
          'line: webhook request refused',
        );
      },
    );
  }

  const pendingHere = () => {
    const h = queue.health();
    return h.waiting + h.inFlight + appending;
  };

  function overloaded(res: ServerResponse): void {
    shed += 1;
    if (Date.now() - shedLoggedAt > 10_000) {
      logger.warn(
        { pendingEvents: pendingHere(), maxPendingEvents: maxPending, refused: shed },
        'line: overloaded; webhooks refused with 503',
      );
      shedLoggedAt = Date.now();
      shed = 0;
    }
    res.setHeader('retry-after', '1');
    send(res, 503, JSON.stringify({ error: 'line: overloaded, try again' }));
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
    } catch {
      // never the parser's message: it quotes the body, i.e. what a resident wrote
      refuse(
        res,
        400,
        'line: body is not JSON',
        { reason: 'invalid JSON', bytes: raw.length },
        'line: webhook body is not JSON',
      );
      return;
    }
    const body = WebhookBodySchema.safeParse(json);
    if (!body.success) {
      send(res, 400, JSON.stringify({ error: 'line: webhook body has no events array' }));
      return;
    }
    const events = body.data.events;
    if (events.length === 0) {
      send(res, 200, '{}');
      logger.info('line: webhook verification request');
      return;
    }
    if (!queue.durable && pendingHere() + events.length > maxPending) {
      overloaded(res);
      return;
    }
    // Events that cannot be understood are reported (and never stored); the others go to the queue.
    const items: { webhookEventId: string; body: string }[] = [];
    const invalid: unknown[] = [];
    for (const e of events) {
      if (LineEventSchema.safeParse(e).success) {
        items.push({ webhookEventId: (e as { webhookEventId: string }).webhookEventId, body: JSON.stringify(e) });
      } else invalid.push(e);
    }
    appending += items.length;
    const stored = items.length > 0 ? queue.append(items, receivedAt) : Promise.resolve([] as boolean[]);
    stored.then(
      (fresh) => {
        appending -= items.length;
        send(res, 200, '{}');
        for (const e of invalid) void handler.handle(e, receivedAt);
        fresh.forEach((isNew, i) => {
          if (isNew) return;
          const webhookEventId = items[i]!.webhookEventId;
          logger.info({ webhookEventId }, 'line: event already handled, skipped');
          options.hooks?.onEvent?.({ webhookEventId, type: eventType(items[i]!.body), outcome: 'duplicate' });
        });
      },
      (err: unknown) => {
        appending -= items.length;
        // not stored, so not acknowledged: LINE redelivers (or another process behind the balancer takes it)
        if (Date.now() - storeFailedLoggedAt > 10_000) {
          storeFailedLoggedAt = Date.now();
          logger.error(
            { err: err instanceof Error ? err.message : String(err), events: items.length },
            'line: events could not be stored; webhooks get 503',
          );
        }
        res.setHeader('retry-after', '1');
        send(res, 503, JSON.stringify({ error: 'line: could not store the events, try again' }));
      },
    );
  }

  // The consumer: takes events from the queue, answers them (events of one chat in order), and completes
  // each one only once LINE accepted the answer or it is recorded as finally failed.
  const active = new Set<Promise<void>>();
  const chains = new Map<string, Promise<void>>();
  let stopTaking = false;
  let stopped = false;

  const chatKey = (e: unknown, fallback: string) => {
    const s = (e as { source?: { groupId?: string; roomId?: string; userId?: string } } | null)?.source;
    return s?.groupId ?? s?.roomId ?? s?.userId ?? fallback;
  };

  async function finish(entry: QueuedEvent, report: EventReport | null, failure?: string): Promise<void> {
    const outcome = report?.outcome;
    const reason = failure ?? (outcome === 'send-failed' || outcome === 'failed' ? outcome : undefined);
    if (reason) {
      logger.error(
        { webhookEventId: entry.webhookEventId, reason, redelivered: entry.redelivered },
        'line: event finally failed',
      );
      options.hooks?.onFinalFailure?.(entry.webhookEventId, reason);
    }
    await queue.complete(entry, reason);
  }

  // `event`: the entry's body parsed by start(), or undefined when it is not JSON.
  async function answer(entry: QueuedEvent, event: unknown): Promise<void> {
    if (event === undefined) {
      await finish(entry, null, 'unreadable');
      return;
    }
    if (entry.redelivered && (await queue.isDone(entry.webhookEventId).catch(() => false))) {
      logger.info({ webhookEventId: entry.webhookEventId }, 'line: event already answered by an earlier attempt');
      await queue.complete(entry);
      return;
    }
    const report = await handler.handle(event, entry.receivedAt, {
      deduplicated: true,
      redelivered: entry.redelivered,
    });
    await finish(entry, report);
  }

  function start(entry: QueuedEvent): void {
    let event: unknown;
    try {
      event = JSON.parse(entry.body);
    } catch {
      // answer() records it
    }
    const key = chatKey(event, entry.entryId);
    const before = chains.get(key) ?? Promise.resolve();
    const task = before
      .then(() => answer(entry, event))
      .catch((err: unknown) =>
        logger.error({ err, webhookEventId: entry.webhookEventId }, 'line: event could not be completed'),
      );
    chains.set(key, task);
    active.add(task);
    void task.finally(() => {
      active.delete(task);
      if (chains.get(key) === task) chains.delete(key);
    });
  }

  const loop = (async () => {
    while (!stopped) {
      if (stopTaking && (queue.durable || queue.health().waiting === 0)) break;
      if (active.size >= concurrency) {
        await Promise.race(active);
        continue;
      }
      const batch = await queue.take(concurrency - active.size, 500);
      for (const entry of batch) start(entry);
    }
  })().catch((err: unknown) => logger.error({ err }, 'line: event consumer stopped'));

  async function drain(): Promise<void> {
    for (;;) {
      const h = queue.health();
      if (active.size === 0 && h.waiting === 0 && h.inFlight === 0 && appending === 0) return;
      if (active.size > 0) await Promise.allSettled([...active]);
      else await new Promise((r) => setTimeout(r, 5));
    }
  }

  // Mounted at /webhook/line (req.url is then "/" or "/?…"): POST is the webhook, anything else passes on.
  const router = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'POST' && (path === '/' || path === '')) webhook(req, res);
    else next();
  };

  let closing: Promise<number> | null = null;
  return Object.assign(router, {
    webhook,
    drain,
    close() {
      closing ??= (async () => {
        stopTaking = true;
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<void>((r) => {
          timer = setTimeout(r, drainMs);
        });
        await Promise.race([
          (queue.durable ? Promise.allSettled([...active]) : drain()).then(() => undefined),
          deadline,
        ]);
        clearTimeout(timer);
        stopped = true;
        const left = queue.leftovers();
        for (const e of left) {
          if (queue.durable) {
            logger.warn({ webhookEventId: e.webhookEventId }, 'line: event left in the stream for another process');
          } else {
            logger.error({ webhookEventId: e.webhookEventId }, 'line: event not answered before shutdown');
          }
        }
        if (left.length > 0) options.hooks?.onLeftover?.(left.length, queue.durable);
        await queue.close();
        await loop;
        await (left.length > 0 ? api.destroy() : api.close()).catch(() => undefined);
        return left.length;
      })();
      return closing;
    },
  });
}
