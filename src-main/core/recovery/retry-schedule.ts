/**
 * The task retry schedule of MISSION.md ("Errors and recovery"): a worker's task is retried up
 * to 3 times with backoff 1 s, 2 s, 4 s, each attempt timing out after 120 s; restarting a
 * worker times out after 60 s. Pure: the caller passes `now` and schedules the timers.
 */

/** MISSION.md: "up to 3 times". Retries, so a task runs at most 1 + 3 = 4 times. */
export const TASK_MAX_RETRIES = 3;
/** MISSION.md: the delay before retry n is TASK_RETRY_BACKOFF_MS[n − 1]. */
export const TASK_RETRY_BACKOFF_MS: readonly number[] = [1_000, 2_000, 4_000];
/** MISSION.md: each attempt (the first and every retry) gets 120 s before it counts as failed. */
export const TASK_ATTEMPT_TIMEOUT_MS = 120_000;
/** MISSION.md: a worker restart that has not come back within 60 s has failed. */
export const WORKER_RESTART_TIMEOUT_MS = 60_000;

export type RetryStep =
  | {
      readonly kind: 'retry';
      /** 1-based retry number (1..TASK_MAX_RETRIES). */
      readonly retry: number;
      readonly delayMs: number;
      /** When to start the retry. */
      readonly startAt: number;
      /** When the retry, started on time, times out. */
      readonly deadlineAt: number;
    }
  | { readonly kind: 'exhausted'; readonly reason: string };

/**
 * What to do after `attempts` attempts of a task have failed (the first run counts, so the
 * first failure is attempts = 1). A count below 1 or a fraction is a bug in the caller: throws.
 */
export function nextRetry(attempts: number, now: number): RetryStep {
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError(`attempts must be an integer ≥ 1 (got ${attempts}).`);
  const retry = attempts; // after n failed attempts, the next run is retry n
  const delayMs = TASK_RETRY_BACKOFF_MS[retry - 1];
  if (retry > TASK_MAX_RETRIES || delayMs === undefined) {
    return { kind: 'exhausted', reason: `Failed ${attempts} time(s): the ${TASK_MAX_RETRIES} retries are used up.` };
  }
  const startAt = now + delayMs;
  return { kind: 'retry', retry, delayMs, startAt, deadlineAt: startAt + TASK_ATTEMPT_TIMEOUT_MS };
}
