import { err, ok } from '../../src-preload/contract/result';
import type { LeaseRow, LockRepo, LockTx, WaiterRow } from '../core/ports/locks';
import { writeTx, type Db } from './database';

/**
 * The LockRepo port over better-sqlite3. Every transaction is BEGIN IMMEDIATE
 * (writeTx): the write lock is taken before the first read, so two processes
 * on the same file never both see a resource free and both grant it. The
 * statements are prepared once; each step runs a handful of indexed lookups.
 */

interface LeaseDbRow {
  resource: string;
  owner: string;
  token: number;
  priority: number;
  ttl_ms: number;
  acquired_at: number;
  expires_at: number;
  waiter_id: number | null;
}

interface WaiterDbRow {
  id: number;
  resource: string;
  owner: string;
  priority: number;
  ttl_ms: number;
  rank_at: number;
  enqueued_at: number;
  deadline: number;
  last_seen_at: number;
}

const toLease = (r: LeaseDbRow): LeaseRow => ({
  resource: r.resource,
  owner: r.owner,
  token: r.token,
  priority: r.priority,
  ttlMs: r.ttl_ms,
  acquiredAt: r.acquired_at,
  expiresAt: r.expires_at,
  waiterId: r.waiter_id,
});

const toWaiter = (r: WaiterDbRow): WaiterRow => ({
  id: r.id,
  resource: r.resource,
  owner: r.owner,
  priority: r.priority,
  ttlMs: r.ttl_ms,
  rankAt: r.rank_at,
  enqueuedAt: r.enqueued_at,
  deadline: r.deadline,
  lastSeenAt: r.last_seen_at,
});

/** Must match core/locks/fairness.ts compareWaiters (checked by the contract tests). */
const SERVING_ORDER = 'ORDER BY rank_at ASC, enqueued_at ASC, id ASC';

/** SQLite result codes that mean "the store cannot serve now", not "our code is wrong". */
const UNAVAILABLE_CODES = /^SQLITE_(BUSY|LOCKED|FULL|IOERR|READONLY|CANTOPEN|PROTOCOL|NOMEM)/;

export function createSqliteLockRepo(db: Db): LockRepo {
  const q = {
    getLease: db.prepare('SELECT * FROM lock_leases WHERE resource = ?'),
    leaseForWaiter: db.prepare('SELECT * FROM lock_leases WHERE waiter_id = ?'),
    leasesByOwner: db.prepare('SELECT * FROM lock_leases WHERE owner = ? ORDER BY resource'),
    insertLease: db.prepare(`INSERT INTO lock_leases (resource, owner, token, priority, ttl_ms, acquired_at, expires_at, waiter_id)
      VALUES (@resource, @owner, @token, @priority, @ttlMs, @acquiredAt, @expiresAt, @waiterId)`),
    setLeaseExpiry: db.prepare('UPDATE lock_leases SET expires_at = ?, ttl_ms = ? WHERE resource = ? AND token = ?'),
    deleteLease: db.prepare('DELETE FROM lock_leases WHERE resource = ? AND token = ?'),
    peekToken: db.prepare('SELECT next_token FROM lock_resources WHERE resource = ?'),
    takeToken: db.prepare(`INSERT INTO lock_resources (resource, next_token) VALUES (?, 2)
      ON CONFLICT(resource) DO UPDATE SET next_token = next_token + 1 RETURNING next_token - 1 AS token`),
    headWaiter: db.prepare(`SELECT * FROM lock_waiters WHERE resource = ? ${SERVING_ORDER} LIMIT 1`),
    queue: db.prepare(`SELECT * FROM lock_waiters WHERE resource = ? ${SERVING_ORDER}`),
    getWaiter: db.prepare('SELECT * FROM lock_waiters WHERE id = ?'),
    findWaiter: db.prepare('SELECT * FROM lock_waiters WHERE resource = ? AND owner = ?'),
    waitersByOwner: db.prepare('SELECT * FROM lock_waiters WHERE owner = ? ORDER BY id'),
    insertWaiter: db.prepare(`INSERT INTO lock_waiters (resource, owner, priority, ttl_ms, rank_at, enqueued_at, deadline, last_seen_at)
      VALUES (@resource, @owner, @priority, @ttlMs, @rankAt, @enqueuedAt, @deadline, @lastSeenAt)`),
    touchWaiter: db.prepare('UPDATE lock_waiters SET last_seen_at = ?, deadline = ? WHERE id = ?'),
    deleteWaiter: db.prepare('DELETE FROM lock_waiters WHERE id = ?'),
    deleteDeadWaiters: db.prepare('DELETE FROM lock_waiters WHERE deadline <= ? OR last_seen_at < ? RETURNING *'),
    resourcesToSettle: db.prepare(`SELECT resource FROM lock_leases WHERE expires_at <= ?
      UNION SELECT w.resource FROM lock_waiters w LEFT JOIN lock_leases l ON l.resource = w.resource WHERE l.resource IS NULL
      ORDER BY resource`),
    activeResources: db.prepare('SELECT resource FROM lock_leases UNION SELECT resource FROM lock_waiters ORDER BY resource'),
  };

  const tx: LockTx = {
    getLease(resource) {
      const r = q.getLease.get(resource) as LeaseDbRow | undefined;
      return r && toLease(r);
    },
    leaseForWaiter(waiterId) {
      const r = q.leaseForWaiter.get(waiterId) as LeaseDbRow | undefined;
      return r && toLease(r);
    },
    leasesByOwner: (owner) => (q.leasesByOwner.all(owner) as LeaseDbRow[]).map(toLease),
    insertLease: (lease) => void q.insertLease.run(lease),
    setLeaseExpiry: (resource, token, expiresAt, ttlMs) => void q.setLeaseExpiry.run(expiresAt, ttlMs, resource, token),
    deleteLease: (resource, token) => void q.deleteLease.run(resource, token),
    peekToken: (resource) => (q.peekToken.get(resource) as { next_token: number } | undefined)?.next_token ?? 1,
    takeToken: (resource) => (q.takeToken.get(resource) as { token: number }).token,
    headWaiter(resource) {
      const r = q.headWaiter.get(resource) as WaiterDbRow | undefined;
      return r && toWaiter(r);
    },
    queue: (resource) => (q.queue.all(resource) as WaiterDbRow[]).map(toWaiter),
    getWaiter(id) {
      const r = q.getWaiter.get(id) as WaiterDbRow | undefined;
      return r && toWaiter(r);
    },
    findWaiter(resource, owner) {
      const r = q.findWaiter.get(resource, owner) as WaiterDbRow | undefined;
      return r && toWaiter(r);
    },
    waitersByOwner: (owner) => (q.waitersByOwner.all(owner) as WaiterDbRow[]).map(toWaiter),
    insertWaiter: (w) => Number(q.insertWaiter.run(w).lastInsertRowid),
    touchWaiter: (id, lastSeenAt, deadline) => void q.touchWaiter.run(lastSeenAt, deadline, id),
    deleteWaiter: (id) => void q.deleteWaiter.run(id),
    deleteDeadWaiters: (now, staleBefore) => (q.deleteDeadWaiters.all(now, staleBefore) as WaiterDbRow[]).map(toWaiter),
    resourcesToSettle: (now) => (q.resourcesToSettle.all(now) as { resource: string }[]).map((r) => r.resource),
    activeResources: () => (q.activeResources.all() as { resource: string }[]).map((r) => r.resource),
  };

  return {
    transact(fn) {
      try {
        return ok(writeTx(db, () => fn(tx)));
      } catch (e) {
        const code = (e as { code?: unknown }).code;
        if (typeof code === 'string' && UNAVAILABLE_CODES.test(code)) {
          return err('unavailable', `The lock store cannot serve right now (${code}): ${(e as Error).message}`);
        }
        throw e;
      }
    },
  };
}
