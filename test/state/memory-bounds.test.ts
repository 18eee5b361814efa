// What the in-memory store keeps under a steady stream of new users and new questions: every map that grows
// with traffic has a bound, so a long-running single process levels off (README: Running at scale).
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createMemoryEventQueue, createMemoryStore, createStateStore } from '../../src/state/index.js';

describe('memory store bounds', () => {
  it('keeps at most maxPreferences choices, dropping the least recently chosen', async () => {
    const s = createMemoryStore({ maxPreferences: 3 });
    for (const u of ['a', 'b', 'c']) await s.setPreference(u, 'koganei');
    await s.setPreference('a', 'hinode'); // chosen again: now the newest
    await s.setPreference('d', 'musashino'); // one too many: b (oldest choice) goes
    expect(await s.getPreference('b')).toBeNull();
    expect(await s.getPreference('a')).toBe('hinode');
    expect(await s.getPreference('c')).toBe('koganei');
    expect(await s.getPreference('d')).toBe('musashino');
    await s.close();
  });

  it('counts at most maxTopicsPerDay distinct topics a day; known ones keep counting, totals count all', async () => {
    const at = Date.parse('2026-12-02T03:00:00Z');
    const s = createMemoryStore({ maxTopicsPerDay: 2 });
    for (const topic of ['書かない窓口', 'オンライン申請', 'キャッシュレス', '書かない窓口', 'constructor']) {
      await s.recordAnswerStat({ municipality: null, kind: 'answer', topic, unanswered: false, at });
    }
    const [day] = await s.readStats(['2026-12-02'], null);
    expect(day?.total).toBe(5);
    expect(day?.topics).toEqual({ 書かない窓口: 2, オンライン申請: 1 }); // the third and fourth new ones are not listed
    await s.close();
  });
});

describe('the bounds given to createStateStore (the settings of src/config.ts)', () => {
  it('reach the memory store, and retained() reports each structure against its bound', async () => {
    const s = createStateStore({
      logger: pino({ level: 'silent' }),
      bounds: { sessionChars: 10_000, claimedIds: 1_000, unanswered: 100 },
    });
    const context = 'x'.repeat(3_000); // a long context: three fit in the bound, a fourth pushes the first out
    for (const k of ['a', 'b', 'c', 'd']) await s.setSession(`line:${k}`, context, 60);
    expect(await s.getSession('line:a')).toBeNull();
    expect(await s.getSession('line:d')).toBe(context);
    for (let i = 0; i < 120; i++) await s.recordUnanswered(`質問${i}はありますか`, null);
    expect(s.retained?.()).toMatchObject({
      session_chars: { size: 3 * (context.length + 'line:b'.length), limit: 10_000 },
      sessions: { size: 3 },
      claimed_ids: { size: 0, limit: 1_000 },
      unanswered: { size: 100, limit: 100 },
      rate_windows: { size: 0 },
    });
    await s.close();
  });
});

describe('memory event queue bounds', () => {
  it('remembers at most maxSeen event ids for de-duplication and done, oldest first', async () => {
    const q = createMemoryEventQueue({ maxSeen: 2 });
    expect(await q.append([{ webhookEventId: 'e1', body: '{}' }], Date.now())).toEqual([true]);
    const [e1] = await q.take(1, 10);
    await q.complete(e1!);
    expect(await q.isDone('e1')).toBe(true);
    await q.append(
      [
        { webhookEventId: 'e2', body: '{}' },
        { webhookEventId: 'e3', body: '{}' },
      ],
      Date.now(),
    );
    expect(await q.isDone('e1')).toBe(false); // dropped from the window
    expect(await q.append([{ webhookEventId: 'e3', body: '{}' }], Date.now())).toEqual([false]); // still a duplicate
    expect(q.retained?.()).toEqual({ dedup_ids: { size: 2, limit: 2 } });
    await q.close();
  });
});
