// The log of one webhook event: every line carries the event's bindings (webhookEventId, user hash …),
// like a pino child logger, but nothing is computed until a line at an enabled level is written. A child
// per event cost more than the rest of an event's work at 1,000 events/s (pino serializes and prepares
// redaction for each child), and most events write one line or none.
import type pino from 'pino';

type Level = 'debug' | 'info' | 'warn' | 'error';
type Write = (objOrMsg: object | string, msg?: string) => void;
export type EventLog = Record<Level, Write>;

export function eventLog(logger: pino.Logger, bindings: () => Record<string, unknown>): EventLog {
  let bound: Record<string, unknown> | undefined;
  const at =
    (level: Level): Write =>
    (objOrMsg, msg) => {
      if (!logger.isLevelEnabled(level)) return;
      bound ??= bindings();
      if (typeof objOrMsg === 'string') logger[level](bound, objOrMsg);
      else logger[level]({ ...bound, ...objOrMsg }, msg);
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
