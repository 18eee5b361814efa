// The pieces every webhook bench shares: a LINE API stand-in that counts replies and times them, and the app
// under test started as `npm start` / `npm run start:cluster` run it (plain node on the compiled dist/).
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer, get as httpGet, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { PacedLoadInput, PacedLoadResult, PacedSchedule } from './paced-load.js';
import { appEnv, benchNodeArgs, parseReplyToken } from './webhook-requests.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

// ---- LINE stand-in: counts replies and the time from webhook sent to reply received ----
export interface StandIn {
  url: string;
  replies: number;
  loading: number;
  pushes: number; // answers sent as a push (the reply token was too old: the event waited ≥ 50 s)
  other: number;
  latencies: number[]; // ms, webhook due (paced) or sent → reply received, during the measured window
  measuring: boolean;
  // epoch ms when request n of a run was due or sent; set by the load of the moment
  sentAt: (run: string, n: number) => number | undefined;
  close(): Promise<void>;
}

export async function startStandIn(): Promise<StandIn> {
  const state: StandIn = {
    url: '',
    replies: 0,
    loading: 0,
    pushes: 0,
    other: 0,
    latencies: [],
    measuring: false,
    sentAt: () => undefined,
    close: async () => undefined,
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0];
      if (path === '/v2/bot/message/reply') {
        state.replies += 1;
        // The token is the body's first field: read it without parsing a few KB of Flex JSON per reply.
        const head = Buffer.concat(chunks).toString('utf8', 0, 160);
        const token = parseReplyToken(/"replyToken":"([^"]*)"/.exec(head)?.[1] ?? '');
        const sent = token && state.sentAt(token.run, token.n);
        if (state.measuring && sent !== undefined && sent !== null) state.latencies.push(Date.now() - sent);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"sentMessages":[]}');
        return;
      }
      if (path === '/v2/bot/chat/loading/start') state.loading += 1;
      else if (path === '/v2/bot/message/push') state.pushes += 1;
      else state.other += 1;
      res.writeHead(path?.startsWith('/v2/bot/') ? 200 : 404, { 'content-type': 'application/json' }).end('{}');
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

// ---- the app under test, as a real process ----
export async function startApp(mode: 'single' | 'cluster', port: number, lineUrl: string, workers: number) {
  // as `npm start` / `npm run start:cluster` run it: plain node on the compiled dist/ (built in main())
  const entry = mode === 'single' ? 'dist/main.js' : 'dist/cluster.js';
  // BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the app (node refuses these in NODE_OPTIONS)
  // BENCH_APP_ROOT=<another checkout, built> runs that app under this bench (before/after in one window)
  const child = spawn(process.execPath, [...benchNodeArgs(), entry], {
    cwd: process.env.BENCH_APP_ROOT || ROOT,
    env: {
      ...appEnv({
        port,
        lineUrl,
        logLevel: 'warn',
        redisUrl: process.env.BENCH_REDIS_URL ?? '',
        // as `npm start` runs the single process (package.json); the cluster caps its workers itself
        heapCap: mode === 'single',
      }),
      WEB_CONCURRENCY: String(workers),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // keep the app's warnings and errors (JSON lines) for the report; drop nothing else silently
  const logFile = new URL(`results/app-${mode}.log`, import.meta.url);
  mkdirSync(new URL('results/', import.meta.url), { recursive: true });
  const out = createWriteStream(logFile);
  child.stdout?.pipe(out);
  const base = `http://127.0.0.1:${port}`;
  const expected = mode === 'single' ? 1 : workers;
  const pids = new Set<number>();
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`bench: the app exited with ${child.exitCode} during start-up`);
    // a new connection per probe: the cluster spreads connections, not requests, over its workers
    const ready = await probe(`${base}/readyz`);
    if (ready?.status === 200 && typeof ready.body.pid === 'number') pids.add(ready.body.pid);
    if (pids.size >= expected) return { child, base };
    await sleep(200);
  }
  child.kill('SIGKILL');
  throw new Error('bench: the app did not become ready in 120 s');
}

export function probe(url: string): Promise<{ status: number; body: { pid?: number } } | null> {
  return new Promise((resolve) => {
    const req = httpGet(url, { agent: false, headers: { connection: 'close' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        } catch {
          resolve({ status: res.statusCode ?? 0, body: {} });
        }
      });
    });
    req.on('error', () => resolve(null));
    req.setTimeout(2000, () => req.destroy());
  });
}

export async function stopApp(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000); // past the stop budget (config.ts shutdownBudgetMs)
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    child.kill('SIGTERM');
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The paced sender (paced-load.ts) in its own process, so it shares no event loop with the LINE stand-in:
 * `onStart` gets its schedule (when each request is due); resolves with its figures once it is done.
 */
export function runPaced(input: PacedLoadInput, onStart: (m: PacedSchedule) => void): Promise<PacedLoadResult> {
  const child = fork(fileURLToPath(new URL('paced-load.ts', import.meta.url)), [JSON.stringify(input)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  child.on('message', (m: PacedSchedule) => {
    if (m.type === 'start') onStart(m);
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString('utf8');
  });
  return new Promise<PacedLoadResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      let r: PacedLoadResult;
      try {
        r = JSON.parse(out.trim().split('\n').pop() ?? '') as PacedLoadResult;
      } catch {
        reject(new Error(`bench: the paced sender exited with ${code} without a result`));
        return;
      }
      if (r.lateMs.p99 > 5)
        process.stderr.write(`bench: the sender itself was late: p99 ${r.lateMs.p99} ms, max ${r.lateMs.max} ms\n`);
      resolve(r);
    });
  });
}
