// `npm run start:cluster` for real: two workers behind one port, /metrics summed over both, a killed
// worker replaced, SIGTERM stops everything with exit 0.
import { type ChildProcess, spawn } from 'node:child_process';
import { get } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/engine.js';
import { freePort } from '../helpers/redis-server.js';

// a fresh connection per probe: the cluster spreads connections, not requests
function probe(url: string): Promise<{ status: number; text: string } | null> {
  return new Promise((resolve) => {
    const req = get(url, { agent: false }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => {
        text += d.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', () => resolve(null));
    req.setTimeout(3000, () => req.destroy());
  });
}

async function workerPids(base: string, tries = 12): Promise<Set<number>> {
  const pids = new Set<number>();
  for (let i = 0; i < tries; i++) {
    const res = await probe(`${base}/readyz`);
    if (res?.status === 200) pids.add((JSON.parse(res.text) as { pid: number }).pid);
  }
  return pids;
}

describe('start:cluster', () => {
  let child: ChildProcess | null = null;
  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('serves from every worker, sums metrics, replaces a dead worker, stops on SIGTERM', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ['--import', 'tsx', 'src/cluster.ts'], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        WEB_CONCURRENCY: '2',
        LOG_LEVEL: 'warn',
        REDIS_URL: '',
      },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));

    let pids = new Set<number>();
    const until = Date.now() + 90_000;
    while (pids.size < 2 && Date.now() < until) {
      pids = await workerPids(base, 4);
      if (pids.size < 2) await new Promise((r) => setTimeout(r, 500));
    }
    expect(pids.size).toBe(2);

    for (let i = 0; i < 10; i++) await probe(`${base}/healthz`);
    const metrics = await probe(`${base}/metrics`);
    const line = metrics?.text.split('\n').find((l) => l.startsWith('madoguchi_http_requests_total{route="/healthz"'));
    expect(Number(line?.split(' ').pop())).toBeGreaterThanOrEqual(10); // both workers' counts, summed

    const [victim] = [...pids];
    process.kill(victim!, 'SIGKILL');
    let replaced = new Set<number>();
    const until2 = Date.now() + 90_000;
    while (Date.now() < until2) {
      replaced = await workerPids(base, 4);
      if (replaced.size === 2 && !replaced.has(victim!)) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(replaced.size).toBe(2);
    expect(replaced.has(victim!)).toBe(false);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 240_000);
});
