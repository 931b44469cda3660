import type { OwnerExitPolicy } from '../../../src-preload/contract/locks';
import type { LeaseRow, LockTx, WaiterRow } from '../ports/locks';
import { rankAt } from './fairness';

/**
 * The grant rules, as steps that each run inside ONE store transaction
 * (LockRepo.transact). Because the adapter opens it with BEGIN IMMEDIATE, at
 * most one step in any process decides at a time, so:
 *   - a resource has at most one lease (also a PRIMARY KEY in the store);
 *   - tokens come from a per-resource counter advanced in the same step;
 *   - a released or expired resource goes to the head waiter in the very step
 *     that freed it ("hand-off"): it is never free while live waiters exist,
 *     so a newcomer cannot barge past the queue — it queues by rank.
 * Steps never throw for expected outcomes; they return tagged results.
 */

export interface EngineConfig {
  agingMsPerPoint: number;
  waiterStaleMs: number;
}

/** What a step changed besides its own answer, so callers can wake and log. */
export interface SideEffects {
  /** Leases handed to queued waiters (the manager wakes in-process ones). */
  grants: LeaseRow[];
  /** Leases removed because their TTL ran out. */
  expired: LeaseRow[];
  /** Waiters dropped because they were past their deadline or abandoned. */
  dropped: WaiterRow[];
}

export const noEffects = (): SideEffects => ({ grants: [], expired: [], dropped: [] });

const isDead = (w: WaiterRow, now: number, cfg: EngineConfig): boolean =>
  w.deadline <= now || w.lastSeenAt < now - cfg.waiterStaleMs;

function grant(
  tx: LockTx,
  req: { resource: string; owner: string; priority: number; ttlMs: number; waiterId: number | null },
  now: number,
): LeaseRow {
  const lease: LeaseRow = {
    resource: req.resource,
    owner: req.owner,
    token: tx.takeToken(req.resource),
    priority: req.priority,
    ttlMs: req.ttlMs,
    acquiredAt: now,
    expiresAt: now + req.ttlMs,
    waiterId: req.waiterId,
  };
  tx.insertLease(lease);
  return lease;
}

/**
 * Brings one resource up to date at `now`: reclaims an expired lease, then
 * hands a free resource to the first live waiter. Returns the live lease.
 */
export function settle(tx: LockTx, resource: string, now: number, cfg: EngineConfig, fx: SideEffects): LeaseRow | undefined {
  let lease = tx.getLease(resource);
  if (lease && lease.expiresAt <= now) {
    tx.deleteLease(resource, lease.token);
    fx.expired.push(lease);
    lease = undefined;
  }
  while (!lease) {
    const head = tx.headWaiter(resource);
    if (!head) break;
    tx.deleteWaiter(head.id);
    if (isDead(head, now, cfg)) {
      fx.dropped.push(head);
      continue;
    }
    lease = grant(tx, { ...head, waiterId: head.id }, now);
    fx.grants.push(lease);
  }
  return lease;
}

export interface AcquireRequest {
  resource: string;
  owner: string;
  priority: number;
  ttlMs: number;
  waitMs: number;
}

export type AcquireStep =
  | { kind: 'granted'; lease: LeaseRow }
  | { kind: 'busy'; holder: LeaseRow }
  | { kind: 'queued'; waiterId: number; holder: LeaseRow };

export function acquireStep(tx: LockTx, req: AcquireRequest, now: number, cfg: EngineConfig, fx: SideEffects): AcquireStep {
  const lease = settle(tx, req.resource, now, cfg, fx);
  // The holder asking again gets its lease back unchanged (renew extends it):
  // agents retry tool calls, and a queue place kept across a restart may have
  // been served before the owner re-asked.
  if (lease && lease.owner === req.owner) return { kind: 'granted', lease };
  // Free after settling means nobody live is queued: grant straight away.
  if (!lease) return { kind: 'granted', lease: grant(tx, { ...req, waiterId: null }, now) };
  if (req.waitMs <= 0) return { kind: 'busy', holder: lease };
  const deadline = now + req.waitMs;
  const existing = tx.findWaiter(req.resource, req.owner);
  if (existing) {
    // Adopt the place this owner already has (e.g. queued before an app restart).
    tx.touchWaiter(existing.id, now, deadline);
    return { kind: 'queued', waiterId: existing.id, holder: lease };
  }
  const waiterId = tx.insertWaiter({
    resource: req.resource,
    owner: req.owner,
    priority: req.priority,
    ttlMs: req.ttlMs,
    rankAt: rankAt(now, req.priority, cfg.agingMsPerPoint),
    enqueuedAt: now,
    deadline,
    lastSeenAt: now,
  });
  return { kind: 'queued', waiterId, holder: lease };
}

export type PollStep =
  | { kind: 'granted'; lease: LeaseRow }
  | { kind: 'waiting'; holder: LeaseRow }
  /** Dropped (owner exit, deadline, abandoned); `lost` if it was served but its lease already expired. */
  | { kind: 'gone'; lost?: LeaseRow };

export function pollStep(tx: LockTx, waiterId: number, now: number, cfg: EngineConfig, fx: SideEffects): PollStep {
  const before = tx.getWaiter(waiterId);
  // Seen first, then settled: a live poller is never dropped as abandoned.
  if (before) tx.touchWaiter(waiterId, now, before.deadline);
  const resource = before?.resource ?? tx.leaseForWaiter(waiterId)?.resource;
  if (resource === undefined) return { kind: 'gone' };
  const lease = settle(tx, resource, now, cfg, fx);
  if (lease && lease.waiterId === waiterId) return { kind: 'granted', lease };
  if (!lease || !tx.getWaiter(waiterId)) {
    const lost = fx.expired.find((l) => l.waiterId === waiterId);
    return lost ? { kind: 'gone', lost } : { kind: 'gone' };
  }
  return { kind: 'waiting', holder: lease };
}

export type CancelStep = { kind: 'granted'; lease: LeaseRow } | { kind: 'cancelled'; holder: LeaseRow | undefined };

/** Gives up a queue place, unless the grant got there first (then the lease is kept). */
export function cancelStep(
  tx: LockTx,
  waiter: { waiterId: number; resource: string },
  now: number,
  cfg: EngineConfig,
  fx: SideEffects,
): CancelStep {
  const served = tx.leaseForWaiter(waiter.waiterId);
  if (served && served.expiresAt > now) return { kind: 'granted', lease: served };
  // The row may already be gone (a sweep drops waiters at their deadline).
  tx.deleteWaiter(waiter.waiterId);
  return { kind: 'cancelled', holder: settle(tx, waiter.resource, now, cfg, fx) };
}

export interface HolderRequest {
  resource: string;
  owner: string;
  token: number;
}

export type RenewStep = { kind: 'renewed'; lease: LeaseRow } | { kind: 'lost'; holder: LeaseRow | undefined };

/** Only a live lease can be renewed: once expired it may already be someone else's. */
export function renewStep(tx: LockTx, req: HolderRequest & { ttlMs: number }, now: number, cfg: EngineConfig, fx: SideEffects): RenewStep {
  const lease = settle(tx, req.resource, now, cfg, fx);
  if (!lease || lease.token !== req.token || lease.owner !== req.owner) return { kind: 'lost', holder: lease };
  tx.setLeaseExpiry(req.resource, lease.token, now + req.ttlMs, req.ttlMs);
  return { kind: 'renewed', lease: { ...lease, expiresAt: now + req.ttlMs, ttlMs: req.ttlMs } };
}

export type ReleaseStep =
  | { kind: 'released'; released: LeaseRow; handedTo: LeaseRow | undefined }
  | { kind: 'lost'; holder: LeaseRow | undefined };

export function releaseStep(tx: LockTx, req: HolderRequest, now: number, cfg: EngineConfig, fx: SideEffects): ReleaseStep {
  const lease = settle(tx, req.resource, now, cfg, fx);
  if (!lease || lease.token !== req.token || lease.owner !== req.owner) return { kind: 'lost', holder: lease };
  tx.deleteLease(req.resource, lease.token);
  return { kind: 'released', released: lease, handedTo: settle(tx, req.resource, now, cfg, fx) };
}

export type VerifyStep = { kind: 'current'; lease: LeaseRow } | { kind: 'stale'; holder: LeaseRow | undefined };

export function verifyStep(tx: LockTx, resource: string, token: number, now: number, cfg: EngineConfig, fx: SideEffects): VerifyStep {
  const lease = settle(tx, resource, now, cfg, fx);
  return lease && lease.token === token ? { kind: 'current', lease } : { kind: 'stale', holder: lease };
}

export interface OwnerExitStep {
  released: LeaseRow[];
  expiring: LeaseRow[];
  cancelled: WaiterRow[];
}

/** A finished owner never waits again; its leases go now or run out their TTL, by policy. */
export function ownerExitStep(
  tx: LockTx,
  owner: string,
  policy: OwnerExitPolicy,
  now: number,
  cfg: EngineConfig,
  fx: SideEffects,
): OwnerExitStep {
  const cancelled = tx.waitersByOwner(owner);
  for (const w of cancelled) tx.deleteWaiter(w.id);
  const out: OwnerExitStep = { released: [], expiring: [], cancelled };
  for (const lease of tx.leasesByOwner(owner)) {
    const live = settle(tx, lease.resource, now, cfg, fx);
    if (!live || live.token !== lease.token) continue; // it had already expired
    if (policy === 'expire') {
      out.expiring.push(live);
      continue;
    }
    tx.deleteLease(live.resource, live.token);
    out.released.push(live);
    settle(tx, live.resource, now, cfg, fx);
  }
  return out;
}

/** Reclaims every expired lease and abandoned waiter in the store, granting whoever is next. */
export function sweepStep(tx: LockTx, now: number, cfg: EngineConfig, fx: SideEffects): void {
  fx.dropped.push(...tx.deleteDeadWaiters(now, now - cfg.waiterStaleMs));
  for (const resource of tx.resourcesToSettle(now)) settle(tx, resource, now, cfg, fx);
}

export interface ResourceSnapshot {
  resource: string;
  lease: LeaseRow | undefined;
  waiters: WaiterRow[];
  nextToken: number;
}

/** A consistent picture after sweeping, so nothing dead is shown as live. */
export function queryStep(
  tx: LockTx,
  filter: { resource?: string; owner?: string },
  now: number,
  cfg: EngineConfig,
  fx: SideEffects,
): ResourceSnapshot[] {
  sweepStep(tx, now, cfg, fx);
  const resources = filter.resource !== undefined ? [filter.resource] : tx.activeResources();
  const out: ResourceSnapshot[] = [];
  for (const resource of resources) {
    const snap = { resource, lease: tx.getLease(resource), waiters: tx.queue(resource), nextToken: tx.peekToken(resource) };
    const o = filter.owner;
    if (o !== undefined && snap.lease?.owner !== o && !snap.waiters.some((w) => w.owner === o)) continue;
    out.push(snap);
  }
  return out;
}
