// Which answer worker of a pool gets the next question: the fewest in hand, and among equals the one whose
// oldest unanswered question was sent last — a worker long on one question may be on a slow one, and a
// question sent there waits behind it (the other worker answers it sooner).
import { describe, expect, test } from 'vitest';
import { pickThread } from '../../src/serving-store.js';

type T = { id: string; alive: boolean; pending: number; oldestSentAt: number | null };
const t = (id: string, pending: number, oldestSentAt: number | null, alive = true): T => ({
  id,
  alive,
  pending,
  oldestSentAt,
});

describe('pickThread', () => {
  test.each([
    { threads: [t('a', 1, 100), t('b', 0, null)], after: 1, expect: 'b', why: 'an idle worker before a busy one' },
    { threads: [t('a', 2, 100), t('b', 1, 90)], after: 1, expect: 'b', why: 'fewer questions in hand wins over age' },
    {
      threads: [t('a', 1, 100), t('b', 1, 200)],
      after: 1,
      expect: 'b',
      why: 'equal in hand: a has been on its question 100 ms longer (maybe a slow one), b started later',
    },
    {
      threads: [t('a', 1, 200), t('b', 1, 100)],
      after: 0,
      expect: 'a',
      why: 'the same, the other way round: age decides, not whose turn it is',
    },
    {
      threads: [t('a', 0, null), t('b', 0, null)],
      after: 0,
      expect: 'b',
      why: 'both idle: the one after the last chosen (questions spread over the pool)',
    },
    {
      threads: [t('a', 0, null, false), t('b', 3, 100)],
      after: 1,
      expect: 'b',
      why: 'a dead worker is never chosen, however idle',
    },
    { threads: [t('a', 0, null, false)], after: 0, expect: null, why: 'no live worker: nothing chosen' },
  ])('$why', ({ threads, after, expect: want }) => {
    expect(pickThread(threads, after)?.id ?? null).toBe(want);
  });
});
