// A real redis-server for tests: TEST_REDIS_URL when CI provides one, else our own on a free loopback port.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RedisProcess {
  url: string;
  port: number;
  stop(): Promise<void>; // SIGKILL (kill -9): with AOF, what it acknowledged is in the file
  start(): Promise<void>; // again, on the same port and data directory (AOF replayed)
  signal(sig: 'SIGSTOP' | 'SIGCONT'): void;
}

// Own server (stop/start-able: the outage tests need that, so they never use the shared one).
// aof: appendonly yes (appendfsync everysec), as production should run it.
export async function startRedis(port?: number, options: { aof?: boolean } = {}): Promise<RedisProcess> {
  const p = port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-redis-'));
  let child: ChildProcess | null = null;
  const handle: RedisProcess = {
    url: `redis://127.0.0.1:${p}`,
    port: p,
    async start() {
      child = spawn(
        'redis-server',
        [
          '--port',
          String(p),
          '--bind',
          '127.0.0.1',
          '--save',
          '',
          '--appendonly',
          options.aof ? 'yes' : 'no',
          '--appendfsync',
          'everysec',
          '--dir',
          dir,
        ],
        { stdio: 'ignore' },
      );
      await waitForPort(p);
    },
    async stop() {
      const c = child;
      child = null;
      if (!c || c.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        c.once('exit', () => resolve());
        c.kill('SIGCONT');
        c.kill('SIGKILL');
      });
    },
    signal(sig) {
      child?.kill(sig);
    },
  };
  await handle.start();
  process.once('exit', () => {
    (child as ChildProcess | null)?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  return handle;
}

// The URL the shared suite runs against, plus a stop function for the server we started (if any).
export async function testRedisUrl(): Promise<{ url: string; stop: () => Promise<void> } | null> {
  if (process.env.TEST_REDIS_URL) return { url: process.env.TEST_REDIS_URL, stop: async () => undefined };
  if (!hasRedisServer()) {
    console.warn('\n!!! redis-server is not installed: SKIPPING the Redis state-store tests (CI installs it) !!!\n');
    return null;
  }
  const redis = await startRedis();
  return { url: redis.url, stop: () => redis.stop() };
}

async function waitForPort(port: number): Promise<void> {
  const { connect } = await import('node:net');
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`redis-server did not start on port ${port}`);
}
