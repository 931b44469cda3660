import { ok } from '../../../src-preload/contract/result';
import type { LeaseRow, LockRepo, LockTx, WaiterRow } from '../ports/locks';
import { compareWaiters } from './fairness';

/**
 * In-memory LockRepo: the shared fake of the port for core tests, and the
 * reference the SQLite adapter is checked against (lock-repo-contract.ts).
 * Single process only. Atomicity: a transaction works on a copy that replaces
 * the state only when fn returns, so a throwing step changes nothing.
 */
interface State {
  leases: Map<string, LeaseRow>;
  waiters: Map<number, WaiterRow>;
  nextTokens: Map<string, number>;
  lastWaiterId: number;
}

const copy = (s: State): State => ({
  leases: new Map([...s.leases].map(([k, v]) => [k, { ...v }])),
  waiters: new Map([...s.waiters].map(([k, v]) => [k, { ...v }])),
  nextTokens: new Map(s.nextTokens),
  lastWaiterId: s.lastWaiterId,
});

export interface MemoryLockRepo extends LockRepo {
  /** Transactions run so far (tests check that each operation is one transaction). */
  readonly transactions: number;
}

export function createMemoryLockRepo(): MemoryLockRepo {
  let state: State = { leases: new Map(), waiters: new Map(), nextTokens: new Map(), lastWaiterId: 0 };
  let transactions = 0;

  const txOver = (s: State): LockTx => {
    const ordered = (resource: string): WaiterRow[] =>
      [...s.waiters.values()].filter((w) => w.resource === resource).sort(compareWaiters);
    return {
      getLease: (resource) => s.leases.get(resource),
      leaseForWaiter: (waiterId) => [...s.leases.values()].find((l) => l.waiterId === waiterId),
      leasesByOwner: (owner) => [...s.leases.values()].filter((l) => l.owner === owner),
      insertLease(lease) {
        if (s.leases.has(lease.resource)) throw new Error(`bug: second lease on ${lease.resource}`);
        s.leases.set(lease.resource, { ...lease });
      },
      setLeaseExpiry(resource, token, expiresAt, ttlMs) {
        const l = s.leases.get(resource);
        if (l && l.token === token) s.leases.set(resource, { ...l, expiresAt, ttlMs });
      },
      deleteLease(resource, token) {
        if (s.leases.get(resource)?.token === token) s.leases.delete(resource);
      },
      peekToken: (resource) => s.nextTokens.get(resource) ?? 1,
      takeToken(resource) {
        const token = s.nextTokens.get(resource) ?? 1;
        s.nextTokens.set(resource, token + 1);
        return token;
      },
      headWaiter: (resource) => ordered(resource)[0],
      queue: ordered,
      getWaiter: (id) => s.waiters.get(id),
      findWaiter: (resource, owner) => [...s.waiters.values()].find((w) => w.resource === resource && w.owner === owner),
      waitersByOwner: (owner) => [...s.waiters.values()].filter((w) => w.owner === owner),
      insertWaiter(w) {
        const id = ++s.lastWaiterId;
        s.waiters.set(id, { ...w, id });
        return id;
      },
      touchWaiter(id, lastSeenAt, deadline) {
        const w = s.waiters.get(id);
        if (w) s.waiters.set(id, { ...w, lastSeenAt, deadline });
      },
      deleteWaiter: (id) => void s.waiters.delete(id),
      deleteDeadWaiters(now, staleBefore) {
        const dead = [...s.waiters.values()].filter((w) => w.deadline <= now || w.lastSeenAt < staleBefore);
        for (const w of dead) s.waiters.delete(w.id);
        return dead;
      },
      resourcesToSettle(now) {
        const out = new Set<string>();
        for (const l of s.leases.values()) if (l.expiresAt <= now) out.add(l.resource);
        for (const w of s.waiters.values()) if (!s.leases.has(w.resource)) out.add(w.resource);
        return [...out].sort();
      },
      activeResources: () => [...new Set([...s.leases.keys(), ...[...s.waiters.values()].map((w) => w.resource)])].sort(),
    };
  };

  return {
    get transactions() {
      return transactions;
    },
    transact(fn) {
      transactions += 1;
      const draft = copy(state);
      const value = fn(txOver(draft));
      state = draft;
      return ok(value);
    },
  };
}
