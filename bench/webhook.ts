// npm run bench:webhook [-- --duration 60 --rate 1050 --mode both]
// Signed LINE webhook requests at the real server over loopback, replies going to a LINE API stand-in on
// 127.0.0.1:0. Runs a bare node:http calibration row, one process, then the cluster; prints a table and
// writes JSON to bench/results/. "events/s" counts replies LINE received (work done), not only webhooks
// acknowledged. Load: --pacing even (default) sends at a constant rate from its own process
// (paced-load.ts); --pacing per-second is autocannon's overallRate (each second's quota sent at once, a
// burst test); --rate 0 is autocannon as fast as its connections allow (closed loop).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { Command } from 'commander';
import type { PacedLoadInput, PacedLoadResult } from './paced-load.js';
import { type CpuSplit, treeTotals } from './proc-stats.js';
import {
  describeStages,
  diffScrapes,
  type Scrape,
  type StageReport,
  scrapeLiveHeap,
  scrapeStages,
} from './stage-metrics.js';
import { probe, runPaced, type StandIn, startApp, startStandIn, stopApp } from './webhook-app.js';
import {
  distinctQuestions,
  encodeQuestions,
  FIXED_QUESTIONS,
  freePort,
  QUESTIONS_OPTION,
  signedRequest,
} from './webhook-requests.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
interface Options {
  duration: number;
  warmup: number;
  connections: number;
  rate: number; // requests per second offered (open loop); 0: as fast as the connections allow
  pacing: 'even' | 'per-second';
  users: number;
  mode: 'single' | 'cluster' | 'both';
  workers: number;
  baseline: boolean;
  questions: 'distinct' | 'fixed';
  questionTexts: string[];
  questionsFile: string;
  offset: number; // requests already sent to this app (the next run starts at that question and user)
  fixedRate: boolean; // the row at --rate
  findRate: boolean; // the search for the highest rate that meets the targets
  startRate: number;
  maxRate: number;
  stepSeconds: number;
  maxSteps: number;
  resolution: number; // find-rate: rates are multiples of this
  searchWarmupSeconds: number; // find-rate: unmeasured load before the first step
}

const treeRssMb = async (pid: number) => (await treeTotals(pid)).rssMb;

const cpuOfBench = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const round2 = (x: number) => Math.round(x * 100) / 100;

// ---- load ----
interface LoadResult {
  seconds: number; // measured
  requests: number; // answered with any status, in the measured window
  non2xx: number;
  errors: number;
  timeouts: number;
  p50: number; // ms
  p99: number;
  paced?: PacedLoadResult;
}

let runs = 0;

/**
 * Warm-up, then the measured window (onMeasure marks its start): paced from its own process, or autocannon
 * (per-second quotas or closed loop).
 */
function load(base: string, opts: Options, line: StandIn | null, onMeasure: () => void): Promise<LoadResult> {
  const run = `r${++runs}`;
  if (opts.rate > 0 && opts.pacing === 'even') return paced(base, opts, line, run, onMeasure);
  const sentAt = new Map<number, number>();
  const encoded = encodeQuestions(opts.questionTexts);
  if (line) line.sentAt = (r, n) => (r === run ? sentAt.get(n) : undefined);
  let n = 0;
  const fire = (seconds: number) =>
    autocannon({
      url: `${base}/webhook/line`,
      connections: opts.connections,
      ...(opts.rate > 0 ? { overallRate: opts.rate } : {}),
      duration: seconds,
      timeout: 10,
      requests: [
        {
          method: 'POST',
          path: '/webhook/line',
          setupRequest: (req) => {
            const i = n++;
            const { body, signature } = signedRequest(run, i, opts.users, encoded, opts.offset);
            sentAt.set(i, Date.now());
            return { ...req, body, headers: { 'content-type': 'application/json', 'x-line-signature': signature } };
          },
        },
      ],
    });
  return (async () => {
    if (opts.warmup > 0) {
      await fire(opts.warmup);
      await sleep(1000);
    }
    sentAt.clear();
    onMeasure();
    const started = Date.now();
    const r = await fire(opts.duration);
    return {
      seconds: (Date.now() - started) / 1000,
      requests: r.requests.total,
      non2xx: r.non2xx,
      errors: r.errors,
      timeouts: r.timeouts,
      p50: r.latency.p50,
      p99: r.latency.p99,
    };
  })();
}

function paced(base: string, opts: Options, line: StandIn | null, run: string, onMeasure: () => void) {
  const input: PacedLoadInput = {
    url: base,
    path: '/webhook/line',
    rate: opts.rate,
    warmupSeconds: opts.warmup,
    seconds: opts.duration,
    connections: opts.connections,
    users: opts.users,
    run,
    timeoutMs: 10_000,
    questionsFile: opts.questionsFile,
    offset: opts.offset,
  };
  return runPaced(input, (m) => {
    if (line) {
      line.sentAt = (r, n) =>
        r === run && n >= m.firstMeasured
          ? m.t0EpochMs + m.measureFromMs + (n - m.firstMeasured) * m.intervalMs
          : undefined;
    }
    setTimeout(onMeasure, m.t0EpochMs + m.measureFromMs - Date.now());
  }).then(
    (r): LoadResult => ({
      seconds: opts.duration,
      requests: r.completed + r.non2xx,
      non2xx: r.non2xx,
      errors: r.errors,
      timeouts: r.timeouts,
      p50: r.latencyMs.p50,
      p99: r.latencyMs.p99,
      paced: r,
    }),
  );
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
  e2eP99: number; // Infinity when some acknowledged event got no reply before the drain wait ended
  unreplied: number; // events acknowledged in the measured window and not answered by the end of the drain wait
  pushed: number; // answers sent as a push meanwhile (their reply token had expired: late by ≥ 50 s)
  offered: number; // webhooks per second offered (0: closed loop)
  errors: number;
  timeouts: number;
  non2xx: number;
  rssStartMb: number;
  rssWarmMb: number;
  rssAfterMb: number;
  rssMaxMb: number;
  rssHalfMb: number; // the highest RSS in the first half of the measured run
  rssSamplesMb: number[]; // every 2 s during the measured run
  // every 30 s: the heap each thread kept after its latest full GC (MB; the app's madoguchi_heap_live_bytes)
  liveHeapMb: Record<string, number>[];
  paced?: PacedLoadResult; // the paced sender's own figures (latency from send, its lateness, by second)
  // p50/p99 of each stage of an event in the window and GC pauses by thread, from the app's /metrics
  stages?: StageReport | null;
  // CPU in the measured window: the app's (all its processes) per event and in cores; this process's
  // (the LINE stand-in) and the paced sender's in cores. Two cores is all this machine has.
  // The app's CPU per event is split by thread (bench/proc-stats.ts): main threads (HTTP, intake, sessions,
  // replies), answer workers (the engine), the rest (V8's GC and compiler helpers, libuv).
  cpu?: {
    appMsPerEvent: number;
    mainMsPerEvent: number;
    answerMsPerEvent: number;
    otherMsPerEvent: number;
    appCores: number;
    benchCores: number;
    senderCores: number | null;
    loadAverage: number; // the machine's 1-minute load average at the end of the window
  };
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
  const result = await load(base, { ...opts, duration: Math.min(opts.duration, 10), warmup: 2 }, null, () => {});
  const rssAfterMb = await treeRssMb(child.pid!);
  const exitCode = await stopApp(child);
  const perSec = Math.round(result.requests / result.seconds);
  return {
    config: 'baseline: bare node:http',
    seconds: Math.round(result.seconds),
    webhooksPerSec: perSec,
    eventsPerSec: perSec,
    p50: result.p50,
    p99: result.p99,
    e2eP50: Number.NaN,
    e2eP99: Number.NaN,
    unreplied: 0,
    pushed: 0,
    offered: opts.rate,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    rssStartMb,
    rssWarmMb: rssStartMb,
    rssAfterMb,
    rssMaxMb: rssAfterMb,
    rssHalfMb: rssAfterMb,
    rssSamplesMb: [],
    liveHeapMb: [],
    ...(result.paced ? { paced: result.paced } : {}),
    exitCode,
  };
}

interface App {
  child: ChildProcess;
  base: string;
  label: string;
  sent: number; // requests sent to it so far: the next run starts at that question (not at one it has cached)
}

async function startLabelled(mode: 'single' | 'cluster', opts: Options, line: StandIn): Promise<App> {
  const port = await freePort();
  const label = mode === 'single' ? '1 process' : `cluster (${opts.workers} workers)`;
  process.stderr.write(`bench: starting ${label} on :${port}\n`);
  const { child, base } = await startApp(mode, port, line.url, opts.workers);
  return { child, base, label, sent: 0 };
}

// The targets of issue 18, and what "sustained" means: replies keep up with the offered rate.
const TARGET = { rate: 1000, ackP99Ms: 50, replyP99Ms: 200 };
const SUSTAINED_SHARE = 0.98;
const DRAIN_WAIT_MS = 60_000; // after the window, replies to its events are still awaited this long

function keptUp(r: Row): boolean {
  return (
    r.eventsPerSec >= SUSTAINED_SHARE * r.offered &&
    r.errors === 0 &&
    r.timeouts === 0 &&
    r.non2xx === 0 &&
    r.unreplied === 0 &&
    r.pushed === 0
  );
}

function meetsLatencyTargets(r: Row): boolean {
  return keptUp(r) && r.p99 <= TARGET.ackP99Ms && r.e2eP99 <= TARGET.replyP99Ms;
}

const delivered = (line: StandIn) => line.replies + line.pushes;

/** Waits until `expected` answers came (timed replies and pushes since `pushesBefore`), or none for 5 s, or `maxMs` passed. */
async function awaitReplies(line: StandIn, expected: number, pushesBefore: number, maxMs: number): Promise<void> {
  const until = Date.now() + maxMs;
  let seen = delivered(line);
  let movedAt = Date.now();
  while (
    line.latencies.length + (line.pushes - pushesBefore) < expected &&
    Date.now() < until &&
    Date.now() - movedAt < 5_000
  ) {
    await sleep(200);
    if (delivered(line) !== seen) {
      seen = delivered(line);
      movedAt = Date.now();
    }
  }
}

/** Waits until the stand-in got no answer for 2 s (a backlog from an overloaded step is answered), at most `maxMs`. */
async function awaitQuiet(line: StandIn, maxMs: number): Promise<void> {
  const until = Date.now() + maxMs;
  let seen = -1;
  while (Date.now() < until && delivered(line) !== seen) {
    seen = delivered(line);
    await sleep(2_000);
  }
}

async function measure(app: App, opts: Options, line: StandIn, config: string): Promise<Row> {
  const { child, base } = app;
  const rssStartMb = await treeRssMb(child.pid!);
  process.stderr.write(
    `bench: ${config}: warm-up ${opts.warmup} s, then ${opts.duration} s measured (${describeLoad(opts)})\n`,
  );
  let rssWarmMb = rssStartMb;
  let rssMaxMb = rssStartMb;
  const rssSamplesMb: number[] = [];
  const liveHeapMb: Record<string, number>[] = [];
  let sampler: NodeJS.Timeout | undefined;
  let repliesBefore = line.replies;
  let pushesBefore = line.pushes;
  let cpuBefore = { app: 0, split: { main: 0, answer: 0, other: 0 } as CpuSplit, bench: 0, at: 0 };
  let stagesBefore: Promise<Scrape | null> = Promise.resolve(null);
  const result = await load(base, { ...opts, offset: app.sent }, line, () => {
    // the measured window begins
    line.latencies = [];
    repliesBefore = line.replies;
    pushesBefore = line.pushes;
    line.measuring = true;
    stagesBefore = scrapeStages(base);
    void treeTotals(child.pid!).then((t) => {
      cpuBefore = { app: t.cpuMs, split: t.split, bench: cpuOfBench(), at: performance.now() };
      rssWarmMb = t.rssMb;
      rssMaxMb = Math.max(rssMaxMb, t.rssMb);
    });
    sampler = setInterval(async () => {
      const rss = await treeRssMb(child.pid!);
      if (rssSamplesMb.length % RSS_STEP_SAMPLES === RSS_STEP_SAMPLES - 1)
        void scrapeLiveHeap(base).then((h) => liveHeapMb.push(h));
      rssSamplesMb.push(rss);
      rssMaxMb = Math.max(rssMaxMb, rss);
    }, 2000);
  });
  const replies = line.replies - repliesBefore;
  // the paced ramp sends rate × warm-up / 2, the window rate × duration (autocannon: about as many)
  app.sent += Math.floor((opts.rate * opts.warmup) / 2) + result.requests;
  clearInterval(sampler);
  const window = performance.now() - cpuBefore.at;
  const after = await treeTotals(child.pid!);
  const events = Math.max(1, replies);
  const perEvent = (ms: number) => round2(ms / events);
  const cpu = {
    appMsPerEvent: perEvent(after.cpuMs - cpuBefore.app),
    mainMsPerEvent: perEvent(after.split.main - cpuBefore.split.main),
    answerMsPerEvent: perEvent(after.split.answer - cpuBefore.split.answer),
    otherMsPerEvent: perEvent(after.split.other - cpuBefore.split.other),
    appCores: round2((after.cpuMs - cpuBefore.app) / window),
    // the LINE stand-in (and autocannon, when it is the load) run in this process
    benchCores: round2((cpuOfBench() - cpuBefore.bench) / window),
    senderCores: result.paced ? round2(result.paced.cpuCores) : null,
    loadAverage: round2(loadavg()[0] ?? 0),
  };
  // Replies to the window's events that come after it still count (an app that falls behind shows as reply
  // latency, not as replies never timed); the events still unanswered after the wait are counted.
  // Pushes are answers to events that waited past the reply token's age (≥ 50 s): counted as such, untimed.
  const acked = result.requests - result.non2xx;
  await awaitReplies(line, acked, pushesBefore, DRAIN_WAIT_MS);
  line.measuring = false;
  const stages = diffScrapes(await stagesBefore, await scrapeStages(base));
  const pushed = line.pushes - pushesBefore;
  const unreplied = Math.max(0, acked - line.latencies.length - pushed);
  const late = Math.max(0, acked - line.latencies.length); // pushed or never answered
  const latencies = [...line.latencies, ...new Array<number>(late).fill(Number.POSITIVE_INFINITY)];
  if (result.paced)
    process.stderr.write(`bench: slowest ack per second (ms): ${result.paced.maxBySecondMs.join(' ')}\n`);
  process.stderr.write(`bench: CPU ${JSON.stringify(cpu)}\n`);
  process.stderr.write(`bench: stages p50/p99 ms: ${describeStages(stages)}\n`);
  await sleep(1000);
  const rssAfterMb = await treeRssMb(child.pid!);
  return {
    config,
    seconds: Math.round(result.seconds),
    webhooksPerSec: Math.round(result.requests / result.seconds),
    eventsPerSec: Math.round(replies / result.seconds),
    p50: result.p50,
    p99: result.p99,
    e2eP50: Math.round(percentile(latencies, 50)),
    e2eP99: Math.round(percentile(latencies, 99)),
    unreplied,
    pushed,
    offered: opts.rate,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    rssStartMb,
    rssWarmMb,
    rssAfterMb,
    rssMaxMb,
    rssHalfMb: Math.max(rssWarmMb, ...rssSamplesMb.slice(0, Math.ceil(rssSamplesMb.length / 2))),
    rssSamplesMb,
    liveHeapMb,
    cpu,
    stages,
    ...(result.paced ? { paced: result.paced } : {}),
    exitCode: null,
  };
}

/**
 * The highest paced rate at which the app meets the latency targets with zero errors and keeps up. First an
 * unmeasured warm-up at three quarters of the first step (the JIT, the analyzer memo and the heap settle, so
 * the first step is not also the app's warm-up); then short steps, up by a quarter until one fails, then
 * halving the gap until it is within --resolution (or 2.5% of the rate met); then the rate found held for
 * the full duration, and if that fails, 10% lower once more. Returns the confirmed row (or the last failed
 * one) and every step.
 */
async function findRate(app: App, opts: Options, line: StandIn): Promise<{ row: Row | null; steps: Row[] }> {
  const steps: Row[] = [];
  const step = { ...opts, duration: opts.stepSeconds, warmup: Math.min(opts.warmup, 5) };
  const roundRate = (r: number) => Math.max(opts.resolution, Math.round(r / opts.resolution) * opts.resolution);
  if (opts.searchWarmupSeconds > 0) {
    const rate = roundRate(opts.startRate * 0.75);
    process.stderr.write(
      `bench: ${app.label}: warm-up before the search, ${opts.searchWarmupSeconds} s at ${rate}/s\n`,
    );
    await measure(
      app,
      { ...step, rate, duration: opts.searchWarmupSeconds },
      line,
      `${app.label} warm-up (not counted)`,
    );
  }
  let lo = 0;
  let hi = Number.POSITIVE_INFINITY;
  let rate = roundRate(opts.startRate);
  for (let i = 0; i < opts.maxSteps && rate > 0; i++) {
    await awaitQuiet(line, 120_000);
    const row = await measure(app, { ...step, rate }, line, `${app.label} @ ${rate}/s (step)`);
    steps.push(row);
    const ok = meetsLatencyTargets(row);
    process.stderr.write(`bench: step ${rate}/s ${ok ? 'meets' : 'misses'} the targets\n`);
    if (ok) lo = rate;
    else hi = rate;
    if (hi !== Number.POSITIVE_INFINITY && hi - lo <= Math.max(opts.resolution, lo * 0.025)) break;
    const next = roundRate(hi === Number.POSITIVE_INFINITY ? Math.min(opts.maxRate, rate * 1.25) : (lo + hi) / 2);
    if (next === rate || next === lo || next === hi) break;
    rate = next;
  }
  let last: Row | null = null;
  for (let r = lo, k = 0; r > 0 && k < 2; k++, r = Math.floor((r * 0.9) / opts.resolution) * opts.resolution) {
    await awaitQuiet(line, 120_000);
    last = await measure(app, { ...opts, rate: r }, line, `${app.label}: highest sustained`);
    if (meetsLatencyTargets(last)) return { row: last, steps };
    steps.push(last);
    last = { ...last, config: `${app.label}: highest sustained (NOT held at ${r}/s)` };
  }
  return { row: last, steps };
}

async function stop(app: App, rows: Row[]): Promise<void> {
  const exitCode = await stopApp(app.child);
  for (const r of rows) r.exitCode = exitCode;
}

function printStages(rows: Row[]) {
  const withStages = rows.filter((r) => r.stages);
  if (!withStages.length) return;
  console.log("\nwhere the time went (p50/p99 ms per stage, from the app's /metrics; GC pauses by thread):");
  for (const r of withStages) console.log(`- ${r.config} @ ${r.offered}/s: ${describeStages(r.stages)}`);
}

// RSS through the measured window, for holds long enough to show whether it levels off: the highest sample
// of each 30 s (samples every 2 s), from the start of the window.
const RSS_STEP_SAMPLES = 15;
function rssSeries(r: Row): number[] {
  const out: number[] = [];
  for (let i = 0; i < r.rssSamplesMb.length; i += RSS_STEP_SAMPLES)
    out.push(Math.max(...r.rssSamplesMb.slice(i, i + RSS_STEP_SAMPLES)));
  return out;
}

function printRss(rows: Row[]) {
  const long = rows.filter((r) => r.rssSamplesMb.length >= 2 * RSS_STEP_SAMPLES);
  if (!long.length) return;
  console.log('\nRSS over the measured window (MB; start, after warm-up, then the highest of each 30 s, end, max):');
  for (const r of long) {
    console.log(
      `- ${r.config} @ ${r.offered}/s: ${r.rssStartMb} → ${r.rssWarmMb} → [${rssSeries(r).join(' ')}] → ${r.rssAfterMb}; max ${r.rssMaxMb}`,
    );
    const threads = [...new Set(r.liveHeapMb.flatMap((h) => Object.keys(h)))];
    for (const t of threads)
      console.log(
        `  heap kept after the latest full GC, ${t} (MB, each 30 s): [${r.liveHeapMb.map((h) => h[t] ?? '-').join(' ')}]`,
      );
  }
}

function printTable(rows: Row[]) {
  const head = [
    'config',
    'offered/s',
    'events/s',
    'webhooks/s',
    'p50 ms',
    'p99 ms',
    'reply p50',
    'reply p99',
    'errors',
    'timeouts',
    'non-2xx',
    'pushed / unreplied',
    'CPU ms/event (main+answer+other)',
    'load',
    'RSS MB start→warm→after',
    'max 1st half / 2nd half',
    'exit',
  ];
  const ms = (r: Row) =>
    r.cpu ? `${r.cpu.appMsPerEvent} (${r.cpu.mainMsPerEvent}+${r.cpu.answerMsPerEvent}+${r.cpu.otherMsPerEvent})` : '-';
  const body = rows.map((r) => [
    r.config,
    r.offered > 0 ? String(r.offered) : 'max',
    String(r.eventsPerSec),
    String(r.webhooksPerSec),
    String(r.p50),
    String(r.p99),
    Number.isNaN(r.e2eP50) ? '-' : String(r.e2eP50),
    Number.isNaN(r.e2eP99) ? '-' : r.e2eP99 === Number.POSITIVE_INFINITY ? `>${DRAIN_WAIT_MS}` : String(r.e2eP99),
    String(r.errors),
    String(r.timeouts),
    String(r.non2xx),
    `${r.pushed} / ${r.unreplied}`,
    ms(r),
    r.cpu ? String(r.cpu.loadAverage) : '-',
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
    .option('--warmup <s>', 'warm-up seconds before measuring (paced: a ramp up to the rate)', '10')
    .option('--connections <n>', 'concurrent connections', '32')
    .option('--rate <n>', 'webhooks per second offered (open loop); 0 = as fast as possible (closed loop)', '1050')
    .option('--pacing <how>', 'even (constant rate, own process) | per-second (autocannon overallRate)', 'even')
    .option('--users <n>', 'distinct LINE users (the per-user rate limit applies)', '20000')
    .option('--mode <mode>', 'single | cluster | both', 'both')
    .option('--workers <n>', 'cluster workers', '2')
    .option('--no-baseline', 'skip the bare node:http calibration row')
    .option(...QUESTIONS_OPTION)
    .option('--no-build', 'use dist/ as it is (default: npm run build first)')
    .option('--find-rate', 'also search for the highest rate meeting ack p99 ≤ 50 ms, reply p99 ≤ 200 ms, zero errors')
    .option('--no-fixed-rate', 'with --find-rate: skip the row at --rate')
    .option('--start-rate <n>', 'find-rate: the first step', '200')
    .option('--max-rate <n>', 'find-rate: no step above this', '2000')
    .option('--step-seconds <s>', 'find-rate: measured seconds per step (the rate found is then held --duration)', '15')
    .option('--max-steps <n>', 'find-rate: steps at most before the confirming run', '8')
    .option('--resolution <n>', 'find-rate: rates are multiples of this (the search stops within it)', '5')
    .option('--search-warmup <s>', 'find-rate: seconds of unmeasured load before the first step', '20')
    .parse();
  const o = program.opts();
  const opts: Options = {
    duration: Number(o.duration),
    warmup: Number(o.warmup),
    connections: Number(o.connections),
    rate: Number(o.rate),
    pacing: o.pacing === 'per-second' ? 'per-second' : 'even',
    users: Number(o.users),
    mode: o.mode,
    workers: Number(o.workers),
    baseline: o.baseline !== false,
    questions: o.questions === 'fixed' ? 'fixed' : 'distinct',
    questionTexts: [],
    questionsFile: fileURLToPath(new URL('results/webhook-questions.json', import.meta.url)),
    offset: 0,
    findRate: o.findRate === true,
    fixedRate: o.findRate !== true || o.fixedRate !== false,
    startRate: Number(o.startRate),
    maxRate: Number(o.maxRate),
    stepSeconds: Number(o.stepSeconds),
    maxSteps: Number(o.maxSteps),
    resolution: Math.max(1, Number(o.resolution)),
    searchWarmupSeconds: Number(o.searchWarmup),
  };
  if (o.build !== false) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  opts.questionTexts = opts.questions === 'fixed' ? [...FIXED_QUESTIONS] : await distinctQuestions(ROOT);
  mkdirSync(new URL('results/', import.meta.url), { recursive: true });
  writeFileSync(opts.questionsFile, JSON.stringify(opts.questionTexts));
  const line = await startStandIn();
  const rows: Row[] = [];
  const steps: Row[] = [];
  try {
    if (opts.baseline) rows.push(await runBaseline(opts));
    for (const mode of ['single', 'cluster'] as const) {
      if (opts.mode !== 'both' && opts.mode !== mode) continue;
      try {
        // The fixed-rate row and the search each get a fresh app: an overloaded row leaves a backlog behind.
        if (opts.fixedRate) {
          const app = await startLabelled(mode, opts, line);
          const own: Row[] = [];
          try {
            own.push(await measure(app, opts, line, app.label));
          } finally {
            await stop(app, own);
            rows.push(...own);
          }
        }
        if (opts.findRate) {
          await awaitQuiet(line, 120_000);
          const app = await startLabelled(mode, opts, line);
          let found: { row: Row | null; steps: Row[] } = { row: null, steps: [] };
          try {
            found = await findRate(app, opts, line);
          } finally {
            await stop(app, found.row ? [found.row, ...found.steps] : found.steps);
            steps.push(...found.steps);
            if (found.row) rows.push(found.row);
          }
        }
      } catch (err) {
        console.error(`bench: ${mode} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  } finally {
    await line.close();
  }
  console.log(
    `\nbench:webhook — ${opts.duration} s per configuration, ${describeLoad(opts)}, ${opts.connections} connections, 1 event per signed webhook, ${opts.users} users, ${opts.questions === 'fixed' ? `${opts.questionTexts.length} fixed questions (answers from the cache after warm-up)` : `${opts.questionTexts.length} distinct questions in turn`}, loopback; load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}\n`,
  );
  printTable(rows);
  printStages(rows);
  printRss(rows);
  if (steps.length) {
    console.log('\nfind-rate steps:');
    printTable(steps);
    printStages(steps);
    // what the app answers at all (latency aside): on a loaded machine the latency targets may fail at any rate
    for (const label of new Set(steps.filter((r) => r.config.includes(' @ ')).map((r) => r.config.split(' @ ')[0]!))) {
      const kept = steps.filter((r) => r.config.startsWith(`${label} @`) && keptUp(r)).map((r) => r.offered);
      console.log(
        `${label}: highest step kept up (every event answered, no errors, any latency): ${kept.length ? Math.max(...kept) : 'none'}/s`,
      );
    }
  }
  const target = rows
    .filter((r) => !r.config.startsWith('baseline'))
    .map((r) => {
      const ok = r.eventsPerSec >= TARGET.rate && meetsLatencyTargets(r);
      return `${r.config}: ${ok ? 'target met' : 'target NOT met'} (≥ ${TARGET.rate} events/s kept up, ack p99 ≤ ${TARGET.ackP99Ms} ms, reply p99 ≤ ${TARGET.replyP99Ms} ms, zero errors, every event replied)`;
    });
  console.log(`\n${target.join('\n')}`);
  mkdirSync(new URL('results/', import.meta.url), { recursive: true });
  const file = new URL(`results/webhook-${new Date().toISOString().replaceAll(':', '-')}.json`, import.meta.url);
  writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), options: opts, rows, steps }, null, 2)}\n`);
  console.log(`\nwrote ${fileURLToPath(file)}`);
}

function describeLoad(opts: Options): string {
  if (opts.rate <= 0) return 'autocannon as fast as possible (closed loop)';
  return opts.pacing === 'even'
    ? `${opts.rate} webhooks/s at even intervals (open loop; latency from each request's due time)`
    : `${opts.rate} webhooks/s as autocannon overallRate (each connection's quota at the start of every second)`;
}

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
