// RSS and CPU of a process tree (the app, or the cluster primary with its workers) from /proc, with the CPU
// split by thread: each process's main thread (HTTP, LINE intake, sessions, replies), its answer workers
// (threads that name themselves "answer-worker", src/answer-worker.ts) and the rest (V8's GC and compiler
// helpers, libuv's pool). Linux only; elsewhere every figure is 0.
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { ANSWER_THREAD_NAME } from '../src/answer-protocol.js';

export interface CpuSplit {
  main: number; // ms of CPU (user + system)
  answer: number;
  other: number; // the process's CPU less its main thread and answer workers (ended threads included)
}

export interface TreeTotals {
  rssMb: number;
  cpuMs: number;
  split: CpuSplit;
}

const TICK_MS = 1000 / 100; // USER_HZ is 100 on Linux
const PAGE_BYTES = 4096;

// The fields after "(comm) ": state (0), ppid (1), … utime (11), stime (12), … rss in pages (21).
function statFields(text: string): { comm: string; f: string[] } {
  const close = text.lastIndexOf(')');
  return { comm: text.slice(text.indexOf('(') + 1, close), f: text.slice(close + 2).split(' ') };
}

async function threadSplit(pid: number, into: CpuSplit): Promise<void> {
  for (const tid of await readdir(`/proc/${pid}/task`).catch(() => [] as string[])) {
    try {
      const { comm, f } = statFields(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8'));
      const ms = (Number(f[11]) + Number(f[12])) * TICK_MS;
      if (Number(tid) === pid) into.main += ms;
      else if (comm === ANSWER_THREAD_NAME) into.answer += ms;
    } catch {
      // the thread ended meanwhile
    }
  }
}

export async function treeTotals(pid: number): Promise<TreeTotals> {
  const procs = new Map<number, { ppid: number; rss: number; cpu: number }>();
  for (const name of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const { f } = statFields(readFileSync(`/proc/${name}/stat`, 'utf8'));
      procs.set(Number(name), {
        ppid: Number(f[1]),
        rss: Number(f[21]) * PAGE_BYTES,
        cpu: (Number(f[11]) + Number(f[12])) * TICK_MS,
      });
    } catch {
      // gone
    }
  }
  let rss = 0;
  let cpuMs = 0;
  const split: CpuSplit = { main: 0, answer: 0, other: 0 };
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    rss += procs.get(p)?.rss ?? 0;
    cpuMs += procs.get(p)?.cpu ?? 0;
    if (procs.has(p)) await threadSplit(p, split);
    for (const [child, info] of procs) if (info.ppid === p) stack.push(child);
  }
  // the rest by difference: a process's own figure also holds the time of threads that have ended
  split.other = Math.max(0, cpuMs - split.main - split.answer);
  return { rssMb: Math.round(rss / 2 ** 20), cpuMs, split };
}
