import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LockRepo, LockTx } from '../ports/locks';
import * as engine from './engine';
import { compareWaiters } from './fairness';

/**
 * Behaviour every LockRepo must have, run against the in-memory fake and the
 * SQLite adapter alike, so the fake the core tests rely on cannot drift from
 * the store the app runs on.
 */
const CFG: engine.EngineConfig = { agingMsPerPoint: 100, waiterStaleMs: 15_000 };
const T0 = 1_000_000;

export function describeLockRepoContract(name: string, makeRepo: () => LockRepo): void {
  const unwrap = <T>(repo: LockRepo, fn: (tx: LockTx) => T): T => {
    const r = repo.transact(fn);
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };

  describe(`LockRepo contract: ${name}`, () => {
    it('numbers grants 1, 2, 3… per resource, independently of other resources', () => {
      const repo = makeRepo();
      const tokens: number[] = [];
      for (let i = 0; i < 3; i++) {
        for (const resource of ['a', 'b']) {
          const s = unwrap(repo, (tx) =>
            engine.acquireStep(tx, { resource, owner: 'o', priority: 1, ttlMs: 1_000, waitMs: 0 }, T0 + i, CFG, engine.noEffects()),
          );
          if (s.kind !== 'granted') throw new Error('expected a grant');
          if (resource === 'a') tokens.push(s.lease.token);
          unwrap(repo, (tx) => engine.releaseStep(tx, { resource, owner: 'o', token: s.lease.token }, T0 + i, CFG, engine.noEffects()));
        }
      }
      expect(tokens).toEqual([1, 2, 3]);
      expect(unwrap(repo, (tx) => tx.peekToken('b'))).toBe(4);
      expect(unwrap(repo, (tx) => tx.peekToken('never'))).toBe(1);
    });

    it('changes nothing when the transaction body throws', () => {
      const repo = makeRepo();
      expect(() =>
        repo.transact((tx) => {
          tx.takeToken('x');
          tx.insertWaiter({ resource: 'x', owner: 'o', priority: 0, ttlMs: 1, rankAt: 0, enqueuedAt: 0, deadline: 9, lastSeenAt: 0 });
          throw new Error('boom');
        }),
      ).toThrow('boom');
      expect(unwrap(repo, (tx) => [tx.peekToken('x'), tx.queue('x').length])).toEqual([1, 0]);
    });

    it('serves waiters in the order of compareWaiters', () => {
      fc.assert(
        fc.property(
          fc.array(fc.record({ rankAt: fc.integer({ min: -50, max: 50 }), enqueuedAt: fc.integer({ min: 0, max: 5 }) }), {
            minLength: 1,
            maxLength: 12,
          }),
          (rows) => {
            const repo = makeRepo();
            const ids = unwrap(repo, (tx) =>
              rows.map((r, i) =>
                tx.insertWaiter({ resource: 'q', owner: `o${i}`, priority: 0, ttlMs: 1, deadline: 99, lastSeenAt: 0, ...r }),
              ),
            );
            const expected = rows.map((r, i) => ({ ...r, id: ids[i] ?? 0 })).sort(compareWaiters).map((r) => r.id);
            const { queue, head } = unwrap(repo, (tx) => ({ queue: tx.queue('q').map((w) => w.id), head: tx.headWaiter('q')?.id }));
            expect(queue).toEqual(expected);
            expect(head).toBe(expected[0]);
          },
        ),
        { numRuns: 25 },
      );
    });

    it('never reuses a waiter id, and finds waiters by id, owner and resource', () => {
      const repo = makeRepo();
      const w = { resource: 'r', owner: 'o', priority: 0, ttlMs: 1, rankAt: 0, enqueuedAt: 0, deadline: 10, lastSeenAt: 0 };
      const first = unwrap(repo, (tx) => tx.insertWaiter(w));
      unwrap(repo, (tx) => tx.deleteWaiter(first));
      const second = unwrap(repo, (tx) => tx.insertWaiter(w));
      expect(second).toBeGreaterThan(first);
      unwrap(repo, (tx) => tx.touchWaiter(second, 5, 20));
      expect(unwrap(repo, (tx) => tx.findWaiter('r', 'o'))).toMatchObject({ id: second, lastSeenAt: 5, deadline: 20 });
      expect(unwrap(repo, (tx) => tx.waitersByOwner('o').map((x) => x.id))).toEqual([second]);
      expect(unwrap(repo, (tx) => tx.getWaiter(first))).toBeUndefined();
    });

    it('deletes dead waiters and lists what needs settling', () => {
      const repo = makeRepo();
      const base = { owner: 'o', priority: 0, ttlMs: 1, rankAt: 0, enqueuedAt: 0 };
      unwrap(repo, (tx) => {
        tx.insertWaiter({ ...base, resource: 'late', deadline: 100, lastSeenAt: 90 });
        tx.insertWaiter({ ...base, resource: 'stale', deadline: 1_000, lastSeenAt: 10 });
        tx.insertWaiter({ ...base, resource: 'fine', deadline: 1_000, lastSeenAt: 95 });
        tx.takeToken('held');
        tx.insertLease({ resource: 'held', owner: 'h', token: 1, priority: 0, ttlMs: 50, acquiredAt: 50, expiresAt: 100, waiterId: null });
      });
      expect(unwrap(repo, (tx) => tx.resourcesToSettle(99))).toEqual(['fine', 'late', 'stale']);
      expect(unwrap(repo, (tx) => tx.resourcesToSettle(100))).toEqual(['fine', 'held', 'late', 'stale']);
      const dead = unwrap(repo, (tx) => tx.deleteDeadWaiters(100, 50).map((w) => w.resource).sort());
      expect(dead).toEqual(['late', 'stale']);
      expect(unwrap(repo, (tx) => tx.activeResources())).toEqual(['fine', 'held']);
    });

    it('hands a released lease to the head waiter and lets that waiter find it', () => {
      const repo = makeRepo();
      const fx = engine.noEffects();
      const a = unwrap(repo, (tx) => engine.acquireStep(tx, { resource: 'r', owner: 'a', priority: 0, ttlMs: 500, waitMs: 0 }, T0, CFG, fx));
      const b = unwrap(repo, (tx) => engine.acquireStep(tx, { resource: 'r', owner: 'b', priority: 0, ttlMs: 700, waitMs: 5_000 }, T0, CFG, fx));
      if (a.kind !== 'granted' || b.kind !== 'queued') throw new Error('unexpected steps');
      const rel = unwrap(repo, (tx) => engine.releaseStep(tx, { resource: 'r', owner: 'a', token: a.lease.token }, T0 + 10, CFG, fx));
      expect(rel).toMatchObject({ kind: 'released', handedTo: { owner: 'b', token: 2, expiresAt: T0 + 710, waiterId: b.waiterId } });
      const poll = unwrap(repo, (tx) => engine.pollStep(tx, b.waiterId, T0 + 20, CFG, engine.noEffects()));
      expect(poll).toMatchObject({ kind: 'granted', lease: { owner: 'b', token: 2 } });
    });
  });
}
