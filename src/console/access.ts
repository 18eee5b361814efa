// Who may use the console and admin routes. With CONSOLE_TOKEN: a Bearer header (scripts) or a
// signed session cookie set by the login form (browsers). Without it: loopback only, judged by the
// socket's own address (X-Forwarded-For is whatever the client wrote).
// Browsers also prove each state-changing request with a CSRF token bound to their session.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

export const SESSION_COOKIE = 'madoguchi_console';
// Loopback mode has no secret to sign with that every worker process shares, so browsers there get a
// double-submit token: a random SameSite=Strict cookie the page echoes in X-CSRF-Token.
export const CSRF_COOKIE = 'madoguchi_csrf';
const SESSION_MS = 12 * 60 * 60 * 1000;

export type StaffMode = 'bearer' | 'cookie' | 'loopback';

export interface Staff {
  mode: StaffMode;
  csrf: string; // what a browser must send back as X-CSRF-Token
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

export interface Access {
  token: string | undefined;
  /** The staff behind this request, or null. */
  identify(req: Request): Staff | null;
  /** A fresh session cookie value (token mode). */
  issueSession(): string;
  checkToken(candidate: string): boolean;
  /** Same-origin check for browser requests; true when nothing says otherwise. */
  isSameOrigin(req: Request): boolean;
}

export function createAccess(token: string | undefined): Access {
  // Sessions are signed with a key derived from the token: changing CONSOLE_TOKEN logs everyone out,
  // and several processes sharing the token accept each other's sessions.
  const key = createHash('sha256')
    .update(`madoguchi-console:${token ?? randomBytes(32).toString('hex')}`)
    .digest();
  const sign = (data: string) => createHmac('sha256', key).update(data).digest('base64url');
  const csrfFor = (session: string) => sign(`csrf.${session}`);

  function verifySession(value: unknown): string | null {
    if (typeof value !== 'string') return null;
    const [issued, mac] = value.split('.');
    if (!issued || !mac || !/^\d+$/.test(issued)) return null;
    if (!safeEqual(mac, sign(`session.${issued}`))) return null;
    const age = Date.now() - Number(issued);
    return age >= 0 && age < SESSION_MS ? value : null;
  }

  return {
    token,
    identify(req) {
      if (!token) {
        if (!isLoopback(req.socket.remoteAddress)) return null;
        const csrf = req.cookies?.[CSRF_COOKIE];
        return { mode: 'loopback', csrf: typeof csrf === 'string' && /^[\w-]{32,}$/.test(csrf) ? csrf : '' };
      }
      const auth = req.get('authorization');
      if (auth?.startsWith('Bearer '))
        return safeEqual(auth.slice(7).trim(), token) ? { mode: 'bearer', csrf: '' } : null;
      const session = verifySession(req.cookies?.[SESSION_COOKIE]);
      return session ? { mode: 'cookie', csrf: csrfFor(session) } : null;
    },
    issueSession() {
      const issued = String(Date.now());
      return `${issued}.${sign(`session.${issued}`)}`;
    },
    checkToken: (candidate) => Boolean(token) && safeEqual(candidate, token ?? ''),
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
  };
}

const wantsHtml = (req: Request) =>
  req.method === 'GET' && !req.path.includes('/api/') && req.accepts('html') === 'html';

/** Lets staff through; others get a login redirect (pages), 401 (token mode) or 403 (not loopback). */
export function requireStaff(access: Access) {
  return (req: Request, res: Response, next: NextFunction) => {
    const staff = access.identify(req);
    if (staff) {
      res.locals['staff'] = staff;
      next();
      return;
    }
    res.setHeader('cache-control', 'no-store');
    if (!access.token) {
      res.status(403).json({ error: 'console: only reachable from loopback unless CONSOLE_TOKEN is set' });
    } else if (wantsHtml(req)) {
      res.redirect(303, '/console/login');
    } else {
      res.setHeader('www-authenticate', 'Bearer realm="madoguchi-console"');
      res.status(401).json({ error: 'console: staff token required' });
    }
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

/** Slows token guessing: after `max` failed logins from one address within `windowMs`, refuse for the rest of it. */
export function createLoginLimiter(max = 10, windowMs = 15 * 60 * 1000, now: () => number = Date.now) {
  const failures = new Map<string, { count: number; resetAt: number }>();
  const entry = (ip: string) => {
    const e = failures.get(ip);
    if (e && e.resetAt > now()) return e;
    if (failures.size > 10_000) failures.clear(); // a flood of addresses must not grow this forever
    const fresh = { count: 0, resetAt: now() + windowMs };
    failures.set(ip, fresh);
    return fresh;
  };
  return {
    blocked: (ip: string) => entry(ip).count >= max,
    fail: (ip: string) => {
      entry(ip).count++;
    },
    succeed: (ip: string) => {
      failures.delete(ip);
    },
  };
}
