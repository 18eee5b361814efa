// Every mapping of the error middleware (src/server/errors.ts), provoked through the real app over real HTTP:
// each row sends the request that makes the error happen and checks the status and code it maps to. A mapping
// no request can provoke does not belong in errors.ts. No engine is needed: these requests fail before one
// would answer (the runtime says "still loading", 503, or throws, 500).
import http from 'node:http';
import net from 'node:net';
import { gzipSync } from 'node:zlib';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics, createRequestListener, listen, type RunningServer } from '../../src/server/index.js';
import { createMemoryStore } from '../../src/state/index.js';

let server: RunningServer;
let failing: RunningServer;
let port = 0;
const logged: { level: number; status?: number; errName?: string }[] = [];

beforeAll(async () => {
  // warnings and errors as JSON lines: the aborted-body row reads how its error was logged
  const logger = pino({ level: 'warn' }, { write: (line: string) => logged.push(JSON.parse(line)) });
  const deps = { logger, state: createMemoryStore(), metrics: createMetrics() };
  server = await listen(createRequestListener({ ...deps, runtime: () => null }), { host: '127.0.0.1', port: 0 });
  port = Number(new URL(server.url).port);
  const broken = () => {
    throw new Error('runtime exploded'); // an error nothing maps: logged, 500
  };
  failing = await listen(createRequestListener({ ...deps, runtime: broken }), { host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await server?.close(1000);
  await failing?.close(1000);
});

/** POST /api/answer with exactly these headers and bytes (node:http sets no encoding or charset of its own). */
function post(
  body: Buffer | string,
  headers: Record<string, string>,
  to = port,
): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: to, method: 'POST', path: '/api/answer', headers, timeout: 10_000 },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text || '{}') }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('the server did not answer')));
    req.on('error', reject);
    req.end(body);
  });
}

const JSON_TYPE = { 'content-type': 'application/json' };

describe('each mapping of the error middleware, provoked', () => {
  it.each([
    {
      mapping: 'HttpError',
      body: 'question=住民票',
      headers: { 'content-type': 'text/plain' },
      status: 400,
      error: 'bad_content_type',
      why: 'our own HttpError keeps its status and code',
    },
    {
      mapping: 'entity.parse.failed',
      body: '{"question": "住民票',
      headers: JSON_TYPE,
      status: 400,
      error: 'bad_json',
      why: 'body-parser cannot parse the JSON',
    },
    {
      mapping: 'entity.too.large',
      body: JSON.stringify({ question: 'x'.repeat(100_000) }),
      headers: JSON_TYPE,
      status: 413,
      error: 'too_large',
      why: 'over the 64 kB limit of /api/answer',
    },
    {
      mapping: 'encoding.unsupported',
      body: '{"question": "住民票"}',
      headers: { ...JSON_TYPE, 'content-encoding': 'x-made-up' },
      status: 415,
      error: 'unsupported_encoding',
      why: 'a Content-Encoding body-parser cannot undo',
    },
    {
      mapping: 'charset.unsupported',
      body: '{"question": "x"}',
      headers: { 'content-type': 'application/json; charset=latin1' },
      status: 415,
      error: 'unsupported_encoding',
      why: 'JSON is read as UTF-8 only',
    },
    {
      mapping: 'any other 4xx',
      body: Buffer.from('not gzip at all'),
      headers: { ...JSON_TYPE, 'content-encoding': 'gzip' },
      status: 400,
      error: 'bad_request',
      why: 'a gzip body that does not inflate: body-parser gives a 400 without a type',
    },
  ])('$mapping → $status $error ($why)', async ({ body, headers, status, error }) => {
    const res = await post(body, headers);
    expect(res.status).toBe(status);
    expect(res.json.error).toBe(error);
    expect(String(res.json.message)).toMatch(/^server: /);
    expect(res.json.requestId).toBeTruthy();
  });

  it('a body that ends before its Content-Length (request.aborted) is a warning, not a server fault', async () => {
    const head = 'POST /api/answer HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n';
    const seen = logged.length;
    await new Promise<void>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.write(`${head}Content-Length: 100\r\n\r\n{"question":`);
        socket.end(); // the client gives up mid-body; node answers it, the error still reaches express
      });
      socket.resume();
      socket.on('close', () => resolve());
      socket.on('error', reject);
      socket.setTimeout(10_000, () => socket.destroy(new Error('the server did not close')));
    });
    await expect.poll(() => logged.slice(seen).find((l) => l.errName === 'BadRequestError')).toBeTruthy();
    const lines = logged.slice(seen);
    expect(lines.find((l) => l.errName === 'BadRequestError')).toMatchObject({ level: 40, status: 400 });
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
  });

  it('a well-formed request still reaches the route (the rows above fail for their reason only)', async () => {
    const res = await post(JSON.stringify({ question: '住民票' }), JSON_TYPE);
    expect(res.status).toBe(503);
    expect(res.json.error).toBe('not_ready');
    // the same body, gzip-encoded as a client may send it, is read too
    const zipped = await post(gzipSync(JSON.stringify({ question: '住民票' })), {
      ...JSON_TYPE,
      'content-encoding': 'gzip',
    });
    expect(zipped.json.error).toBe('not_ready');
  });

  it('an error nothing maps → 500 internal, and the server stays up', async () => {
    const res = await post(JSON.stringify({ question: '住民票' }), JSON_TYPE, Number(new URL(failing.url).port));
    expect(res.status).toBe(500);
    expect(res.json.error).toBe('internal');
    expect((await post('{}', JSON_TYPE)).status).toBe(400);
  });
});
