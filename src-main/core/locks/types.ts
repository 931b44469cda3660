import type { OwnerExitPolicy } from '../../../src-preload/contract/locks';
import { DEFAULT_AGING_MS_PER_POINT } from './fairness';

/**
 * Tunables of the lock manager, with the defaults the app runs with. Every
 * process sharing a data folder should use the same aging rate: ranks are
 * computed by the enqueuing process and stored, so mixed rates stay safe
 * (mutual exclusion never depends on them) but weaken the fairness bound.
 */
export interface LockManagerOptions {
  /** Queueing time one priority point is worth (see fairness.ts). */
  agingMsPerPoint: number;
  /** Default for ownerExited(): free a finished session's leases now, or let them expire. */
  onOwnerExit: OwnerExitPolicy;
  /** Backstop reclaim of expired leases and abandoned waiters nobody else touches. */
  sweepIntervalMs: number;
  /** First re-check of a queued request; doubles per poll up to pollMaxMs. */
  pollMinMs: number;
  /** Worst delay for a waiter to learn of a grant made by another process. */
  pollMaxMs: number;
  /** A waiter unseen this long belongs to a dead process and loses its place. */
  waiterStaleMs: number;
}

/**
 * 1 s: a lease nobody waits on in this process is reclaimed within a second
 * of expiry; waiters do not depend on it (they re-check at the holder's expiry).
 */
export const DEFAULT_SWEEP_INTERVAL_MS = 1_000;
/** 10 ms: a quick second look catches hand-offs from a neighbour that releases at once. */
export const DEFAULT_POLL_MIN_MS = 10;
/** 500 ms: cross-process hand-off latency stays well under any sensible TTL (≥ 100 ms… 1 h). */
export const DEFAULT_POLL_MAX_MS = 500;
/**
 * 15 s = 30 missed polls: far beyond scheduling hiccups, yet long enough for
 * an app restart to re-issue the request and adopt its old queue place.
 */
export const DEFAULT_WAITER_STALE_MS = 15_000;

export const DEFAULT_LOCK_MANAGER_OPTIONS: LockManagerOptions = {
  agingMsPerPoint: DEFAULT_AGING_MS_PER_POINT,
  onOwnerExit: 'release',
  sweepIntervalMs: DEFAULT_SWEEP_INTERVAL_MS,
  pollMinMs: DEFAULT_POLL_MIN_MS,
  pollMaxMs: DEFAULT_POLL_MAX_MS,
  waiterStaleMs: DEFAULT_WAITER_STALE_MS,
};

/** Re-check delay of a queued request: exponential with "equal jitter". */
export function pollDelayMs(attempt: number, random: () => number, opts: Pick<LockManagerOptions, 'pollMinMs' | 'pollMaxMs'>): number {
  const base = Math.min(opts.pollMaxMs, opts.pollMinMs * 2 ** Math.min(attempt, 30));
  // Never below half the base, so polling stays cheap; spread above it so
  // processes that queued together do not poll the store in lockstep.
  return Math.max(1, Math.round(base / 2 + random() * (base / 2)));
}
