// The memory bounds are settings (src/config.ts) that reach the structures they bound, and /metrics shows each
// structure's size beside its bound (madoguchi_retained_size / _limit): a whole server (startServer) started
// with small bounds, asked more distinct questions in more conversations than they hold.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startServer } from '../../src/main.js';

type Server = Awaited<ReturnType<typeof startServer>>;

// Distinct questions about the seeds' topics, each asked in four conversations of their own (one turn each).
const QUESTIONS = [
  '書かない窓口とは',
  'マイナンバーカードの保有率は',
  'RPAって何',
  'オンライン申請の件数は',
  'DXの担当課はどこ',
  'おくやみ窓口はありますか',
  'キャッシュレス決済は使えますか',
  'オープンデータの目標は',
  'DX推進計画の期間は',
  '行かない窓口とは',
  '電子申請はいつから',
  'テレワークの取り組みは',
];

function parseRetained(text: string): Record<string, { size?: number; limit?: number }> {
  const out: Record<string, { size?: number; limit?: number }> = {};
  for (const m of text.matchAll(/^madoguchi_retained_(size|limit)\{structure="([^"]+)"\}\s+(\S+)/gm)) {
    out[m[2]!] = { ...out[m[2]!], [m[1]!]: Number(m[3]) };
  }
  return out;
}

describe('memory bounds from the environment, shown on /metrics', () => {
  let server: Server;

  beforeAll(async () => {
    const config = loadConfig({
      PORT: '0',
      LOG_LEVEL: 'silent',
      API_RATE_LIMIT: '1000',
      // the webhook on (its in-memory queue holds the de-duplication ids); no request goes to LINE here
      LINE_CHANNEL_SECRET: 'test-secret',
      LINE_CHANNEL_ACCESS_TOKEN: 'test-token',
      LINE_API_BASE_URL: 'http://127.0.0.1:9',
      ANSWER_CACHE_SIZE: '3',
      SESSION_MAX_CHARS: '10000',
      LINE_DEDUP_IDS: '1000',
      UNANSWERED_MAX_ENTRIES: '100',
    });
    server = await startServer(config, pino({ level: 'silent' }));
  }, 180_000); // the first start-up on a clean clone builds the index

  afterAll(async () => {
    await server?.close();
  });

  it('each structure keeps within the bound it was given', async () => {
    const conversations = QUESTIONS.length * 4;
    for (let i = 0; i < conversations; i++) {
      const res = await fetch(`${server.url}/api/answer`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question: QUESTIONS[i % QUESTIONS.length], session: `conversation-${i}` }),
      });
      expect(res.status).toBe(200);
    }
    const retained = parseRetained(await (await fetch(`${server.url}/metrics`)).text());
    expect(retained.answer_cache).toEqual({ size: 3, limit: 3 }); // 12 distinct questions, the latest 3 kept
    expect(retained.dedup_ids).toEqual({ size: 0, limit: 1000 });
    expect(retained.unanswered?.limit).toBe(100);
    expect(retained.session_chars?.limit).toBe(10_000);
    // 48 contexts of one turn (a few hundred characters each) do not all fit in 10,000
    expect(retained.session_chars?.size).toBeGreaterThan(0);
    expect(retained.session_chars?.size).toBeLessThanOrEqual(10_000);
    expect(retained.sessions?.size).toBeLessThan(conversations);
    expect(retained.rate_windows).toEqual({ size: 0 }); // bounded by time: no limit shown
  }, 60_000);
});
