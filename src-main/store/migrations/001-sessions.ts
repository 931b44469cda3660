import type { Migration } from './types';

/** Sessions, the append-only event log, last screens and bounded transcripts. */
export const m001Sessions: Migration = {
  version: 1,
  name: 'sessions, events, screens, transcripts',
  sql: `
    CREATE TABLE sessions (
      id            TEXT PRIMARY KEY,
      name          TEXT NOT NULL,
      profile_id    TEXT NOT NULL,
      role          TEXT NOT NULL,
      command       TEXT NOT NULL,
      args_json     TEXT NOT NULL,
      cwd           TEXT NOT NULL,
      env_json      TEXT NOT NULL,
      state         TEXT NOT NULL,
      pid           INTEGER,
      exit_code     INTEGER,
      exit_signal   TEXT,
      cols          INTEGER NOT NULL,
      rows          INTEGER NOT NULL,
      created_at    INTEGER NOT NULL,
      started_at    INTEGER,
      ended_at      INTEGER,
      restart_count INTEGER NOT NULL DEFAULT 0,
      last_error    TEXT
    );
    CREATE INDEX sessions_created ON sessions(created_at DESC);

    CREATE TABLE events (
      seq            INTEGER PRIMARY KEY AUTOINCREMENT,
      ts             INTEGER NOT NULL,
      type           TEXT NOT NULL,
      sender         TEXT NOT NULL,
      session_id     TEXT,
      correlation_id TEXT,
      data_json      TEXT NOT NULL
    );
    CREATE INDEX events_session ON events(session_id, seq);
    CREATE INDEX events_type ON events(type, seq);
    CREATE INDEX events_ts ON events(ts);

    CREATE TABLE screens (
      session_id  TEXT PRIMARY KEY,
      snapshot    TEXT NOT NULL,
      cols        INTEGER NOT NULL,
      rows        INTEGER NOT NULL,
      captured_at INTEGER NOT NULL
    );

    CREATE TABLE transcripts (
      session_id TEXT NOT NULL,
      chunk_no   INTEGER NOT NULL,
      data       TEXT NOT NULL,
      PRIMARY KEY (session_id, chunk_no)
    ) WITHOUT ROWID;

    CREATE TABLE instance (
      id         INTEGER PRIMARY KEY CHECK (id = 1),
      pid        INTEGER NOT NULL,
      host       TEXT NOT NULL,
      url        TEXT,
      started_at INTEGER NOT NULL,
      heartbeat  INTEGER NOT NULL
    );
  `,
};
