// npm run bench:webhook-cpu [-- --before <built checkout> --events 300 --rounds 4 --rate 60 --redis <url>]
// CPU per webhook event of two builds of the app, interleaved: both run at once (one process each, as
// `npm start` runs it), and in each round each gets the same block of distinct questions in turn (the order
// alternates between rounds), paced well below what one process keeps up with. The figure is the app
// process's CPU (user + system, from /proc: the same counter process.cpuUsage reads, split by thread into
// the main thread, the answer worker and the rest — V8's GC and compiler helpers) over a fixed number of
// events, from before the block's first webhook to after its last reply and completion: unlike events/s,
// it hardly depends on what else the machine runs. With --redis each app gets its own database of that
// server, and the Redis server's own CPU per event is read too. Every reply body (reply token aside) of
// one build is compared with the other's for the same event: "identical replies" is checked, not assumed.
// --mode-before/--mode-after cluster runs that app as `npm run start:cluster` runs it (dist/cluster.js, --workers
// processes, their CPU summed with the primary's): one process against the cluster, in one window.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { Redis } from 'ioredis';
import { Pool, request } from 'undici';
import { type CpuSplit, treeTotals } from './proc-stats.js';
import {
  appEnv,
  benchNodeArgs,
  distinctQuestions,
  encodeQuestions,
  FIXED_QUESTIONS,
  freePort,
  parseReplyToken,
  QUESTIONS_OPTION,
  signedRequest,
} from './webhook-requests.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface App {
  label: string; // the run name in reply tokens
  root: string;
  mode: string; // single | cluster
  child: ChildProcess;
  pool: Pool;
  sent: number; // events sent so far (event n asks question n)
  replies: Map<number, string>; // event n → sha1 of the reply body without its token
  logLines: number; // lines the app wrote on stdout
  samples: { main: number; answer: number; other: number; redis: number; sys: number; events: number }[];
}

const program = new Command()
  .option('--before <dir>', 'a built checkout to compare with (its dist/); without it only this checkout runs')
  .option('--events <n>', 'events per block (one block per app per round)', '300')
  .option('--rounds <n>', 'measured rounds', '4')
  .option('--warmup <n>', 'unmeasured events per app first (JIT, caches)', '300')
  .option('--rate <n>', 'webhooks per second within a block', '60')
  .option(
    '--users <n>',
    'LINE users sending in turn (default: each event its own user, no session context; keep each user under the 20 a minute rate limit: n ≥ 3 × rate)',
    '1000000',
  )
  .option('--env-before <k=v,…>', "environment for the 'before' app (NODE_OPTIONS is added to the app's own)", '')
  .option('--env-after <k=v,…>', "environment for the 'after' app (the same dir twice compares settings)", '')
  .option('--mode-before <mode>', "single (dist/main.js) | cluster (dist/cluster.js) for the 'before' app", 'single')
  .option('--mode-after <mode>', "single | cluster for the 'after' app", 'single')
  .option('--workers <n>', 'cluster processes (WEB_CONCURRENCY) of a cluster app', '2')
  .option(
    '--rate-before <n>',
    "webhooks per second for the 'before' app (default --rate): one process at a cluster process's share",
  )
  .option(...QUESTIONS_OPTION)
  .option(
    '--redis <url>',
    'a Redis server: each app gets its own database (1 and 2), emptied first; default: in-memory',
  )
  .parse();
const o = program.opts<{
  before?: string;
  events: string;
  rounds: string;
  warmup: string;
  rate: string;
  questions: string;
  envBefore: string;
  envAfter: string;
  modeBefore: string;
  modeAfter: string;
  workers: string;
  rateBefore?: string;
  redis?: string;
  users: string;
}>();
for (const m of [o.modeBefore, o.modeAfter])
  if (m !== 'single' && m !== 'cluster')
    throw new Error(`bench: --mode-before/--mode-after: single or cluster, not ${m}`);
const envOf = (spec: string): Record<string, string> =>
  Object.fromEntries(
    spec
      .split(',')
      .filter(Boolean)
      .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
  );
const EVENTS = Number(o.events);
const ROUNDS = Number(o.rounds);
const WARMUP = Number(o.warmup);
const RATE = Number(o.rate);
const rateOf = (app: App) => (app.label === 'before' && o.rateBefore ? Number(o.rateBefore) : RATE);

// ---- the LINE stand-in: records each reply's body (without the token) by app and event ----
const apps = new Map<string, App>();
let others = 0;
const standIn: Server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const path = (req.url ?? '').split('?')[0];
    if (path === '/v2/bot/message/reply') {
      const body = Buffer.concat(chunks).toString('utf8');
      const m = /^\{"replyToken":"([^"]*)",/.exec(body);
      const token = m ? parseReplyToken(m[1]!) : null;
      const app = token ? apps.get(token.run) : undefined;
      if (app && token) {
        const rest = body.slice(m![0].length);
        app.replies.set(token.n, process.env.BENCH_DUMP ? rest : createHash('sha1').update(rest).digest('hex'));
      } else others += 1;
    } else if (path !== '/v2/bot/chat/loading/start') others += 1;
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});
standIn.keepAliveTimeout = 60_000;
await new Promise<void>((r) => standIn.listen(0, '127.0.0.1', r));
const lineUrl = `http://127.0.0.1:${(standIn.address() as AddressInfo).port}`;

async function startApp(
  label: string,
  root: string,
  db: number,
  own: Record<string, string>,
  mode: string,
): Promise<App> {
  const port = await freePort();
  const { NODE_OPTIONS: ownNodeOptions = '', ...ownEnv } = own;
  const cluster = mode === 'cluster';
  const child = spawn(process.execPath, [...benchNodeArgs(), cluster ? 'dist/cluster.js' : 'dist/main.js'], {
    cwd: root,
    env: {
      ...appEnv({
        port,
        lineUrl,
        logLevel: 'info', // as `npm start` runs it: each event writes its line
        redisUrl: o.redis ? `${o.redis.replace(/\/\d*$/, '')}/${db}` : '',
        nodeOptions: ownNodeOptions,
        // as `npm start` caps the single process; the cluster primary caps its workers itself
        heapCap: !cluster,
      }),
      ...(cluster ? { WEB_CONCURRENCY: o.workers } : {}),
      ...ownEnv,
    },
    // the log (JSON lines on stdout) goes through a pipe, as to a log collector, and is counted
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const app = { logLines: 0 };
  const logTo = process.env.BENCH_LOG_DIR ? createWriteStream(`${process.env.BENCH_LOG_DIR}/app-${label}.log`) : null;
  child.stdout?.on('data', (c: Buffer) => {
    logTo?.write(c);
    for (let i = c.indexOf(10); i !== -1; i = c.indexOf(10, i + 1)) app.logLines += 1;
  });
  const base = `http://127.0.0.1:${port}`;
  const pool = new Pool(base, { connections: 8 });
  // the cluster is ready when every process answered /readyz (a new connection per probe: the cluster
  // spreads connections over its processes, not requests)
  const ready = new Set<number>();
  const expected = cluster ? Number(o.workers) : 1;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`bench: ${label} exited with ${child.exitCode}`);
    const r = await request(`${base}/readyz`, { reset: true }).catch(() => null);
    if (r) {
      const body = (await r.body.json().catch(() => ({}))) as { pid?: unknown };
      if (r.statusCode === 200 && typeof body.pid === 'number') ready.add(body.pid);
      if (ready.size >= expected)
        return Object.assign(app, { label, root, mode, child, pool, sent: 0, replies: new Map(), samples: [] });
    } else await sleep(200);
    await sleep(200);
  }
  throw new Error(`bench: ${label} not ready in 240 s`);
}

const questions = encodeQuestions(o.questions === 'fixed' ? FIXED_QUESTIONS : await distinctQuestions(ROOT));
// By default distinct users, so that no event is another's follow-up and the rate limit never applies;
// `--users n` sends n users' messages in turn, so that after the first n each carries its user's session
// context as bench:webhook's 20,000 users do (a session's context costs the engine ~1.5×: README, Performance).
const USERS = Number(o.users);

// Sends events [app.sent, app.sent + count) at the app's rate, then waits for every reply.
async function block(app: App, count: number): Promise<void> {
  const first = app.sent;
  const t0 = performance.now();
  const rate = rateOf(app);
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const { body, signature } = signedRequest(app.label, first + i, USERS, questions);
    inFlight.push(
      app.pool
        .request({
          path: '/webhook/line',
          method: 'POST',
          body,
          headers: { 'content-type': 'application/json', 'x-line-signature': signature },
        })
        .then(async (r) => {
          await r.body.text();
          if (r.statusCode !== 200) throw new Error(`bench: ${app.label} answered ${r.statusCode}`);
        }),
    );
  }
  await Promise.all(inFlight);
  app.sent += count;
  const until = Date.now() + 120_000;
  for (let n = first; n < app.sent; n++) {
    while (!app.replies.has(n)) {
      if (Date.now() > until) throw new Error(`bench: ${app.label} did not reply to event ${n}`);
      await sleep(20);
    }
  }
  await sleep(400); // the completions (stream acknowledgement, analytics) after the last reply
}

function redisPid(): number | null {
  if (!o.redis) return null;
  const port = new URL(o.redis).port || '6379';
  for (const pid of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmd.startsWith('redis-server') && cmd.includes(`:${port}`)) return Number(pid);
    } catch {
      // gone
    }
  }
  return null;
}
const rpid = redisPid();
if (o.redis && !rpid) process.stderr.write('bench: the Redis server process was not found; its CPU is not read\n');
const redisCpu = async () => (rpid ? (await treeTotals(rpid)).cpuMs : 0);

// The main threads' system time (ms): the kernel's share of their work (socket reads and writes, wake-ups);
// for a cluster, the primary's and every worker process's.
function mainSys(pid: number): number {
  const fields = (p: number | string) => {
    const text = readFileSync(`/proc/${p}/task/${p}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  };
  let ms = Number(fields(pid)[12]) * 10;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === pid) continue;
    try {
      const f = fields(name);
      if (Number(f[1]) === pid) ms += Number(f[12]) * 10;
    } catch {
      // gone
    }
  }
  return ms;
}

async function measured(app: App): Promise<void> {
  const sys0 = mainSys(app.child.pid!);
  const before = (await treeTotals(app.child.pid!)).split;
  const r0 = await redisCpu();
  await block(app, EVENTS);
  const after = (await treeTotals(app.child.pid!)).split;
  const r1 = await redisCpu();
  const sys = (mainSys(app.child.pid!) - sys0) / EVENTS;
  const d = (k: keyof CpuSplit) => (after[k] - before[k]) / EVENTS;
  app.samples.push({
    main: d('main'),
    answer: d('answer'),
    other: d('other'),
    redis: (r1 - r0) / EVENTS,
    sys,
    events: EVENTS,
  });
}

// Each app's database starts empty: sessions left by an earlier run would make the same user's question a
// follow-up there, and the two apps' replies would differ for that reason alone.
if (o.redis) {
  for (const db of [1, 2]) {
    const r = new Redis(`${o.redis.replace(/\/\d*$/, '')}/${db}`);
    await r.flushdb();
    r.disconnect();
  }
}
const list: App[] = [];
if (o.before) list.push(await startApp('before', resolvePath(o.before), 1, envOf(o.envBefore), o.modeBefore));
list.push(await startApp('after', ROOT, 2, envOf(o.envAfter), o.modeAfter));
for (const a of list) apps.set(a.label, a);
const rss = async () => Promise.all(list.map(async (a) => `${a.label} ${(await treeTotals(a.child.pid!)).rssMb} MB`));
process.stderr.write(`bench: ready (${(await rss()).join(', ')}); warm-up ${WARMUP} events each\n`);
for (const a of list) await block(a, WARMUP);
for (let r = 0; r < ROUNDS; r++) {
  const order = r % 2 === 0 ? list : [...list].reverse();
  for (const a of order) await measured(a);
  const row = list
    .map((a) => {
      const s = a.samples.at(-1)!;
      return `${a.label} ${(s.main + s.answer + s.other).toFixed(2)} (main ${s.main.toFixed(2)} sys ${s.sys.toFixed(2)} answer ${s.answer.toFixed(2)} other ${s.other.toFixed(2)}${rpid ? ` redis ${s.redis.toFixed(2)}` : ''})`;
    })
    .join(' | ');
  process.stderr.write(`round ${r + 1}: ${row}  load ${loadavg()[0]!.toFixed(1)}\n`);
}
const rssAfter = await rss();

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
console.log(
  `\nbench:webhook-cpu — ${ROUNDS} rounds × ${EVENTS} events per app at ${o.rateBefore && o.before ? `${o.rateBefore}/s (before) and ${RATE}/s (after)` : `${RATE}/s`}, ${o.questions} questions, ${o.redis ? 'Redis' : 'in-memory'}; ms of CPU per event, median of rounds (min–max)`,
);
console.log('| app | total | main thread | of which system | answer worker | other threads | Redis server |');
console.log('|---|---|---|---|---|---|---|');
for (const a of list) {
  const col = (f: (s: App['samples'][number]) => number) => {
    const xs = a.samples.map(f);
    return `${median(xs).toFixed(2)} (${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)})`;
  };
  console.log(
    `| ${a.label} (${a.root}${a.mode === 'cluster' ? `, cluster of ${o.workers}` : ''}) | ${col((s) => s.main + s.answer + s.other)} | ${col((s) => s.main)} | ${col((s) => s.sys)} | ${col((s) => s.answer)} | ${col((s) => s.other)} | ${rpid ? col((s) => s.redis) : '—'} |`,
  );
}
console.log(
  `RSS after: ${rssAfter.join(', ')}; load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
if (list.length === 2) {
  const [b, a] = list as [App, App];
  let same = 0;
  const differ: number[] = [];
  for (const [n, h] of b.replies) {
    if (a.replies.get(n) === h) same += 1;
    else differ.push(n);
  }
  if (process.env.BENCH_DUMP && differ.length) {
    const n = differ[0]!;
    console.log(`event ${n}:\n${b.replies.get(n)}\n${a.replies.get(n)}`);
  }
  console.log(
    `replies: ${same} identical, ${differ.length} differ${differ.length ? ` (events ${differ.slice(0, 10).join(', ')}…)` : ''}`,
  );
}
if (others) console.log(`other LINE calls: ${others}`);

// BENCH_THREADS=1: each app's CPU by thread name over its whole life (which helpers the "other" column is)
if (process.env.BENCH_THREADS) {
  for (const a of list) {
    const by = new Map<string, number>();
    for (const tid of readdirSync(`/proc/${a.child.pid}/task`)) {
      try {
        const text = readFileSync(`/proc/${a.child.pid}/task/${tid}/stat`, 'utf8');
        const comm = text.slice(text.indexOf('(') + 1, text.lastIndexOf(')'));
        const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
        by.set(comm, (by.get(comm) ?? 0) + (Number(f[11]) + Number(f[12])) * 10);
      } catch {
        // ended
      }
    }
    const parts = [...by].sort((x, y) => y[1] - x[1]).map(([k, v]) => `${k} ${v} ms`);
    console.log(`threads of ${a.label}: ${parts.join(', ')}`);
  }
}
for (const a of list) {
  a.child.kill('SIGTERM');
  await new Promise((r) => a.child.once('exit', r));
  await a.pool.close();
}
standIn.closeAllConnections();
standIn.close();
