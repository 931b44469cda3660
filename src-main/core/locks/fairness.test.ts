import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_LOCK_PRIORITY } from '../../../src-preload/contract/locks';
import { compareWaiters, effectivePriority, maxWaitBoundMs, overtakeWindowMs, rankAt } from './fairness';
import { pollDelayMs } from './types';

const priority = fc.integer({ min: 0, max: MAX_LOCK_PRIORITY });
const time = fc.integer({ min: 0, max: 1_000_000 });
const aging = fc.integer({ min: 1, max: 1_000 });

describe('fairness', () => {
  it('orders by effective priority at every instant, which the stored rank captures', () => {
    fc.assert(
      fc.property(priority, priority, time, time, fc.nat(1_000_000), aging, (pa, pb, ea, eb, later, k) => {
        const a = { id: 1, priority: pa, enqueuedAt: ea, rankAt: rankAt(ea, pa, k) };
        const b = { id: 2, priority: pb, enqueuedAt: eb, rankAt: rankAt(eb, pb, k) };
        const now = Math.max(ea, eb) + later;
        const diff = effectivePriority(a, now, k) - effectivePriority(b, now, k);
        if (Math.abs(diff) > 1e-9) expect(Math.sign(compareWaiters(a, b))).toBe(diff > 0 ? -1 : 1);
      }),
    );
  });

  it('lets nobody overtake a waiter once its overtake window has passed', () => {
    fc.assert(
      fc.property(priority, priority, time, fc.integer({ min: 1, max: 100_000 }), aging, (p, q, t, after, k) => {
        const waiter = { id: 1, enqueuedAt: t, rankAt: rankAt(t, p, k) };
        const arrival = t + overtakeWindowMs(p, k) + after;
        const newcomer = { id: 2, enqueuedAt: arrival, rankAt: rankAt(arrival, q, k) };
        expect(compareWaiters(waiter, newcomer)).toBeLessThan(0);
      }),
    );
  });

  it('serves equal ranks first come, first served', () => {
    expect(compareWaiters({ id: 9, rankAt: 0, enqueuedAt: 5 }, { id: 1, rankAt: 0, enqueuedAt: 6 })).toBeLessThan(0);
    expect(compareWaiters({ id: 1, rankAt: 0, enqueuedAt: 5 }, { id: 2, rankAt: 0, enqueuedAt: 5 })).toBeLessThan(0);
  });

  it('states the bound: overtake window plus one hold per other contender', () => {
    expect(maxWaitBoundMs({ priority: 0, contenders: 50, maxHoldMs: 100, agingMsPerPoint: 100 })).toBe(10_000 + 49 * 100);
    expect(maxWaitBoundMs({ priority: 100, contenders: 1, maxHoldMs: 100, agingMsPerPoint: 100 })).toBe(0);
  });

  it('polls with bounded exponential backoff and jitter', () => {
    const opts = { pollMinMs: 10, pollMaxMs: 500 };
    expect([0, 1, 2, 10].map((a) => pollDelayMs(a, () => 0, opts))).toEqual([5, 10, 20, 250]);
    expect([0, 1, 2, 10].map((a) => pollDelayMs(a, () => 0.999_999, opts))).toEqual([10, 20, 40, 500]);
  });
});
