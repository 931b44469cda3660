import type { Migration } from './types';

/**
 * Health samples for the graphs (one row per session per tick, written in one
 * transaction per tick, pruned by age) and the health settings (one JSON row:
 * default mode, per-session modes, stall limit). Compact on purpose: numbers
 * only, no JSON per sample, so a day of 32 sessions at 1 s stays ~100 MB.
 */
export const m005Health: Migration = {
  version: 5,
  name: 'health: samples and settings',
  sql: `
    CREATE TABLE health_samples (
      ts         INTEGER NOT NULL,
      session_id TEXT NOT NULL,
      cpu_pct    REAL,
      rss_bytes  INTEGER,
      out_rate   INTEGER NOT NULL,
      hb_age_ms  INTEGER,
      anomaly    REAL NOT NULL,
      pending    INTEGER NOT NULL
    );
    CREATE INDEX health_samples_session_ts ON health_samples(session_id, ts);
    CREATE INDEX health_samples_ts ON health_samples(ts);

    CREATE TABLE health_settings (
      id   INTEGER PRIMARY KEY CHECK (id = 1),
      json TEXT NOT NULL
    );
  `,
};
