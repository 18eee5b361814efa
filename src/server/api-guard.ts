// Fair sharing for POST /api/answer, so a flood of questions there cannot hold up the LINE webhook. The
// answers themselves are computed in the answer worker (serving-store.ts), off this event loop, so the
// webhook's acknowledgement never waits for one; what is shared is the worker's time, so that LINE's
// questions are answered promptly too:
// - an optional API_TOKEN (Bearer) for deployments that expose the API;
// - a per-client rate limit (rate-limiter-flexible, keyed by the client address: behind a proxy that is
//   the address TRUST_PROXY lets express read);
// - bounded concurrency: at most `concurrency` answers are asked of the worker at a time, each slot held
//   for the answer's own time again afterwards (so with one slot the API takes at most about half of the
//   worker and a LINE question waits behind at most one API question), at most `queue` requests wait for
//   a slot, the rest get 503 with Retry-After.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { RateLimiterMemory, type RateLimiterRes } from 'rate-limiter-flexible';

export interface ApiGuardOptions {
  token?: string | undefined;
  ratePerMinute: number; // per client; 0: no limit
  concurrency: number;
  queue: number;
  onRefused?: (reason: 'rate' | 'busy' | 'token') => void;
}

export interface ApiGuard {
  // token and per-client rate, before the body is read
  admit(req: Request, res: Response, next: NextFunction): void;
  // runs one answer in a slot; rejects with BusyError when too many are waiting
  run<T>(work: () => Promise<T> | T): Promise<T>;
  readonly waiting: number;
}

/** Constant-time comparison of two tokens (of any lengths). */
export function tokenMatches(candidate: string, token: string): boolean {
  const a = createHash('sha256').update(candidate).digest();
  const b = createHash('sha256').update(token).digest();
  return timingSafeEqual(a, b) && candidate.length === token.length;
}

/** Bearer <token> in the Authorization header. */
export function bearerMatches(req: Request, token: string): boolean {
  const auth = req.get('authorization') ?? '';
  return auth.startsWith('Bearer ') && tokenMatches(auth.slice(7).trim(), token);
}

export class BusyError extends Error {
  override name = 'BusyError';
}

const COOL_DOWN_MAX_MS = 250;

export function createApiGuard(o: ApiGuardOptions): ApiGuard {
  const limiter = o.ratePerMinute > 0 ? new RateLimiterMemory({ points: o.ratePerMinute, duration: 60 }) : null;
  const waiters: Array<() => void> = [];
  let free = Math.max(1, o.concurrency);

  const acquire = (): Promise<void> => {
    if (free > 0) {
      free -= 1;
      return Promise.resolve();
    }
    if (waiters.length >= o.queue) return Promise.reject(new BusyError('server: busy'));
    return new Promise((resolve) => waiters.push(resolve));
  };
  const release = () => {
    const next = waiters.shift();
    if (next) next();
    else free += 1;
  };

  return {
    get waiting() {
      return waiters.length;
    },
    admit(req, res, next) {
      if (o.token) {
        if (!bearerMatches(req, o.token)) {
          o.onRefused?.('token');
          res.setHeader('www-authenticate', 'Bearer realm="madoguchi-api"');
          res
            .status(401)
            .json({ error: 'unauthorized', message: 'server: API token required (Authorization: Bearer …)' });
          return;
        }
      }
      if (!limiter) {
        next();
        return;
      }
      const client = req.ip ?? req.socket.remoteAddress ?? 'unknown';
      limiter.consume(client).then(
        () => next(),
        (r: RateLimiterRes | Error) => {
          if (r instanceof Error) {
            next(r);
            return;
          }
          o.onRefused?.('rate');
          res.setHeader('retry-after', String(Math.max(1, Math.ceil(r.msBeforeNext / 1000))));
          res.status(429).json({ error: 'rate_limited', message: 'server: too many questions; try again later' });
        },
      );
    },
    async run(work) {
      await acquire();
      const started = performance.now();
      try {
        return await work();
      } finally {
        const took = performance.now() - started;
        setTimeout(release, Math.min(took, COOL_DOWN_MAX_MS));
      }
    },
  };
}
