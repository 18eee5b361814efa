// The fault suite's tools: real app processes (src/main.ts as a child, like production), a real
// redis-server with AOF, the LINE stand-in, a signed-event sender, and the ledger that counts every event
// acknowledged (200) against what LINE accepted and what the app recorded as finally failed.
// Everything runs on 127.0.0.1, with bounded counts and times.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createInterface } from 'node:readline';
import { PROJECT_ROOT } from '../helpers/engine.js';
import { LINE_PATHS, type LineStandIn, type RecordedRequest } from '../helpers/line-stand-in.js';

export const SECRET = 'fault-channel-secret';
export const TOKEN = 'fault-channel-access-token';

// Short timings so each scenario takes seconds (production: 10 s calls, 30 s claims, 15 s drain).
export const FAST = {
  LINE_API_TIMEOUT_MS: '1500',
  LINE_RETRY_BASE_MS: '200',
  LINE_RETRY_MAX_MS: '1500',
  EVENT_CLAIM_IDLE_MS: '3000',
  SHUTDOWN_DRAIN_MS: '3000',
};

export interface App {
  name: string;
  child: ChildProcess;
  url: string;
  logs: Record<string, unknown>[];
  exited: Promise<number | null>;
}

const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

export async function startApp(name: string, env: Record<string, string>): Promise<App> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      REDIS_URL: '',
      LINE_CHANNEL_SECRET: SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: TOKEN,
      ...FAST,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      children.delete(child);
      resolve(code);
    }),
  );
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (typeof entry.url === 'string' && String(entry.msg).startsWith('main: listening')) resolve(entry.url);
      } catch {
        // not a log line
      }
    });
    void exited.then((code) => reject(new Error(`${name} exited ${code} before listening: ${stderr.slice(-2000)}`)));
  });
  return { name, child, url, logs, exited };
}

export async function stopAll(): Promise<void> {
  await Promise.all(
    [...children].map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          c.once('exit', () => resolve());
          c.kill('SIGKILL');
        }),
    ),
  );
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function textEvent(id: string, text = '書かない窓口とは', redelivery = false) {
  return {
    type: 'message',
    mode: 'active',
    timestamp: Date.now(),
    webhookEventId: id,
    deliveryContext: { isRedelivery: redelivery },
    replyToken: `rt-${id}`,
    source: { type: 'user', userId: `U-${id}` },
    message: { type: 'text', id: `m-${id}`, quoteToken: `q-${id}`, text },
  };
}

// One scenario's events: what was sent, what got 200, and (read back from LINE and the logs) what happened.
export class Ledger {
  readonly sent = new Map<string, object>(); // id → event as sent the first time
  readonly acked = new Set<string>();
  readonly refused = new Map<number, number>(); // status (0: no answer) → count
  constructor(readonly scenario: string) {}

  // POST one signed webhook carrying one event; 200 means acknowledged.
  async send(app: App, event: { webhookEventId: string }): Promise<number> {
    if (!this.sent.has(event.webhookEventId)) this.sent.set(event.webhookEventId, event);
    const body = JSON.stringify({ destination: 'Ubot', events: [event] });
    const signature = createHmac('sha256', SECRET).update(body).digest('base64');
    let status = 0;
    try {
      const res = await fetch(`${app.url}/webhook/line`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-line-signature': signature },
        body,
        signal: AbortSignal.timeout(5000),
      });
      status = res.status;
      await res.arrayBuffer();
    } catch {
      status = 0;
    }
    if (status === 200) this.acked.add(event.webhookEventId);
    else this.refused.set(status, (this.refused.get(status) ?? 0) + 1);
    return status;
  }

  // `count` new events at `perSecond`, round-robin over the apps; resolves when all were sent.
  async stream(apps: App[], count: number, perSecond: number, prefix = this.scenario): Promise<void> {
    const sends: Promise<number>[] = [];
    for (let i = 0; i < count; i++) {
      const id = `${prefix}-${String(i).padStart(4, '0')}`;
      sends.push(this.send(apps[i % apps.length]!, textEvent(id)));
      await sleep(1000 / perSecond);
    }
    await Promise.all(sends);
  }

  // Deliveries LINE accepted, per event: a reply (its token names the event) or a push (its `to` does).
  answered(line: LineStandIn): Map<string, number> {
    const out = new Map<string, number>();
    for (const r of line.accepted) {
      const id = eventOf(r);
      if (id && this.sent.has(id)) out.set(id, (out.get(id) ?? 0) + 1);
    }
    return out;
  }

  // Recorded as finally failed by any app: retries spent, or (memory queue) not answered before shutdown.
  failed(apps: App[]): Set<string> {
    const out = new Set<string>();
    for (const app of apps) {
      for (const l of app.logs) {
        const id = l.webhookEventId;
        if (typeof id !== 'string' || !this.sent.has(id)) continue;
        if (l.msg === 'line: event finally failed' || l.msg === 'line: event not answered before shutdown') out.add(id);
      }
    }
    return out;
  }

  count(line: LineStandIn, apps: App[]) {
    const answered = this.answered(line);
    const failed = this.failed(apps);
    const lost = [...this.acked].filter((id) => !answered.has(id) && !failed.has(id));
    const twice = [...answered].filter(([, n]) => n > 1).map(([id]) => id);
    return {
      scenario: this.scenario,
      sent: this.sent.size,
      acknowledged: this.acked.size,
      refused: [...this.refused.values()].reduce((a, b) => a + b, 0),
      answered: [...answered.keys()].filter((id) => this.acked.has(id)).length,
      failed: [...failed].filter((id) => this.acked.has(id) && !answered.has(id)).length,
      lost: lost.length,
      answeredTwice: twice.length,
      lostIds: lost.slice(0, 5),
      twiceIds: twice.slice(0, 5),
    };
  }

  // Waits until every acknowledged event is answered or recorded as failed (or the time is up).
  async settle(line: LineStandIn, apps: App[], timeoutMs: number): Promise<ReturnType<Ledger['count']>> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const c = this.count(line, apps);
      if (c.lost === 0 || Date.now() > until) return c;
      await sleep(250);
    }
  }
}

function eventOf(r: RecordedRequest): string | null {
  const body = r.body as { replyToken?: string; to?: string } | undefined;
  if (r.path === LINE_PATHS.reply && body?.replyToken?.startsWith('rt-')) return body.replyToken.slice(3);
  if (r.path === LINE_PATHS.push && body?.to?.startsWith('U-')) return body.to.slice(2);
  return null;
}

export type Row = ReturnType<Ledger['count']>;

export function table(rows: Row[]): string {
  const head = ['scenario', 'sent', 'acked (200)', 'refused', 'answered', 'failed (recorded)', 'lost', 'twice'];
  const lines = rows.map((r) => [
    r.scenario,
    String(r.sent),
    String(r.acknowledged),
    String(r.refused),
    String(r.answered),
    String(r.failed),
    String(r.lost),
    String(r.answeredTwice),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [fmt(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(fmt)].join('\n');
}
