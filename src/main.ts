// Composition root of the server process: config → logger → state → serving store (answer workers that
// load the knowledge and own analyzer, index and engine) → app → listen. Everything is built here and passed in; no room holds a module singleton.
import cluster from 'node:cluster';
import path from 'node:path';
import { PerformanceObserver, constants as perfConstants } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { loadDictionary } from './analysis/index.js';
import { createConversation } from './answer/index.js';
import { spawnAnswerThread } from './answer-thread.js';
import { type Config, ConfigError, loadConfig, SHUTDOWN_STEPS_MS, shutdownBudgetMs } from './config.js';
import { createAnswerInsights, createConsoleRouter } from './console/index.js';
import { formatKnowledgeError, KnowledgeLoadError, type ReloadOutcome } from './knowledge/index.js';
import {
  buildReply,
  createLineRouter,
  decodePostback,
  type LineRouter,
  replyToPostback,
  withoutMunicipalityNames,
} from './line/index.js';
import { createMetrics, createRequestListener, listen } from './server/index.js';
import { createServingStore } from './serving-store.js';
import {
  createMemoryEventQueue,
  createRedisEventQueue,
  createStateStore,
  createUnansweredRetention,
  type EventQueue,
} from './state/index.js';
import { createLogger, type Logger } from './telemetry/index.js';

// "peer: …" reloads came from another process; "watch: …" ones happen in every process that sees the
// files. Only the others (admin, console) are announced, so a reload never echoes back and forth.
// "restart: …" replaced a crashed answer worker of this process: nothing for the others to do either.
function reloadTrigger(reason: string): string {
  const head = reason.split(/[:\s(]/)[0] ?? 'other';
  return ['peer', 'watch', 'admin', 'startup', 'restart'].includes(head) ? head : 'other';
}
const ANNOUNCED = new Set(['admin', 'startup', 'other']);

export async function startServer(config: Config, logger: Logger) {
  const root = process.cwd();
  const metrics = createMetrics({ cluster: cluster.isWorker });
  const gcObserver = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      metrics.recordGcPause('main', e.duration);
      if ((e as unknown as { detail?: { kind?: number } }).detail?.kind === perfConstants.NODE_PERFORMANCE_GC_MAJOR)
        metrics.recordLiveHeap('main', getHeapStatistics().used_heap_size);
    }
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  const { bounds } = config;
  const state = createStateStore({
    redisUrl: config.redisUrl,
    logger,
    bounds: { sessionChars: bounds.sessionChars, claimedIds: bounds.dedupIds, unanswered: bounds.unanswered },
  });
  metrics.watchRetained(() => state.retained?.() ?? {});
  logger.info({ state: state.kind }, `main: state store is ${state.kind}`);
  // Every answer is counted and every unanswered one logged (masked), from LINE, the API and the console.
  const insights = createAnswerInsights({
    state,
    minConfidence: config.unanswered.minConfidence,
    onError: (err) => logger.warn({ err }, 'main: could not record an answer for the unanswered log'),
  });
  const retention = createUnansweredRetention({
    state,
    days: config.unanswered.retentionDays,
    onPurge: (removed) => logger.info({ removed }, 'main: unanswered entries past retention purged'),
    onError: (err) => logger.warn({ err }, 'main: unanswered retention purge failed'),
  });
  const stopRetention = retention.start();

  // Answers are computed in an answer worker (a worker thread that owns the analyzer, index and engine);
  // this thread keeps HTTP, LINE, sessions and the console, so no answer and no reload holds them up.
  // kuromoji's dictionary is read once per process into shared memory: every worker (a reload's new one
  // beside the old) builds its tokenizer over the same buffers. It loads while the first worker starts.
  const dictionary = loadDictionary();
  dictionary.catch(() => {}); // awaited by the first spawn; a failure surfaces there
  const spawn = async () =>
    spawnAnswerThread({
      onTiming: (t) => {
        metrics.recordEventStage('worker-queue', t.queuedMs);
        metrics.recordEventStage('worker-answer', t.answerMs);
        metrics.recordEventStage('worker-return', t.returnMs);
      },
      onGc: (ms, liveBytes) => {
        metrics.recordGcPause('answer-worker', ms);
        if (liveBytes !== undefined) metrics.recordLiveHeap('answer-worker', liveBytes);
      },
      data: {
        root,
        knowledgeDir: config.knowledgeDir,
        seedsDir: config.seedsDir,
        cacheDir: path.join(root, '.cache'),
        dictionary: await dictionary,
        nice: config.answerWorkerNice,
      },
    });
  const onReload = (outcome: ReloadOutcome) => {
    const trigger = reloadTrigger(outcome.reason);
    metrics.recordReload(outcome.ok, trigger);
    metrics.setKnowledgeVersion(outcome.version);
    if (outcome.ok && ANNOUNCED.has(trigger)) {
      state.publishReload(outcome.reason).catch((err) => logger.warn({ err }, 'main: could not announce reload'));
    }
  };
  // One answer worker by default: each holds the whole index (~80 MB), and a process stays within 300 MB at
  // ready. ANSWER_WORKERS=N lets one process use N cores for the engine (most of an event's CPU); the cluster
  // primary sets it to each process's share of the cores.
  const answerWorkers = config.answerWorkers ?? 1;
  const store = await createServingStore({
    spawn,
    size: answerWorkers,
    logger,
    answerCache: bounds.answerCache,
    onReload,
    onPoolWait: (ms) => metrics.recordEventStage('pool-queue', ms),
  });
  logger.info({ answerWorkers }, `main: ${answerWorkers} answer worker(s)`);
  metrics.watchRetained(() => ({
    answer_cache: { size: store.status().worker.answerCache.size, limit: bounds.answerCache },
  }));
  metrics.setKnowledgeVersion(store.current().version);
  const stopListening = await state.onReload((origin) => {
    void store.reload(`peer: ${origin}`);
  });
  await store.watch([path.resolve(root, config.knowledgeDir), path.resolve(root, config.seedsDir)]);

  // One conversation store for every adapter: a LINE user's, an API caller's or a console preview's last
  // turns, in the state store (Redis when shared), for SESSION_TTL_SECONDS after their last message.
  const conversation = createConversation({
    sessions: state,
    ttlSeconds: config.sessionTtlSeconds,
    onStoreError: (err) => logger.warn({ err }, 'main: conversation context unavailable'),
  });
  const getEngine = () => store.engine;
  const municipalities = () => store.current().snapshot.municipalities;
  let lineRouter: LineRouter | null = null;
  let queue: EventQueue | null = null;
  if (config.line) {
    // With Redis the intake is a stream every process shares (durable: nothing acknowledged is lost when a
    // process stops or dies); without it an in-memory queue drained on SIGTERM.
    queue = config.redisUrl
      ? createRedisEventQueue({ url: config.redisUrl, logger, claimIdleMs: config.eventClaimIdleMs })
      : createMemoryEventQueue({ maxSeen: bounds.dedupIds });
    const q = queue;
    metrics.watchRetained(() => q.retained?.() ?? {});
    lineRouter = createLineRouter({
      line: config.line,
      maxPendingEvents: config.lineMaxPendingEvents,
      getEngine,
      state,
      conversation,
      logger,
      municipalities,
      queue,
      apiTimeoutMs: config.lineApi.timeoutMs,
      pushAttempts: config.lineApi.pushAttempts,
      retryDelayMs: config.lineApi.retryBaseMs,
      retryMaxDelayMs: config.lineApi.retryMaxMs,
      concurrency: config.lineApi.concurrency,
      drainMs: config.shutdownDrainMs,
      hooks: {
        onAnswer: (answer, question) => {
          metrics.recordAnswer(answer, 'line');
          void insights.observe(question, answer, 'line');
        },
        onLineApiError: (status) => metrics.recordLineApiError(status),
        onEvent: (report) => metrics.recordLineEvent(report.outcome),
        onStage: (stage, ms) => metrics.recordEventStage(stage, ms),
        onFinalFailure: (_id, reason) => metrics.recordLineEventFailed(reason),
        onLeftover: (count, durable) => metrics.recordLineEventsLeft(count, durable),
      },
    });
  } else {
    logger.warn('main: LINE_CHANNEL_SECRET / LINE_CHANNEL_ACCESS_TOKEN not set; the LINE webhook is disabled');
  }
  const consoleRouter = createConsoleRouter({
    store,
    state,
    logger,
    ...(config.consoleToken ? { consoleToken: config.consoleToken } : {}),
    trustProxy: config.trustProxy !== undefined,
    allowedHosts: config.allowedHosts,
    getEngine,
    conversation,
    // Staff see exactly the bubble residents get on LINE.
    renderReply: (answer, ctx) => buildReply(answer, { question: ctx.question, municipalities: municipalities() }),
    // …and a button clicked there runs as on LINE.
    runPostback: async (data, ctx) => {
      const p = decodePostback(data);
      if (!p) return null;
      const list = municipalities();
      const reply = await replyToPostback(p, {
        municipalities: list,
        ask: ctx.ask,
        withoutMunicipalityNames: (q) => withoutMunicipalityNames(q, list),
      });
      return { messages: reply.messages, ...(reply.remember ? { municipality: reply.remember } : {}) };
    },
    insights,
    purgeExpired: retention.purge,
  });

  let draining = false;
  const app = createRequestListener({
    logger,
    state,
    metrics,
    runtime: () => {
      const current = store.current();
      return {
        engine: store.engine,
        municipalities: current.snapshot.municipalities,
        version: current.version,
      };
    },
    lineRouter,
    consoleRouter,
    conversation,
    isDraining: () => draining,
    answering: () => store.answering(),
    onAnswer: (question, answer) => void insights.observe(question, answer, 'api'),
    ...(config.trustProxy !== undefined ? { trustProxy: config.trustProxy } : {}),
    apiGuard: { token: config.apiToken, ...config.api },
    metricsAccess: config.metrics ? 'separate' : config.apiToken ? { token: config.apiToken } : 'open',
  });
  // METRICS_PORT: /metrics on its own listener (loopback by default), not on the public port
  const metricsServer = config.metrics
    ? await listen(
        async (req, res) => {
          if ((req.url ?? '').split('?')[0] !== '/metrics') {
            res.writeHead(404).end();
            return;
          }
          const body = await metrics.exposition();
          res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(body);
        },
        { host: config.metrics.host, port: config.metrics.port },
      )
    : null;
  if (metricsServer) logger.info({ url: metricsServer.url }, `main: metrics on ${metricsServer.url}/metrics`);
  const running = await listen(app, { host: config.host, port: config.port });
  logger.info(
    { url: running.url, knowledgeVersion: store.current().version, webhook: Boolean(lineRouter) },
    `main: listening on ${running.url}`,
  );

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      draining = true;
      await running.close(SHUTDOWN_STEPS_MS.grace); // stop accepting; in-flight requests finish
      await metricsServer?.close(SHUTDOWN_STEPS_MS.metrics);
      // events acknowledged with 200 still get their answers (up to SHUTDOWN_DRAIN_MS; what is left is
      // logged with its webhookEventId — with Redis it stays in the stream for another process)
      await lineRouter?.close();
      stopListening();
      stopRetention();
      await store.close(SHUTDOWN_STEPS_MS.retire);
      await state.close();
      gcObserver.disconnect();
    })();
    return closing;
  };
  return { url: running.url, port: running.port, close, store, state, queue };
}

async function main() {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger({ level: config.logLevel });

  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(config, logger);
  } catch (err) {
    if (err instanceof KnowledgeLoadError) {
      for (const e of err.errors) logger.error({ file: e.file, line: e.line }, formatKnowledgeError(e));
      process.stderr.write(`${err.errors.map(formatKnowledgeError).join('\n')}\n`);
    } else {
      logger.fatal({ err }, 'main: start-up failed');
    }
    process.exit(1);
  }

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'main: shutting down (draining in-flight requests)');
    // every step is bounded on its own (config.ts): past their sum something hung
    const deadline = setTimeout(() => {
      logger.error({ budgetMs: shutdownBudgetMs(config) }, 'main: shutdown took longer than its steps allow; exiting');
      process.exit(1);
    }, shutdownBudgetMs(config) + 2_000);
    deadline.unref();
    server.close().then(
      () => {
        logger.info('main: stopped');
        process.exit(0);
      },
      (err) => {
        logger.error({ err }, 'main: error during shutdown');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  // A stray rejection in one handler must not take every resident's conversation down with it.
  process.on('unhandledRejection', (err) => logger.error({ err }, 'main: unhandled rejection'));
  // A thrown error nobody caught leaves unknown state behind: log it as JSON and exit 1 (the cluster
  // primary or the process manager starts a fresh process).
  process.on('uncaughtException', (err) => {
    logger.fatal({ err }, 'main: uncaught exception; exiting');
    process.exit(1);
  });
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('main.ts')) {
  void main();
}
