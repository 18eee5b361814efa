// `npm start` and `npm run start:cluster` as production runs them: compiled JavaScript (dist/, built here as
// `npm ci` builds it) on plain node, npm's child being the app itself (no shell, no tsx in between), so a
// container's SIGTERM to the started process reaches the app, which drains and exits 0.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/engine.js';

const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
}, 120_000);

// Linux: a process's children and command line from /proc.
const childrenOf = (pid: number): number[] =>
  readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
const commandOf = (pid: number): string[] => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

function npmRun(script: string, env: Record<string, string> = {}) {
  const child = spawn('npm', ['run', '--silent', script], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', REDIS_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const messages: string[] = [];
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const listening = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        messages.push(String(entry.msg));
        if (typeof entry.url === 'string' && String(entry.msg).startsWith('main: listening')) resolve(entry.url);
      } catch {
        // not a log line
      }
    });
    child.once('exit', (code) => reject(new Error(`exited ${code} before listening: ${stderr}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, messages, listening, exited };
}

// A POST whose body is still arriving when `signal()` runs; resolves with the status once it completes.
function slowPost(url: URL, signal: () => void): Promise<number> {
  const body = JSON.stringify({ question: '書かない窓口とは' });
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: '/api/answer',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.write(body.slice(0, 5));
    setTimeout(() => {
      signal();
      setTimeout(() => req.end(body.slice(5)), 300);
    }, 200);
  });
}

describe('compiled production start', () => {
  it('npm start runs node dist/main.js itself; SIGTERM to npm drains the app and exits 0', async () => {
    const app = npmRun('start');
    const url = new URL(await app.listening);
    const [pid] = childrenOf(app.child.pid!);
    expect(childrenOf(app.child.pid!)).toHaveLength(1);
    const command = commandOf(pid!);
    // the app is npm's direct child: node on the compiled entry point, the heap cap in its environment
    expect(command.slice(-1)).toEqual(['dist/main.js']);
    expect(command.join(' ')).not.toMatch(/tsx|sh -c/);
    expect(readFileSync(`/proc/${pid}/environ`, 'utf8')).toMatch(/NODE_OPTIONS=--max-old-space-size=384/);

    const status = await slowPost(url, () => app.child.kill('SIGTERM'));
    expect(status).toBe(200); // the request in flight when SIGTERM landed was answered
    expect(await app.exited).toBe(0);
    expect(app.messages).toContain('main: shutting down (draining in-flight requests)');
    expect(app.messages).toContain('main: stopped');
    expect(alive(pid!)).toBe(false);
  }, 120_000);

  it('npm run start:cluster: the primary is plain node on dist/cluster.js; SIGTERM stops it and its workers', async () => {
    const app = npmRun('start:cluster', { WEB_CONCURRENCY: '1' });
    await app.listening;
    const [primary] = childrenOf(app.child.pid!);
    expect(commandOf(primary!).slice(-1)).toEqual(['dist/cluster.js']);
    const workers = childrenOf(primary!);
    expect(workers).toHaveLength(1);
    expect(commandOf(workers[0]!).at(-1)).toBe(join(PROJECT_ROOT, 'dist/main.js'));
    expect(commandOf(workers[0]!).join(' ')).not.toMatch(/tsx/);

    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);
    expect(alive(primary!)).toBe(false);
    expect(alive(workers[0]!)).toBe(false);
  }, 120_000);
});
