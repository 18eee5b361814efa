// npm run bench:rss [-- --starts 5 --root ../other-checkout]: starts the compiled server (`node dist/main.js`,
// in-memory state, the LINE webhook on, one answer worker unless --workers) N times and reads its RSS
// `--settle` ms after /readyz first answers 200: median and max, with the part of it in malloc's heap
// ([heap] in /proc/PID/smaps) and in the node binary's pages, and the time to ready; then `--questions`
// distinct questions (bench/questions.ts) over POST /api/answer, one at a time: the answer workers' CPU per
// question and the RSS after them (what a memory setting costs in speed). With several --root
// (checkouts with their own dist/, node_modules and .cache) the starts are interleaved, so a before/after
// comparison shares the machine's load. Each root is started once first, uncounted, so that its index cache
// is written if it was missing or stale. Linux only (reads /proc).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { loadKnowledge } from '../src/knowledge/index.js';
import { treeTotals } from './proc-stats.js';
import { type BenchQuestion, generateQuestions } from './questions.js';

const o = new Command()
  .option('--starts <n>', 'starts per root', '5')
  .option('--root <dir...>', 'checkouts to compare (each with dist/ built)', [resolve(import.meta.dirname, '..')])
  .option('--settle <ms>', 'wait after /readyz before reading RSS', '1000')
  .option('--workers <n>', 'ANSWER_WORKERS', '1')
  .option('--questions <n>', 'then distinct questions over POST /api/answer, one at a time', '200')
  .parse()
  .opts();

interface Sample {
  rssMb: number;
  mallocHeapMb: number; // glibc's brk heap
  binaryMb: number; // the node executable's resident pages
  readyMs: number;
  answerCpuMs: number; // the answer workers' CPU per question
  rssAfterMb: number; // after the questions
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function post(url: string, body: unknown): Promise<number> {
  return new Promise((done, fail) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => done(res.statusCode ?? 0));
    });
    req.on('error', fail);
    req.end(JSON.stringify(body));
  });
}

function status(url: string): Promise<number> {
  return new Promise((done) => {
    const req = request(url, { timeout: 2000 }, (res) => {
      res.resume();
      done(res.statusCode ?? 0);
    });
    req.on('error', () => done(0));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

/** Resident MB of the mappings of `pid` whose name passes `pick`. */
function residentOf(pid: number, pick: (name: string) => boolean): number {
  let kb = 0;
  let take = false;
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const head = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) take = pick(head[1] ?? '');
    else if (take && line.startsWith('Rss:')) kb += Number(line.split(/\s+/)[1]);
  }
  return Math.round(kb / 1024);
}

async function startOnce(root: string): Promise<Sample> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      REDIS_URL: '',
      LINE_CHANNEL_SECRET: 'bench-secret',
      LINE_CHANNEL_ACCESS_TOKEN: 'bench-token',
      ANSWER_WORKERS: String(o.workers),
      API_RATE_LIMIT: '1000000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  try {
    // the port chosen by the OS, from the "listening" log line
    const url = await new Promise<string>((resolveUrl, reject) => {
      let buffered = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const m = /"url":"(http:\/\/[^"]+)"/.exec(buffered);
        if (m?.[1]) resolveUrl(m[1]);
      });
      child.once('exit', (code) => reject(new Error(`bench: server exited (code ${code}) before listening`)));
    });
    while ((await status(`${url}/readyz`)) !== 200) await sleep(20);
    const readyMs = performance.now() - t0;
    await sleep(Number(o.settle));
    const pid = child.pid!;
    const atReady = await treeTotals(pid);
    const sample = {
      rssMb: atReady.rssMb,
      mallocHeapMb: residentOf(pid, (name) => name === '[heap]'),
      binaryMb: residentOf(pid, (name) => name === process.execPath || name.endsWith('/bin/node')),
      readyMs,
    };
    for (const q of questions) {
      const code = await post(`${url}/api/answer`, {
        question: q.q,
        ...(q.municipality ? { municipality: q.municipality } : {}),
      });
      if (code !== 200) throw new Error(`bench: POST /api/answer answered ${code}`);
    }
    const after = await treeTotals(pid);
    return {
      ...sample,
      answerCpuMs: questions.length ? (after.split.answer - atReady.split.answer) / questions.length : 0,
      rssAfterMb: after.rssMb,
    };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const roots: string[] = (o.root as string[]).map((r) => resolve(r));
// Distinct questions (none answered from the answer cache), the same in every start.
let questions: BenchQuestion[] = [];
if (Number(o.questions) > 0) {
  const loaded = await loadKnowledge({ root: resolve(import.meta.dirname, '..') });
  if (!loaded.ok) throw new Error('bench: knowledge did not load');
  questions = generateQuestions(loaded.snapshot).slice(0, Number(o.questions));
}
const samples = new Map<string, Sample[]>(roots.map((r) => [r, []]));
const load = () => loadavg()[0]!.toFixed(1);
process.stderr.write(`bench:rss: ${o.starts} starts × ${roots.length} root(s), load average ${load()}\n`);
// One uncounted start each: a checkout whose index cache is missing or stale writes it then.
for (const root of roots) await startOnce(root);
for (let i = 0; i < Number(o.starts); i++) {
  for (const root of roots) {
    const s = await startOnce(root);
    samples.get(root)!.push(s);
    process.stderr.write(
      `  ${root}: RSS ${s.rssMb} MB (malloc heap ${s.mallocHeapMb}), ready ${s.readyMs.toFixed(0)} ms; ` +
        `after ${questions.length} questions ${s.rssAfterMb} MB, ${s.answerCpuMs.toFixed(2)} ms answer-worker CPU each\n`,
    );
  }
}
const rows = roots.map((root) => {
  const ss = samples.get(root)!;
  const rss = ss.map((s) => s.rssMb);
  return {
    root,
    starts: ss.length,
    rssMedianMb: median(rss),
    rssMaxMb: Math.max(...rss),
    rssMinMb: Math.min(...rss),
    mallocHeapMedianMb: median(ss.map((s) => s.mallocHeapMb)),
    binaryMedianMb: median(ss.map((s) => s.binaryMb)),
    readyMedianMs: Math.round(median(ss.map((s) => s.readyMs))),
    questions: questions.length,
    rssAfterMedianMb: median(ss.map((s) => s.rssAfterMb)),
    answerCpuMsMedian: Number(median(ss.map((s) => s.answerCpuMs)).toFixed(2)),
  };
});
console.log(JSON.stringify({ settleMs: Number(o.settle), answerWorkers: Number(o.workers), loadAvg: load(), rows }));
