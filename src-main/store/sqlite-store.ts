import type { StoredEvent } from '../../src-preload/contract/events';
import { err, ok, type Result } from '../../src-preload/contract/result';
import type {
  EventLog,
  NewEvent,
  ScreenRecord,
  ScreenStore,
  SessionRecord,
  SessionRepo,
  Store,
  TranscriptStore,
} from '../core/ports/store';
import { CharRingBuffer } from '../core/terminal/ring-buffer';
import { Emitter } from '../lib/disposable';
import { openDatabase, writeTx, type Db } from './database';

/** Events are appended in batches: at most this long between enqueue and disk. */
const EVENT_FLUSH_MS = 50;
/** …or as soon as this many are queued, whichever comes first. */
const EVENT_FLUSH_COUNT = 256;
/** Transcript rows hold this many chars each: few rows, never one row per pty chunk. */
const TRANSCRIPT_CHUNK_CHARS = 64 * 1024;
/** Bounded transcript per session (~4 MB of text): older output is dropped. */
const TRANSCRIPT_MAX_CHARS = 4 * 1024 * 1024;
/** Transcripts are written off the output path, at most this often… */
const TRANSCRIPT_FLUSH_MS = 1_000;
/** …and at most this much per session per flush (the newest output). */
const TRANSCRIPT_FLUSH_MAX_CHARS = 1024 * 1024;

export interface SqliteStore extends Store {
  readonly db: Db;
}

export function openSqliteStore(opts: { file: string; nativeBinding?: string }): Result<SqliteStore> {
  const opened = openDatabase(opts);
  if (!opened.ok) return opened;
  const db = opened.value;
  try {
    const events = createEventLog(db);
    const transcripts = createTranscripts(db);
    const store: SqliteStore = {
      db,
      sessions: createSessionRepo(db),
      events,
      screens: createScreens(db),
      transcripts,
      close() {
        events.dispose();
        transcripts.dispose();
        db.close();
      },
    };
    return ok(store);
  } catch (e) {
    db.close();
    return err('internal', `Store setup failed: ${(e as Error).message}`);
  }
}

interface SessionRow {
  id: string;
  name: string;
  profile_id: string;
  role: string;
  command: string;
  args_json: string;
  cwd: string;
  env_json: string;
  state: string;
  pid: number | null;
  exit_code: number | null;
  exit_signal: string | null;
  cols: number;
  rows: number;
  created_at: number;
  started_at: number | null;
  ended_at: number | null;
  restart_count: number;
  last_error: string | null;
  approval_mode: string;
  agent_session_id: string | null;
}

function rowToSession(r: SessionRow): SessionRecord {
  return {
    id: r.id,
    name: r.name,
    profileId: r.profile_id as SessionRecord['profileId'],
    role: r.role as SessionRecord['role'],
    command: r.command,
    args: JSON.parse(r.args_json) as string[],
    cwd: r.cwd,
    env: JSON.parse(r.env_json) as Record<string, string>,
    state: r.state as SessionRecord['state'],
    pid: r.pid,
    exitCode: r.exit_code,
    exitSignal: r.exit_signal,
    cols: r.cols,
    rows: r.rows,
    createdAt: r.created_at,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    restartCount: r.restart_count,
    lastError: r.last_error,
    approvalMode: r.approval_mode as SessionRecord['approvalMode'],
    agentSessionId: r.agent_session_id,
  };
}

function createSessionRepo(db: Db): SessionRepo {
  const upsert = db.prepare(`
    INSERT INTO sessions (id, name, profile_id, role, command, args_json, cwd, env_json, state, pid, exit_code,
      exit_signal, cols, rows, created_at, started_at, ended_at, restart_count, last_error, approval_mode, agent_session_id)
    VALUES (@id, @name, @profile_id, @role, @command, @args_json, @cwd, @env_json, @state, @pid, @exit_code,
      @exit_signal, @cols, @rows, @created_at, @started_at, @ended_at, @restart_count, @last_error, @approval_mode, @agent_session_id)
    ON CONFLICT(id) DO UPDATE SET name=excluded.name, state=excluded.state, pid=excluded.pid,
      exit_code=excluded.exit_code, exit_signal=excluded.exit_signal, cols=excluded.cols, rows=excluded.rows,
      started_at=excluded.started_at, ended_at=excluded.ended_at, restart_count=excluded.restart_count,
      last_error=excluded.last_error, command=excluded.command, args_json=excluded.args_json,
      approval_mode=excluded.approval_mode, agent_session_id=excluded.agent_session_id`);
  const get = db.prepare('SELECT * FROM sessions WHERE id = ?');
  const list = db.prepare('SELECT * FROM sessions ORDER BY created_at DESC LIMIT ?');
  const del = db.prepare('DELETE FROM sessions WHERE id = ?');
  const delScreen = db.prepare('DELETE FROM screens WHERE session_id = ?');
  const delTranscript = db.prepare('DELETE FROM transcripts WHERE session_id = ?');
  return {
    upsert(s) {
      upsert.run({
        id: s.id,
        name: s.name,
        profile_id: s.profileId,
        role: s.role,
        command: s.command,
        args_json: JSON.stringify(s.args),
        cwd: s.cwd,
        env_json: JSON.stringify(s.env),
        state: s.state,
        pid: s.pid,
        exit_code: s.exitCode,
        exit_signal: s.exitSignal,
        cols: s.cols,
        rows: s.rows,
        created_at: s.createdAt,
        started_at: s.startedAt,
        ended_at: s.endedAt,
        restart_count: s.restartCount,
        last_error: s.lastError,
        approval_mode: s.approvalMode,
        agent_session_id: s.agentSessionId,
      });
    },
    get(id) {
      const row = get.get(id) as SessionRow | undefined;
      return row ? rowToSession(row) : undefined;
    },
    list(limit) {
      return (list.all(limit) as SessionRow[]).map(rowToSession);
    },
    delete(id) {
      writeTx(db, () => {
        del.run(id);
        delScreen.run(id);
        delTranscript.run(id);
      });
    },
  };
}

interface EventRow {
  seq: number;
  ts: number;
  type: string;
  sender: string;
  session_id: string | null;
  correlation_id: string | null;
  data_json: string;
}

function createEventLog(db: Db): EventLog & { dispose(): void } {
  const insert = db.prepare(
    'INSERT INTO events (ts, type, sender, session_id, correlation_id, data_json) VALUES (?, ?, ?, ?, ?, ?)',
  );
  let queue: NewEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const appended = new Emitter<readonly StoredEvent[]>();
  // Queries differ only by which filters are set: a handful of shapes, each prepared once.
  const queries = new Map<string, ReturnType<Db['prepare']>>();

  const flush = (): void => {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    const written: StoredEvent[] = [];
    writeTx(db, () => {
      for (const e of batch) {
        const r = insert.run(e.ts, e.type, e.sender, e.sessionId, e.correlationId, JSON.stringify(e.data ?? null));
        if (appended.size > 0) written.push({ ...e, seq: Number(r.lastInsertRowid), data: e.data ?? null });
      }
    });
    if (written.length > 0) appended.fire(written);
  };

  return {
    append(event) {
      queue.push(event);
      if (queue.length >= EVENT_FLUSH_COUNT) flush();
      else if (!timer) {
        timer = setTimeout(flush, EVENT_FLUSH_MS);
        // The flush timer must not keep a finished process alive; close() flushes anyway.
        timer.unref?.();
      }
    },
    flush,
    query(filter) {
      flush();
      const where: string[] = ['seq > @afterSeq'];
      const params: Record<string, unknown> = { afterSeq: filter.afterSeq ?? 0, limit: filter.limit };
      if (filter.sessionId) {
        where.push('session_id = @sessionId');
        params.sessionId = filter.sessionId;
      }
      if (filter.sinceTs !== undefined) {
        where.push('ts >= @sinceTs');
        params.sinceTs = filter.sinceTs;
      }
      if (filter.untilTs !== undefined) {
        where.push('ts < @untilTs');
        params.untilTs = filter.untilTs;
      }
      if (filter.types && filter.types.length > 0) {
        where.push(`type IN (${filter.types.map((_, i) => `@t${i}`).join(', ')})`);
        filter.types.forEach((t, i) => (params[`t${i}`] = t));
      }
      const sql = `SELECT * FROM events WHERE ${where.join(' AND ')} ORDER BY seq ${filter.newestFirst ? 'DESC' : 'ASC'} LIMIT @limit`;
      let stmt = queries.get(sql);
      if (!stmt) {
        stmt = db.prepare(sql);
        queries.set(sql, stmt);
      }
      const rows = stmt.all(params) as EventRow[];
      return rows.map(
        (r): StoredEvent => ({
          seq: r.seq,
          ts: r.ts,
          type: r.type,
          sender: r.sender,
          sessionId: r.session_id,
          correlationId: r.correlation_id,
          data: JSON.parse(r.data_json) as unknown,
        }),
      );
    },
    subscribe: (listener) => appended.event(listener),
    dispose() {
      flush();
      appended.dispose();
    },
  };
}

function createScreens(db: Db): ScreenStore {
  const save = db.prepare(`INSERT INTO screens (session_id, snapshot, cols, rows, captured_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT(session_id) DO UPDATE SET snapshot=excluded.snapshot, cols=excluded.cols, rows=excluded.rows,
    captured_at=excluded.captured_at`);
  const load = db.prepare('SELECT * FROM screens WHERE session_id = ?');
  return {
    save(r: ScreenRecord) {
      save.run(r.sessionId, r.snapshot, r.cols, r.rows, r.capturedAt);
    },
    load(sessionId) {
      const row = load.get(sessionId) as
        | { session_id: string; snapshot: string; cols: number; rows: number; captured_at: number }
        | undefined;
      return row
        ? { sessionId: row.session_id, snapshot: row.snapshot, cols: row.cols, rows: row.rows, capturedAt: row.captured_at }
        : undefined;
    },
  };
}

function createTranscripts(db: Db): TranscriptStore & { dispose(): void } {
  const maxChunk = db.prepare('SELECT MAX(chunk_no) AS n FROM transcripts WHERE session_id = ?');
  const insert = db.prepare('INSERT INTO transcripts (session_id, chunk_no, data) VALUES (?, ?, ?)');
  const trim = db.prepare('DELETE FROM transcripts WHERE session_id = ? AND chunk_no <= ?');
  const readAll = db.prepare('SELECT data FROM transcripts WHERE session_id = ? ORDER BY chunk_no ASC');
  const maxChunks = Math.ceil(TRANSCRIPT_MAX_CHARS / TRANSCRIPT_CHUNK_CHARS);
  // Between flushes each session keeps only its newest output (bounded memory, bounded disk writes).
  const pending = new Map<string, CharRingBuffer>();
  const nextChunk = new Map<string, number>();
  let timer: ReturnType<typeof setTimeout> | null = null;

  /**
   * Writes what a session produced since the last flush, keeping only the
   * newest TRANSCRIPT_FLUSH_MAX_CHARS of it: a flood costs the disk a bounded
   * amount per second instead of its full rate (the tail is what matters).
   */
  const flushSession = (sessionId: string): void => {
    const p = pending.get(sessionId);
    if (!p || p.length === 0) return;
    const data = p.tail();
    pending.delete(sessionId);
    let n = nextChunk.get(sessionId);
    if (n === undefined) n = ((maxChunk.get(sessionId) as { n: number | null }).n ?? 0) + 1;
    let no = n;
    writeTx(db, () => {
      for (let i = 0; i < data.length; i += TRANSCRIPT_CHUNK_CHARS) insert.run(sessionId, no++, data.slice(i, i + TRANSCRIPT_CHUNK_CHARS));
      trim.run(sessionId, no - 1 - maxChunks);
    });
    nextChunk.set(sessionId, no);
  };
  const flushAll = (): void => {
    timer = null;
    for (const id of [...pending.keys()]) flushSession(id);
  };
  /**
   * The timer's flush: one session per turn of the event loop. Written all at
   * once, five flooding sessions held the core's loop for ~16 ms (measured),
   * and a typed character's echo waited behind it; one session's write is
   * bounded by TRANSCRIPT_FLUSH_MAX_CHARS.
   */
  const flushInTurns = (): void => {
    timer = null;
    const ids = [...pending.keys()];
    const next = (): void => {
      const id = ids.shift();
      if (id === undefined) return;
      flushSession(id);
      if (ids.length > 0) setImmediate(next);
    };
    next();
  };

  return {
    append(sessionId, data) {
      let p = pending.get(sessionId);
      if (!p) {
        p = new CharRingBuffer(TRANSCRIPT_FLUSH_MAX_CHARS);
        pending.set(sessionId, p);
      }
      p.push(data);
      if (!timer) {
        timer = setTimeout(flushInTurns, TRANSCRIPT_FLUSH_MS);
        timer.unref?.();
      }
    },
    read(sessionId) {
      flushSession(sessionId);
      return (readAll.all(sessionId) as { data: string }[]).map((r) => r.data).join('');
    },
    dispose() {
      if (timer) clearTimeout(timer);
      flushAll();
    },
  };
}
