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
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const userPaths = new Set(paths(USER_KEYS));
  return pino(
    {
      level: options.level ?? 'info',
      base: { pid: process.pid, ...options.base },
      timestamp: pino.stdTimeFunctions.isoTime,
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
