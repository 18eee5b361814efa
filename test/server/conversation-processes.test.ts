// One conversation across two real server processes (`src/main.ts`, spawned) sharing one real Redis: turn 1
// goes to one process, turn 2 to the other, and the follow-up is read against turn 1. A reset on one clears
// it for both.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/engine.js';
import { freePort, testRedisUrl } from '../helpers/redis-server.js';

const redis = await testRedisUrl();

interface App {
  url: string;
  child: ChildProcess;
}

async function startApp(redisUrl: string): Promise<App> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      REDIS_URL: redisUrl,
      LOG_LEVEL: 'warn',
      LINE_CHANNEL_SECRET: '',
      LINE_CHANNEL_ACCESS_TOKEN: '',
    },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 170_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}`);
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) return { url, child };
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the app did not become ready');
}

async function ask(app: App, body: object): Promise<Record<string, unknown>> {
  const res = await fetch(`${app.url}/api/answer`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(20_000),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

describe.skipIf(!redis)('a conversation across two processes on one Redis', () => {
  let a: App;
  let b: App;
  beforeAll(async () => {
    [a, b] = await Promise.all([startApp(redis!.url), startApp(redis!.url)]);
  }, 180_000);
  afterAll(async () => {
    for (const app of [a, b]) if (app?.child.exitCode === null) app.child.kill('SIGTERM');
    await redis?.stop();
  });

  it('turn 1 to one process, the follow-up to the other', async () => {
    const session = randomUUID();
    const first = await ask(a, { question: '電子決裁とは', municipality: 'hinode', session });
    expect(first.kind).toBe('answer');
    const second = await ask(b, { question: 'それはいつから？', municipality: 'hinode', session });
    expect(second.resolvedQuestion).toMatch(/^電子決裁はいつから/);
    expect(second.kind).toBe('answer');
    expect((second.sources as { municipality: string }[])[0]?.municipality).toBe('hinode');
    expect(String(second.text)).toMatch(/令和\d+年度/);
    expect(second.turn).toBeUndefined(); // the context stays in the store

    // the same words in another conversation lean on nothing
    const alone = await ask(b, { question: 'それはいつから？', municipality: 'hinode', session: randomUUID() });
    expect(alone.resolvedQuestion).toBeUndefined();
  });

  it('「最初から」 on one process clears the conversation for the other', async () => {
    const session = randomUUID();
    await ask(b, { question: '電子決裁とは', municipality: 'hinode', session });
    const reset = await ask(a, { question: '最初から', session });
    expect(reset.reason).toBe('session-reset');
    const after = await ask(b, { question: 'それはいつから？', municipality: 'hinode', session });
    expect(after.resolvedQuestion).toBeUndefined();
  });
});
