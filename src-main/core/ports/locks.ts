import type { Result } from '../../../src-preload/contract/result';

/**
 * Storage port of the lock manager. SQLite is the one source of truth for
 * leases and waiters (MISSION.md), so every grant decision runs inside one
 * transaction of `LockRepo.transact`: the SQLite adapter opens it with
 * BEGIN IMMEDIATE, which serialises deciders across processes sharing the
 * data folder. The decision logic itself lives once, in core/locks/engine.ts;
 * the adapter only reads and writes rows.
 */

export interface LeaseRow {
  resource: string;
  owner: string;
  /** Fencing token: strictly increasing per resource across grants and restarts. */
  token: number;
  priority: number;
  ttlMs: number;
  acquiredAt: number;
  expiresAt: number;
  /** The queued request this lease was handed to, so its (maybe remote) poller finds it. */
  waiterId: number | null;
}

export interface WaiterRow {
  /** Never reused (AUTOINCREMENT), so a stale id cannot match a newer waiter. */
  id: number;
  resource: string;
  owner: string;
  priority: number;
  /** TTL of the lease this waiter will be handed. */
  ttlMs: number;
  /** Serving key, fixed at enqueue (core/locks/fairness.ts): lower is served first. */
  rankAt: number;
  enqueuedAt: number;
  /** After this the waiter has given up; it is never served. */
  deadline: number;
  /** Refreshed by every poll; a waiter unseen for long belongs to a dead process. */
  lastSeenAt: number;
}

/** Row operations available inside one atomic transaction. */
export interface LockTx {
  getLease(resource: string): LeaseRow | undefined;
  leaseForWaiter(waiterId: number): LeaseRow | undefined;
  leasesByOwner(owner: string): LeaseRow[];
  insertLease(lease: LeaseRow): void;
  setLeaseExpiry(resource: string, token: number, expiresAt: number, ttlMs: number): void;
  deleteLease(resource: string, token: number): void;

  /** The token the next grant of `resource` gets (1 for a resource never granted). */
  peekToken(resource: string): number;
  /** Returns the next token and advances the persisted counter. */
  takeToken(resource: string): number;

  /** The first waiter by (rankAt, enqueuedAt, id), or undefined. */
  headWaiter(resource: string): WaiterRow | undefined;
  /** Every waiter of `resource` in serving order. */
  queue(resource: string): WaiterRow[];
  getWaiter(id: number): WaiterRow | undefined;
  findWaiter(resource: string, owner: string): WaiterRow | undefined;
  waitersByOwner(owner: string): WaiterRow[];
  insertWaiter(waiter: Omit<WaiterRow, 'id'>): number;
  touchWaiter(id: number, lastSeenAt: number, deadline: number): void;
  deleteWaiter(id: number): void;
  /** Deletes (and returns) waiters past their deadline or unseen since `staleBefore`. */
  deleteDeadWaiters(now: number, staleBefore: number): WaiterRow[];

  /** Resources with a lease expired at `now`, or with waiters but no lease. */
  resourcesToSettle(now: number): string[];
  /** Every resource with a lease or a waiter. */
  activeResources(): string[];
}

export interface LockRepo {
  /**
   * Runs fn atomically (all or nothing; exclusive against every other writer
   * of the same store). Store failures (busy past the timeout, disk full)
   * come back as `unavailable`; exceptions thrown by fn are bugs and propagate.
   */
  transact<T>(fn: (tx: LockTx) => T): Result<T>;
}
