// Where an event's time goes, read from the app's own /metrics (src/server/metrics.ts): the histograms of
// each LINE event's stages (intake, before-answer, answer, send, total; the answer worker's queue wait, its
// answer and the return to the main thread) and of GC pauses by thread, scraped at the start and the end of
// a measured window and subtracted, so only the window's events count. Under the cluster the scrape is the
// whole cluster's (the primary sums every worker's histograms). Percentiles are interpolated inside a bucket
// (as Prometheus's histogram_quantile does): read them to the bucket's resolution, not to the millisecond.
import { get as httpGet } from 'node:http';

const FAMILIES = { stage: 'madoguchi_line_event_stage_seconds', gc: 'madoguchi_gc_pause_seconds' } as const;
const LABEL = { stage: 'stage', gc: 'thread' } as const;

interface Series {
  buckets: Map<number, number>; // upper bound (s) → cumulative count
  sum: number;
  count: number;
}
export type Scrape = Record<keyof typeof FAMILIES, Map<string, Series>>;

export interface StageFigures {
  count: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  totalMs: number; // summed over the window (GC: the pause time)
}
export type StageReport = Record<keyof typeof FAMILIES, Record<string, StageFigures>>;

export function fetchText(url: string): Promise<string | null> {
  return new Promise((resolve) => {
    const req = httpGet(url, { agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(res.statusCode === 200 ? Buffer.concat(chunks).toString('utf8') : null));
    });
    req.on('error', () => resolve(null));
    req.setTimeout(5000, () => req.destroy());
  });
}

const labelsOf = (text: string) =>
  new Map([...text.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!] as [string, string]));

export function parseScrape(text: string): Scrape {
  const out: Scrape = { stage: new Map(), gc: new Map() };
  for (const line of text.split('\n')) {
    for (const family of Object.keys(FAMILIES) as (keyof typeof FAMILIES)[]) {
      const name = FAMILIES[family];
      if (!line.startsWith(name)) continue;
      const m = /^(\w+)\{([^}]*)\}\s+(\S+)/.exec(line);
      if (!m) continue;
      const labels = labelsOf(m[2]!);
      const key = labels.get(LABEL[family]);
      if (!key) continue;
      let s = out[family].get(key);
      if (!s) {
        s = { buckets: new Map(), sum: 0, count: 0 };
        out[family].set(key, s);
      }
      const value = Number(m[3]);
      if (m[1] === `${name}_bucket`) {
        const le = labels.get('le');
        s.buckets.set(le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le), value);
      } else if (m[1] === `${name}_sum`) s.sum = value;
      else if (m[1] === `${name}_count`) s.count = value;
    }
  }
  return out;
}

export async function scrapeStages(base: string): Promise<Scrape | null> {
  const text = await fetchText(`${base}/metrics`);
  return text === null ? null : parseScrape(text);
}

/** The heap each thread kept after its latest full GC (madoguchi_heap_live_bytes), in MB, by thread. */
export async function scrapeLiveHeap(base: string): Promise<Record<string, number>> {
  return parseLiveHeap((await fetchText(`${base}/metrics`)) ?? '');
}

/** madoguchi_heap_live_bytes by thread, in MB (2^20 bytes) to `digits` decimals. */
export function parseLiveHeap(text: string, digits = 0): Record<string, number> {
  const out: Record<string, number> = {};
  const scale = 10 ** digits;
  for (const m of text.matchAll(/^madoguchi_heap_live_bytes\{[^}]*thread="([^"]+)"[^}]*\}\s+(\S+)/gm))
    out[m[1]!] = Math.round((Number(m[2]) / 2 ** 20) * scale) / scale;
  return out;
}

/** Each traffic-grown structure's size and bound (madoguchi_retained_size / _limit), by structure. */
export function parseRetained(text: string): Record<string, { size: number; limit?: number }> {
  const out: Record<string, { size: number; limit?: number }> = {};
  for (const m of text.matchAll(/^madoguchi_retained_(size|limit)\{[^}]*structure="([^"]+)"[^}]*\}\s+(\S+)/gm)) {
    const entry = out[m[2]!] ?? { size: 0 };
    if (m[1] === 'size') entry.size = Number(m[3]);
    else entry.limit = Number(m[3]);
    out[m[2]!] = entry;
  }
  return out;
}

function quantile(bounds: [number, number][], count: number, q: number): number {
  // bounds: [upper bound s, cumulative count], ascending
  const rank = q * count;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const [le, cum] of bounds) {
    if (cum >= rank) {
      if (le === Number.POSITIVE_INFINITY) return lowerBound * 1000;
      const inBucket = cum - lowerCount;
      const frac = inBucket > 0 ? (rank - lowerCount) / inBucket : 1;
      return (lowerBound + (le - lowerBound) * frac) * 1000;
    }
    lowerBound = le;
    lowerCount = cum;
  }
  return Number.NaN;
}

const r1 = (x: number) => Math.round(x * 10) / 10;

/** The window's figures: `after` less `before` (a stage absent before counts from zero). */
export function diffScrapes(before: Scrape | null, after: Scrape | null): StageReport | null {
  if (!after) return null;
  const report: StageReport = { stage: {}, gc: {} };
  for (const family of Object.keys(FAMILIES) as (keyof typeof FAMILIES)[]) {
    for (const [key, a] of after[family]) {
      const b = before?.[family].get(key);
      const count = a.count - (b?.count ?? 0);
      if (count <= 0) continue;
      const bounds = [...a.buckets]
        .map(([le, cum]) => [le, cum - (b?.buckets.get(le) ?? 0)] as [number, number])
        .sort((x, y) => x[0] - y[0]);
      const totalMs = (a.sum - (b?.sum ?? 0)) * 1000;
      report[family][key] = {
        count,
        meanMs: r1(totalMs / count),
        p50Ms: r1(quantile(bounds, count, 0.5)),
        p99Ms: r1(quantile(bounds, count, 0.99)),
        totalMs: Math.round(totalMs),
      };
    }
  }
  return report;
}

const STAGE_ORDER = [
  'intake',
  'before-answer',
  'pool-queue', // a pool of several answer workers: waiting in the store for one of them
  'worker-queue',
  'worker-answer',
  'worker-return',
  'answer',
  'send',
  'total',
];

/** One line per row: "stage p50/p99 ms" in the order an event passes them, then GC per thread. */
export function describeStages(report: StageReport | null | undefined): string {
  if (!report) return '-';
  const stages = STAGE_ORDER.filter((s) => report.stage[s]).map(
    (s) => `${s} ${report.stage[s]!.p50Ms}/${report.stage[s]!.p99Ms}`,
  );
  const gc = Object.entries(report.gc).map(
    ([thread, g]) => `gc ${thread} ${g.count}× p99 ${g.p99Ms} total ${g.totalMs} ms`,
  );
  return [...stages, ...gc].join(' · ');
}
