// Who reaches /console and /admin: loopback only without CONSOLE_TOKEN; with it, a login cookie or a
// Bearer header. Browsers' state-changing requests need the session's CSRF token and their own origin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, nonLoopbackAddress, startHarness } from './harness.js';

const TOKEN = 'staff-token-for-tests-0123456789';
const remote = nonLoopbackAddress();

const csrfOf = (html: string) => /<meta name="csrf-token" content="([^"]*)">/.exec(html)?.[1] ?? '';
const json = { 'content-type': 'application/json' };
const askBody = JSON.stringify({ question: '書かない窓口とは', municipality: 'higashikurume' });

async function login(url: string, token: string) {
  return fetch(`${url}/console/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url },
    body: new URLSearchParams({ token }).toString(),
  });
}

describe('no CONSOLE_TOKEN: loopback only', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  }, 180_000);
  afterAll(() => h.close());

  it('serves the console page to loopback with a strict CSP and no inline script', async () => {
    const res = await fetch(`${h.url}/console`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await res.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // every script is a file
    expect(csrfOf(html)).not.toBe('');
  });

  it('lets a loopback script (no Origin, no cookie) post without a CSRF token', async () => {
    const res = await fetch(`${h.url}/console/api/ask`, { method: 'POST', headers: json, body: askBody });
    expect(res.status).toBe(200);
  });

  it('refuses a cross-site browser post, and accepts a same-origin one with the page token', async () => {
    const evil = await fetch(`${h.url}/admin/reload`, {
      method: 'POST',
      headers: { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(evil.status).toBe(403);
    const page = await fetch(`${h.url}/console`);
    const cookie = page.headers.get('set-cookie')?.split(';')[0] ?? '';
    expect(page.headers.get('set-cookie')).toMatch(/madoguchi_csrf=.*HttpOnly.*SameSite=Strict/i);
    const csrf = csrfOf(await page.text());
    const noToken = await fetch(`${h.url}/console/api/ask`, {
      method: 'POST',
      headers: { ...json, origin: h.url, cookie },
      body: askBody,
    });
    expect(noToken.status).toBe(403);
    const wrongCookie = await fetch(`${h.url}/console/api/ask`, {
      method: 'POST',
      headers: {
        ...json,
        origin: h.url,
        cookie: 'madoguchi_csrf=someone-elses-value-0123456789abcdef',
        'x-csrf-token': csrf,
      },
      body: askBody,
    });
    expect(wrongCookie.status).toBe(403);
    const ok = await fetch(`${h.url}/console/api/ask`, {
      method: 'POST',
      headers: { ...json, origin: h.url, cookie, 'x-csrf-token': csrf },
      body: askBody,
    });
    expect(ok.status).toBe(200);
    // the token is not tied to one process: another worker (another router) accepts it too
    const other = await startHarness({ root: h.root });
    try {
      const res = await fetch(`${other.url}/console/api/ask`, {
        method: 'POST',
        headers: { ...json, origin: other.url, cookie, 'x-csrf-token': csrf },
        body: askBody,
      });
      expect(res.status).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('has no login form to offer', async () => {
    const res = await fetch(`${h.url}/console/login`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/console');
  });
});

describe.skipIf(!remote)('no CONSOLE_TOKEN: a non-loopback client', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ host: remote!, allowedHosts: [remote!] });
  }, 180_000);
  afterAll(() => h.close());

  it('is refused, whatever X-Forwarded-For claims', async () => {
    for (const path of ['/console', '/console/api/status', '/console/api/unanswered']) {
      const res = await fetch(`${h.url}${path}`, { headers: { 'x-forwarded-for': '127.0.0.1' } });
      expect(res.status, path).toBe(403);
    }
    const reload = await fetch(`${h.url}/admin/reload`, {
      method: 'POST',
      headers: { 'x-forwarded-for': '127.0.0.1' },
    });
    expect(reload.status).toBe(403);
  });
});

describe('CONSOLE_TOKEN set', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ token: TOKEN });
  }, 180_000);
  afterAll(() => h.close());

  it('sends a browser without a session to the login form, and scripts get 401', async () => {
    const page = await fetch(`${h.url}/console`, { redirect: 'manual', headers: { accept: 'text/html' } });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/console/login');
    const api = await fetch(`${h.url}/console/api/status`);
    expect(api.status).toBe(401);
    const reload = await fetch(`${h.url}/admin/reload`, { method: 'POST' });
    expect(reload.status).toBe(401);
    const form = await fetch(`${h.url}/console/login`);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('name="token"');
  });

  it('refuses a wrong Bearer token and accepts the right one (no CSRF token needed)', async () => {
    const wrong = await fetch(`${h.url}/console/api/status`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    const prefix = await fetch(`${h.url}/console/api/status`, {
      headers: { authorization: `Bearer ${TOKEN.slice(0, -1)}` },
    });
    expect(prefix.status).toBe(401);
    const right = await fetch(`${h.url}/console/api/status`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(right.status).toBe(200);
    expect(((await right.json()) as { version: number }).version).toBeGreaterThanOrEqual(1);
    const reload = await fetch(`${h.url}/admin/reload`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(reload.status).toBe(200);
    expect(await reload.json()).toMatchObject({ ok: true });
  });

  it('does not log in with a wrong token', async () => {
    const res = await login(h.url, 'wrong');
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('logs in with the right token: an HttpOnly, SameSite=Strict cookie, then CSRF-checked posts', async () => {
    const res = await login(h.url, TOKEN);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/console');
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).not.toContain(TOKEN);
    const cookie = setCookie.split(';')[0]!;

    const page = await fetch(`${h.url}/console`, { headers: { cookie } });
    expect(page.status).toBe(200);
    const csrf = csrfOf(await page.text());
    expect(csrf).not.toBe('');

    const without = await fetch(`${h.url}/console/api/ask`, {
      method: 'POST',
      headers: { ...json, cookie },
      body: askBody,
    });
    expect(without.status).toBe(403);
    const crossSite = await fetch(`${h.url}/console/api/ask`, {
      method: 'POST',
      headers: { ...json, cookie, 'x-csrf-token': csrf, origin: 'http://evil.example' },
      body: askBody,
    });
    expect(crossSite.status).toBe(403);
    const ok = await fetch(`${h.url}/console/api/ask`, {
      method: 'POST',
      headers: { ...json, cookie, 'x-csrf-token': csrf, origin: h.url },
      body: askBody,
    });
    expect(ok.status).toBe(200);
  });

  it('logs out on a CSRF-checked post, clearing the cookie', async () => {
    const cookie = (await login(h.url, TOKEN)).headers.get('set-cookie')?.split(';')[0] ?? '';
    const csrf = csrfOf(await (await fetch(`${h.url}/console`, { headers: { cookie } })).text());
    const forged = await fetch(`${h.url}/console/logout`, { method: 'POST', redirect: 'manual', headers: { cookie } });
    expect(forged.status).toBe(403);
    const res = await fetch(`${h.url}/console/logout`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'x-csrf-token': csrf, origin: h.url },
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('set-cookie')).toMatch(/madoguchi_console=;.*Expires=Thu, 01 Jan 1970/);
  });

  it('refuses a forged or tampered session cookie', async () => {
    for (const value of ['1', `${Date.now()}.forged`, 'x.y']) {
      const res = await fetch(`${h.url}/console/api/status`, { headers: { cookie: `madoguchi_console=${value}` } });
      expect(res.status, value).toBe(401);
    }
  });

  it.skipIf(!remote)('accepts the token from a non-loopback client', async () => {
    const r = await startHarness({ token: TOKEN, host: remote!, root: h.root, allowedHosts: [remote!] });
    try {
      expect((await fetch(`${r.url}/console/api/status`)).status).toBe(401);
      const ok = await fetch(`${r.url}/console/api/status`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(ok.status).toBe(200);
    } finally {
      await r.close();
    }
  });
});
