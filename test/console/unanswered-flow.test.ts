// The unanswered log end to end, through the real composition root (main.ts startServer) with a real
// Redis (TEST_REDIS_URL, else one of our own) and a real HTTP server standing in for LINE: fallbacks sent
// on LINE and through POST /api/answer show up in the console's list and CSV, with personal details
// masked; staff mark one handled, turn one into a draft FAQ entry and delete one; the analytics
// counters move.
import { createHmac, randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadConfig } from '../../src/config.js';
import { startServer } from '../../src/main.js';
import { textEvent } from '../helpers/line-signature.js';
import { LINE_PATHS, type LineStandIn, startLineStandIn } from '../helpers/line-stand-in.js';
import { testRedisUrl } from '../helpers/redis-server.js';

const SECRET = 'flow-channel-secret';
const ACCESS = 'flow-channel-access-token';
const STAFF = 'flow-staff-token-abcdefghijklmnop';
const redis = await testRedisUrl();
type Server = Awaited<ReturnType<typeof startServer>>;

// A unique word per run keeps this run's entries apart in a shared Redis.
const RUN = `ゾウ${randomUUID().slice(0, 6).replace(/\d/g, 'x')}`;
const LINE_Q = `私は山田花子です。電話は090-1234-5678です。${RUN}の飼い方を教えて`;
const API_Q = `マイナンバー1234 5678 9012と住所 小金井市本町1-2-3 で${RUN}の散歩の届出は？`;

describe('unanswered questions from LINE and the API reach the console', () => {
  let server: Server;
  let line: LineStandIn;

  beforeAll(async () => {
    line = await startLineStandIn({ channelAccessToken: ACCESS });
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      LINE_CHANNEL_SECRET: SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: ACCESS,
      LINE_API_BASE_URL: line.url,
      CONSOLE_TOKEN: STAFF,
      ...(redis ? { REDIS_URL: redis.url } : {}),
    });
    server = await startServer(config, pino({ level: 'silent' }));
  }, 180_000);

  afterAll(async () => {
    await server?.close();
    await line?.close();
    await redis?.stop();
  });

  const staff = (path: string, init: RequestInit = {}) =>
    fetch(`${server.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${STAFF}`, ...(init.headers ?? {}) },
    });

  it('logs both, masked, and lists, exports, marks, drafts and deletes them', async () => {
    // LINE: a signed webhook with a question the documents cannot answer
    const body = JSON.stringify({ destination: 'Ubot', events: [textEvent(LINE_Q)] });
    const signature = createHmac('sha256', SECRET).update(body).digest('base64');
    const hook = await fetch(`${server.url}/webhook/line`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-line-signature': signature },
      body,
    });
    expect(hook.status).toBe(200);
    await line.waitFor(LINE_PATHS.reply);

    // the API, with a municipality
    const api = await fetch(`${server.url}/api/answer`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: API_Q, municipality: 'koganei' }),
    });
    expect(((await api.json()) as { kind: string }).kind).toBe('fallback');

    // the console's list (filtered by the run's word), masked
    let entries: {
      id: string;
      text: string;
      municipality: string | null;
      channel: string;
      reason: string;
      firstSeen?: string;
      lastSeen?: string;
    }[] = [];
    for (let i = 0; i < 50 && entries.length < 2; i++) {
      const res = await staff(`/console/api/unanswered?q=${encodeURIComponent(RUN)}`);
      entries = ((await res.json()) as { entries: typeof entries }).entries;
      if (entries.length < 2) await new Promise((r) => setTimeout(r, 50));
    }
    const byChannel = Object.fromEntries(entries.map((e) => [e.channel, e]));
    expect(byChannel['line']?.text).toBe(`私は［氏名］です。電話は［電話番号］です。${RUN}の飼い方を教えて`);
    expect(byChannel['line']?.municipality).toBeNull();
    expect(byChannel['api']?.text).toBe(`マイナンバー［番号］と住所 小金井市本町［住所］ で${RUN}の散歩の届出は?`);
    expect(byChannel['api']?.municipality).toBe('koganei');
    expect(entries.every((e) => e.reason)).toBe(true);
    // Every field that carries what the resident wrote; the id (a hash) and the times are ours and may hold any
    // digits (「…T00:43:58.090Z」 once failed this check).
    const raw = JSON.stringify(entries.map(({ id: _id, firstSeen: _f, lastSeen: _l, ...rest }) => rest));
    for (const secret of ['山田', '090', '5678', '9012', '1-2-3']) expect(raw).not.toContain(secret);

    // filters: municipality
    const koganei = await staff(`/console/api/unanswered?q=${encodeURIComponent(RUN)}&municipality=koganei`);
    expect(((await koganei.json()) as { entries: unknown[] }).entries).toHaveLength(1);

    // CSV: UTF-8 with a BOM, both rows, masked
    const csv = await staff(`/console/api/unanswered.csv?q=${encodeURIComponent(RUN)}`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="?unanswered-\d{4}-\d\d-\d\d\.csv"?/);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const rows = text.trimEnd().split('\r\n');
    expect(rows[0]).toMatch(/^質問（個人情報は伏せ字）,自治体,/);
    expect(rows).toHaveLength(3);
    expect(text).toContain('［電話番号］');
    expect(text).toContain('小金井市');
    for (const secret of ['山田', '090-1234', '9012']) expect(text).not.toContain(secret);

    // mark handled, then only open ones are listed without it
    const apiEntry = byChannel['api']!;
    const mark = await staff(`/console/api/unanswered/${apiEntry.id}/handled`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ handled: true }),
    });
    expect(mark.status).toBe(200);
    const open = await staff(`/console/api/unanswered?q=${encodeURIComponent(RUN)}&handled=no`);
    expect(((await open.json()) as { entries: { id: string }[] }).entries.map((e) => e.id)).toEqual([
      byChannel['line']!.id,
    ]);

    // a draft FAQ entry: YAML with the masked question as a paraphrase
    const draft = await staff(`/console/api/unanswered/${apiEntry.id}/faq.yaml`);
    const yaml = parseYaml(await draft.text()) as { faq: { municipality: string; questions: string[] }[] };
    expect(yaml.faq[0]?.municipality).toBe('koganei');
    expect(yaml.faq[0]?.questions).toEqual([apiEntry.text]);

    // delete
    const del = await staff(`/console/api/unanswered/${apiEntry.id}`, { method: 'DELETE' });
    expect(del.status).toBe(200);
    const after = await staff(`/console/api/unanswered?q=${encodeURIComponent(RUN)}`);
    expect(((await after.json()) as { entries: { id: string }[] }).entries.map((e) => e.id)).toEqual([
      byChannel['line']!.id,
    ]);

    // the analytics counters saw both fallbacks
    const stats = (await (await staff('/console/api/analytics?days=7')).json()) as {
      total: number;
      kinds: Record<string, number>;
      fallbackRate: number;
    };
    expect(stats.kinds['fallback']).toBeGreaterThanOrEqual(2);
    expect(stats.fallbackRate).toBeGreaterThan(0);
    const svg = await staff('/console/api/charts/daily.svg?days=7');
    expect(svg.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(await svg.text()).toMatch(/^<svg [^>]*role='img'><title>1日あたりの質問数/);
  }, 60_000);

  it('refuses the console without the staff token', async () => {
    expect((await fetch(`${server.url}/console/api/unanswered`)).status).toBe(401);
    expect((await fetch(`${server.url}/console/api/unanswered.csv`)).status).toBe(401);
  });
});
