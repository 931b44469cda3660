import { describe, expect, it } from 'vitest';
import { nextRetry, TASK_ATTEMPT_TIMEOUT_MS, TASK_MAX_RETRIES, TASK_RETRY_BACKOFF_MS, WORKER_RESTART_TIMEOUT_MS } from './retry-schedule';

const NOW = 1_700_000_000_000;

describe('retry schedule (MISSION.md)', () => {
  it('holds the mission numbers', () => {
    expect(TASK_MAX_RETRIES).toBe(3);
    expect(TASK_RETRY_BACKOFF_MS).toEqual([1_000, 2_000, 4_000]);
    expect(TASK_RETRY_BACKOFF_MS).toHaveLength(TASK_MAX_RETRIES);
    expect(TASK_ATTEMPT_TIMEOUT_MS).toBe(120_000);
    expect(WORKER_RESTART_TIMEOUT_MS).toBe(60_000);
  });

  it('retries after 1 s, 2 s, 4 s, each with a 120 s deadline, then is exhausted', () => {
    expect(nextRetry(1, NOW)).toEqual({ kind: 'retry', retry: 1, delayMs: 1_000, startAt: NOW + 1_000, deadlineAt: NOW + 1_000 + 120_000 });
    expect(nextRetry(2, NOW)).toMatchObject({ kind: 'retry', retry: 2, delayMs: 2_000 });
    expect(nextRetry(3, NOW)).toMatchObject({ kind: 'retry', retry: 3, delayMs: 4_000, deadlineAt: NOW + 4_000 + 120_000 });
    const done = nextRetry(4, NOW);
    expect(done.kind).toBe('exhausted');
    expect(nextRetry(40, NOW).kind).toBe('exhausted');
  });

  it('throws on a nonsensical attempt count (a caller bug)', () => {
    expect(() => nextRetry(0, NOW)).toThrow(RangeError);
    expect(() => nextRetry(1.5, NOW)).toThrow(RangeError);
  });
});
