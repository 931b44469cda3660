import Database from 'better-sqlite3';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeClock } from '../core/ports/fake-clock';
import { createLockManager } from '../core/locks/lock-manager';
import { describeLockRepoContract } from '../core/locks/lock-repo-contract';
import { findViolation, runScenario, scenarioArb } from '../core/locks/lock-simulation';
import { openDatabase, type Db } from './database';
import { createSqliteLockRepo } from './lock-repo';
import { LATEST_SCHEMA_VERSION } from './migrations';

const dirs: string[] = [];
const dbs: Db[] = [];

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'locks-repo-'));
  dirs.push(dir);
  return join(dir, 'store.sqlite');
}

function open(file: string): Db {
  const r = openDatabase({ file });
  if (!r.ok) throw new Error(r.error.message);
  dbs.push(r.value);
  return r.value;
}

afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describeLockRepoContract('SQLite file', () => createSqliteLockRepo(open(tempFile())));

describe('SQLite lock repo', () => {
  it('is created by the migrations', () => {
    const db = open(tempFile());
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'lock_%'").all() as { name: string }[])
      .map((t) => t.name)
      .sort();
    expect(tables).toEqual(['lock_leases', 'lock_resources', 'lock_waiters']);
  });

  it('keeps leases, waiters and the token counter across an app restart', async () => {
    const file = tempFile();
    const clock = createFakeClock();
    const first = createLockManager({ repo: createSqliteLockRepo(open(file)), clock });
    const held = await first.acquire({ resource: 'repo:/app', owner: 's_holder', ttlMs: 60_000 });
    expect(held).toMatchObject({ ok: true, value: { token: 1 } });
    // A waiter queues, then the app stops before it is served.
    const pending = first.acquire({ resource: 'repo:/app', owner: 's_waiter', ttlMs: 5_000, waitMs: 60_000 });
    await clock.advanceAsync(10);
    first.dispose();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    dbs[0]?.close();

    const second = createLockManager({ repo: createSqliteLockRepo(open(file)), clock });
    const state = second.query({ resource: 'repo:/app' });
    expect(state).toMatchObject({
      ok: true,
      value: [{ lease: { owner: 's_holder', token: 1 }, waiters: [{ owner: 's_waiter' }], nextToken: 2 }],
    });
    // The waiter re-asks after the restart: it keeps its place and is served on release.
    const again = second.acquire({ resource: 'repo:/app', owner: 's_waiter', ttlMs: 5_000, waitMs: 60_000 });
    await clock.advanceAsync(10);
    expect(second.release({ resource: 'repo:/app', owner: 's_holder', token: 1 })).toMatchObject({
      ok: true,
      value: { handedTo: { owner: 's_waiter', token: 2 } },
    });
    expect(await again).toMatchObject({ ok: true, value: { owner: 's_waiter', token: 2 } });
    second.dispose();
  });

  it('keeps holders apart and tokens growing on the real store too (property)', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => {
        const clock = createFakeClock();
        const locks = createLockManager({ repo: createSqliteLockRepo(open(tempFile())), clock, random: () => 0.5 });
        try {
          expect(findViolation(await runScenario(locks, clock, scenario))).toBeNull();
        } finally {
          locks.dispose();
        }
      }),
      { numRuns: 20 },
    );
  });

  it('answers unavailable, not a throw, when another connection holds the write lock', () => {
    const file = tempFile();
    const db = open(file);
    db.pragma('busy_timeout = 0');
    const other = new Database(file);
    try {
      other.exec('BEGIN IMMEDIATE');
      const r = createSqliteLockRepo(db).transact((tx) => tx.takeToken('x'));
      expect(r).toMatchObject({ ok: false, error: { code: 'unavailable' } });
      other.exec('ROLLBACK');
    } finally {
      other.close();
    }
  });

  it('enforces one lease per resource in the schema itself', () => {
    const repo = createSqliteLockRepo(open(tempFile()));
    const lease = { resource: 'r', owner: 'a', token: 1, priority: 0, ttlMs: 10, acquiredAt: 0, expiresAt: 10, waiterId: null };
    expect(() =>
      repo.transact((tx) => {
        tx.takeToken('r');
        tx.insertLease(lease);
        tx.insertLease({ ...lease, owner: 'b', token: 2 });
      }),
    ).toThrow(/UNIQUE|PRIMARY KEY/);
  });
});
