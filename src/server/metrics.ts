// Prometheus metrics, one registry per app (no global singleton, so tests can build many apps).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Answer } from '../answer/index.js';
import type { RetainedSizes } from '../state/index.js';
import { clusterCollector } from '../telemetry/index.js';

export type AnswerChannel = 'api' | 'line' | 'console';

export interface Metrics {
  readonly registry: Registry;
  // the text for GET /metrics: under node:cluster the whole cluster's, else this process's
  exposition(): Promise<string>;
  middleware(req: Request, res: Response, next: NextFunction): void;
  // what middleware does, for a request served outside express (the LINE webhook)
  track(req: IncomingMessage, res: ServerResponse): void;
  recordAnswer(answer: Pick<Answer, 'kind'>, channel: AnswerChannel): void;
  recordLineApiError(status: number): void;
  recordLineEvent(outcome: string): void; // each webhook event done, by outcome
  recordLineEventFailed(reason: string): void; // recorded as finally failed (retries spent)
  recordLineEventsLeft(count: number, durable: boolean): void; // not answered when the process stopped
  recordApiRefused(reason: 'rate' | 'busy' | 'token'): void; // POST /api/answer turned away
  recordReload(ok: boolean, trigger: string): void;
  // One stage of a LINE event's time (handler stages, and the answer worker's queue, answer and return).
  recordEventStage(stage: string, ms: number): void;
  recordGcPause(thread: 'main' | 'answer-worker', ms: number): void;
  // V8 heap used right after a full GC: what the thread keeps alive (RSS also holds garbage not yet collected)
  recordLiveHeap(thread: 'main' | 'answer-worker', bytes: number): void;
  setKnowledgeVersion(version: number): void;
  // What the process keeps in memory that grows with traffic, read at each scrape (several readers add up)
  watchRetained(read: () => RetainedSizes): void;
}

const KNOWN_ROUTES = new Set(['/api/answer', '/webhook/line', '/healthz', '/readyz', '/metrics', '/admin/reload']);

// Bounded label values: a route is one of ours or "other"/"unmatched", never the raw URL.
export function routeLabel(path: string, status: number): string {
  const p = path.length > 1 ? path.replace(/\/+$/, '') : path;
  if (KNOWN_ROUTES.has(p)) return p;
  if (status === 404) return 'unmatched';
  if (p === '/console' || p.startsWith('/console/')) return '/console';
  if (p.startsWith('/admin/')) return '/admin';
  return 'other';
}

export function createMetrics(options: { defaultMetrics?: boolean; cluster?: boolean } = {}): Metrics {
  const registry = new Registry();
  const exposition = options.cluster ? clusterCollector(registry) : () => registry.metrics();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'madoguchi_' });

  const requests = new Counter({
    name: 'madoguchi_http_requests_total',
    help: 'HTTP requests by route, method and status code',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'madoguchi_http_request_duration_seconds',
    help: 'HTTP request latency by route',
    labelNames: ['route', 'method'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const answers = new Counter({
    name: 'madoguchi_answers_total',
    help: 'Answers by kind and channel',
    labelNames: ['kind', 'channel'] as const,
    registers: [registry],
  });
  const totals = { all: 0, fallback: 0 };
  new Gauge({
    name: 'madoguchi_answer_fallback_ratio',
    help: 'Share of answers that were fallbacks since the process started',
    registers: [registry],
    aggregator: 'average',
    collect() {
      this.set(totals.all ? totals.fallback / totals.all : 0);
    },
  });
  const lineErrors = new Counter({
    name: 'madoguchi_line_api_errors_total',
    help: 'Failed calls to the LINE Messaging API by status (0: network error or timeout)',
    labelNames: ['status'] as const,
    registers: [registry],
  });
  const reloads = new Counter({
    name: 'madoguchi_knowledge_reloads_total',
    help: 'Knowledge reloads by outcome and trigger',
    labelNames: ['outcome', 'trigger'] as const,
    registers: [registry],
  });
  const version = new Gauge({
    name: 'madoguchi_knowledge_version',
    help: 'Version of the knowledge snapshot serving in this process (cluster: the lowest)',
    registers: [registry],
    aggregator: 'min',
  });

  const lineEvents = new Counter({
    name: 'madoguchi_line_events_total',
    help: 'LINE webhook events handled, by outcome',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const lineFailed = new Counter({
    name: 'madoguchi_line_events_failed_total',
    help: 'LINE events recorded as finally failed after bounded retries, by reason',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  const lineLeft = new Counter({
    name: 'madoguchi_line_events_left_total',
    help: 'LINE events not answered when the process stopped (durable: left in the Redis stream for another process)',
    labelNames: ['durable'] as const,
    registers: [registry],
  });
  const apiRefused = new Counter({
    name: 'madoguchi_api_refused_total',
    help: 'POST /api/answer requests turned away: rate (per-client limit), busy (queue full), token',
    labelNames: ['reason'] as const,
    registers: [registry],
  });

  // Fine buckets below 50 ms: the bench reads p50/p99 per stage from them (bench/webhook.ts).
  const STAGE_BUCKETS = [
    0.0005, 0.001, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 1, 2, 5,
    10,
  ];
  const stages = new Histogram({
    name: 'madoguchi_line_event_stage_seconds',
    help: 'Where a LINE event spends its time, by stage (intake, before-answer, answer, send, total; pool-queue, worker-queue, worker-answer, worker-return)',
    labelNames: ['stage'] as const,
    buckets: STAGE_BUCKETS,
    registers: [registry],
  });
  const gcPauses = new Histogram({
    name: 'madoguchi_gc_pause_seconds',
    help: 'Garbage collection pauses by thread (main thread, answer workers)',
    labelNames: ['thread'] as const,
    buckets: STAGE_BUCKETS,
    registers: [registry],
  });
  const liveHeap = new Gauge({
    name: 'madoguchi_heap_live_bytes',
    help: 'V8 heap used right after the latest full GC, by thread (cluster: summed over workers): what it keeps alive',
    labelNames: ['thread'] as const,
    registers: [registry],
    aggregator: 'sum',
  });

  // Each traffic-grown structure's size and bound, read when scraped: an operator sees which one is full (a
  // full one is expected: it then drops its oldest) and how far the others are from theirs.
  const retainedReaders: Array<() => RetainedSizes> = [];
  const readRetained = (): RetainedSizes => Object.assign({}, ...retainedReaders.map((read) => read()));
  new Gauge({
    name: 'madoguchi_retained_size',
    help: 'What this process keeps in memory that grows with traffic, by structure: entries (session_chars: characters)',
    labelNames: ['structure'] as const,
    registers: [registry],
    aggregator: 'sum',
    collect() {
      for (const [structure, r] of Object.entries(readRetained())) this.set({ structure }, r.size);
    },
  });
  new Gauge({
    name: 'madoguchi_retained_limit',
    help: 'The bound of each structure of madoguchi_retained_size (beyond it the oldest entries are dropped); absent: bounded by time',
    labelNames: ['structure'] as const,
    registers: [registry],
    aggregator: 'sum',
    collect() {
      for (const [structure, r] of Object.entries(readRetained()))
        if (r.limit !== undefined) this.set({ structure }, r.limit);
    },
  });

  const track = (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const url = req.url ?? '/'; // before express rewrites it under a mount path
    res.once('finish', () => {
      const route = routeLabel(url.split('?')[0] ?? '/', res.statusCode);
      const method = req.method ?? 'GET';
      duration.observe({ route, method }, (performance.now() - started) / 1000);
      requests.inc({ route, method, status: String(res.statusCode) });
    });
  };

  return {
    registry,
    exposition,
    track,
    middleware(req, res, next) {
      track(req, res);
      next();
    },
    recordAnswer(answer, channel) {
      answers.inc({ kind: answer.kind, channel });
      totals.all += 1;
      if (answer.kind === 'fallback') totals.fallback += 1;
    },
    recordLineApiError(status) {
      lineErrors.inc({ status: String(Number.isInteger(status) ? status : 0) });
    },
    recordLineEvent(outcome) {
      lineEvents.inc({ outcome });
    },
    recordLineEventFailed(reason) {
      lineFailed.inc({ reason });
    },
    recordLineEventsLeft(count, durable) {
      lineLeft.inc({ durable: String(durable) }, count);
    },
    recordApiRefused(reason) {
      apiRefused.inc({ reason });
    },
    recordReload(ok, trigger) {
      reloads.inc({ outcome: ok ? 'ok' : 'failed', trigger });
    },
    recordEventStage(stage, ms) {
      stages.observe({ stage }, ms / 1000);
    },
    recordGcPause(thread, ms) {
      gcPauses.observe({ thread }, ms / 1000);
    },
    recordLiveHeap(thread, bytes) {
      liveHeap.set({ thread }, bytes);
    },
    setKnowledgeVersion(v) {
      version.set(v);
    },
    watchRetained(read) {
      retainedReaders.push(read);
    },
  };
}
