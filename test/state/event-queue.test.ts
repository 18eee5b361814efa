// The durable intake on a real Redis: an event is stored once (de-duplicated by webhookEventId), handed
// to one consumer, kept until completed, taken over by another consumer when its consumer goes silent,
// and remembered as done. The memory queue keeps the same contract within one process.
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryEventQueue, createRedisEventQueue, type EventQueue } from '../../src/state/index.js';
import { testRedisUrl } from '../helpers/redis-server.js';

const redis = await testRedisUrl();
const logger = pino({ level: 'silent' });
const ev = (id: string) => ({ webhookEventId: id, body: JSON.stringify({ webhookEventId: id, type: 'message' }) });

describe('memory event queue', () => {
  it('de-duplicates, hands out in order, and forgets what was completed', async () => {
    const q = createMemoryEventQueue();
    expect(await q.append([ev('a'), ev('b'), ev('a')], 1)).toEqual([true, true, false]);
    const taken = await q.take(10, 10);
    expect(taken.map((t) => t.webhookEventId)).toEqual(['a', 'b']);
    await q.complete(taken[0]!);
    expect(q.leftovers().map((t) => t.webhookEventId)).toEqual(['b']); // taken, not completed
    expect(await q.isDone('a')).toBe(true);
    expect(await q.append([ev('a')], 2)).toEqual([false]); // a redelivery after it was answered
    await q.close();
  });
});

describe.skipIf(!redis)('Redis event queue', () => {
  let a: EventQueue;
  let b: EventQueue;
  const keyPrefix = `eq:${randomUUID()}:`;

  beforeAll(async () => {
    a = createRedisEventQueue({ url: redis!.url, logger, keyPrefix, consumer: 'a', claimIdleMs: 1000 });
    b = createRedisEventQueue({ url: redis!.url, logger, keyPrefix, consumer: 'b', claimIdleMs: 1000 });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await redis?.stop();
  });

  it('stores each webhookEventId once, across processes', async () => {
    expect(await a.append([ev('e1'), ev('e2')], 1000)).toEqual([true, true]);
    expect(await b.append([ev('e1')], 2000)).toEqual([false]);
  });

  it('one consumer gets each entry; completed entries are done and not handed out again', async () => {
    const got = await a.take(10, 200);
    expect(got.map((g) => g.webhookEventId).sort()).toEqual(['e1', 'e2']);
    expect(got.every((g) => !g.redelivered && g.receivedAt === 1000)).toBe(true);
    expect(await b.take(10, 200)).toEqual([]); // nothing new for b
    await a.complete(got[0]!);
    await a.complete(got[1]!, 'send-failed'); // finally failed: done too (a dead-letter record is kept)
    expect(await b.isDone(got[0]!.webhookEventId)).toBe(true);
    expect(a.leftovers()).toEqual([]);
  });

  it("a silent consumer's entry is claimed by another after the idle time, marked redelivered", async () => {
    await a.append([ev('e3')], 3000);
    const [taken] = await a.take(1, 200);
    expect(taken?.webhookEventId).toBe('e3');
    await a.close(); // a stops (or dies) without completing e3
    await new Promise((r) => setTimeout(r, 1200));
    let claimed: Awaited<ReturnType<EventQueue['take']>> = [];
    for (let i = 0; i < 10 && claimed.length === 0; i++) claimed = await b.take(5, 200);
    expect(claimed.map((c) => [c.webhookEventId, c.redelivered])).toEqual([['e3', true]]);
    await b.complete(claimed[0]!);
    expect(await b.isDone('e3')).toBe(true);
  });
});
