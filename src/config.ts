// The one reader of process.env (DESIGN.md). Parsed with zod; a bad value stops start-up with one clear line.
import { z } from 'zod';

const optionalString = z
  .string()
  .transform((s) => s.trim())
  .pipe(z.string())
  .optional()
  .transform((s) => (s ? s : undefined));

export const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  LINE_CHANNEL_SECRET: optionalString,
  LINE_CHANNEL_ACCESS_TOKEN: optionalString,
  LINE_API_BASE_URL: z.url().default('https://api.line.me'),
  LINE_MAX_PENDING_EVENTS: z.coerce.number().int().min(1).default(10_000),
  CONSOLE_TOKEN: optionalString,
  REDIS_URL: optionalString.pipe(z.url().optional()),
  // How long a conversation's context (the last turns' frames) lives after the last message.
  SESSION_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(1800),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  KNOWLEDGE_DIR: z.string().default('knowledge'),
  SEEDS_DIR: z.string().default('seeds'),
  UNANSWERED_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  UNANSWERED_MIN_CONFIDENCE: z.coerce.number().min(0).max(1).default(0.65),
});

export interface Config {
  port: number;
  host: string;
  line: { channelSecret: string; channelAccessToken: string; apiBaseUrl: string } | null;
  lineApiBaseUrl: string;
  lineMaxPendingEvents: number; // per process: beyond it webhooks get 503 (load shedding)
  consoleToken: string | undefined;
  redisUrl: string | undefined;
  sessionTtlSeconds: number; // conversation context lifetime after the last message
  logLevel: z.infer<typeof ConfigSchema>['LOG_LEVEL'];
  knowledgeDir: string;
  seedsDir: string;
  unanswered: {
    retentionDays: number; // entries not seen for this long are purged
    minConfidence: number; // answers below it go to the unanswered log too
  };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
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
    consoleToken: e.CONSOLE_TOKEN,
    redisUrl: e.REDIS_URL,
    sessionTtlSeconds: e.SESSION_TTL_SECONDS,
    logLevel: e.LOG_LEVEL,
    knowledgeDir: e.KNOWLEDGE_DIR,
    seedsDir: e.SEEDS_DIR,
    unanswered: { retentionDays: e.UNANSWERED_RETENTION_DAYS, minConfidence: e.UNANSWERED_MIN_CONFIDENCE },
  };
}

// The CLI reads only this: an unrelated setting (a LINE secret without its token) must not stop it.
export function loadSessionTtl(env: NodeJS.ProcessEnv = process.env): number {
  const parsed = ConfigSchema.pick({ SESSION_TTL_SECONDS: true }).safeParse(env);
  if (!parsed.success) throw new ConfigError(`config: SESSION_TTL_SECONDS: ${parsed.error.issues[0]?.message}`);
  return parsed.data.SESSION_TTL_SECONDS;
}
