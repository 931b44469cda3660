import type { LeaseInfo, ResourceLockState } from '../../../src-preload/contract/locks';
import type { LeaseRow } from '../ports/locks';
import type { ResourceSnapshot } from './engine';
import { effectivePriority } from './fairness';

/** Store rows → the contract's shapes (what API, MCP and UI see). */

export const toLeaseInfo = (l: LeaseRow): LeaseInfo => ({
  resource: l.resource,
  owner: l.owner,
  token: l.token,
  priority: l.priority,
  ttlMs: l.ttlMs,
  acquiredAt: l.acquiredAt,
  expiresAt: l.expiresAt,
});

export const toResourceState = (s: ResourceSnapshot, now: number, agingMsPerPoint: number): ResourceLockState => ({
  resource: s.resource,
  lease: s.lease ? toLeaseInfo(s.lease) : null,
  waiters: s.waiters.map((w) => ({
    id: w.id,
    resource: w.resource,
    owner: w.owner,
    priority: w.priority,
    enqueuedAt: w.enqueuedAt,
    deadline: w.deadline,
    effectivePriority: effectivePriority(w, now, agingMsPerPoint),
  })),
  nextToken: s.nextToken,
});
