// The console behind a real reverse proxy on loopback (a few lines of node:http, like nginx's proxy_pass
// with X-Forwarded-For, X-Forwarded-Proto and the client's Host passed on). A proxy on the same host must
// not make the console public; TRUST_PROXY makes the cookie Secure behind https and takes the client
// address from the proxy; ALLOWED_HOSTS answers 421 to other names; sessions are server-side (logout and a
// token change revoke them); wrong tokens are limited per client and globally, the right one never is.
import { createServer, type IncomingHttpHeaders, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/state/index.js';
import { type Harness, startHarness } from './harness.js';

const TOKEN = 'staff-token-for-proxy-tests-0123456789';

interface Proxy {
  url: string;
  close(): Promise<void>;
}

// Forwards everything to `target`. Test-only controls: x-test-host sets the Host passed on (a browser
// following a DNS-rebound name), x-test-proto the scheme the proxy says the client used.
async function startProxy(target: string, add: (h: IncomingHttpHeaders) => IncomingHttpHeaders): Promise<Proxy> {
  const t = new URL(target);
  const server: Server = createServer((req, res) => {
    const { 'x-test-host': host, 'x-test-proto': proto, ...incoming } = req.headers;
    const headers: IncomingHttpHeaders = {
      ...incoming,
      host: typeof host === 'string' ? host : incoming.host,
      ...add({ ...incoming, 'x-forwarded-proto': typeof proto === 'string' ? proto : 'http' }),
    };
    const up = request({ host: t.hostname, port: t.port, method: req.method, path: req.url, headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.writeHead(502).end());
    req.pipe(up);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

// nginx: proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for; X-Forwarded-Proto $scheme
const xff = (h: IncomingHttpHeaders): IncomingHttpHeaders => ({
  'x-forwarded-for': [h['x-forwarded-for'], '127.0.0.1'].filter(Boolean).join(', '),
  'x-forwarded-proto': h['x-forwarded-proto'],
});

async function login(url: string, token: string, headers: Record<string, string> = {}) {
  return fetch(`${url}/console/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url, ...headers },
    body: new URLSearchParams({ token }).toString(),
  });
}
const cookieOf = (res: Response) => res.headers.get('set-cookie')?.split(';')[0] ?? '';
const csrfOf = (html: string) => /<meta name="csrf-token" content="([^"]*)">/.exec(html)?.[1] ?? '';

describe('no CONSOLE_TOKEN, behind a proxy on the same host', () => {
  let h: Harness;
  const proxies: Proxy[] = [];
  beforeAll(async () => {
    h = await startHarness();
  }, 180_000);
  afterAll(async () => {
    for (const p of proxies) await p.close();
    await h.close();
  });

  it.each([
    { header: 'x-forwarded-for', value: '203.0.113.7', why: 'the usual proxy header' },
    { header: 'x-real-ip', value: '203.0.113.7', why: "nginx's other convention" },
    { header: 'forwarded', value: 'for=203.0.113.7;proto=https', why: 'RFC 7239' },
  ])('a request carrying $header is not loopback: 403 ($why)', async ({ header, value }) => {
    const proxy = await startProxy(h.url, () => ({ [header]: value }));
    proxies.push(proxy);
    for (const path of ['/console', '/console/api/status', '/console/api/unanswered']) {
      expect((await fetch(`${proxy.url}${path}`)).status, path).toBe(403);
    }
    expect((await fetch(`${proxy.url}/admin/reload`, { method: 'POST' })).status).toBe(403);
    // the control: straight from loopback it is open
    expect((await fetch(`${h.url}/console/api/status`)).status).toBe(200);
  });

  it('with TRUST_PROXY (a proxy is in front) loopback alone lets nobody in', async () => {
    const trusting = await startHarness({ root: h.root, trustProxy: 'loopback' });
    try {
      expect((await fetch(`${trusting.url}/console/api/status`)).status).toBe(403);
    } finally {
      await trusting.close();
    }
  });
});

describe('CONSOLE_TOKEN, TRUST_PROXY and ALLOWED_HOSTS behind a proxy', () => {
  let h: Harness;
  let proxy: Proxy;
  const state = createMemoryStore(); // the state store every "process" below shares (Redis in production)
  beforeAll(async () => {
    h = await startHarness({
      token: TOKEN,
      state,
      trustProxy: 'loopback',
      allowedHosts: ['madoguchi.example.jp', '127.0.0.1'],
      loginLimits: { perClient: 3, global: 6, windowSeconds: 600 },
    });
    proxy = await startProxy(h.url, xff);
  }, 180_000);
  afterAll(async () => {
    await proxy.close();
    await h.close();
    await state.close();
  });

  it('the session cookie is Secure when the proxy says https, and not over plain http', async () => {
    const https = await login(proxy.url, TOKEN, { 'x-test-proto': 'https', 'x-forwarded-for': '198.51.100.1' });
    expect(https.status).toBe(303);
    expect(https.headers.get('set-cookie')).toMatch(/; Secure/i);
    const plain = await login(proxy.url, TOKEN, { 'x-forwarded-for': '198.51.100.1' });
    expect(plain.status).toBe(303);
    expect(plain.headers.get('set-cookie')).not.toMatch(/; Secure/i);
  });

  it.each([
    { host: 'evil.example', status: 421, why: 'a DNS-rebound name' },
    { host: 'madoguchi.example.jp', status: 401, why: 'in ALLOWED_HOSTS: on to the token check' },
    { host: 'MADOGUCHI.example.jp:443', status: 401, why: 'case and port do not matter' },
  ])('Host $host → $status ($why)', async ({ host, status }) => {
    expect((await fetch(`${proxy.url}/console/api/status`, { headers: { 'x-test-host': host } })).status).toBe(status);
    const reload = await fetch(`${proxy.url}/admin/reload`, { method: 'POST', headers: { 'x-test-host': host } });
    expect(reload.status).toBe(status);
  });

  it('the default ALLOWED_HOSTS are the loopback names only', async () => {
    const plain = await startHarness({ token: TOKEN, root: h.root, trustProxy: 'loopback' });
    const p = await startProxy(plain.url, xff);
    try {
      const named = await fetch(`${p.url}/console/api/status`, { headers: { 'x-test-host': 'madoguchi.example.jp' } });
      expect(named.status).toBe(421);
      expect((await fetch(`${p.url}/console/api/status`)).status).toBe(401); // Host 127.0.0.1:port
    } finally {
      await p.close();
      await plain.close();
    }
  });

  it('logout revokes the session server-side: the old cookie no longer works', async () => {
    const cookie = cookieOf(await login(proxy.url, TOKEN, { 'x-forwarded-for': '198.51.100.2' }));
    const page = await fetch(`${proxy.url}/console`, { headers: { cookie } });
    expect(page.status).toBe(200);
    const csrf = csrfOf(await page.text());
    const out = await fetch(`${proxy.url}/console/logout`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'x-csrf-token': csrf, origin: proxy.url },
    });
    expect(out.status).toBe(303);
    expect((await fetch(`${proxy.url}/console/api/status`, { headers: { cookie } })).status).toBe(401);
  });

  it('a session is known to every process sharing the store, and revoked by a token change', async () => {
    const cookie = cookieOf(await login(proxy.url, TOKEN, { 'x-forwarded-for': '198.51.100.3' }));
    const same = await startHarness({ token: TOKEN, root: h.root, state });
    const changed = await startHarness({ token: `${TOKEN}-rotated`, root: h.root, state });
    try {
      expect((await fetch(`${same.url}/console/api/status`, { headers: { cookie } })).status).toBe(200);
      expect((await fetch(`${changed.url}/console/api/status`, { headers: { cookie } })).status).toBe(401);
      // …and it stays revoked: the record was deleted, not just refused
      expect((await fetch(`${same.url}/console/api/status`, { headers: { cookie } })).status).toBe(401);
    } finally {
      await same.close();
      await changed.close();
    }
  });

  it('wrong tokens are limited per client and globally; the right token is never refused', async () => {
    const from = (ip: string) => ({ 'x-forwarded-for': ip });
    // client A: three wrong logins use its allowance; the fourth wrong one is 429
    for (let i = 0; i < 3; i++) expect((await login(proxy.url, 'wrong', from('192.0.2.1'))).status).toBe(401);
    const limited = await login(proxy.url, 'wrong', from('192.0.2.1'));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // client B (another address behind the same proxy) is not affected by A's count
    expect((await login(proxy.url, 'wrong', from('192.0.2.2'))).status).toBe(401);
    // the right token from the limited client still logs in
    expect((await login(proxy.url, TOKEN, from('192.0.2.1'))).status).toBe(303);
    // Bearer guesses count too: C's wrong Bearer tokens reach the global limit (6 failures in all)
    const bearer = (ip: string, token: string) =>
      fetch(`${proxy.url}/console/api/status`, { headers: { ...from(ip), authorization: `Bearer ${token}` } });
    expect((await bearer('192.0.2.3', 'guess-1')).status).toBe(401); // failure 6 of 6
    expect((await bearer('192.0.2.3', 'guess-2')).status).toBe(429); // 7: over the global limit
    expect((await login(proxy.url, 'wrong', from('192.0.2.4'))).status).toBe(429); // a fresh client: global
    // …and the right token, by Bearer or by login, from anyone, still works
    expect((await bearer('192.0.2.3', TOKEN)).status).toBe(200);
    expect((await login(proxy.url, TOKEN, from('192.0.2.4'))).status).toBe(303);
  });
});
