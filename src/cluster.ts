// `npm run start:cluster`: one worker per core (or WEB_CONCURRENCY), each a full server process on the
// same port (node:cluster shares the listening socket). Crashed workers are restarted; SIGTERM/SIGINT
// are passed to every worker, which drains and exits; the primary exits 0 when all are gone.
// Share state between workers (and machines) with REDIS_URL; without it each worker keeps its own.
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ConfigError, loadConfig, shutdownBudgetMs } from './config.js';
// the telemetry room alone: the server room's index would load express, the answer room and kuromoji's
// loader into a process that never answers (+27 MB RSS, +0.75 s of CPU at start)
import { createLogger, serveClusterMetrics } from './telemetry/index.js';

// The same cap as `npm start` gives the single process (package.json).
const WORKER_HEAP_MB = 384;

// WEB_CONCURRENCY is read only by the cluster primary (the workers read the rest through loadConfig).
const ConcurrencySchema = z.coerce.number().int().min(1).max(256).optional();

function main() {
  let level: string;
  let answerWorkersSet: number | undefined;
  let stopBudgetMs: number;
  try {
    const config = loadConfig(process.env);
    ({ logLevel: level, answerWorkers: answerWorkersSet } = config);
    stopBudgetMs = shutdownBudgetMs(config);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const concurrency = ConcurrencySchema.safeParse(process.env.WEB_CONCURRENCY || undefined);
  if (!concurrency.success) {
    process.stderr.write('config: WEB_CONCURRENCY: expected a whole number from 1 to 256\n');
    process.exit(1);
  }
  const workers = concurrency.data ?? availableParallelism();
  const logger = createLogger({ level, base: { role: 'primary' } });

  serveClusterMetrics();
  // Each worker's V8 heap is capped: left alone on a machine with plenty of memory, V8 lets the old space
  // fill with garbage for minutes under a steady stream of webhooks (one process: +2.5 MB/s for a whole 60 s
  // run, no full GC); capped at 384 MB, RSS is flat and the CPU per event the same. The live heap is
  // ~110 MB (index, knowledge) plus the de-duplication ids (≤ 200,000); kuromoji's dictionary is outside it.
  // A flag given to the primary wins.
  const heapFlag = process.execArgv.some((a) => a.startsWith('--max-old-space-size'))
    ? []
    : [`--max-old-space-size=${WORKER_HEAP_MB}`];
  cluster.setupPrimary({
    // dist/main.js beside dist/cluster.js in production; src/main.ts under tsx (its loader is in execArgv)
    exec: fileURLToPath(new URL(`./main${extname(import.meta.url)}`, import.meta.url)),
    execArgv: [...process.execArgv, ...heapFlag],
  });
  let stopping = false;
  const unclean: { pid: number | undefined; code: number | null; signal: string | null }[] = [];
  const crashes: number[] = [];

  // Each process gets its share of the cores as answer workers, unless ANSWER_WORKERS says otherwise: the
  // processes together run about one answer worker per core.
  const answerWorkers = answerWorkersSet ?? Math.max(1, Math.floor(availableParallelism() / workers));
  const fork = (): Worker => cluster.fork({ ANSWER_WORKERS: String(answerWorkers) });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      // ended by our SIGTERM itself: it was still starting (the handler that drains comes with the listener)
      if (code !== 0 && signal !== 'SIGTERM') unclean.push({ pid: worker.process.pid, code, signal });
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        // 0 only when every worker stopped cleanly (each one drained, logged what it left, and exited 0)
        if (unclean.length > 0) {
          logger.error({ workers: unclean }, 'cluster: all workers stopped, not all cleanly');
          process.exit(1);
        }
        logger.info('cluster: all workers stopped');
        process.exit(0);
      }
      return;
    }
    const now = Date.now();
    crashes.push(now);
    while (crashes.length && (crashes[0] ?? 0) < now - 60_000) crashes.shift();
    // a crash loop (bad deploy) backs off instead of spinning the CPU
    const delay = crashes.length > workers * 3 ? 5_000 : 0;
    logger.error({ worker: worker.process.pid, code, signal, restartInMs: delay }, 'cluster: worker died; restarting');
    setTimeout(() => {
      if (!stopping) fork();
    }, delay);
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'cluster: stopping workers');
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    // Each worker's stop is bounded step by step (config.ts shutdownBudgetMs: the drain included); one still
    // running past that hung: it is ended, named, and the primary says so with its exit code.
    setTimeout(() => {
      const left = Object.values(cluster.workers ?? {}).map((w) => w?.process.pid);
      logger.error({ workers: left, budgetMs: stopBudgetMs }, 'cluster: workers did not stop in time; killing them');
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
      process.exit(1);
    }, stopBudgetMs + 5_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  logger.info(
    { workers, answerWorkers },
    `cluster: starting ${workers} workers, ${answerWorkers} answer worker(s) each`,
  );
  for (let i = 0; i < workers; i++) fork();
}

main();
