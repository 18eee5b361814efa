// The server as main.ts runs it (createRequestListener: the webhook outside express, the rest in the
// express app) over real HTTP on port 0 with the real engine: bad input of every kind gets a clear
// 4xx JSON answer (never a 5xx, never a hang), good input the Answer contract, and the process stays up.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLineRouter } from '../../src/line/index.js';
import type { Runtime } from '../../src/runtime.js';
import { createMetrics, createRequestListener, listen, type RunningServer } from '../../src/server/index.js';
import { createMemoryStore } from '../../src/state/index.js';
import { loadTestRuntime } from '../helpers/engine.js';
import { signLineBody, textEvent } from '../helpers/line-signature.js';
import { LINE_PATHS, type LineStandIn, startLineStandIn } from '../helpers/line-stand-in.js';

const SECRET = 'app-test-secret';
const TOKEN = 'app-test-token';

let runtime: Runtime;
let server: RunningServer;
let line: LineStandIn;
let base: string;

async function post(path: string, body: string | Buffer, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    body,
    headers,
    signal: AbortSignal.timeout(10_000), // a hung request fails the test
  });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON: the assertions say so
  }
  return { status: res.status, json, text, headers: res.headers };
}

const ask = (body: unknown) => post('/api/answer', JSON.stringify(body), { 'content-type': 'application/json' });

beforeAll(async () => {
  runtime = await loadTestRuntime();
  line = await startLineStandIn({ channelAccessToken: TOKEN });
  const logger = pino({ level: 'silent' });
  const state = createMemoryStore();
  const metrics = createMetrics();
  const lineRouter = createLineRouter({
    line: { channelSecret: SECRET, channelAccessToken: TOKEN, apiBaseUrl: line.url },
    getEngine: () => runtime.engine,
    state,
    logger,
    municipalities: runtime.snapshot.municipalities,
    apiTimeoutMs: 500, // the LINE-timeout test below waits for this
    retryDelayMs: 50,
    hooks: {
      onAnswer: (a) => metrics.recordAnswer(a, 'line'),
      onLineApiError: (s) => metrics.recordLineApiError(s),
    },
  });
  const app = createRequestListener({
    logger,
    state,
    metrics,
    runtime: () => ({ engine: runtime.engine, municipalities: runtime.snapshot.municipalities, version: 1 }),
    lineRouter,
  });
  server = await listen(app, { host: '127.0.0.1', port: 0 });
  base = server.url;
}, 180_000);

afterAll(async () => {
  await server?.close(1000);
  await line?.close();
});

describe('POST /api/answer', () => {
  it('answers with the Answer contract of DESIGN.md', async () => {
    const res = await ask({ question: 'マイナンバーカードの保有率は', municipality: 'higashikurume' });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ kind: expect.stringMatching(/^(answer|route|clarify|fallback|greeting)$/) });
    expect(typeof res.json.id).toBe('string');
    expect(typeof res.json.text).toBe('string');
    expect(Array.isArray(res.json.sources)).toBe(true);
    expect(res.json.confidence).toBeGreaterThanOrEqual(0);
    expect(res.json.confidence).toBeLessThanOrEqual(1);
    expect('route' in res.json).toBe(true);
    expect(res.json.debug).toBeUndefined();
  });

  it.each([
    { municipality: '小金井市', want: 'koganei', why: 'Japanese name' },
    { municipality: '小金井', want: 'koganei', why: 'short form' },
    { municipality: 'KOGANEI', want: 'koganei', why: 'id, any case' },
    { municipality: null, want: null, why: 'none chosen' },
  ])('accepts municipality $municipality ($why)', async ({ municipality, want }) => {
    const res = await ask({ question: 'DXの担当課はどこ？', municipality });
    expect(res.status).toBe(200);
    if (want) expect(res.json.municipality).toBe(want);
  });

  it('takes a "session": its turns are one conversation, and the context stays out of the answer', async () => {
    const session = `api-test-${Date.now()}`;
    const first = await ask({ question: '書かない窓口とは', municipality: 'hinode', session });
    expect(first.status).toBe(200);
    expect(first.json.kind).toBe('answer');
    expect(first.json.turn).toBeUndefined();
    const reset = await ask({ question: '最初から', session });
    expect(reset.status).toBe(200);
    expect(reset.json).toMatchObject({ kind: 'greeting', reason: 'session-reset' });
    // the same words without a session are a question like any other, not a reset
    expect((await ask({ question: '最初から' })).json.reason).not.toBe('session-reset');
  });

  it('echoes the caller id', async () => {
    const res = await ask({ id: 'q-42', question: 'こんにちは' });
    expect(res.json.id).toBe('q-42');
  });

  it.each([
    { name: 'malformed JSON', body: '{"question": "住民票', type: 'application/json', status: 400, error: 'bad_json' },
    { name: 'wrong content type', body: 'question=住民票', type: 'text/plain', status: 400, error: 'bad_content_type' },
    {
      name: 'form body',
      body: 'question=x',
      type: 'application/x-www-form-urlencoded',
      status: 400,
      error: 'bad_content_type',
    },
    { name: 'JSON array', body: '[1,2]', type: 'application/json', status: 400, error: 'invalid_request' },
    { name: 'JSON string', body: '"住民票"', type: 'application/json', status: 400, error: 'bad_json' },
    { name: 'missing question', body: '{}', type: 'application/json', status: 400, error: 'invalid_request' },
    {
      name: 'question not a string',
      body: '{"question": 42}',
      type: 'application/json',
      status: 400,
      error: 'invalid_request',
    },
    {
      name: 'blank question',
      body: '{"question": "  \\u0000 \\n"}',
      type: 'application/json',
      status: 400,
      error: 'invalid_request',
    },
    {
      name: 'unknown municipality',
      body: '{"question": "住民票", "municipality": "atlantis"}',
      type: 'application/json',
      status: 400,
      error: 'unknown_municipality',
    },
    {
      name: 'empty session',
      body: '{"question": "住民票", "session": ""}',
      type: 'application/json',
      status: 400,
      error: 'invalid_request',
    },
    {
      name: 'session not a string or number',
      body: '{"question": "住民票", "session": {"id": 1}}',
      type: 'application/json',
      status: 400,
      error: 'invalid_request',
    },
    {
      name: 'municipality not a string',
      body: '{"question": "住民票", "municipality": 3}',
      type: 'application/json',
      status: 400,
      error: 'invalid_request',
    },
  ])('rejects $name with $status', async ({ body, type, status, error }) => {
    const res = await post('/api/answer', body, { 'content-type': type });
    expect(res.status).toBe(status);
    expect(res.json.error).toBe(error);
    expect(String(res.json.message)).toMatch(/^server: /);
    expect(res.json.requestId).toBeTruthy();
  });

  it('rejects a 10,000-character question with 400 and says the limit', async () => {
    const res = await ask({ question: 'あ'.repeat(10_000) });
    expect(res.status).toBe(400);
    expect(res.json.message).toContain('2000');
  });

  it('answers a question of exactly 2,000 characters', async () => {
    const res = await ask({ question: `住民票${'あ'.repeat(1997)}` });
    expect(res.status).toBe(200);
  });

  it('rejects a 1 MB body with 413 without reading it all', async () => {
    const res = await post('/api/answer', JSON.stringify({ question: 'x'.repeat(1024 * 1024) }), {
      'content-type': 'application/json',
    });
    expect(res.status).toBe(413);
    expect(res.json.error).toBe('too_large');
  });

  it.each([
    { question: '住民票\u0000を\u0007取りたい\u001b[31m', why: 'control characters' },
    { question: '🪪マイナンバーカード📱の保有率は？😀', why: 'emoji' },
    { question: 'DX推進計画 とは what is デジタル 변환 转型 Привет', why: 'mixed scripts' },
    { question: '\ud800住民票\udfff', why: 'lone surrogates' },
    { question: '　住民票　', why: 'full-width spaces' },
    { question: `%s%n\${7*7}<script>alert(1)</script>`, why: 'injection-looking text' },
    { question: 'ｍｙｎａ　ｐｏｒｔａｌ　ＲＰＡ', why: 'full-width Latin' },
  ])('answers odd but valid input: $why', async ({ question }) => {
    const res = await ask({ question });
    expect(res.status).toBe(200);
    expect(typeof res.json.kind).toBe('string');
  });
});

describe('webhook through the app', () => {
  it('accepts a signed event and the reply reaches LINE', async () => {
    const body = JSON.stringify({ destination: 'Ubot', events: [textEvent('書かない窓口とは')] });
    const res = await post('/webhook/line', body, {
      'content-type': 'application/json',
      'x-line-signature': signLineBody(body, SECRET),
    });
    expect(res.status).toBe(200);
    await line.waitFor(LINE_PATHS.reply, undefined, 10_000);
  });

  it.each([
    { name: 'a bad signature', sig: 'bm90IGEgc2lnbmF0dXJl', status: 401 },
    { name: 'no signature', sig: null, status: 401 },
  ])('rejects $name with $status', async ({ sig, status }) => {
    const body = JSON.stringify({ destination: 'Ubot', events: [textEvent('住民票')] });
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (sig) headers['x-line-signature'] = sig;
    const res = await post('/webhook/line', body, headers);
    expect(res.status).toBe(status);
    expect(res.status).toBeLessThan(500);
  });

  it('rejects a signed body that is not JSON with 400', async () => {
    const body = '{"events": [';
    const res = await post('/webhook/line', body, {
      'content-type': 'application/json',
      'x-line-signature': signLineBody(body, SECRET),
    });
    expect(res.status).toBe(400);
  });

  it('LINE timing out: the webhook is still acknowledged, the error is counted, the app stays up', async () => {
    line.failNext(LINE_PATHS.reply, 'timeout', 5);
    line.failNext(LINE_PATHS.push, 'timeout', 5);
    const body = JSON.stringify({
      destination: 'Ubot',
      events: [textEvent('RPAって何', 'Utimeout00000000000000000000000001')],
    });
    const started = Date.now();
    const res = await post('/webhook/line', body, {
      'content-type': 'application/json',
      'x-line-signature': signLineBody(body, SECRET),
    });
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2000);
    const until = Date.now() + 10_000;
    let text = '';
    while (Date.now() < until && !/madoguchi_line_api_errors_total\{status="0"\} [1-9]/.test(text)) {
      await new Promise((r) => setTimeout(r, 100));
      text = await (await fetch(`${base}/metrics`)).text();
    }
    expect(text).toMatch(/madoguchi_line_api_errors_total\{status="0"\} [1-9]/);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('refuses a 1 MB webhook body with 413 before checking anything, and closes that connection', async () => {
    const body = Buffer.alloc(1024 * 1024 + 1, 'a');
    const res = await post('/webhook/line', body, { 'content-type': 'application/json', 'x-line-signature': 'x' });
    expect(res.status).toBe(413);
    expect(res.json).toEqual({ error: 'line: request refused (413)' });
    expect(res.headers.get('connection')).toBe('close');
  });

  it('answers other methods on the webhook path with the JSON 404 of the app', async () => {
    const res = await fetch(`${base}/webhook/line`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toBe('not_found');
  });

  it('counts webhook requests in /metrics like any other route', async () => {
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toMatch(/madoguchi_http_requests_total\{route="\/webhook\/line",method="POST",status="200"\} [1-9]/);
    expect(text).toMatch(/madoguchi_http_requests_total\{route="\/webhook\/line",method="POST",status="401"\} [1-9]/);
  });

  it('acknowledges unknown event types without failing', async () => {
    const body = JSON.stringify({
      destination: 'Ubot',
      events: [{ ...textEvent('x'), type: 'somethingNew', message: undefined }],
    });
    const res = await post('/webhook/line', body, {
      'content-type': 'application/json',
      'x-line-signature': signLineBody(body, SECRET),
    });
    expect(res.status).toBe(200);
  });
});

describe('health, metrics and the rest', () => {
  it('GET /healthz and /readyz say ok', async () => {
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { knowledge: { ok: true } } });
  });

  it('GET /metrics exposes requests, latency, answers, fallback rate, LINE errors, reloads', async () => {
    await ask({ question: '今日の天気は？' });
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(/madoguchi_http_requests_total\{route="\/api\/answer",method="POST",status="200"\} \d+/);
    expect(text).toMatch(/madoguchi_http_request_duration_seconds_bucket\{le="0.05",route="\/api\/answer"/);
    expect(text).toMatch(/madoguchi_answers_total\{kind="\w+",channel="api"\} \d+/);
    expect(text).toContain('madoguchi_answer_fallback_ratio');
    expect(text).toContain('madoguchi_line_api_errors_total');
    expect(text).toContain('madoguchi_knowledge_reloads_total');
    expect(text).toContain('madoguchi_process_resident_memory_bytes');
  });

  it('gives every response a request id, and keeps a sane incoming one', async () => {
    const own = await fetch(`${base}/healthz`, { headers: { 'x-request-id': 'lb-123' } });
    expect(own.headers.get('x-request-id')).toBe('lb-123');
    const bad = await fetch(`${base}/healthz`, { headers: { 'x-request-id': 'x'.repeat(500) } });
    expect(bad.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sets security headers', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await fetch(`${base}/nope`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toBe('not_found');
  });

  it('is still up and answering after all of the above', async () => {
    const res = await ask({ question: '書かない窓口とは' });
    expect(res.status).toBe(200);
  });
});

describe('a webhook handler that throws', () => {
  it('gives that request a 500 and the server goes on', async () => {
    const broken = await listen(
      createRequestListener({
        logger: pino({ level: 'silent' }),
        state: createMemoryStore(),
        metrics: createMetrics({ defaultMetrics: false }),
        runtime: () => null,
        lineRouter: {
          webhook() {
            throw new Error('boom');
          },
        },
      }),
      { host: '127.0.0.1', port: 0 },
    );
    try {
      const res = await fetch(`${broken.url}/webhook/line`, { method: 'POST', body: '{}' });
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ error: 'internal error' });
      expect((await fetch(`${broken.url}/healthz`)).status).toBe(200);
    } finally {
      await broken.close(100);
    }
  });
});
