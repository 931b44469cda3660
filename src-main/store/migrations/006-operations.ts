import type { Migration } from './types';

/**
 * Operations surface (issue 6): service accounts of the control API, inbound
 * webhook ids already seen (replay protection), outbound webhook targets and
 * every delivery with its attempts. Tokens themselves are never stored: an
 * account keeps only the id (jti) of the one token issued for it.
 */
export const m006Operations: Migration = {
  version: 6,
  name: 'operations: accounts, webhook ids, targets, deliveries',
  sql: `
    CREATE TABLE service_accounts (
      id           TEXT PRIMARY KEY,
      name         TEXT NOT NULL,
      role         TEXT NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
      token_id     TEXT NOT NULL UNIQUE,
      created_at   INTEGER NOT NULL,
      expires_at   INTEGER,
      revoked_at   INTEGER,
      last_used_at INTEGER
    );

    CREATE TABLE webhook_seen_ids (
      id      TEXT PRIMARY KEY,
      seen_at INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX webhook_seen_ids_at ON webhook_seen_ids(seen_at);

    CREATE TABLE webhook_targets (
      id         TEXT PRIMARY KEY,
      url        TEXT NOT NULL,
      kinds_json TEXT NOT NULL,
      secret     TEXT NOT NULL,
      created_at INTEGER NOT NULL
    );

    CREATE TABLE webhook_deliveries (
      id               TEXT PRIMARY KEY,
      target_id        TEXT NOT NULL,
      kind             TEXT NOT NULL,
      message_id       TEXT NOT NULL,
      payload          TEXT NOT NULL,
      attempts         INTEGER NOT NULL,
      status           TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
      last_http_status INTEGER,
      last_error       TEXT,
      created_at       INTEGER NOT NULL,
      next_attempt_at  INTEGER,
      delivered_at     INTEGER
    );
    CREATE INDEX webhook_deliveries_status ON webhook_deliveries(status);
    CREATE INDEX webhook_deliveries_created ON webhook_deliveries(created_at);
  `,
};
