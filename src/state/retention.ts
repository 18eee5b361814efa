// The unanswered log keeps a resident's (masked) question only as long as staff need it to learn from:
// entries not asked again for UNANSWERED_RETENTION_DAYS are purged, at start-up and then every hour.
import type { StateStore } from './types.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface RetentionOptions {
  state: Pick<StateStore, 'purgeUnanswered'>;
  days: number;
  now?: () => number;
  intervalMs?: number; // default one hour
  onPurge?: (removed: number) => void;
  onError?: (err: unknown) => void;
}

/** Purges once now; `start` repeats it on a timer (unref'd) and returns the stop function. */
export function createUnansweredRetention(options: RetentionOptions) {
  const now = options.now ?? Date.now;
  const purge = async (): Promise<number> => {
    const removed = await options.state.purgeUnanswered(now() - options.days * DAY_MS);
    if (removed > 0) options.onPurge?.(removed);
    return removed;
  };
  return {
    purge,
    cutoff: () => now() - options.days * DAY_MS,
    start(): () => void {
      const run = () => void purge().catch((err) => options.onError?.(err));
      run();
      const timer = setInterval(run, options.intervalMs ?? 60 * 60 * 1000);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}
