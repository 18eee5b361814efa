// The real app shape for LINE tests: an express app with the LINE router mounted at /webhook/line on
// port 0, the LINE stand-in behind apiBaseUrl, the in-memory state store, and signed HTTP requests.
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import pino from 'pino';
import type { AnswerEngine } from '../../../src/answer/types.js';
import {
  createLineRouter,
  type EventReport,
  type LineRouterOptions,
  type MunicipalityInfo,
} from '../../../src/line/index.js';
import { createMemoryStore } from '../../../src/state/index.js';
import type { StateStore } from '../../../src/state/types.js';
import { type LineStandIn, startLineStandIn } from '../../helpers/line-stand-in.js';

export const SECRET = 'test-channel-secret';
export const TOKEN = 'test-channel-access-token';

export const MUNICIPALITIES: MunicipalityInfo[] = [
  { id: 'higashikurume', name: '東久留米市', shortName: '東久留米' },
  { id: 'koganei', name: '小金井市', shortName: '小金井' },
  { id: 'hinode', name: '日の出町', shortName: '日の出' },
  { id: 'musashino', name: '武蔵野市', shortName: '武蔵野' },
  { id: 'nishitokyo', name: '西東京市', shortName: '西東京' },
];

export function sign(body: string, secret = SECRET): string {
  return createHmac('sha256', secret).update(body).digest('base64');
}

export interface Bot {
  url: string; // http://127.0.0.1:<port>/webhook/line
  line: LineStandIn;
  state: StateStore;
  reports: EventReport[];
  apiErrors: number[];
  logs: Record<string, unknown>[];
  // POST a raw body with a signature (computed when not given; null: no header)
  post(body: string, signature?: string | null): Promise<Response>;
  // Send signed events and wait until the bot has handled them.
  deliver(...events: object[]): Promise<Response>;
  drain(): Promise<void>;
  // the router's close (what a SIGTERM does): resolves with the number of events left unanswered
  stop(): Promise<number>;
  close(): Promise<void>;
}

export async function startBot(
  engine: AnswerEngine,
  options: Partial<
    Pick<
      LineRouterOptions,
      'rateLimit' | 'loading' | 'apiTimeoutMs' | 'municipalities' | 'maxPendingEvents' | 'drainMs' | 'hooks'
    >
  > & {
    state?: StateStore;
  } = {},
): Promise<Bot> {
  const line = await startLineStandIn({ channelAccessToken: TOKEN });
  const state = options.state ?? createMemoryStore();
  const reports: EventReport[] = [];
  const apiErrors: number[] = [];
  const logs: Record<string, unknown>[] = [];
  const logger = pino(
    { level: 'debug' },
    { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) },
  );
  const router = createLineRouter({
    line: { channelSecret: SECRET, channelAccessToken: TOKEN, apiBaseUrl: line.url },
    getEngine: () => engine,
    state,
    logger,
    municipalities: options.municipalities ?? MUNICIPALITIES,
    hooks: { onEvent: (r) => reports.push(r), onLineApiError: (s) => apiErrors.push(s), ...options.hooks },
    rateLimit: options.rateLimit ?? { limit: 100, windowSeconds: 60 },
    loading: options.loading ?? { afterMs: 60_000 },
    apiTimeoutMs: options.apiTimeoutMs ?? 2000,
    retryDelayMs: 10,
    retryMaxDelayMs: 50,
    ...(options.maxPendingEvents ? { maxPendingEvents: options.maxPendingEvents } : {}),
    ...(options.drainMs ? { drainMs: options.drainMs } : {}),
  });
  const app = express();
  app.use('/webhook/line', router);
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/line`;

  const post = (body: string, signature: string | null = sign(body)) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(signature === null ? {} : { 'x-line-signature': signature }) },
      body,
    });

  return {
    url,
    line,
    state,
    reports,
    apiErrors,
    logs,
    post,
    async deliver(...events) {
      const res = await post(JSON.stringify({ destination: 'Ubot', events }));
      await router.drain();
      return res;
    },
    drain: () => router.drain(),
    stop: () => router.close(),
    async close() {
      await router.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await line.close();
      await state.close();
    },
  };
}
