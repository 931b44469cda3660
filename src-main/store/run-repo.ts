import type { StoredEvent } from '../../src-preload/contract/events';
import type { TaskInfo } from '../../src-preload/contract/runs';
import type { RunRecord, RunRepo } from '../core/ports/runs';
import { writeTx, type Db } from './database';

/**
 * The RunRepo port over better-sqlite3 (migration 004). A run or task is
 * stored whole as JSON next to the columns queries use; the orchestrator is
 * the only writer, so last-write-wins is the intended semantics.
 */
export function createSqliteRunRepo(db: Db, flushEvents: () => void): RunRepo {
  const upsertRun = db.prepare(`INSERT INTO runs (id, created_at, state, info_json) VALUES (?, ?, ?, ?)
    ON CONFLICT(id) DO UPDATE SET state=excluded.state, info_json=excluded.info_json`);
  const getRun = db.prepare('SELECT info_json FROM runs WHERE id = ?');
  const listRuns = db.prepare('SELECT info_json FROM runs ORDER BY created_at DESC LIMIT ?');
  const upsertTask = db.prepare(`INSERT INTO tasks (id, run_id, idx, state, worker_session_id, attempts, info_json) VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT(id) DO UPDATE SET state=excluded.state, worker_session_id=excluded.worker_session_id, attempts=excluded.attempts, info_json=excluded.info_json`);
  const tasksOf = db.prepare('SELECT info_json FROM tasks WHERE run_id = ? ORDER BY idx ASC');
  // The WHERE repeats the partial index's condition word for word, so SQLite uses events_run.
  const timeline = db.prepare(`SELECT * FROM events
    WHERE (type GLOB 'protocol.*' OR type GLOB 'task.*' OR type GLOB 'run.*' OR type GLOB 'recovery.*')
      AND json_extract(data_json, '$.runId') = ? AND seq > ?
    ORDER BY seq ASC LIMIT ?`);
  const parse = <T>(rows: unknown[]): T[] => (rows as { info_json: string }[]).map((r) => JSON.parse(r.info_json) as T);
  return {
    upsertRun(run) {
      upsertRun.run(run.id, run.createdAt, run.state, JSON.stringify(run));
    },
    getRun(id) {
      const row = getRun.get(id) as { info_json: string } | undefined;
      return row ? (JSON.parse(row.info_json) as RunRecord) : undefined;
    },
    listRuns: (limit) => parse<RunRecord>(listRuns.all(limit)),
    upsertTasks(tasks) {
      writeTx(db, () => {
        for (const t of tasks) upsertTask.run(t.id, t.runId, t.index, t.state, t.workerSessionId, t.attempts, JSON.stringify(t));
      });
    },
    tasksOf: (runId) => parse<TaskInfo>(tasksOf.all(runId)),
    timeline(runId, afterSeq, limit) {
      flushEvents();
      const rows = timeline.all(runId, afterSeq, limit) as { seq: number; ts: number; type: string; sender: string; session_id: string | null; correlation_id: string | null; data_json: string }[];
      return rows.map(
        (r): StoredEvent => ({ seq: r.seq, ts: r.ts, type: r.type, sender: r.sender, sessionId: r.session_id, correlationId: r.correlation_id, data: JSON.parse(r.data_json) as unknown }),
      );
    },
  };
}
