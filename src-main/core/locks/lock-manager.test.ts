import { afterEach, describe, expect, it } from 'vitest';
import type { LeaseInfo } from '../../../src-preload/contract/locks';
import type { Result } from '../../../src-preload/contract/result';
import { createFakeClock, type FakeClock } from '../ports/fake-clock';
import { createLockManager, type LockManager } from './lock-manager';
import { createMemoryLockRepo, type MemoryLockRepo } from './memory-lock-repo';

let managers: LockManager[] = [];
afterEach(() => {
  for (const m of managers) m.dispose();
  managers = [];
});

function setup(options: Parameters<typeof createLockManager>[0]['options'] = {}): {
  clock: FakeClock;
  repo: MemoryLockRepo;
  locks: LockManager;
} {
  const clock = createFakeClock();
  const repo = createMemoryLockRepo();
  const locks = createLockManager({ repo, clock, random: () => 0.5, options });
  managers.push(locks);
  return { clock, repo, locks };
}

const value = (r: Result<LeaseInfo>): LeaseInfo => {
  if (!r.ok) throw new Error(`expected a lease, got ${r.error.code}: ${r.error.message}`);
  return r.value;
};

describe('lock manager', () => {
  it('grants a free resource at once with token 1 and the requested TTL', async () => {
    const { clock, locks, repo } = setup();
    const lease = value(await locks.acquire({ resource: 'port:5173', owner: 's_a', ttlMs: 2_000, priority: 7 }));
    expect(lease).toEqual({
      resource: 'port:5173',
      owner: 's_a',
      token: 1,
      priority: 7,
      ttlMs: 2_000,
      acquiredAt: clock.now(),
      expiresAt: clock.now() + 2_000,
    });
    expect(repo.transactions).toBe(1);
  });

  it('answers busy at once when waitMs is 0, naming the holder', async () => {
    const { locks } = setup();
    value(await locks.acquire({ resource: 'r', owner: 'a' }));
    const r = await locks.acquire({ resource: 'r', owner: 'b' });
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict', details: { reason: 'busy', holder: { owner: 'a' } } } });
  });

  it('gives the holder its own lease back when it asks again', async () => {
    const { locks } = setup();
    const first = value(await locks.acquire({ resource: 'r', owner: 'a' }));
    expect(value(await locks.acquire({ resource: 'r', owner: 'a' }))).toEqual(first);
  });

  it('rejects bad input without touching the store', async () => {
    const { locks, repo } = setup();
    const bad = await locks.acquire({ resource: '', owner: 'a', priority: 1_000 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(locks.release({ resource: 'r', owner: 'a', token: 0 })).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(repo.transactions).toBe(0);
  });

  it('hands the lease to the waiter on release, in the same transaction, with the next token', async () => {
    const { clock, locks } = setup();
    const a = value(await locks.acquire({ resource: 'r', owner: 'a' }));
    const waiting = locks.acquire({ resource: 'r', owner: 'b', waitMs: 10_000, ttlMs: 3_000 });
    await clock.advanceAsync(250);
    const released = locks.release({ resource: 'r', owner: 'a', token: a.token });
    expect(released).toMatchObject({ ok: true, value: { released: { token: 1 }, handedTo: { owner: 'b', token: 2 } } });
    const b = value(await waiting);
    expect(b).toMatchObject({ owner: 'b', token: 2, acquiredAt: clock.now(), expiresAt: clock.now() + 3_000 });
  });

  it('reclaims an expired lease at its expiry instant and serves the next waiter then', async () => {
    const { clock, locks } = setup();
    const a = value(await locks.acquire({ resource: 'r', owner: 'a', ttlMs: 1_000 }));
    let b: Result<LeaseInfo> | undefined;
    void locks.acquire({ resource: 'r', owner: 'b', waitMs: 5_000 }).then((r) => (b = r));
    await clock.advanceAsync(999);
    expect(b).toBeUndefined();
    await clock.advanceAsync(1);
    expect(b).toMatchObject({ ok: true, value: { owner: 'b', token: 2, acquiredAt: a.expiresAt } });
    // The old holder learns it lost the lease rather than renewing someone else's.
    expect(locks.renew({ resource: 'r', owner: 'a', token: a.token })).toMatchObject({
      ok: false,
      error: { code: 'conflict', details: { reason: 'lease_lost', holder: { owner: 'b' } } },
    });
  });

  it('renewal keeps a lease past its first TTL', async () => {
    const { clock, locks } = setup();
    const a = value(await locks.acquire({ resource: 'r', owner: 'a', ttlMs: 1_000 }));
    await clock.advanceAsync(900);
    expect(locks.renew({ resource: 'r', owner: 'a', token: a.token, ttlMs: 1_000 })).toMatchObject({
      ok: true,
      value: { expiresAt: clock.now() + 1_000 },
    });
    await clock.advanceAsync(900);
    expect(locks.verify({ resource: 'r', token: a.token })).toMatchObject({ ok: true });
    await clock.advanceAsync(100);
    expect(locks.verify({ resource: 'r', token: a.token })).toMatchObject({ ok: false, error: { details: { reason: 'stale_token' } } });
  });

  it('times out as a value and leaves the queue', async () => {
    const { clock, locks } = setup();
    value(await locks.acquire({ resource: 'r', owner: 'a', ttlMs: 60_000 }));
    const waiting = locks.acquire({ resource: 'r', owner: 'b', waitMs: 2_000 });
    await clock.advanceAsync(2_000);
    expect(await waiting).toMatchObject({ ok: false, error: { code: 'conflict', details: { reason: 'wait_timeout', holder: { owner: 'a' } } } });
    expect(locks.query({ resource: 'r' })).toMatchObject({ ok: true, value: [{ waiters: [] }] });
  });

  it('serves higher priority first, FIFO among equals, and never lets a newcomer barge', async () => {
    const { clock, locks } = setup();
    const h = value(await locks.acquire({ resource: 'r', owner: 'holder', ttlMs: 60_000 }));
    const order: string[] = [];
    const queue = async (owner: string, priority: number): Promise<void> => {
      const l = value(await locks.acquire({ resource: 'r', owner, priority, waitMs: 60_000, ttlMs: 60_000 }));
      order.push(owner);
      locks.release({ resource: 'r', owner, token: l.token });
    };
    const all = [queue('low', 10), queue('mid-1', 50)];
    await clock.advanceAsync(1);
    all.push(queue('mid-2', 50), queue('high', 90));
    await clock.advanceAsync(1);
    const ranks = locks.query({ resource: 'r' });
    expect(ranks.ok && ranks.value[0]?.waiters.map((w) => w.owner)).toEqual(['high', 'mid-1', 'mid-2', 'low']);
    locks.release({ resource: 'r', owner: 'holder', token: h.token });
    await clock.advanceAsync(1);
    await Promise.all(all);
    expect(order).toEqual(['high', 'mid-1', 'mid-2', 'low']);
  });

  it('refuses a second concurrent wait by the same owner on the same resource', async () => {
    const { locks } = setup();
    value(await locks.acquire({ resource: 'r', owner: 'a' }));
    void locks.acquire({ resource: 'r', owner: 'b', waitMs: 1_000 });
    expect(await locks.acquire({ resource: 'r', owner: 'b', waitMs: 1_000 })).toMatchObject({
      ok: false,
      error: { details: { reason: 'already_waiting' } },
    });
  });

  it('on owner exit (release) frees its leases, cancels its waits and serves the next waiter at once', async () => {
    const { clock, locks } = setup();
    const killed = value(await locks.acquire({ resource: 'db', owner: 's_dead', ttlMs: 60_000 }));
    value(await locks.acquire({ resource: 'port', owner: 's_other', ttlMs: 60_000 }));
    const deadWait = locks.acquire({ resource: 'port', owner: 's_dead', waitMs: 60_000 });
    const next = locks.acquire({ resource: 'db', owner: 's_next', waitMs: 60_000 });
    await clock.advanceAsync(5);
    const out = locks.releaseAllForOwner('s_dead');
    expect(out).toMatchObject({ ok: true, value: { released: [{ resource: 'db' }], expiring: [], cancelledWaits: 1 } });
    expect(await deadWait).toMatchObject({ ok: false, error: { details: { reason: 'wait_cancelled' } } });
    const granted = value(await next);
    expect(granted.token).toBeGreaterThan(killed.token);
    expect(granted.acquiredAt).toBe(clock.now());
  });

  it('on owner exit (expire) leaves leases to run out their TTL', async () => {
    const { clock, locks } = setup({ onOwnerExit: 'expire' });
    const killed = value(await locks.acquire({ resource: 'db', owner: 's_dead', ttlMs: 3_000 }));
    const next = locks.acquire({ resource: 'db', owner: 's_next', waitMs: 60_000 });
    await clock.advanceAsync(10);
    expect(locks.ownerExited({ owner: 's_dead' })).toMatchObject({ ok: true, value: { released: [], expiring: [{ token: 1 }] } });
    await clock.advanceAsync(2_989);
    expect(locks.query({ resource: 'db' })).toMatchObject({ ok: true, value: [{ lease: { owner: 's_dead' } }] });
    await clock.advanceAsync(1);
    expect(value(await next)).toMatchObject({ owner: 's_next', token: killed.token + 1, acquiredAt: killed.expiresAt });
  });

  it('drops a queue place whose process stopped polling, so it cannot block the resource', async () => {
    const { clock, repo, locks } = setup({ waiterStaleMs: 5_000 });
    const a = value(await locks.acquire({ resource: 'r', owner: 'a', ttlMs: 60_000 }));
    // A waiter row left behind by another process that died.
    repo.transact((tx) =>
      tx.insertWaiter({ resource: 'r', owner: 'ghost', priority: 100, ttlMs: 60_000, rankAt: 0, enqueuedAt: clock.now(), deadline: clock.now() + 600_000, lastSeenAt: clock.now() }),
    );
    const live = locks.acquire({ resource: 'r', owner: 'live', waitMs: 600_000 });
    await clock.advanceAsync(6_000);
    const out = locks.release({ resource: 'r', owner: 'a', token: a.token });
    expect(out).toMatchObject({ ok: true, value: { handedTo: { owner: 'live' } } });
    expect(value(await live).owner).toBe('live');
  });

  it('sweeps expired leases on its timer and reports changes', async () => {
    const { clock, locks } = setup({ sweepIntervalMs: 1_000 });
    const changed: string[][] = [];
    locks.onDidChange((c) => changed.push(c.resources));
    value(await locks.acquire({ resource: 'r', owner: 'a', ttlMs: 1_500 }));
    await clock.advanceAsync(2_000);
    expect(changed).toEqual([['r'], ['r']]);
    expect(locks.query()).toEqual({ ok: true, value: [] });
  });

  it('ends pending waits and stops its timers when disposed', async () => {
    const { clock, locks } = setup();
    value(await locks.acquire({ resource: 'r', owner: 'a' }));
    const waiting = locks.acquire({ resource: 'r', owner: 'b', waitMs: 60_000 });
    await clock.advanceAsync(1);
    locks.dispose();
    expect(await waiting).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(clock.pending).toBe(0);
    expect(await locks.acquire({ resource: 'x', owner: 'a' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });
});
