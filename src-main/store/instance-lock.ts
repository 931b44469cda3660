import { ok, type Result } from '../../src-preload/contract/result';
import { writeTx, type Db } from './database';
import { isProcessAlive } from '../lib/process-alive';

/** An instance that has not refreshed its row for this long is considered gone. */
export const INSTANCE_STALE_MS = 15_000;
/** How often a running instance refreshes its row. */
export const INSTANCE_HEARTBEAT_MS = 5_000;

export interface InstanceInfo {
  pid: number;
  host: string;
  url: string | null;
}

/**
 * One core per data folder, decided in SQLite (the one source of truth; no
 * separate lock file). A second start finds the first one's row and says
 * where it runs instead of opening a second writer on the same sessions.
 */
export function claimInstance(db: Db, me: InstanceInfo, now: number): Result<void, { code: 'conflict'; message: string; holder: InstanceInfo }> {
  return writeTx(db, () => {
    const row = db.prepare('SELECT pid, host, url, heartbeat FROM instance WHERE id = 1').get() as
      | { pid: number; host: string; url: string | null; heartbeat: number }
      | undefined;
    if (row && row.pid !== me.pid && now - row.heartbeat < INSTANCE_STALE_MS && isProcessAlive(row.pid)) {
      return {
        ok: false as const,
        error: {
          code: 'conflict' as const,
          message: `Dual Orchestrator is already running on this data folder (pid ${row.pid}, ${row.host})${row.url ? ` at ${row.url}` : ''}.`,
          holder: { pid: row.pid, host: row.host, url: row.url },
        },
      };
    }
    db.prepare(
      `INSERT INTO instance (id, pid, host, url, started_at, heartbeat) VALUES (1, ?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET pid=excluded.pid, host=excluded.host, url=excluded.url, started_at=excluded.started_at, heartbeat=excluded.heartbeat`,
    ).run(me.pid, me.host, me.url, now, now);
    return ok(undefined);
  });
}

export function updateInstance(db: Db, pid: number, patch: { url?: string | null; heartbeat: number }): void {
  if (patch.url !== undefined) db.prepare('UPDATE instance SET url = ?, heartbeat = ? WHERE id = 1 AND pid = ?').run(patch.url, patch.heartbeat, pid);
  else db.prepare('UPDATE instance SET heartbeat = ? WHERE id = 1 AND pid = ?').run(patch.heartbeat, pid);
}

export function releaseInstance(db: Db, pid: number): void {
  db.prepare('DELETE FROM instance WHERE id = 1 AND pid = ?').run(pid);
}

