// npm run bench:webhook [-- --duration 60 --connections 50 --mode both]
// Signed LINE webhook requests at the real server over loopback (autocannon), replies going to a LINE
// API stand-in on 127.0.0.1:0. Runs one process, then the cluster; prints a table and writes JSON to
// bench/results/. "events/s" counts replies LINE received (work done), not only webhooks acknowledged.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { createServer, get as httpGet, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { Command } from 'commander';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SECRET = 'bench-channel-secret';
const TOKEN = 'bench-channel-access-token';
const QUESTIONS = [
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

interface Options {
  duration: number;
  warmup: number;
  connections: number;
  rate: number; // requests per second offered (open loop); 0: as fast as the connections allow
  users: number;
  mode: 'single' | 'cluster' | 'both';
  workers: number;
  baseline: boolean;
}

// ---- LINE stand-in: counts replies and the time from webhook sent to reply received ----
interface StandIn {
  url: string;
  replies: number;
  loading: number;
  other: number;
  latencies: number[]; // ms, webhook sent → reply received, during the measured window
  measuring: boolean;
  close(): Promise<void>;
}

async function startStandIn(): Promise<StandIn> {
  const state: StandIn = {
    url: '',
    replies: 0,
    loading: 0,
    other: 0,
    latencies: [],
    measuring: false,
    close: async () => undefined,
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0];
      if (path === '/v2/bot/message/reply') {
        state.replies += 1;
        try {
          const token = String(JSON.parse(Buffer.concat(chunks).toString('utf8')).replyToken ?? '');
          const sent = Number(token.split('.')[1]);
          if (state.measuring && Number.isFinite(sent)) state.latencies.push(Date.now() - sent);
        } catch {
          // not JSON: still a reply
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"sentMessages":[]}');
        return;
      }
      if (path === '/v2/bot/chat/loading/start') state.loading += 1;
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
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startApp(mode: 'single' | 'cluster', port: number, lineUrl: string, workers: number) {
  const entry = mode === 'single' ? 'src/main.ts' : 'src/cluster.ts';
  // BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the app (node refuses these in NODE_OPTIONS)
  const extra = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...extra, '--import', 'tsx', entry], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LINE_CHANNEL_SECRET: SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: TOKEN,
      LINE_API_BASE_URL: lineUrl,
      LOG_LEVEL: 'warn',
      WEB_CONCURRENCY: String(workers),
      REDIS_URL: process.env.BENCH_REDIS_URL ?? '',
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

function probe(url: string): Promise<{ status: number; body: { pid?: number } } | null> {
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

async function stopApp(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    child.kill('SIGTERM');
  });
}

// RSS of the process and all its descendants (the cluster's workers), from /proc.
async function treeRssMb(pid: number): Promise<number> {
  const all = new Map<number, { ppid: number; rss: number }>();
  for (const name of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = readFileSync(`/proc/${name}/status`, 'utf8');
      const ppid = Number(/PPid:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      all.set(Number(name), { ppid, rss });
    } catch {
      // gone
    }
  }
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    total += all.get(p)?.rss ?? 0;
    for (const [child, info] of all) if (info.ppid === p) stack.push(child);
  }
  return Math.round(total / 1024);
}

// ---- load ----
function makeRequest(n: number, users: number): { body: string; signature: string } {
  const user = `Ubench${String(n % users).padStart(28, '0')}`;
  const body = JSON.stringify({
    destination: 'Ubenchbot',
    events: [
      {
        type: 'message',
        mode: 'active',
        timestamp: Date.now(),
        source: { type: 'user', userId: user },
        webhookEventId: `01BENCH${randomUUID().replaceAll('-', '').toUpperCase()}`,
        deliveryContext: { isRedelivery: false },
        replyToken: `rt.${Date.now()}.${n}`,
        message: { id: String(1e15 + n), type: 'text', quoteToken: `q${n}`, text: QUESTIONS[n % QUESTIONS.length] },
      },
    ],
  });
  return { body, signature: createHmac('sha256', SECRET).update(body).digest('base64') };
}

function fire(base: string, seconds: number, opts: Options, counter: { n: number }) {
  return autocannon({
    url: `${base}/webhook/line`,
    connections: opts.connections,
    // A fixed arrival rate (open loop) measures what the target says: latency while sustaining that rate.
    ...(opts.rate > 0 ? { overallRate: opts.rate } : {}),
    duration: seconds,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: '/webhook/line',
        setupRequest: (req) => {
          const { body, signature } = makeRequest(counter.n++, opts.users);
          return {
            ...req,
            body,
            headers: { 'content-type': 'application/json', 'x-line-signature': signature },
          };
        },
      },
    ],
  });
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

interface Row {
  config: string;
  seconds: number;
  webhooksPerSec: number;
  eventsPerSec: number;
  p50: number;
  p99: number;
  e2eP50: number;
  e2eP99: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  rssStartMb: number;
  rssWarmMb: number;
  rssAfterMb: number;
  rssMaxMb: number;
  rssHalfMb: number; // the highest RSS in the first half of the measured run
  rssSamplesMb: number[]; // every 2 s during the measured run
  exitCode: number | null;
}

// What this machine does right now with no application at all: a bare node:http server in its own
// process under the same load. On a shared or throttled machine, read the other rows against this one.
const BASELINE_SERVER = `
const http = require('node:http');
const s = http.createServer((req, res) => { req.resume(); req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}')); });
s.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => s.close(() => process.exit(0)));
`;

async function runBaseline(opts: Options): Promise<Row> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-e', BASELINE_SERVER], {
    env: { ...process.env, PORT: String(port) },
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100 && !(await probe(`${base}/`)); i++) await sleep(50);
  const rssStartMb = await treeRssMb(child.pid!);
  const seconds = Math.min(opts.duration, 10);
  const started = Date.now();
  const result = await fire(base, seconds, opts, { n: 0 });
  const elapsed = (Date.now() - started) / 1000;
  const rssAfterMb = await treeRssMb(child.pid!);
  const exitCode = await stopApp(child);
  const perSec = Math.round(result.requests.total / elapsed);
  return {
    config: 'baseline: bare node:http',
    seconds: Math.round(elapsed),
    webhooksPerSec: perSec,
    eventsPerSec: perSec,
    p50: result.latency.p50,
    p99: result.latency.p99,
    e2eP50: Number.NaN,
    e2eP99: Number.NaN,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    rssStartMb,
    rssWarmMb: rssStartMb,
    rssAfterMb,
    rssMaxMb: rssAfterMb,
    rssHalfMb: rssAfterMb,
    rssSamplesMb: [],
    exitCode,
  };
}

async function runOne(mode: 'single' | 'cluster', opts: Options, line: StandIn): Promise<Row> {
  const port = await freePort();
  const label = mode === 'single' ? '1 process' : `cluster (${opts.workers} workers)`;
  process.stderr.write(`bench: starting ${label} on :${port}\n`);
  const { child, base } = await startApp(mode, port, line.url, opts.workers);
  const rssStartMb = await treeRssMb(child.pid!);
  const counter = { n: 0 };
  if (opts.warmup > 0) {
    process.stderr.write(`bench: warm-up ${opts.warmup} s\n`);
    await fire(base, opts.warmup, opts, counter);
    await sleep(1000);
  }
  const rssWarmMb = await treeRssMb(child.pid!);
  let rssMaxMb = rssWarmMb;
  const rssSamplesMb: number[] = [];
  const sampler = setInterval(async () => {
    const rss = await treeRssMb(child.pid!);
    rssSamplesMb.push(rss);
    rssMaxMb = Math.max(rssMaxMb, rss);
  }, 2000);
  process.stderr.write(`bench: measuring ${opts.duration} s with ${opts.connections} connections\n`);
  line.latencies = [];
  const repliesBefore = line.replies;
  line.measuring = true;
  const started = Date.now();
  const result = await fire(base, opts.duration, opts, counter);
  const elapsed = (Date.now() - started) / 1000;
  const replies = line.replies - repliesBefore;
  line.measuring = false;
  clearInterval(sampler);
  await sleep(1000);
  const rssAfterMb = await treeRssMb(child.pid!);
  const exitCode = await stopApp(child);
  return {
    config: label,
    seconds: Math.round(elapsed),
    webhooksPerSec: Math.round(result.requests.total / elapsed),
    eventsPerSec: Math.round(replies / elapsed),
    p50: result.latency.p50,
    p99: result.latency.p99,
    e2eP50: percentile(line.latencies, 50),
    e2eP99: percentile(line.latencies, 99),
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    rssStartMb,
    rssWarmMb,
    rssAfterMb,
    rssMaxMb,
    rssHalfMb: Math.max(rssWarmMb, ...rssSamplesMb.slice(0, Math.ceil(rssSamplesMb.length / 2))),
    rssSamplesMb,
    exitCode,
  };
}

function printTable(rows: Row[]) {
  const head = [
    'config',
    'events/s',
    'webhooks/s',
    'p50 ms',
    'p99 ms',
    'reply p50',
    'reply p99',
    'errors',
    'timeouts',
    'non-2xx',
    'RSS MB start→warm→after',
    'max 1st half / 2nd half',
    'exit',
  ];
  const body = rows.map((r) => [
    r.config,
    String(r.eventsPerSec),
    String(r.webhooksPerSec),
    String(r.p50),
    String(r.p99),
    Number.isNaN(r.e2eP50) ? '-' : String(r.e2eP50),
    Number.isNaN(r.e2eP99) ? '-' : String(r.e2eP99),
    String(r.errors),
    String(r.timeouts),
    String(r.non2xx),
    `${r.rssStartMb}→${r.rssWarmMb}→${r.rssAfterMb}`,
    `${r.rssHalfMb} / ${r.rssSamplesMb.length ? Math.max(...r.rssSamplesMb.slice(Math.ceil(r.rssSamplesMb.length / 2))) : '-'}`,
    String(r.exitCode),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of body) console.log(line(row));
}

async function main() {
  const program = new Command()
    .option('--duration <s>', 'measured seconds per configuration', '60')
    .option('--warmup <s>', 'warm-up seconds before measuring', '5')
    .option('--connections <n>', 'concurrent connections', '32')
    .option('--rate <n>', 'webhooks per second offered (open loop); 0 = as fast as possible (closed loop)', '1050')
    .option('--users <n>', 'distinct LINE users (the per-user rate limit applies)', '20000')
    .option('--mode <mode>', 'single | cluster | both', 'both')
    .option('--workers <n>', 'cluster workers', '2')
    .option('--no-baseline', 'skip the bare node:http calibration row')
    .parse();
  const o = program.opts();
  const opts: Options = {
    duration: Number(o.duration),
    warmup: Number(o.warmup),
    connections: Number(o.connections),
    rate: Number(o.rate),
    users: Number(o.users),
    mode: o.mode,
    workers: Number(o.workers),
    baseline: o.baseline !== false,
  };
  const line = await startStandIn();
  const rows: Row[] = [];
  try {
    if (opts.baseline) rows.push(await runBaseline(opts));
    for (const mode of ['single', 'cluster'] as const) {
      if (opts.mode !== 'both' && opts.mode !== mode) continue;
      try {
        rows.push(await runOne(mode, opts, line));
      } catch (err) {
        console.error(`bench: ${mode} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  } finally {
    await line.close();
  }
  console.log(
    `\nbench:webhook — ${opts.duration} s per configuration, ${opts.rate > 0 ? `${opts.rate} webhooks/s offered (open loop)` : 'as fast as possible (closed loop)'}, ${opts.connections} connections, 1 event per signed webhook, ${opts.users} users, loopback\n`,
  );
  printTable(rows);
  const target = rows
    .filter((r) => !r.config.startsWith('baseline'))
    .map((r) => {
      const ok = r.eventsPerSec >= 1000 && r.p99 <= 50 && r.errors === 0 && r.timeouts === 0 && r.non2xx === 0;
      return `${r.config}: ${ok ? 'target met' : 'target NOT met'} (≥ 1000 events/s, p99 ≤ 50 ms, zero errors)`;
    });
  console.log(`\n${target.join('\n')}`);
  mkdirSync(new URL('results/', import.meta.url), { recursive: true });
  const file = new URL(`results/webhook-${new Date().toISOString().replaceAll(':', '-')}.json`, import.meta.url);
  writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), options: opts, rows }, null, 2)}\n`);
  console.log(`\nwrote ${fileURLToPath(file)}`);
}

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
