// The unanswered log and the analytics counters, one suite for both stores (real redis-server for the
// Redis one), with a fake clock: masking before storage, details, handled, delete, filters, the
// retention purge, and the per-day counters.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createMemoryStore,
  createRedisStore,
  createUnansweredRetention,
  dayOf,
  lastDays,
  type StateStore,
} from '../../src/state/index.js';
import { testRedisUrl } from '../helpers/redis-server.js';

const logger = pino({ level: 'silent' });
const redis = await testRedisUrl();
const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.parse('2026-04-01T03:00:00Z'); // 12:00 in Japan

interface Clock {
  t: number;
}
const factories: { name: string; make(clock: Clock): Promise<StateStore> }[] = [
  { name: 'memory', make: async (clock) => createMemoryStore({ now: () => clock.t }) },
];
if (redis) {
  factories.push({
    name: 'redis',
    async make(clock) {
      const s = createRedisStore({ url: redis.url, logger, keyPrefix: `test:${randomUUID()}:`, now: () => clock.t });
      for (let i = 0; i < 100 && !(await s.ping()); i++) await new Promise((r) => setTimeout(r, 20));
      return s;
    },
  });
}
afterAll(async () => {
  await redis?.stop();
});

describe.each(factories)('$name unanswered log', (factory) => {
  let store: StateStore;
  const clock: Clock = { t: T0 };
  beforeEach(async () => {
    clock.t = T0;
    store = await factory.make(clock);
    return () => store.close();
  });

  it('masks personal details before storing, and keeps what was understood', async () => {
    await store.recordUnanswered('私は山田花子です。電話は090-1234-5678、粗大ごみの出し方は？', 'koganei', {
      attribute: 'procedure',
      topic: '粗大ごみ',
      reason: 'no-topic',
      channel: 'line',
    });
    const [e] = await store.listUnanswered(10);
    expect(e).toMatchObject({
      text: '私は［氏名］です。電話は［電話番号］、粗大ごみの出し方は?', // NFKC: ？ → ?
      municipality: 'koganei',
      attribute: 'procedure',
      topic: '粗大ごみ',
      reason: 'no-topic',
      channel: 'line',
      count: 1,
      handled: false,
    });
    expect(e?.id).toMatch(/^[0-9a-f]{16}$/);
    expect(JSON.stringify(await store.listUnanswered(10))).not.toMatch(/山田|090|5678/);
  });

  it('drops a topic that carries what the mask removed', async () => {
    await store.recordUnanswered('私は山田花子です', 'koganei', { topic: '山田花子', reason: 'fallback' });
    const [e] = await store.listUnanswered(10);
    expect(e?.text).toBe('私は［氏名］です');
    expect(e?.topic).toBeNull();
  });

  it('counts the same question (after masking) as one entry with first and last seen', async () => {
    await store.recordUnanswered('090-1111-2222に電話できますか', 'hinode', { reason: 'fallback' });
    clock.t = T0 + 2 * DAY;
    // another phone number, full-width: the same question once masked and normalized
    await store.recordUnanswered('０８０－３３３３－４４４４に電話できますか', 'hinode');
    const [e] = await store.listUnanswered(10);
    expect(e).toMatchObject({ count: 2, firstSeen: new Date(T0).toISOString(), reason: 'fallback' });
    expect(e?.lastSeen).toBe(new Date(T0 + 2 * DAY).toISOString());
  });

  it('filters by municipality, reason, period, text and handled; marks and deletes', async () => {
    await store.recordUnanswered('犬の登録は', 'koganei', { reason: 'fallback', topic: '犬の登録' });
    clock.t = T0 + 10 * DAY;
    await store.recordUnanswered('花見の宴会は', 'hinode', { reason: 'low-confidence' });
    await store.recordUnanswered('天気は', null, { reason: 'fallback' });
    const texts = async (f: Parameters<StateStore['listUnanswered']>[2]) =>
      (await store.listUnanswered(50, 'recent', f)).map((e) => e.text).sort();
    expect(await texts({ municipality: 'koganei' })).toEqual(['犬の登録は']);
    expect(await texts({ municipality: 'none' })).toEqual(['天気は']);
    expect(await texts({ reason: 'fallback' })).toEqual(['天気は', '犬の登録は']);
    expect(await texts({ since: T0 + 5 * DAY })).toEqual(['天気は', '花見の宴会は']);
    expect(await texts({ until: T0 + 5 * DAY })).toEqual(['犬の登録は']);
    expect(await texts({ search: '宴会' })).toEqual(['花見の宴会は']);
    expect(await texts({ search: '犬の登録' })).toEqual(['犬の登録は']);

    const dog = (await store.listUnanswered(50, 'recent', { search: '犬' }))[0]!;
    expect(await store.markUnanswered(dog.id, true)).toBe(true);
    expect(await texts({ handled: true })).toEqual(['犬の登録は']);
    expect(await texts({ handled: false })).toEqual(['天気は', '花見の宴会は']);
    expect(await store.markUnanswered('0000000000000000', true)).toBe(false);

    expect(await store.deleteUnanswered(dog.id)).toBe(true);
    expect(await store.deleteUnanswered(dog.id)).toBe(false);
    expect(await texts({})).toEqual(['天気は', '花見の宴会は']);
  });

  it('purges what was not asked again within the retention period (fake clock)', async () => {
    await store.recordUnanswered('古い質問', 'musashino');
    clock.t = T0 + 50 * DAY;
    await store.recordUnanswered('新しい質問', 'musashino');
    await store.recordUnanswered('何度も聞かれる質問', 'musashino');
    clock.t = T0 + 80 * DAY;
    await store.recordUnanswered('何度も聞かれる質問', 'musashino'); // seen again: kept longer

    const retention = createUnansweredRetention({ state: store, days: 90, now: () => clock.t });
    clock.t = T0 + 89 * DAY;
    expect(await retention.purge()).toBe(0); // 89 days: nothing is past 90 days yet
    clock.t = T0 + 91 * DAY;
    expect(await retention.purge()).toBe(1);
    expect((await store.listUnanswered(10)).map((e) => e.text).sort()).toEqual(['何度も聞かれる質問', '新しい質問']);
    clock.t = T0 + 141 * DAY;
    expect(await retention.purge()).toBe(1);
    expect((await store.listUnanswered(10)).map((e) => e.text)).toEqual(['何度も聞かれる質問']);
    clock.t = T0 + 171 * DAY;
    expect(await retention.purge()).toBe(1);
    expect(await store.listUnanswered(10)).toEqual([]);
  });

  it('counts answers per day (Japan time), per municipality and overall', async () => {
    const late = Date.parse('2026-04-01T16:30:00Z'); // 01:30 on 2 April in Japan
    await store.recordAnswerStat({
      municipality: 'koganei',
      kind: 'answer',
      topic: '書かない窓口',
      unanswered: false,
      at: T0,
    });
    await store.recordAnswerStat({ municipality: 'koganei', kind: 'fallback', topic: null, unanswered: true, at: T0 });
    await store.recordAnswerStat({ municipality: null, kind: 'route', topic: '住民票', unanswered: false, at: late });
    const days = ['2026-04-01', '2026-04-02'];
    const all = await store.readStats(days, null);
    expect(all.map((d) => [d.day, d.total, d.unanswered])).toEqual([
      ['2026-04-01', 2, 1],
      ['2026-04-02', 1, 0],
    ]);
    expect(all[0]?.kinds).toEqual({ answer: 1, fallback: 1 });
    expect(all[0]?.topics).toEqual({ 書かない窓口: 1 });
    expect((await store.readStats(days, 'koganei')).map((d) => d.total)).toEqual([2, 0]);
    expect((await store.readStats(days, 'none')).map((d) => d.kinds)).toEqual([{}, { route: 1 }]);
    expect((await store.readStats(days, 'hinode')).map((d) => d.total)).toEqual([0, 0]);
  });
});

// The counters are written by one script (it replaced a MULTI): the same keys, and each keeps its expiry.
describe.skipIf(!redis)('redis analytics counters', () => {
  it('expire after the kept days, the topics of each scope included', async () => {
    const prefix = `test:${randomUUID()}:`;
    const store = createRedisStore({ url: redis!.url, logger, keyPrefix: prefix, now: () => T0 });
    const raw = new Redis(redis!.url);
    try {
      for (let i = 0; i < 100 && !(await store.ping()); i++) await new Promise((r) => setTimeout(r, 20));
      await store.recordAnswerStat({
        municipality: 'hinode',
        kind: 'answer',
        topic: '電子申請',
        unanswered: true,
        at: T0,
      });
      await store.recordAnswerStat({ municipality: null, kind: 'answer', topic: null, unanswered: false, at: T0 });
      const keys = (await raw.keys(`${prefix}*`)).map((k) => k.slice(prefix.length)).sort();
      expect(keys).toEqual(['stats:2026-04-01', 'stats:2026-04-01:topics:*', 'stats:2026-04-01:topics:hinode']);
      for (const k of keys) {
        const ttl = await raw.ttl(prefix + k);
        expect(ttl, k).toBeGreaterThan(99 * 24 * 60 * 60); // STATS_KEEP_DAYS (100) from now
        expect(ttl, k).toBeLessThanOrEqual(100 * 24 * 60 * 60);
      }
      expect(await raw.hgetall(`${prefix}stats:2026-04-01`)).toEqual({
        '*|total': '2',
        '*|kind|answer': '2',
        '*|unanswered': '1',
        'hinode|total': '1',
        'hinode|kind|answer': '1',
        'hinode|unanswered': '1',
        'none|total': '1',
        'none|kind|answer': '1',
      });
      expect(await raw.hgetall(`${prefix}stats:2026-04-01:topics:hinode`)).toEqual({ 電子申請: '1' });
    } finally {
      raw.disconnect();
      await store.close();
    }
  });
});

describe('analytics days', () => {
  it('are calendar days in Japan, oldest first', () => {
    expect(dayOf(Date.parse('2026-03-31T15:00:00Z'))).toBe('2026-04-01'); // midnight in Japan
    expect(dayOf(Date.parse('2026-03-31T14:59:59Z'))).toBe('2026-03-31');
    expect(lastDays(3, T0)).toEqual(['2026-03-30', '2026-03-31', '2026-04-01']);
  });
});
