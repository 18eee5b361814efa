// The LINE router inside the real server app (createApp: pino-http, helmet, metrics, the error
// middleware), as main.ts composes it, with the stand-in behind LINE_API_BASE_URL.

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createLineRouter, type LineRouter } from '../../src/line/index.js';
import { createApp, createMetrics, type Metrics } from '../../src/server/index.js';
import { createMemoryStore } from '../../src/state/index.js';
import type { StateStore } from '../../src/state/types.js';
import { validateLine } from '../fixtures/line-openapi/validate-line-messages.mjs';
import { loadTestRuntime } from '../helpers/engine.js';
import { LINE_PATHS, type LineStandIn, startLineStandIn } from '../helpers/line-stand-in.js';
import { SECRET, sign, TOKEN } from './helpers/bot.js';
import { textEvent } from './helpers/events.js';

let line: LineStandIn;
let state: StateStore;
let metrics: Metrics;
let router: LineRouter;
let server: Server;
let url: string;

beforeAll(async () => {
  const runtime = await loadTestRuntime();
  line = await startLineStandIn({ channelAccessToken: TOKEN });
  state = createMemoryStore();
  metrics = createMetrics({ defaultMetrics: false });
  const logger = pino({ level: 'silent' });
  router = createLineRouter({
    line: { channelSecret: SECRET, channelAccessToken: TOKEN, apiBaseUrl: line.url },
    getEngine: () => runtime.engine,
    state,
    logger,
    municipalities: () => runtime.snapshot.municipalities,
    hooks: {
      onAnswer: (answer) => metrics.recordAnswer(answer, 'line'),
      onLineApiError: (status) => metrics.recordLineApiError(status),
    },
  });
  const app = createApp({
    logger,
    state,
    metrics,
    runtime: () => ({ engine: runtime.engine, municipalities: runtime.snapshot.municipalities, version: 1 }),
    lineRouter: router,
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/line`;
});

afterAll(async () => {
  await router.drain();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await line.close();
  await state.close();
});

const post = (body: string, signature: string | null) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature ? { 'x-line-signature': signature } : {}) },
    body,
  });

describe('POST /webhook/line in the server app', () => {
  test('a signed question is answered with a valid reply', async () => {
    const event = textEvent('書かない窓口とは');
    const body = JSON.stringify({ destination: 'Ubot', events: [event] });
    expect((await post(body, sign(body))).status).toBe(200);
    await router.drain();
    const reply = await line.waitFor(LINE_PATHS.reply);
    expect(validateLine('ReplyMessageRequest', reply.body)).toEqual([]);
    expect((reply.body as { replyToken: string }).replyToken).toBe(event.replyToken);
  });

  test.each([
    { body: '{"events":[]}', signature: null, status: 401, why: 'missing signature' },
    { body: '{"events":[]}', signature: sign('{"events":[ ]}'), status: 401, why: 'signature of other bytes' },
    { body: '{"events":', signature: sign('{"events":'), status: 400, why: 'malformed JSON' },
    {
      body: '{"destination":"U","events":[]}',
      signature: sign('{"destination":"U","events":[]}'),
      status: 200,
      why: 'verification',
    },
  ])('$status for $why, with one response', async ({ body, signature, status }) => {
    const res = await post(body, signature);
    expect(res.status).toBe(status);
    await res.arrayBuffer();
  });
});
