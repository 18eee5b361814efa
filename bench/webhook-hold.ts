// npm run bench:webhook-hold [-- --hold 480 --rate 100 --users 5000]
// Does a serving process's memory level off once what grows with traffic is full? The compiled server (as
// `npm start` runs it, one process) gets signed webhooks of distinct questions from several thousand users at
// a fixed modest rate (paced, open loop) for --hold seconds. Every --sample seconds it reads the process's RSS
// (main thread, answer workers and V8's helpers: the whole process, /proc) and the app's /metrics: each
// traffic-grown structure's size and bound (madoguchi_retained_size / _limit) and the heap each thread kept
// after its latest full GC (madoguchi_heap_live_bytes). It reports when each bound was reached, RSS and the
// kept heap then and at the end, and the slope of both after the last bound was reached (least squares,
// MB/min; the verdict reads the later half of that time, once V8's heaps settled) against --tolerance. The
// bounds are the app's configuration, so a short run shrinks them through the environment (README:
// Performance), e.g.
//   ANSWER_CACHE_SIZE=1000 SESSION_MAX_CHARS=2000000 LINE_DEDUP_IDS=6000 UNANSWERED_MAX_ENTRIES=1000 \
//     npm run bench:webhook-hold -- --hold 420 --rate 100 --users 5000
// Linux only (RSS from /proc). Writes JSON to bench/results/.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { treeTotals } from './proc-stats.js';
import { fetchText, parseLiveHeap, parseRetained } from './stage-metrics.js';
import { runPaced, startApp, startStandIn, stopApp } from './webhook-app.js';
import { distinctQuestions, freePort } from './webhook-requests.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// A bound counts as reached at this share of it: a size bound (characters) is kept just under by evicting
// whole entries, so it is never met exactly.
const FULL = 0.98;

export interface Sample {
  t: number; // seconds since the hold began (after the ramp)
  rssMb: number;
  cpuMs: number;
  replies: number; // answers the LINE stand-in received so far
  heapMb: Record<string, number>; // kept after the latest full GC, by thread
  retained: Record<string, { size: number; limit?: number }>;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
const keptMb = (s: Sample) => round1(sum(Object.values(s.heapMb)));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Least-squares slope of y per minute (t in seconds); NaN with fewer than two points. */
export function slopePerMinute(points: { t: number; y: number }[]): number {
  if (points.length < 2) return Number.NaN;
  const xs = points.map((p) => p.t / 60);
  const mx = sum(xs) / xs.length;
  const my = sum(points.map((p) => p.y)) / points.length;
  let num = 0;
  let den = 0;
  points.forEach((p, i) => {
    num += (xs[i]! - mx) * (p.y - my);
    den += (xs[i]! - mx) ** 2;
  });
  return den > 0 ? num / den : Number.NaN;
}

/** When each structure with a bound first reached it (seconds into the hold), or null when it never did. */
export function boundsReached(samples: Sample[]): Map<string, number | null> {
  const out = new Map<string, number | null>();
  for (const s of samples) {
    for (const [name, r] of Object.entries(s.retained)) {
      if (r.limit === undefined || r.limit <= 0) continue;
      if (!out.has(name)) out.set(name, null);
      if (out.get(name) === null && r.size >= FULL * r.limit) out.set(name, s.t);
    }
  }
  return out;
}

async function sample(pid: number, base: string, t: number, replies: number): Promise<Sample> {
  const [proc, text] = await Promise.all([treeTotals(pid), fetchText(`${base}/metrics`)]);
  return {
    t,
    rssMb: proc.rssMb,
    cpuMs: proc.cpuMs,
    replies,
    heapMb: parseLiveHeap(text ?? '', 1),
    retained: parseRetained(text ?? ''),
  };
}

async function main() {
  const o = new Command()
    .option('--hold <s>', 'seconds held at the rate (after the ramp)', '480')
    .option('--rate <n>', 'webhooks per second, one event each, a distinct question in turn', '100')
    .option('--users <n>', 'distinct LINE users (request n is user n mod users)', '5000')
    .option('--ramp <s>', 'seconds of linear ramp up to the rate before the hold', '10')
    .option('--sample <s>', 'seconds between samples', '5')
    .option('--connections <n>', 'connections of the sender', '16')
    .option(
      '--tolerance <mb>',
      'pass: |RSS slope| after the last bound (its later half) at most this many MB a minute',
      '1',
    )
    .option('--no-build', 'use dist/ as it is (default: npm run build first)')
    .parse()
    .opts();
  const hold = Number(o.hold);
  const rate = Number(o.rate);
  const users = Number(o.users);
  const ramp = Number(o.ramp);
  const every = Number(o.sample) * 1000;
  const tolerance = Number(o.tolerance);
  if (o.build !== false) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  const questionsFile = fileURLToPath(new URL('results/webhook-questions.json', import.meta.url));
  mkdirSync(new URL('results/', import.meta.url), { recursive: true });
  const questions = await distinctQuestions(ROOT);
  writeFileSync(questionsFile, JSON.stringify(questions));

  const line = await startStandIn();
  const port = await freePort();
  const { child, base } = await startApp('single', port, line.url, 1);
  const pid = child.pid!;
  const samples: Sample[] = [];
  const atReady = await sample(pid, base, -ramp, 0);
  process.stderr.write(
    `bench: hold ${hold} s at ${rate}/s after a ${ramp} s ramp; ${users} users, ${questions.length} distinct questions; RSS at ready ${atReady.rssMb} MB\n`,
  );
  let holdStart = 0;
  let sampler: NodeJS.Timeout | undefined;
  let result: Awaited<ReturnType<typeof runPaced>>;
  try {
    result = await runPaced(
      {
        url: base,
        path: '/webhook/line',
        rate,
        warmupSeconds: ramp,
        seconds: hold,
        connections: Number(o.connections),
        users,
        run: 'hold',
        timeoutMs: 10_000,
        questionsFile,
      },
      (m) => {
        holdStart = m.t0EpochMs + m.measureFromMs;
        const tick = async () => {
          const s = await sample(pid, base, Math.round((Date.now() - holdStart) / 1000), line.replies + line.pushes);
          samples.push(s);
          if (samples.length % Math.max(1, Math.round(60_000 / every)) === 0) process.stderr.write(`${progress(s)}\n`);
        };
        setTimeout(() => {
          void tick();
          sampler = setInterval(() => void tick(), every);
        }, holdStart - Date.now());
      },
    );
  } finally {
    clearInterval(sampler);
  }
  await sleep(Math.min(every, 2000));
  const exitCode = await stopApp(child);
  await line.close();
  report({ samples, atReady, result, hold, rate, users, ramp, tolerance, exitCode, questions: questions.length });
}

function progress(s: Sample): string {
  const full = Object.entries(s.retained)
    .map(([n, r]) => `${n} ${r.size}${r.limit !== undefined ? `/${r.limit}` : ''}`)
    .join(', ');
  return `bench: ${s.t} s: RSS ${s.rssMb} MB, kept heap ${JSON.stringify(s.heapMb)} MB, ${s.replies} answered; ${full}`;
}

function report(r: {
  samples: Sample[];
  atReady: Sample;
  result: Awaited<ReturnType<typeof runPaced>>;
  hold: number;
  rate: number;
  users: number;
  ramp: number;
  tolerance: number;
  exitCode: number | null;
  questions: number;
}) {
  const { samples, tolerance } = r;
  const last = samples.at(-1);
  if (!last) throw new Error('bench: no samples');
  const reached = boundsReached(samples);
  const times = [...reached.values()].filter((t): t is number => t !== null);
  const lastBound = times.length ? Math.max(...times) : null;
  const at = (t: number) => samples.find((s) => s.t >= t) ?? last;
  console.log(
    `\nbench:webhook-hold — one process, ${r.rate} webhooks/s of distinct questions (${r.questions} in turn) from ${r.users} users, ${r.hold} s held after a ${r.ramp} s ramp; load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  const sent = r.result.completed + r.result.non2xx;
  console.log(
    `sent ${sent} in the hold (${r.result.non2xx} non-2xx, ${r.result.errors} errors, ${r.result.timeouts} timeouts); ack p50/p99 ${r.result.latencyMs.p50}/${r.result.latencyMs.p99} ms; answered by the end ${last.replies} (ramp included); app exit ${r.exitCode}`,
  );
  console.log(`at ready: RSS ${r.atReady.rssMb} MB, kept heap ${JSON.stringify(r.atReady.heapMb)} MB\n`);
  console.log('| structure | bound | reached at | size at the end | RSS then (MB) | kept heap then (MB) |');
  console.log('|---|---|---|---|---|---|');
  // A structure short of its bound is still filling when it grew over the last two minutes; otherwise this
  // traffic fills it no further (the webhook never uses the store's claimed ids, nor chooses municipalities).
  const twoMinAgo = at(last.t - 120);
  const filling = (name: string) => (last.retained[name]?.size ?? 0) > (twoMinAgo.retained[name]?.size ?? 0);
  for (const [name, t] of reached) {
    const end = last.retained[name]!;
    const then = t === null ? null : at(t);
    const share = `${Math.round((100 * end.size) / (end.limit ?? 1))}%`;
    const when = t !== null ? `${t} s` : filling(name) ? `not yet (${share}, still filling)` : `no (${share}, level)`;
    console.log(
      `| ${name} | ${end.limit} | ${when} | ${end.size} | ${then?.rssMb ?? '-'} | ${then ? keptMb(then) : '-'} |`,
    );
  }
  for (const [name, e] of Object.entries(last.retained))
    if (e.limit === undefined) console.log(`| ${name} | (time) | - | ${e.size} | - | - |`);
  const after = lastBound === null ? [] : samples.filter((s) => s.t >= lastBound);
  // Right after the last bound V8's heaps are still growing to the size their collector settles at (a heap's
  // limit follows what it keeps): the verdict reads the later half of the time after it, and both are shown.
  const settledFrom = lastBound === null ? last.t : lastBound + (last.t - lastBound) / 2;
  const settled = after.filter((s) => s.t >= settledFrom);
  const slopes = (xs: Sample[]) => ({
    minutes: xs.length >= 2 ? round1((xs.at(-1)!.t - xs[0]!.t) / 60) : 0,
    rss: round1(slopePerMinute(xs.map((s) => ({ t: s.t, y: s.rssMb })))),
    kept: round1(slopePerMinute(xs.map((s) => ({ t: s.t, y: keptMb(s) })))),
    threads: Object.keys(last.heapMb)
      .map((th) => `${th} ${round1(slopePerMinute(xs.map((s) => ({ t: s.t, y: s.heapMb[th] ?? Number.NaN }))))}`)
      .join(', '),
  });
  const whole = slopes(after);
  const late = slopes(settled);
  const series = (f: (s: Sample) => number) =>
    samples.filter((_, i) => i % 12 === 0 || i === samples.length - 1).map(f);
  console.log(`\nRSS (MB) each minute: [${series((s) => s.rssMb).join(' ')}]`);
  console.log(`kept heap, all threads (MB) each minute: [${series(keptMb).join(' ')}]`);
  const answeredRate = after.length >= 2 ? Math.round((last.replies - after[0]!.replies) / (last.t - after[0]!.t)) : 0;
  console.log(
    `\nafter the last bound (${lastBound ?? '-'} s; ${whole.minutes} min, answered ${answeredRate}/s of ${r.rate}/s offered): RSS ${after[0]?.rssMb ?? '-'} → ${last.rssMb} MB (max ${after.length ? Math.max(...after.map((s) => s.rssMb)) : '-'}), slope ${whole.rss} MB/min; kept heap ${after[0] ? keptMb(after[0]) : '-'} → ${keptMb(last)} MB, slope ${whole.kept} MB/min (${whole.threads})`,
  );
  console.log(
    `its later half (from ${Math.round(settledFrom)} s; ${late.minutes} min): RSS ${settled[0]?.rssMb ?? '-'} → ${last.rssMb} MB, slope ${late.rss} MB/min; kept heap slope ${late.kept} MB/min (${late.threads})`,
  );
  const notReached = [...reached].filter(([n, t]) => t === null && filling(n)).map(([n]) => n);
  // RSS decides; the kept heap is read only at full GCs and moves by several MB with when they fall (shown)
  const flat = Math.abs(late.rss) <= tolerance;
  console.log(
    late.minutes < 2
      ? `RSS flat: NOT SHOWN (less than 4 min held after the last bound; hold longer or shrink the bounds)`
      : `RSS flat: ${flat ? 'PASS' : 'FAIL'} (|RSS slope| ≤ ${tolerance} MB/min, ${round1((100 * tolerance) / Math.max(1, last.rssMb))}% of the process a minute, over the later ${late.minutes} min after the last bound)${notReached.length ? `; still filling, short of their bounds: ${notReached.join(', ')}` : ''}`,
  );
  const file = new URL(`results/webhook-hold-${new Date().toISOString().replaceAll(':', '-')}.json`, import.meta.url);
  writeFileSync(
    file,
    `${JSON.stringify({ at: new Date().toISOString(), ...r, reached: Object.fromEntries(reached), whole, late }, null, 2)}\n`,
  );
  console.log(`\nwrote ${fileURLToPath(file)}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
