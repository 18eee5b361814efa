// npm run bench:scale [-- --factors 1,4,16 --questions 600]: the corpus ×1, ×4 and ×16 (bench/scale-corpus.ts:
// copies of every municipality under new ids, text changed), each started in a child process without and then
// with the index cache: build time, cache load, RSS at ready, and per question after start-up (the plain
// engine: no answer cache, no analysis memo) for questions scoped to one municipality (chosen or named) and
// unscoped ones (every shard). Then the reload stall: the compiled server on the ×16 corpus, /healthz probed
// every 5 ms while POST /admin/reload runs after one document is edited, and after the cache is removed.
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { loadKnowledge } from '../src/knowledge/index.js';
import { generateQuestions } from './questions.js';
import { makeScaledCorpus } from './scale-corpus.js';

const ROOT = resolve(import.meta.dirname, '..');
const o = new Command()
  .option('--factors <list>', 'corpus sizes', '1,4,16')
  .option('--questions <n>', 'questions per factor (half scoped, half unscoped)', '600')
  .option('--no-reload', 'skip the reload stall')
  .option('--no-sizes', 'skip the per-size start-ups (reload stall only)')
  .option('--heap <mb>', "the server's V8 heap cap for the reload stall (npm start's is 384)", '384')
  .option('--no-build', 'use dist/ as it is (default: npm run build first)')
  .parse()
  .opts();
const factors = String(o.factors).split(',').map(Number);

interface Child {
  knowledgeMs: number;
  readyMs: number;
  rssMb: number;
  fromCache: boolean;
  shards: number;
  timings: Record<string, { p50: number; p99: number; mean: number; n: number }>;
}
const child = (root: string, cacheDir: string, questionsFile?: string): Child => {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'bench/scale-child.ts'), root, cacheDir, ...(questionsFile ? [questionsFile] : [])],
    { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 },
  );
  return JSON.parse(out.trim().split('\n').pop()!) as Child;
};

// The same questions at every size: generated from the bundled corpus, scoped ones to the bundled five.
const bundled = await loadKnowledge({ root: ROOT });
if (!bundled.ok) throw new Error('bench: knowledge did not load');
const all = generateQuestions(bundled.snapshot);
const n = Number(o.questions);
const questions = [
  ...all.filter((q) => q.scope !== 'none').slice(0, n / 2),
  ...all.filter((q) => q.scope === 'none').slice(0, n / 2),
];
mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
const questionsFile = join(ROOT, 'bench/results/scale-questions.json');
writeFileSync(questionsFile, JSON.stringify(questions));

const rows: Record<string, unknown>[] = [];
const roots: string[] = [];
for (const factor of factors) {
  const root = makeScaledCorpus(factor);
  roots.push(root);
  if (o.sizes === false) continue;
  const cacheDir = join(root, '.cache');
  process.stderr.write(`bench:scale ×${factor}: ${root}\n`);
  const cold = child(root, cacheDir); // builds every shard and writes the cache
  const warm = child(root, cacheDir, questionsFile); // reads the cache, then answers
  rows.push({
    factor,
    shards: warm.shards,
    buildReadyMs: Math.round(cold.readyMs),
    cacheReadyMs: Math.round(warm.readyMs),
    rssAtReadyMb: Math.round(warm.rssMb),
    rssAfterBuildMb: Math.round(cold.rssMb),
    cacheHit: warm.fromCache,
    scopedP50: warm.timings.scoped?.p50,
    scopedP99: warm.timings.scoped?.p99,
    unscopedP50: warm.timings.unscoped?.p50,
    unscopedP99: warm.timings.unscoped?.p99,
  });
}

const f = (x: unknown, d = 1) => (typeof x === 'number' ? x.toFixed(d) : '-');
console.log(
  `\nbench:scale — node ${process.version}, ${cpus().length} cpus, load average ${f(loadavg()[0])}; ${questions.length} questions per size\n`,
);
console.log(
  '| corpus | shards | start-up, build | start-up, cache | RSS at ready | scoped p50 / p99 | unscoped p50 / p99 |',
);
console.log('|---|---|---|---|---|---|---|');
for (const r of rows)
  console.log(
    `| ×${r.factor} | ${r.shards} | ${r.buildReadyMs} ms | ${r.cacheReadyMs} ms | ${r.rssAtReadyMb} MB | ${f(r.scopedP50, 2)} / ${f(r.scopedP99, 2)} ms | ${f(r.unscopedP50, 2)} / ${f(r.unscopedP99, 2)} ms |`,
  );
const first = rows[0];
const last = rows.at(-1);
if (first && last && last !== first)
  console.log(
    `\nscoped p99 ×${last.factor} / ×${first.factor}: ${f((last.scopedP99 as number) / (first.scopedP99 as number), 2)} (target ≤ 2)`,
  );

// ---- the reload stall ----
interface Stall {
  what: string;
  reloadMs: number;
  status: number;
  healthzMaxMs: number;
  healthzP99Ms: number;
  probes: number;
  rssMb: { before: number; peak: number; after: number }; // the whole process (main thread + answer workers)
}
const stalls: Stall[] = [];
let rssAtReadyMb = 0;
const rssOf = (pid: number | undefined): number => {
  try {
    return Math.round(
      Number(
        execFileSync('ps', ['-o', 'rss=', '-p', String(pid)])
          .toString()
          .trim(),
      ) / 1024,
    );
  } catch {
    return 0;
  }
};
const get = (port: number, path: string, method = 'GET') =>
  new Promise<{ status: number; ms: number }>((res) => {
    const t = performance.now();
    const req = request({ host: '127.0.0.1', port, path, method, agent: false }, (r) => {
      r.resume();
      r.on('end', () => res({ status: r.statusCode ?? 0, ms: performance.now() - t }));
    });
    req.on('error', () => res({ status: 0, ms: performance.now() - t }));
    req.end();
  });
if (o.reload !== false) {
  if (o.build !== false) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  const factor = Math.max(...factors);
  const root = roots[factors.indexOf(factor)]!;
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const app = spawn(process.execPath, [`--max-old-space-size=${Number(o.heap)}`, join(ROOT, 'dist/main.js')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', REDIS_URL: '', CONSOLE_TOKEN: '' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    // the first start on this corpus builds every shard: wait for it (up to 10 minutes on a busy machine)
    for (let i = 0; i < 3000 && (await get(port, '/readyz')).status !== 200; i++) {
      if (app.exitCode !== null || app.signalCode !== null)
        throw new Error(`bench: the app exited (${app.exitCode ?? app.signalCode}) during start-up`);
      await new Promise((r) => setTimeout(r, 200));
    }
    await new Promise((r) => setTimeout(r, 2000));
    rssAtReadyMb = rssOf(app.pid);
    const measure = async (what: string, before: () => void) => {
      before();
      const lat: number[] = [];
      let done = false;
      const rss = { before: rssOf(app.pid), peak: 0, after: 0 };
      let sampled = 0;
      const probing = (async () => {
        while (!done) {
          lat.push((await get(port, '/healthz')).ms);
          if (performance.now() - sampled > 200) {
            rss.peak = Math.max(rss.peak, rssOf(app.pid));
            sampled = performance.now();
          }
          await new Promise((r) => setTimeout(r, 5));
        }
      })();
      await new Promise((r) => setTimeout(r, 200));
      const reload = await get(port, '/admin/reload', 'POST');
      await new Promise((r) => setTimeout(r, 200));
      done = true;
      await probing;
      await new Promise((r) => setTimeout(r, 1000)); // the old answer worker ends once its questions are done
      rss.after = rssOf(app.pid);
      const sorted = [...lat].sort((a, b) => a - b);
      stalls.push({
        what,
        reloadMs: Math.round(reload.ms),
        status: reload.status,
        healthzMaxMs: Math.round(sorted.at(-1) ?? 0),
        healthzP99Ms: Math.round(sorted[Math.ceil(sorted.length * 0.99) - 1] ?? 0),
        probes: lat.length,
        rssMb: rss,
      });
    };
    await measure(`×${factor}, nothing changed`, () => {});
    await measure(`×${factor}, one document edited`, () =>
      appendFileSync(join(root, 'seeds/koganei-x2-koganei-dx.txt'), '\n追記の段落です。デジタル化を進めます。\n'),
    );
    await measure(`×${factor}, cache removed (every shard rebuilt)`, () =>
      rmSync(join(root, '.cache'), { recursive: true, force: true }),
    );
  } finally {
    app.kill('SIGTERM');
  }
  console.log(`\nreload stall: the compiled server on the ×${factor} corpus, V8 heap cap ${o.heap} MB`);
  console.log(`RSS at ready: ${rssAtReadyMb} MB`);
  console.log('\n| reload | reload took | /healthz max | /healthz p99 | probes | RSS before → peak → after |');
  console.log('|---|---|---|---|---|---|');
  for (const s of stalls)
    console.log(
      `| ${s.what} | ${s.reloadMs} ms (${s.status}) | ${s.healthzMaxMs} ms | ${s.healthzP99Ms} ms | ${s.probes} | ${s.rssMb.before} → ${s.rssMb.peak} → ${s.rssMb.after} MB |`,
    );
}
for (const r of roots) rmSync(r, { recursive: true, force: true });
const file = join(ROOT, 'bench/results', `scale-bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), rows, stalls, rssAtReadyMb }, null, 2)}\n`);
console.log(`\nwrote ${file.replace(`${ROOT}/`, '')}`);
