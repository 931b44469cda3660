import Database from 'better-sqlite3';
import { err, ok, type Result } from '../../src-preload/contract/result';
import { MIGRATIONS } from './migrations';
import type { Migration } from './migrations/types';

export type Db = Database.Database;

/** How long a writer waits for another connection's lock before failing. */
const BUSY_TIMEOUT_MS = 5_000;

export interface OpenOptions {
  /** Absolute path of the .sqlite file, or ':memory:'. */
  file: string;
  /** Path to a better_sqlite3.node built for this runtime (Electron ≠ Node ABI). */
  nativeBinding?: string;
  migrations?: readonly Migration[];
}

/**
 * Opens the store with the settings of DESIGN.md §7 and brings the schema up
 * to date. A data folder written by a newer build is refused, never touched.
 */
export function openDatabase(opts: OpenOptions): Result<Db> {
  let db: Db;
  try {
    db = new Database(opts.file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  } catch (e) {
    return err('unavailable', `Cannot open the data store at ${opts.file}: ${(e as Error).message}`);
  }
  const migrations = opts.migrations ?? MIGRATIONS;
  // Check the schema before anything writes: switching to WAL alone would modify a newer folder.
  const tooNew = checkNotNewer(db, migrations);
  if (!tooNew.ok) {
    db.close();
    return tooNew;
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('foreign_keys = ON');
  } catch (e) {
    db.close();
    return err('unavailable', `Cannot configure the data store at ${opts.file}: ${(e as Error).message}`);
  }
  const migrated = migrate(db, migrations);
  if (!migrated.ok) {
    db.close();
    return migrated;
  }
  return ok(db);
}

function checkNotNewer(db: Db, migrations: readonly Migration[]): Result<number> {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  if (current > latest) {
    return err(
      'unavailable',
      `This data folder was written by a newer version of Dual Orchestrator (schema ${current}; this build knows up to ${latest}). ` +
        'It was left untouched. Run a newer build, or choose another folder with --data-dir.',
    );
  }
  return ok(current);
}

export function migrate(db: Db, migrations: readonly Migration[]): Result<number> {
  const checked = checkNotNewer(db, migrations);
  if (!checked.ok) return checked;
  const current = checked.value;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  for (const m of migrations) {
    if (m.version <= current) continue;
    try {
      // IMMEDIATE: take the write lock up front so two processes never interleave a migration.
      db.exec('BEGIN IMMEDIATE');
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
      db.exec('COMMIT');
    } catch (e) {
      if (db.inTransaction) db.exec('ROLLBACK');
      return err('internal', `Migration ${m.version} (${m.name}) failed: ${(e as Error).message}`);
    }
  }
  return ok(latest);
}

/** Runs fn inside BEGIN IMMEDIATE … COMMIT (writes never upgrade a read lock mid-way). */
export function writeTx<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}
