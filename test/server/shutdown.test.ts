// The real process: `src/main.ts` started as a child. SIGTERM stops accepting, lets a request that is
// half-way through finish with 200, and exits 0. A bad config value stops start-up with one line.
import { type ChildProcess, spawn } from 'node:child_process';
import { request } from 'node:http';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/engine.js';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

function start(env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', REDIS_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const lines: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const listening = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        lines.push(entry);
        if (typeof entry.url === 'string' && String(entry.msg).startsWith('main: listening')) resolve(entry.url);
      } catch {
        // not a log line
      }
    });
    child.once('exit', (code) => reject(new Error(`exited ${code} before listening: ${stderr}`)));
  });
  listening.catch(() => undefined); // a test that expects start-up to fail never awaits it
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, lines, listening, exited, stderr: () => stderr };
}

describe('process lifecycle', () => {
  it('SIGTERM: the in-flight request finishes, new connections are refused, exit 0', async () => {
    const app = start();
    const url = new URL(await app.listening);

    // a request whose body is still arriving when SIGTERM lands
    const body = JSON.stringify({ question: '書かない窓口とは' });
    const inFlight = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: '/api/answer',
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          let text = '';
          res.on('data', (d: Buffer) => {
            text += d.toString();
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 5));
      setTimeout(() => {
        app.child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(5)), 300);
      }, 200);
    });

    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).kind).toBeTruthy();
    expect(await app.exited).toBe(0);
    const messages = app.lines.map((l) => String(l.msg));
    expect(messages).toContain('main: shutting down (draining in-flight requests)');
    expect(messages).toContain('main: stopped');
    await expect(fetch(`${url.origin}/healthz`)).rejects.toThrow();
  }, 180_000); // a clean clone builds the index at start-up

  it('a bad config value stops start-up with one clear line and exit 1', async () => {
    const app = start({ PORT: 'not-a-port' });
    expect(await app.exited).toBe(1);
    const lines = app.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^config: PORT: /);
  }, 60_000);
});
