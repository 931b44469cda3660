import type { Migration } from './types';

/**
 * Leases on shared resources (core/locks). One lease per resource is also a
 * PRIMARY KEY, so even a buggy decider cannot record two holders. The token
 * counter lives in its own row, which outlives leases, so fencing tokens keep
 * growing across releases and restarts. Waiter ids are AUTOINCREMENT: never
 * reused, because a lease remembers the waiter id it was handed to.
 */
export const m002Locks: Migration = {
  version: 2,
  name: 'locks: resources, leases, waiters',
  sql: `
    CREATE TABLE lock_resources (
      resource   TEXT PRIMARY KEY,
      next_token INTEGER NOT NULL CHECK (next_token > 0)
    ) WITHOUT ROWID;

    CREATE TABLE lock_leases (
      resource    TEXT PRIMARY KEY REFERENCES lock_resources(resource),
      owner       TEXT NOT NULL,
      token       INTEGER NOT NULL,
      priority    INTEGER NOT NULL,
      ttl_ms      INTEGER NOT NULL,
      acquired_at INTEGER NOT NULL,
      expires_at  INTEGER NOT NULL,
      waiter_id   INTEGER
    );
    CREATE INDEX lock_leases_owner ON lock_leases(owner);
    CREATE INDEX lock_leases_expiry ON lock_leases(expires_at);
    CREATE INDEX lock_leases_waiter ON lock_leases(waiter_id) WHERE waiter_id IS NOT NULL;

    CREATE TABLE lock_waiters (
      id           INTEGER PRIMARY KEY AUTOINCREMENT,
      resource     TEXT NOT NULL,
      owner        TEXT NOT NULL,
      priority     INTEGER NOT NULL,
      ttl_ms       INTEGER NOT NULL,
      rank_at      INTEGER NOT NULL,
      enqueued_at  INTEGER NOT NULL,
      deadline     INTEGER NOT NULL,
      last_seen_at INTEGER NOT NULL
    );
    CREATE INDEX lock_waiters_queue ON lock_waiters(resource, rank_at, enqueued_at, id);
    CREATE UNIQUE INDEX lock_waiters_owner ON lock_waiters(owner, resource);
  `,
};
