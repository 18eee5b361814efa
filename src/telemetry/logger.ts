// The process logger: structured JSON (pino) on stdout. Secrets and tokens are censored wherever a
// log object carries them; LINE user ids are replaced by a short one-way hash so lines stay joinable.
import { createHash } from 'node:crypto';
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

const SECRET_KEYS = [
  'channelSecret',
  'channelAccessToken',
  'accessToken',
  'token',
  'consoleToken',
  'authorization',
  'cookie',
  'password',
  'secret',
  'x-line-signature',
  'signature',
];
const USER_KEYS = ['userId', 'user', 'to'];

// pino's redact paths match exact depths; cover the depths our log objects use.
function paths(keys: string[]): string[] {
  return keys.flatMap((k) => {
    const key = k.includes('-') ? `["${k}"]` : k;
    const dot = k.includes('-') ? '' : '.';
    return [key, `*${dot}${key}`, `*.*${dot}${key}`, `*.*.*${dot}${key}`];
  });
}

export function hashUserId(userId: string): string {
  return `u_${createHash('sha256').update(userId).digest('hex').slice(0, 12)}`;
}

export interface LoggerOptions {
  level?: string;
  destination?: DestinationStream;
  base?: Record<string, unknown>;
  // Lines with nothing to censor skip the redaction pass (default true); false: every line takes it (tests
  // compare the two).
  skipCleanRedaction?: boolean;
}

// The redaction paths reach keys down to this depth of a log object (paths() above): deeper keys are never
// censored, so they need no look either.
const REDACT_DEPTH = 4;
const SENSITIVE = new Set([...SECRET_KEYS, ...USER_KEYS]);

// Whether redaction would leave this log object as it is: plain objects and arrays (no Error, Buffer or other
// instance, which serializers and redaction treat on their own) whose keys down to the redaction depth are
// none of the censored ones.
function isClean(value: unknown, depth: number): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (depth > REDACT_DEPTH) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (!isClean(item, depth + 1)) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const key of Object.keys(value)) {
    if (SENSITIVE.has(key)) return false;
    if (!isClean((value as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

// pino's redaction (fast-redact over 60 wildcard paths) cost ~100 µs a line here, about a tenth of a LINE
// event's whole serving work at info level (each event logs one line), and it changes nothing in a line with
// nothing to censor. Such lines go through a twin of the logger without redaction: the same bindings (already
// censored when the child was made), level, time, base and destination, so the line is byte for byte what
// redaction would have written. Anything else (a censored key, an Error, a request) takes the redaction pass.
const twins = new WeakMap<Logger, Logger>();
const isTwin = new WeakSet<Logger>();
function twinOf(logger: Logger): Logger {
  let twin = twins.get(logger);
  if (!twin) {
    twin = logger.child({}, { redact: [] });
    isTwin.add(twin);
    twins.set(logger, twin);
  }
  if (twin.level !== logger.level) twin.level = logger.level;
  return twin;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const userPaths = new Set(paths(USER_KEYS));
  const skipClean = options.skipCleanRedaction ?? true;
  return pino(
    {
      level: options.level ?? 'info',
      base: { pid: process.pid, ...options.base },
      timestamp: pino.stdTimeFunctions.isoTime,
      hooks: {
        logMethod(args, method, level) {
          if (!skipClean || isTwin.has(this) || !isClean(args[0], 1)) return method.apply(this, args);
          const label = this.levels.labels[level] as pino.Level;
          const twin = twinOf(this);
          return (twin[label] as (...a: unknown[]) => void)(...args);
        },
      },
      redact: {
        paths: [...paths(SECRET_KEYS), ...userPaths],
        censor: (value: unknown, path: string[]) => {
          const key = path[path.length - 1] ?? '';
          if (USER_KEYS.includes(key)) return typeof value === 'string' ? hashUserId(value) : value;
          return '[redacted]';
        },
      },
    },
    options.destination,
  );
}
