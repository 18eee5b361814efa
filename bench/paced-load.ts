// A constant-rate (open-loop) webhook sender, run as its own process by webhook.ts so that it does not
// share an event loop with the LINE stand-in. Request n is due at t0 + n / rate whether or not earlier
// ones were answered, and its latency counts from that due time (wrk2's method: a stalled server shows as
// latency, not as requests never sent). autocannon's overallRate instead sends each connection's quota at
// the start of every second, a burst test (a bare node:http server measures p99 ≈ 35 ms under it here).
// One process runs the warm-up, a linear ramp from 0 to the rate (a cold server is not met with its full
// load at once; its JIT and answer caches fill on the way), then the measured window at the rate, so no
// start-up is measured. Input: a JSON argument; output: one JSON line; IPC: 'start' with the schedule.

import { readFileSync } from 'node:fs';
import { Pool } from 'undici';
import { encodeQuestions, FIXED_QUESTIONS, signedRequest } from './webhook-requests.js';

export interface PacedLoadInput {
  url: string; // the server's origin
  path: string;
  rate: number; // requests per second
  warmupSeconds: number; // sent, not measured
  seconds: number; // measured
  connections: number;
  users: number;
  run: string; // names this run in reply tokens
  timeoutMs: number;
  questionsFile?: string; // a JSON array of question texts, sent in turn; default: the 12 fixed questions
  offset?: number; // start at this question and user (an earlier run against the same app sent that many)
}

export interface PacedSchedule {
  type: 'start';
  run: string;
  t0EpochMs: number; // wall-clock time request 0 was due
  intervalMs: number;
  firstMeasured: number; // requests before this one are the warm-up
  measureFromMs: number; // request firstMeasured + k is due at t0EpochMs + measureFromMs + k * intervalMs
}

interface Latencies {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export interface PacedLoadResult {
  intervalMs: number;
  sent: number; // in the measured window
  completed: number; // 2xx
  non2xx: number;
  errors: number; // connection errors
  timeouts: number;
  latencyMs: Latencies; // from each request's due time
  fromSendMs: Latencies; // from the moment it was handed to the connection pool
  lateMs: Latencies; // how late the sender itself sent (its own health: should be ~1 ms)
  maxBySecondMs: number[]; // the slowest request due in each second: when the run was slow, not only how much
  cpuCores: number; // this process's CPU during the measured window, in cores
}

const input = JSON.parse(process.argv[2] ?? '{}') as PacedLoadInput;
const questions = encodeQuestions(
  input.questionsFile ? (JSON.parse(readFileSync(input.questionsFile, 'utf8')) as string[]) : FIXED_QUESTIONS,
);
const intervalMs = 1000 / input.rate;
const warmupMs = input.warmupSeconds * 1000;
// A ramp from 0 to the rate over the warm-up sends rate × warm-up / 2 requests; request i of them is due
// when that many have been sent, at sqrt(2 · warm-up · i · interval) ms.
const firstMeasured = Math.floor((input.rate * input.warmupSeconds) / 2);
const total = firstMeasured + Math.round(input.rate * input.seconds);
const dueAt = (i: number) =>
  i < firstMeasured ? Math.sqrt(2 * warmupMs * i * intervalMs) : warmupMs + (i - firstMeasured) * intervalMs;
const measured = total - firstMeasured;
const pool = new Pool(input.url, {
  connections: input.connections,
  pipelining: 1,
  keepAliveTimeout: 60_000,
  headersTimeout: input.timeoutMs,
  bodyTimeout: input.timeoutMs,
});
// per measured request: latency from due, from send, and how late it was sent
const fromDue = new Float64Array(measured).fill(Number.NaN);
const fromSend = new Float64Array(measured).fill(Number.NaN);
const late = new Float64Array(measured).fill(Number.NaN);
const counts = { sent: 0, completed: 0, non2xx: 0, errors: 0, timeouts: 0 };

let t0 = 0;
let outstanding = 0;
let next = 0;
let finish: () => void = () => undefined;
const finished = new Promise<void>((resolve) => {
  finish = resolve;
});

let cpuAtMeasure: NodeJS.CpuUsage | undefined;
let measureStart = 0;

function send(i: number, now: number) {
  if (i === firstMeasured) {
    cpuAtMeasure = process.cpuUsage();
    measureStart = now;
  }
  const due = t0 + dueAt(i);
  const m = i - firstMeasured; // index in the measured window, negative in the warm-up
  const { body, signature } = signedRequest(input.run, i, input.users, questions, input.offset ?? 0);
  const sentAt = performance.now();
  if (m >= 0) {
    late[m] = now - due;
    counts.sent += 1;
  }
  outstanding += 1;
  let status = 0;
  // dispatch with a handler: no promise or body stream per request (the sender shares the machine)
  pool.dispatch(
    {
      path: input.path,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-line-signature': signature },
      body,
      headersTimeout: input.timeoutMs,
      bodyTimeout: input.timeoutMs,
    },
    {
      onRequestStart() {},
      onResponseStart(_controller, statusCode) {
        status = statusCode;
      },
      onResponseData() {},
      onResponseEnd() {
        if (m >= 0) {
          const t = performance.now();
          fromDue[m] = t - due;
          fromSend[m] = t - sentAt;
          if (status >= 200 && status < 300) counts.completed += 1;
          else counts.non2xx += 1;
        }
        done();
      },
      onResponseError(_controller, err: Error & { code?: string }) {
        if (m >= 0) {
          if (err.code === 'UND_ERR_HEADERS_TIMEOUT' || err.code === 'UND_ERR_BODY_TIMEOUT') counts.timeouts += 1;
          else counts.errors += 1;
        }
        done();
      },
    },
  );
}

function done() {
  outstanding -= 1;
  if (outstanding === 0 && next >= total) finish();
}

function tick() {
  const now = performance.now();
  while (next < total && t0 + dueAt(next) <= now) send(next++, now);
  if (next < total) setTimeout(tick, Math.max(0, t0 + dueAt(next) - performance.now()));
  else if (outstanding === 0) finish();
}

t0 = performance.now();
process.send?.({
  type: 'start',
  run: input.run,
  t0EpochMs: Date.now(),
  intervalMs,
  firstMeasured,
  measureFromMs: warmupMs,
} satisfies PacedSchedule);
tick();
await finished;
const cpu = process.cpuUsage(cpuAtMeasure);
const cpuCores = (cpu.user + cpu.system) / 1000 / Math.max(1, performance.now() - measureStart);
await pool.close();

const round = (x: number) => Math.round(x * 10) / 10;
function summary(xs: Float64Array): Latencies {
  const done = Array.from(xs)
    .filter((x) => !Number.isNaN(x))
    .sort((a, b) => a - b);
  const at = (p: number) =>
    done.length ? done[Math.min(done.length - 1, Math.ceil(p * done.length) - 1)]! : Number.NaN;
  return {
    p50: round(at(0.5)),
    p90: round(at(0.9)),
    p99: round(at(0.99)),
    max: round(done.at(-1) ?? Number.NaN),
    mean: round(done.reduce((s, x) => s + x, 0) / Math.max(1, done.length)),
  };
}
const maxBySecondMs: number[] = [];
for (let m = 0; m < measured; m++) {
  const second = Math.floor((m * intervalMs) / 1000);
  if (!Number.isNaN(fromDue[m]!)) maxBySecondMs[second] = Math.max(maxBySecondMs[second] ?? 0, Math.round(fromDue[m]!));
}
console.log(
  JSON.stringify({
    intervalMs,
    ...counts,
    latencyMs: summary(fromDue),
    fromSendMs: summary(fromSend),
    lateMs: summary(late),
    maxBySecondMs,
    cpuCores,
  } satisfies PacedLoadResult),
);
