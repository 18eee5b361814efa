// The one reader of process.env (DESIGN.md). Parsed with zod; a bad value stops start-up with one clear line.
import path from 'node:path';
import { z } from 'zod';

const optionalString = z
  .string()
  .transform((s) => s.trim())
  .pipe(z.string())
  .optional()
  .transform((s) => (s ? s : undefined));

// A whole number in [min, max]; the message names the range (an operator's "24M" or "-1" gets one clear line).
const count = (min: number, max: number, def: number) =>
  z.coerce
    .number({ error: 'a whole number' })
    .int('a whole number')
    .min(min, `at least ${min.toLocaleString('en')}`)
    .max(max, `at most ${max.toLocaleString('en')}`)
    .default(def);

const ms = (min: number, def: number) => z.coerce.number().int().min(min).max(3_600_000).default(def);

// TRUST_PROXY: how express finds the client behind reverse proxies — a hop count ("1"), or addresses /
// subnets / express's names ("loopback, 10.0.0.0/8"). Unset: no proxy is trusted.
const trustProxy = optionalString.pipe(
  z
    .string()
    .regex(/^(\d{1,2}|[\w.:/-]+(\s*,\s*[\w.:/-]+)*)$/, 'a hop count (1) or comma-separated addresses/subnets')
    .optional(),
);

const LOOPBACK_HOSTS = ['127.0.0.1', '::1', 'localhost'];
export const isLoopbackHost = (host: string) => LOOPBACK_HOSTS.includes(host) || /^127\./.test(host);

export const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  LINE_CHANNEL_SECRET: optionalString,
  LINE_CHANNEL_ACCESS_TOKEN: optionalString,
  LINE_API_BASE_URL: z.url().default('https://api.line.me'),
  LINE_MAX_PENDING_EVENTS: z.coerce.number().int().min(1).default(10_000),
  // Answer workers per process (threads, each with the whole index); unset: one (the cluster primary gives
  // each of its processes its share of the cores)
  ANSWER_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  // The answer workers' nice value (Linux, per thread): above 0 they yield the CPU to the main thread (and to
  // every other process of the host) when both want it
  ANSWER_WORKER_NICE: z.coerce.number().int().min(0).max(19).default(10),
  LINE_API_TIMEOUT_MS: ms(100, 10_000), // one Messaging API call
  LINE_PUSH_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  LINE_RETRY_BASE_MS: ms(1, 500),
  LINE_RETRY_MAX_MS: ms(1, 8000),
  LINE_CONCURRENCY: z.coerce.number().int().min(1).max(1024).default(32),
  // Redis stream: an entry its consumer has not touched for this long is taken over by another process
  EVENT_CLAIM_IDLE_MS: ms(1000, 30_000),
  // SIGTERM: how long events already taken may still take (must outlast one LINE call)
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(100).max(3_600_000).optional(),
  CONSOLE_TOKEN: optionalString.pipe(
    z.string().min(32, 'at least 32 characters (e.g. openssl rand -hex 32)').optional(),
  ),
  TRUST_PROXY: trustProxy,
  // Host header allow-list for the console and /admin (comma-separated); loopback names by default
  ALLOWED_HOSTS: optionalString,
  API_TOKEN: optionalString.pipe(z.string().min(16, 'at least 16 characters').optional()),
  API_RATE_LIMIT: z.coerce.number().int().min(1).default(30), // POST /api/answer per client per minute
  API_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1), // answers computed at once
  API_QUEUE: z.coerce.number().int().min(0).max(10_000).default(32), // waiting beyond it: 503
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  REDIS_URL: optionalString.pipe(z.url().optional()),
  // How long a conversation's context (the last turns' frames) lives after the last message.
  SESSION_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(1800),
  // What a process keeps in memory as traffic grows, each bounded (README: Running at scale → Memory).
  // Answers kept on the main thread (0: no answer cache).
  ANSWER_CACHE_SIZE: count(0, 1_000_000, 5_000),
  // Without REDIS_URL: conversation contexts kept, in characters of keys and values (a context of three
  // turns is ~1,000; two bytes of heap a character), least recently written dropped first.
  SESSION_MAX_CHARS: count(10_000, 1_000_000_000, 24_000_000),
  // Without REDIS_URL: webhookEventIds remembered for de-duplication (LINE redelivers within minutes).
  LINE_DEDUP_IDS: count(1_000, 10_000_000, 200_000),
  // Distinct unanswered questions the log keeps (least recently asked dropped first), Redis or memory.
  UNANSWERED_MAX_ENTRIES: count(100, 1_000_000, 5_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  UNANSWERED_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  UNANSWERED_MIN_CONFIDENCE: z.coerce.number().min(0).max(1).default(0.65),
});

// Where the knowledge lives: read the same way by the server, `knowledge:check` and `knowledge:import`.
const dir = (name: string, fallback: string) =>
  z
    .string()
    .optional()
    .transform((s) => s?.trim() || fallback)
    .refine((s) => !s.includes('\0'), `${name}: not a path`);
export const KnowledgePathsSchema = z.object({
  KNOWLEDGE_DIR: dir('KNOWLEDGE_DIR', 'knowledge'),
  SEEDS_DIR: dir('SEEDS_DIR', 'seeds'),
});

export interface KnowledgePaths {
  root: string; // the project root (absolute): relative paths below resolve against it
  knowledgeDir: string; // absolute
  seedsDir: string; // absolute
}

/** KNOWLEDGE_DIR and SEEDS_DIR, absolute or relative to `root` (the working directory by default). */
export function loadKnowledgePaths(env: NodeJS.ProcessEnv = process.env, root = process.cwd()): KnowledgePaths {
  const parsed = KnowledgePathsSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`config: ${issue?.path.join('.') || 'environment'}: ${issue?.message ?? 'invalid value'}`);
  }
  const base = path.resolve(root);
  const knowledgeDir = path.resolve(base, parsed.data.KNOWLEDGE_DIR);
  const seedsDir = path.resolve(base, parsed.data.SEEDS_DIR);
  // SEEDS_DIR is the one folder documents may be read from: the whole project (or the knowledge folder)
  // would let documents.yaml serve .env, .git or the YAML files themselves to residents.
  const up = path.relative(seedsDir, base);
  if (up === '' || (!up.startsWith('..') && !path.isAbsolute(up))) {
    throw new ConfigError(
      `config: SEEDS_DIR: "${parsed.data.SEEDS_DIR}" is the project folder or above it; give a folder of its own (default "seeds")`,
    );
  }
  // Nor a dot-folder of the project (.git, .cache): documents.yaml could name any file in it.
  const inProject = path.relative(base, seedsDir);
  if (
    !inProject.startsWith('..') &&
    !path.isAbsolute(inProject) &&
    inProject.split(path.sep).some((p) => p.startsWith('.'))
  ) {
    throw new ConfigError(
      `config: SEEDS_DIR: "${parsed.data.SEEDS_DIR}" is a dot-folder of the project; give a folder of its own (default "seeds")`,
    );
  }
  if (seedsDir === knowledgeDir) {
    throw new ConfigError(
      'config: SEEDS_DIR: must not be KNOWLEDGE_DIR; give the seed documents a folder of their own',
    );
  }
  return { root: base, knowledgeDir, seedsDir };
}

export interface Config {
  port: number;
  host: string;
  line: { channelSecret: string; channelAccessToken: string; apiBaseUrl: string } | null;
  lineApiBaseUrl: string;
  lineMaxPendingEvents: number; // per process: beyond it webhooks get 503 (load shedding)
  answerWorkers: number | undefined; // per process; undefined: one (the cluster: each process its share of the cores)
  answerWorkerNice: number; // Linux nice value of each answer worker thread
  lineApi: { timeoutMs: number; pushAttempts: number; retryBaseMs: number; retryMaxMs: number; concurrency: number };
  eventClaimIdleMs: number;
  shutdownDrainMs: number; // always longer than lineApi.timeoutMs
  consoleToken: string | undefined;
  trustProxy: string | number | undefined;
  allowedHosts: string[]; // lower-case host names (no port)
  apiToken: string | undefined;
  api: { ratePerMinute: number; concurrency: number; queue: number };
  metrics: { port: number; host: string } | null; // null: /metrics on the main port
  redisUrl: string | undefined;
  sessionTtlSeconds: number; // conversation context lifetime after the last message
  // The bounds of what grows with traffic (memory: the in-memory store and queue, used without REDIS_URL)
  bounds: { answerCache: number; sessionChars: number; dedupIds: number; unanswered: number };
  logLevel: z.infer<typeof ConfigSchema>['LOG_LEVEL'];
  knowledgeDir: string; // absolute (KNOWLEDGE_DIR resolved against the working directory)
  seedsDir: string; // absolute
  unanswered: {
    retentionDays: number; // entries not seen for this long are purged
    minConfidence: number; // answers below it go to the unanswered log too
  };
}

// One process's shutdown, step by step (main.ts), each step bounded: in-flight requests finish (grace), the
// metrics listener closes, events already taken are answered (SHUTDOWN_DRAIN_MS), the answer workers end
// once the questions sent to them are answered (retire), Redis and the watchers close. The sum bounds the
// whole stop; the cluster primary waits that long for its workers (a little more) before it ends them.
export const SHUTDOWN_STEPS_MS = { grace: 10_000, metrics: 1_000, retire: 5_000, close: 2_000 } as const;

export function shutdownBudgetMs(config: Pick<Config, 'shutdownDrainMs'>): number {
  const s = SHUTDOWN_STEPS_MS;
  return s.grace + s.metrics + config.shutdownDrainMs + s.retire + s.close;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, root = process.cwd()): Config {
  const paths = loadKnowledgePaths(env, root);
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') ?? 'environment';
    throw new ConfigError(`config: ${where}: ${issue?.message ?? 'invalid value'}`);
  }
  const e = parsed.data;
  if (Boolean(e.LINE_CHANNEL_SECRET) !== Boolean(e.LINE_CHANNEL_ACCESS_TOKEN)) {
    throw new ConfigError('config: LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN must be set together');
  }
  if (!isLoopbackHost(e.HOST) && !e.CONSOLE_TOKEN) {
    throw new ConfigError(
      `config: HOST=${e.HOST} listens beyond loopback: set CONSOLE_TOKEN (32+ characters) so the console and /admin are not open`,
    );
  }
  const drain = e.SHUTDOWN_DRAIN_MS ?? e.LINE_API_TIMEOUT_MS + 5000;
  if (drain <= e.LINE_API_TIMEOUT_MS) {
    throw new ConfigError('config: SHUTDOWN_DRAIN_MS must be longer than LINE_API_TIMEOUT_MS (one LINE call)');
  }
  const allowedHosts = (e.ALLOWED_HOSTS ?? 'localhost,127.0.0.1,[::1]')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  return {
    port: e.PORT,
    host: e.HOST,
    line:
      e.LINE_CHANNEL_SECRET && e.LINE_CHANNEL_ACCESS_TOKEN
        ? {
            channelSecret: e.LINE_CHANNEL_SECRET,
            channelAccessToken: e.LINE_CHANNEL_ACCESS_TOKEN,
            apiBaseUrl: e.LINE_API_BASE_URL,
          }
        : null,
    lineApiBaseUrl: e.LINE_API_BASE_URL,
    lineMaxPendingEvents: e.LINE_MAX_PENDING_EVENTS,
    answerWorkers: e.ANSWER_WORKERS,
    answerWorkerNice: e.ANSWER_WORKER_NICE,
    lineApi: {
      timeoutMs: e.LINE_API_TIMEOUT_MS,
      pushAttempts: e.LINE_PUSH_ATTEMPTS,
      retryBaseMs: e.LINE_RETRY_BASE_MS,
      retryMaxMs: Math.max(e.LINE_RETRY_BASE_MS, e.LINE_RETRY_MAX_MS),
      concurrency: e.LINE_CONCURRENCY,
    },
    eventClaimIdleMs: e.EVENT_CLAIM_IDLE_MS,
    shutdownDrainMs: drain,
    consoleToken: e.CONSOLE_TOKEN,
    trustProxy:
      e.TRUST_PROXY === undefined ? undefined : /^\d+$/.test(e.TRUST_PROXY) ? Number(e.TRUST_PROXY) : e.TRUST_PROXY,
    allowedHosts,
    apiToken: e.API_TOKEN,
    api: { ratePerMinute: e.API_RATE_LIMIT, concurrency: e.API_CONCURRENCY, queue: e.API_QUEUE },
    metrics: e.METRICS_PORT === undefined ? null : { port: e.METRICS_PORT, host: e.METRICS_HOST },
    redisUrl: e.REDIS_URL,
    sessionTtlSeconds: e.SESSION_TTL_SECONDS,
    bounds: {
      answerCache: e.ANSWER_CACHE_SIZE,
      sessionChars: e.SESSION_MAX_CHARS,
      dedupIds: e.LINE_DEDUP_IDS,
      unanswered: e.UNANSWERED_MAX_ENTRIES,
    },
    logLevel: e.LOG_LEVEL,
    knowledgeDir: paths.knowledgeDir,
    seedsDir: paths.seedsDir,
    unanswered: { retentionDays: e.UNANSWERED_RETENTION_DAYS, minConfidence: e.UNANSWERED_MIN_CONFIDENCE },
  };
}

// The CLI reads only this: an unrelated setting (a LINE secret without its token) must not stop it.
export function loadSessionTtl(env: NodeJS.ProcessEnv = process.env): number {
  const parsed = ConfigSchema.pick({ SESSION_TTL_SECONDS: true }).safeParse(env);
  if (!parsed.success) throw new ConfigError(`config: SESSION_TTL_SECONDS: ${parsed.error.issues[0]?.message}`);
  return parsed.data.SESSION_TTL_SECONDS;
}
