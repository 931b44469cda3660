import type { Migration } from './types';

/**
 * Runs and their tasks (core/orchestration). Rows hold the state machines'
 * current states; JSON columns hold the small structured fields the core
 * reads and writes whole. The events index makes a run's timeline (events
 * whose data carries its runId) one index range instead of a log scan; it is
 * partial, so ordinary session events pay nothing for it.
 */
export const m004Orchestration: Migration = {
  version: 4,
  name: 'runs and tasks',
  sql: `
    CREATE TABLE runs (
      id          TEXT PRIMARY KEY,
      created_at  INTEGER NOT NULL,
      state       TEXT NOT NULL,
      info_json   TEXT NOT NULL
    );
    CREATE INDEX runs_created ON runs(created_at DESC);

    CREATE TABLE tasks (
      id          TEXT PRIMARY KEY,
      run_id      TEXT NOT NULL,
      idx         INTEGER NOT NULL,
      state       TEXT NOT NULL,
      worker_session_id TEXT,
      attempts    INTEGER NOT NULL,
      info_json   TEXT NOT NULL
    );
    CREATE INDEX tasks_run ON tasks(run_id, idx);

    CREATE INDEX events_run ON events(json_extract(data_json, '$.runId'), seq)
      WHERE type GLOB 'protocol.*' OR type GLOB 'task.*' OR type GLOB 'run.*' OR type GLOB 'recovery.*';
  `,
};
