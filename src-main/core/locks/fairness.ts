import { MAX_LOCK_PRIORITY, MIN_LOCK_PRIORITY } from '../../../src-preload/contract/locks';

/**
 * Who is served next, and how long anyone can be made to wait. Pure.
 *
 * Effective priority ages linearly while a request waits:
 *   effective(w, now) = w.priority + (now - w.enqueuedAt) / agingMsPerPoint
 * Every waiter ages at the same rate, so the difference between two waiters
 * never changes with time and the serving order is fixed at enqueue by one
 * number, the rank:
 *   rankAt = enqueuedAt - priority × agingMsPerPoint      (lower is served first)
 * i.e. a priority point is worth `agingMsPerPoint` of queueing time. The rank
 * is stored with the waiter, so every process orders a queue the same way and
 * an index serves the head; ties go FIFO (enqueue time, then insertion id).
 *
 * The bound (the "no starvation" guarantee). Let W enqueue at t with priority p.
 * A later request X goes ahead of W only if rank(X) ≤ rank(W), i.e. it arrived
 * before t + (priority(X) - p) × agingMsPerPoint ≤ t + overtakeWindowMs(p).
 * After that window nothing new overtakes W, so W only waits for the leases
 * already ahead of it: at most one per other contender, each ending by release
 * or TTL expiry. Hence, for N contenders each holding at most H ms:
 *   wait(W) ≤ overtakeWindowMs(p) + (N - 1) × H  (+ one poll interval per hand-off
 *             to another process, which learns of its grant by polling)
 * Renewals lengthen H on purpose (a dev server keeps its port while it runs);
 * the guarantee is about queue order, which no request can game.
 */

/**
 * Default: one priority point = 100 ms of waiting. The whole range (100 points)
 * is then worth 10 s: priority decides who goes first among requests a few
 * seconds apart, and nobody is overtaken for longer than 10 s.
 */
export const DEFAULT_AGING_MS_PER_POINT = 100;

/** The largest priority difference the contract admits. */
export const MAX_PRIORITY_GAP = MAX_LOCK_PRIORITY - MIN_LOCK_PRIORITY;

export interface Rankable {
  readonly id: number;
  readonly rankAt: number;
  readonly enqueuedAt: number;
}

/** The serving key of a request enqueued at `enqueuedAt` (ms) with `priority`. */
export function rankAt(enqueuedAt: number, priority: number, agingMsPerPoint: number): number {
  return enqueuedAt - priority * agingMsPerPoint;
}

/** Priority plus aging, for display and for checking the rank's equivalence. */
export function effectivePriority(
  w: { readonly priority: number; readonly enqueuedAt: number },
  now: number,
  agingMsPerPoint: number,
): number {
  return w.priority + Math.max(0, now - w.enqueuedAt) / agingMsPerPoint;
}

/** Serving order: rank, then FIFO. The SQLite adapter's ORDER BY must match. */
export function compareWaiters(a: Rankable, b: Rankable): number {
  return a.rankAt - b.rankAt || a.enqueuedAt - b.enqueuedAt || a.id - b.id;
}

/** How long after its arrival a waiter of `priority` can still be overtaken (ms). */
export function overtakeWindowMs(priority: number, agingMsPerPoint: number): number {
  return (MAX_LOCK_PRIORITY - priority) * agingMsPerPoint;
}

/** The worst wait of a request of `priority` among `contenders` holding ≤ maxHoldMs each. */
export function maxWaitBoundMs(opts: {
  priority: number;
  contenders: number;
  maxHoldMs: number;
  agingMsPerPoint: number;
  /** Delay between a lease ending and the next holder learning of it (poll interval, 0 in-process). */
  handoffLatencyMs?: number;
}): number {
  const perLease = opts.maxHoldMs + (opts.handoffLatencyMs ?? 0);
  return overtakeWindowMs(opts.priority, opts.agingMsPerPoint) + Math.max(0, opts.contenders - 1) * perLease;
}
