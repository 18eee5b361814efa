// Signed LINE webhook bodies for the load benchmarks: one text message event per request, unique
// webhookEventId, replyToken `rt.<run>.<n>` so the LINE stand-in can tell which request a reply answers.
import { createHmac, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadKnowledge } from '../src/knowledge/index.js';
import { generateQuestions } from './questions.js';

export const SECRET = 'bench-channel-secret';
export const TOKEN = 'bench-channel-access-token';
/** Twelve fixed questions: after warm-up every reply comes from the answer cache (the cache-only row). */
export const FIXED_QUESTIONS = [
  'マイナンバーカードの保有率は',
  '書かない窓口とは',
  'DXの担当課はどこ？',
  '住民票をコンビニで取りたい',
  'RPAって何',
  '小金井市のDX推進計画の期間はいつまで',
  'こんにちは',
  '今日の天気は？',
  '武蔵野市の行かない窓口は',
  '西東京市のデジタル化の柱は何がある',
  'おくやみ窓口はありますか 東久留米',
  '日の出町のオンライン申請の件数は',
];

/** The option both webhook benches take: which questions the events ask. */
export const QUESTIONS_OPTION = [
  '--questions <kind>',
  'distinct (generated from the knowledge) | fixed (12 questions: answers from the answer cache)',
  'distinct',
] as const;

export interface SignedRequest {
  body: string;
  signature: string;
}

/** The questions as JSON strings, ready to splice into bodies. */
export const encodeQuestions = (texts: readonly string[]) => texts.map((q) => JSON.stringify(q));

/**
 * Request n of a run: user (offset + n) mod users (the per-user rate limit applies), question (offset + n) mod
 * the list. Runs against the same app continue where the last one stopped (`offset`), so that a later run's
 * questions are not answered from the cache the earlier one filled.
 */
export function signedRequest(
  run: string,
  n: number,
  users: number,
  questions: readonly string[],
  offset = 0,
): SignedRequest {
  const k = offset + n;
  const user = `Ubench${String(k % users).padStart(28, '0')}`;
  const id = `01BENCH${randomUUID().replaceAll('-', '').toUpperCase()}`;
  // The shape LINE sends, written out (the sender makes a thousand a second on a shared core).
  const body =
    `{"destination":"Ubenchbot","events":[{"type":"message","mode":"active","timestamp":${Date.now()},` +
    `"source":{"type":"user","userId":"${user}"},"webhookEventId":"${id}",` +
    `"deliveryContext":{"isRedelivery":false},"replyToken":"rt.${run}.${n}",` +
    `"message":{"id":"${1e15 + n}","type":"text","quoteToken":"q${n}","text":${questions[k % questions.length]}}}]}`;
  return { body, signature: createHmac('sha256', SECRET).update(body).digest('base64') };
}

/** The run and request number a reply token names, or null. */
export function parseReplyToken(token: string): { run: string; n: number } | null {
  const m = /^rt\.([\w-]+)\.(\d+)$/.exec(token);
  return m ? { run: m[1]!, n: Number(m[2]) } : null;
}

/** A port free on loopback right now (the app under test is started on it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Node's own flags for the app, from BENCH_NODE_ARGS (e.g. "--cpu-prof": node refuses these in NODE_OPTIONS). */
export const benchNodeArgs = (): string[] => (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);

/**
 * The environment the app under test runs with: the bench's LINE channel and stand-in, on loopback, with the
 * heap cap `npm start` gives one process (`--max-old-space-size=384`) unless `heapCap` is false.
 */
export function appEnv(o: {
  port: number;
  lineUrl: string;
  logLevel: string;
  redisUrl: string;
  heapCap?: boolean;
  nodeOptions?: string;
}): NodeJS.ProcessEnv {
  const cap = o.heapCap === false ? '' : '--max-old-space-size=384 ';
  return {
    ...process.env,
    PORT: String(o.port),
    HOST: '127.0.0.1',
    LINE_CHANNEL_SECRET: SECRET,
    LINE_CHANNEL_ACCESS_TOKEN: TOKEN,
    LINE_API_BASE_URL: o.lineUrl,
    LOG_LEVEL: o.logLevel,
    NODE_OPTIONS: `${cap}${process.env.NODE_OPTIONS ?? ''} ${o.nodeOptions ?? ''}`.trim(),
    REDIS_URL: o.redisUrl,
  };
}

/** Distinct question texts from a checkout's knowledge (bench/questions.ts), each once, in a fixed order. */
export async function distinctQuestions(root: string): Promise<string[]> {
  const loaded = await loadKnowledge({ root });
  if (!loaded.ok) throw new Error('bench: the knowledge does not load');
  return [...new Set(generateQuestions(loaded.snapshot).map((q) => q.q))];
}
