import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../ports/fake-clock';
import { DEFAULT_AGING_MS_PER_POINT, maxWaitBoundMs } from './fairness';
import { createLockManager } from './lock-manager';
import { createMemoryLockRepo } from './memory-lock-repo';

/**
 * 50 contenders hammer ONE resource for a minute of fake time. Most of them
 * are high priority and re-queue the instant they release, which is exactly
 * the load that starves low priorities without aging.
 */
const CONTENDERS = 50;
const MAX_HOLD_MS = 100;
const RUN_MS = 60_000;
/** 10 at priority 0, the other 40 spread over 60…100. */
const priorityOf = (i: number): number => (i < 10 ? 0 : 60 + (i % 5) * 10);
/** Holds of 10…100 ms, deterministic per contender. */
const holdOf = (i: number): number => 10 + ((i * 37) % 10) * 10;

interface Stats {
  priority: number;
  grants: number;
  maxWaitMs: number;
  /** A wait still running when the run ended counts as a wait up to then. */
  waitingSince: number | null;
}

async function contend(agingMsPerPoint: number): Promise<Stats[]> {
  const clock = createFakeClock();
  const locks = createLockManager({ repo: createMemoryLockRepo(), clock, random: () => 0.5, options: { agingMsPerPoint } });
  const start = clock.now();
  const stats: Stats[] = Array.from({ length: CONTENDERS }, (_, i) => ({ priority: priorityOf(i), grants: 0, maxWaitMs: 0, waitingSince: null }));
  let running = true;
  const sleep = (ms: number): Promise<void> => new Promise((resolve) => clock.setTimeout(resolve, ms));

  const contender = async (i: number): Promise<void> => {
    const s = stats[i];
    if (!s) return;
    const owner = `c${i}`;
    while (running) {
      s.waitingSince = clock.now();
      const r = await locks.acquire({ resource: 'repo:index', owner, priority: s.priority, ttlMs: 10_000, waitMs: 600_000 });
      if (!r.ok) break; // disposed at the end of the run
      s.maxWaitMs = Math.max(s.maxWaitMs, clock.now() - s.waitingSince);
      s.waitingSince = null;
      s.grants += 1;
      await sleep(holdOf(i));
      locks.release({ resource: 'repo:index', owner, token: r.value.token });
    }
  };

  const all = Promise.all(stats.map((_, i) => contender(i)));
  await clock.advanceAsync(RUN_MS);
  running = false;
  for (const s of stats) if (s.waitingSince !== null) s.maxWaitMs = Math.max(s.maxWaitMs, start + RUN_MS - s.waitingSince);
  locks.dispose();
  await clock.advanceAsync(MAX_HOLD_MS); // lets the last holder wake up and leave
  await all;
  return stats;
}

describe('lock fairness under contention', () => {
  it('serves each of 50 mixed-priority contenders within the stated bound', async () => {
    const stats = await contend(DEFAULT_AGING_MS_PER_POINT);
    for (const s of stats) {
      const bound = maxWaitBoundMs({ priority: s.priority, contenders: CONTENDERS, maxHoldMs: MAX_HOLD_MS, agingMsPerPoint: DEFAULT_AGING_MS_PER_POINT });
      expect(s.grants).toBeGreaterThan(0);
      expect(s.maxWaitMs).toBeLessThanOrEqual(bound);
    }
    // Priority still means something: the top tier waits less than the bottom one.
    const worst = (p: number): number => Math.max(...stats.filter((s) => s.priority === p).map((s) => s.maxWaitMs));
    expect(worst(100)).toBeLessThan(worst(0));
  });

  it('would starve the low priorities without aging (the test has teeth)', async () => {
    const stats = await contend(1e9);
    expect(stats.filter((s) => s.priority === 0 && s.grants === 0).length).toBeGreaterThan(0);
  });
});
