// Who may use the console and admin routes.
// - With CONSOLE_TOKEN: a Bearer header (scripts) or a session cookie from the login form (browsers).
//   Sessions live server-side in the state store (Redis when configured, so every process knows them):
//   the cookie is a random id, the store keeps its CSRF token and a fingerprint of the token it was
//   issued under, so logout deletes it and a changed CONSOLE_TOKEN revokes every session.
// - Without it: only requests straight from loopback — a loopback socket with no Forwarded,
//   X-Forwarded-For or X-Real-IP header (a reverse proxy on the same host is not the user), and never
//   when TRUST_PROXY says a proxy is in front.
// - The Host header must be one of ALLOWED_HOSTS (loopback names by default): 421 otherwise, which stops
//   DNS rebinding from reaching the console through a browser.
// - Failed logins and wrong Bearer tokens are counted per client address and globally
//   (rate-limiter-flexible); past either limit a wrong token gets 429, and the right token is always
//   accepted, so guessing cannot lock staff out.
// Browsers also prove each state-changing request with a CSRF token bound to their session.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { RateLimiterMemory, type RateLimiterRes } from 'rate-limiter-flexible';

export const SESSION_COOKIE = 'madoguchi_console';
// Loopback mode has no secret to sign with that every worker process shares, so browsers there get a
// double-submit token: a random SameSite=Strict cookie the page echoes in X-CSRF-Token.
export const CSRF_COOKIE = 'madoguchi_csrf';
export const SESSION_MS = 12 * 60 * 60 * 1000;

export type StaffMode = 'bearer' | 'cookie' | 'loopback';

export interface Staff {
  mode: StaffMode;
  csrf: string; // what a browser must send back as X-CSRF-Token
}

/** Server-side session records (the state store implements this; a Map does for one process). */
export interface SessionStore {
  getStaffSession(key: string): Promise<string | null>;
  putStaffSession(key: string, value: string, ttlSeconds: number): Promise<void>;
  deleteStaffSession(key: string): Promise<void>;
}

interface SessionRecord {
  fingerprint: string; // of the CONSOLE_TOKEN it was issued under
  csrf: string;
  expiresAt: number;
}

/** Compares two strings in time independent of where they differ (and of their lengths). */
export function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb) && a.length === b.length;
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'] as const;

/** A loopback socket and no header saying a proxy passed the request on. */
export function isDirectLoopback(req: Request): boolean {
  if (!isLoopback(req.socket.remoteAddress)) return false;
  return FORWARDING_HEADERS.every((h) => req.headers[h] === undefined);
}

export const DEFAULT_ALLOWED_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

export interface AccessOptions {
  token?: string | undefined;
  sessions?: SessionStore | undefined;
  trustProxy?: boolean; // a proxy is in front: loopback is never trusted on its own
  allowedHosts?: string[];
  // failed attempts (wrong login or Bearer) per window, per client address and for everyone together
  limits?: { perClient: number; global: number; windowSeconds: number };
}

export type Identified = Staff | null | 'limited';

export interface Access {
  token: string | undefined;
  /** The staff behind this request; null (no or wrong credentials) or 'limited' (wrong, past the limit). */
  identify(req: Request): Promise<Identified>;
  /** Checks a login form's token; on success the new session's cookie value. */
  login(req: Request, candidate: string): Promise<{ cookie: string } | { refused: 'wrong' | 'limited' }>;
  /** Deletes the request's session (if any). */
  logout(req: Request): Promise<void>;
  /** Same-origin check for browser requests; true when nothing says otherwise. */
  isSameOrigin(req: Request): boolean;
  hostAllowed(req: Request): boolean;
  /** Seconds until a limited client may try again. */
  retryAfter(req: Request): Promise<number>;
}

function memorySessions(): SessionStore {
  const map = new Map<string, { value: string; expiresAt: number }>();
  return {
    async getStaffSession(key) {
      const e = map.get(key);
      if (!e || e.expiresAt <= Date.now()) {
        map.delete(key);
        return null;
      }
      return e.value;
    },
    async putStaffSession(key, value, ttlSeconds) {
      if (map.size > 10_000) map.clear();
      map.set(key, { value, expiresAt: Date.now() + ttlSeconds * 1000 });
    },
    async deleteStaffSession(key) {
      map.delete(key);
    },
  };
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export function createAccess(options: AccessOptions | string | undefined = {}): Access {
  const o: AccessOptions = typeof options === 'string' || options === undefined ? { token: options } : options;
  const token = o.token || undefined;
  const sessions = o.sessions ?? memorySessions();
  const fingerprint = token ? sha256(`madoguchi-console:${token}`) : '';
  const allowed = new Set((o.allowedHosts ?? DEFAULT_ALLOWED_HOSTS).map((h) => h.toLowerCase()));
  const limits = o.limits ?? { perClient: 10, global: 100, windowSeconds: 15 * 60 };
  const perClient = new RateLimiterMemory({ points: limits.perClient, duration: limits.windowSeconds });
  const global = new RateLimiterMemory({ points: limits.global, duration: limits.windowSeconds });
  const clientOf = (req: Request) => req.ip ?? req.socket.remoteAddress ?? 'unknown';

  // A wrong token: counted for the client and for everyone; true when that went past a limit.
  async function failed(req: Request): Promise<boolean> {
    const results = await Promise.allSettled([perClient.consume(clientOf(req)), global.consume('all')]);
    return results.some((r) => r.status === 'rejected');
  }

  async function sessionOf(req: Request): Promise<{ key: string; record: SessionRecord } | null> {
    const id = req.cookies?.[SESSION_COOKIE];
    if (typeof id !== 'string' || !/^[\w-]{32,64}$/.test(id)) return null;
    const key = sha256(id);
    const raw = await sessions.getStaffSession(key);
    if (!raw) return null;
    let record: SessionRecord;
    try {
      record = JSON.parse(raw) as SessionRecord;
    } catch {
      return null;
    }
    if (!safeEqual(record.fingerprint, fingerprint) || record.expiresAt <= Date.now()) {
      await sessions.deleteStaffSession(key); // issued under another token, or expired: revoked
      return null;
    }
    return { key, record };
  }

  return {
    token,
    async identify(req) {
      if (!token) {
        if (o.trustProxy || !isDirectLoopback(req)) return null;
        const csrf = req.cookies?.[CSRF_COOKIE];
        return { mode: 'loopback', csrf: typeof csrf === 'string' && /^[\w-]{32,}$/.test(csrf) ? csrf : '' };
      }
      const auth = req.get('authorization');
      if (auth?.startsWith('Bearer ')) {
        if (safeEqual(auth.slice(7).trim(), token)) return { mode: 'bearer', csrf: '' };
        return (await failed(req)) ? 'limited' : null;
      }
      const session = await sessionOf(req);
      return session ? { mode: 'cookie', csrf: session.record.csrf } : null;
    },
    async login(req, candidate) {
      // the right token is always accepted, whatever the counters say
      if (token && safeEqual(candidate, token)) {
        await perClient.delete(clientOf(req));
        const id = randomBytes(32).toString('base64url');
        const record: SessionRecord = {
          fingerprint,
          csrf: randomBytes(24).toString('base64url'),
          expiresAt: Date.now() + SESSION_MS,
        };
        await sessions.putStaffSession(sha256(id), JSON.stringify(record), SESSION_MS / 1000);
        return { cookie: id };
      }
      return { refused: (await failed(req)) ? 'limited' : 'wrong' };
    },
    async logout(req) {
      const session = await sessionOf(req);
      if (session) await sessions.deleteStaffSession(session.key);
    },
    isSameOrigin(req) {
      if (req.get('sec-fetch-site') === 'cross-site') return false;
      const origin = req.get('origin');
      if (!origin) return true;
      try {
        return new URL(origin).host === req.get('host');
      } catch {
        return false;
      }
    },
    hostAllowed(req) {
      const host = (req.hostname ?? '').toLowerCase();
      return allowed.has(host);
    },
    async retryAfter(req) {
      const [a, b] = await Promise.all([perClient.get(clientOf(req)), global.get('all')]);
      const ms = Math.max(
        (a as RateLimiterRes | null)?.msBeforeNext ?? 0,
        (b as RateLimiterRes | null)?.msBeforeNext ?? 0,
      );
      return Math.max(1, Math.ceil(ms / 1000));
    },
  };
}

const wantsHtml = (req: Request) =>
  req.method === 'GET' && !req.path.includes('/api/') && req.accepts('html') === 'html';

/** 421 for a Host header not in ALLOWED_HOSTS (DNS rebinding, a proxy passing an unexpected name). */
export function requireAllowedHost(access: Access) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (access.hostAllowed(req)) {
      next();
      return;
    }
    res.setHeader('cache-control', 'no-store');
    res.status(421).json({ error: 'console: this host name is not served here (ALLOWED_HOSTS)' });
  };
}

/** Lets staff through; others get a login redirect (pages), 401 (token mode), 429 (past the limit) or 403. */
export function requireStaff(access: Access) {
  return (req: Request, res: Response, next: NextFunction) => {
    access.identify(req).then(
      async (staff) => {
        if (staff && staff !== 'limited') {
          res.locals['staff'] = staff;
          next();
          return;
        }
        res.setHeader('cache-control', 'no-store');
        if (staff === 'limited') {
          res.setHeader('retry-after', String(await access.retryAfter(req)));
          res.status(429).json({ error: 'console: too many wrong tokens; try again later' });
        } else if (!access.token) {
          res.status(403).json({
            error: 'console: only reachable straight from loopback (not through a proxy) unless CONSOLE_TOKEN is set',
          });
        } else if (wantsHtml(req)) {
          res.redirect(303, '/console/login');
        } else {
          res.setHeader('www-authenticate', 'Bearer realm="madoguchi-console"');
          res.status(401).json({ error: 'console: staff token required' });
        }
      },
      (err: unknown) => next(err),
    );
  };
}

/**
 * CSRF for state-changing requests. Bearer requests are exempt (a browser cannot add that header
 * cross-site). Browsers must be same-origin and echo the session's CSRF token. A loopback client that
 * is plainly not a browser (no Origin, no Sec-Fetch-*, no cookie: curl, scripts) may skip the token.
 */
export function requireCsrf(access: Access) {
  return (req: Request, res: Response, next: NextFunction) => {
    const staff = res.locals['staff'] as Staff | undefined;
    if (staff?.mode === 'bearer') {
      next();
      return;
    }
    const fromBrowser = Boolean(req.get('origin') || req.get('sec-fetch-site') || req.get('cookie'));
    if (staff?.mode === 'loopback' && !fromBrowser) {
      next();
      return;
    }
    const sent = req.get('x-csrf-token') ?? '';
    if (!staff?.csrf || !access.isSameOrigin(req) || !sent || !safeEqual(sent, staff.csrf)) {
      res.status(403).json({ error: 'console: missing or invalid CSRF token' });
      return;
    }
    next();
  };
}
