// Fair sharing: does a flood of POST /api/answer delay the LINE webhook's acknowledgement?
//   npm run bench:fair-share [-- --rate 50 --seconds 20 --flooders 8]
// Starts a LINE stand-in (answers 200) and the app as `npm start` runs it (TRUST_PROXY=loopback so each
// flooder is its own client, with the default API_RATE_LIMIT / API_CONCURRENCY / API_QUEUE), then measures
// the webhook's ack latency from a paced open-loop sender (bench/paced-load.ts, its own process):
//   1. idle: webhooks only;
//   2. flooded: the same webhooks while `flooders` clients post 2,000-character questions as fast as they
//      can, each from its own address (the per-client rate limit turns most away);
//   3. flooded from many addresses: every flood request from a new address (the rate limit cannot help;
//      the bounded concurrency and queue must).
// Prints ack p50/p99 per phase and the ratio to idle (the goal: within 2×). Bounded: three windows of
// `seconds`, loopback only. Not a test: the numbers depend on the machine.
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { PacedLoadInput, PacedLoadResult } from './paced-load.js';
import { appEnv } from './webhook-requests.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '5' },
    flooders: { type: 'string', default: '8' },
  },
});
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const warmup = Number(values.warmup);
const flooders = Number(values.flooders);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function standIn(): Promise<{ url: string; close(): void }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"sentMessages":[]}');
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

async function startApp(lineUrl: string): Promise<{ child: ChildProcess; base: string }> {
  // BENCH_APP_ROOT=<another checkout> runs that app under this bench (before/after in one window)
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: process.env.BENCH_APP_ROOT || ROOT,
    env: {
      ...appEnv({ port: 0, lineUrl, logLevel: 'info', redisUrl: process.env.BENCH_REDIS_URL ?? '' }),
      TRUST_PROXY: 'loopback',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let buffer = '';
  const base = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (c: Buffer) => {
      buffer += c.toString();
      const m = /"url":"(http:\/\/[^"]+)"[^\n]*main: listening/.exec(buffer);
      if (m) resolve(m[1]!);
      if (buffer.length > 1e6) buffer = buffer.slice(-1e5);
    });
    child.once('exit', (code) => reject(new Error(`bench: the app exited with ${code} during start-up`)));
  });
  child.stdout?.resume();
  return { child, base };
}

function paced(base: string, run: string): Promise<PacedLoadResult> {
  const input: PacedLoadInput = {
    url: base,
    path: '/webhook/line',
    rate,
    warmupSeconds: warmup,
    seconds,
    connections: 16,
    users: 5000,
    run,
    timeoutMs: 10_000,
  };
  const child = fork(fileURLToPath(new URL('paced-load.ts', import.meta.url)), [JSON.stringify(input)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString('utf8');
  });
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => {
      try {
        resolve(JSON.parse(out.trim().split('\n').pop() ?? '') as PacedLoadResult);
      } catch {
        reject(new Error(`bench: the paced sender exited with ${code} without a result`));
      }
    });
  });
}

// A resident-length question (2,000 characters), different every time so no answer cache helps.
function longQuestion(n: number): string {
  const base = `${n}番目の質問です。書かない窓口とマイナンバーカードとオンライン申請について詳しく教えてください。`;
  return base.repeat(Math.ceil(2000 / base.length)).slice(0, 2000);
}

interface FloodCount {
  ok: number;
  limited: number;
  busy: number;
  other: number;
}

// Closed-loop flooders: each sends its next question as soon as the last one is answered.
function flood(base: string, manyAddresses: boolean): { stop(): Promise<FloodCount> } {
  const counts: FloodCount = { ok: 0, limited: 0, busy: 0, other: 0 };
  let running = true;
  let n = 0;
  const one = async (i: number) => {
    while (running) {
      n += 1;
      const address = manyAddresses ? `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` : `198.51.100.${i + 1}`;
      try {
        const res = await fetch(`${base}/api/answer`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
          body: JSON.stringify({ question: longQuestion(n) }),
          signal: AbortSignal.timeout(10_000),
        });
        await res.arrayBuffer();
        if (res.status === 200) counts.ok += 1;
        else if (res.status === 429) counts.limited += 1;
        else if (res.status === 503) counts.busy += 1;
        else counts.other += 1;
        // a client turned away waits a moment, as a well-behaved one would on Retry-After: 1
        if (res.status === 429 || res.status === 503) await sleep(100);
      } catch {
        counts.other += 1;
      }
    }
  };
  const all = Array.from({ length: flooders }, (_, i) => one(i));
  return {
    async stop() {
      running = false;
      await Promise.all(all);
      return counts;
    },
  };
}

async function main() {
  const line = await standIn();
  const { child, base } = await startApp(line.url);
  const rows: { phase: string; r: PacedLoadResult; flood?: FloodCount }[] = [];
  try {
    process.stderr.write(`bench: app at ${base}; ${rate} webhooks/s, ${seconds} s per phase\n`);
    rows.push({ phase: 'idle (webhooks only)', r: await paced(base, 'idle') });
    for (const many of [false, true]) {
      const f = flood(base, many);
      const r = await paced(base, many ? 'many' : 'flood');
      rows.push({
        phase: many ? `flooded, every request a new address` : `flooded, ${flooders} clients`,
        r,
        flood: await f.stop(),
      });
    }
  } finally {
    child.kill('SIGTERM');
    line.close();
  }
  const idle = rows[0]!.r.latencyMs.p99;
  console.log(
    '\n| phase | webhooks acked | ack p50 ms | ack p99 ms | p99 / idle | /api/answer 200 | 429 | 503 |\n|---|---|---|---|---|---|---|---|',
  );
  for (const { phase, r, flood: f } of rows) {
    console.log(
      `| ${phase} | ${r.completed}/${r.sent} | ${r.latencyMs.p50} | ${r.latencyMs.p99} | ${(r.latencyMs.p99 / idle).toFixed(2)}× | ${f?.ok ?? '—'} | ${f?.limited ?? '—'} | ${f?.busy ?? '—'} |`,
    );
  }
}

await main();
