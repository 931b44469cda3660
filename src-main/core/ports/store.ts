import type { SessionInfo } from '../../../src-preload/contract/session';
import type { StoredEvent } from '../../../src-preload/contract/events';
import type { Disposable } from '../../lib/disposable';

/**
 * Persistence ports. The better-sqlite3 adapter (src-main/store) implements
 * them; tests use the in-memory fake in ports/fakes. Every write is small and
 * synchronous on purpose: SQLite in WAL mode commits in microseconds, and the
 * event log batches its own appends.
 */

/** The persisted part of a session: everything in SessionInfo except live-only fields. */
export type SessionRecord = Omit<SessionInfo, 'live' | 'pid' | 'activity'> & { pid: number | null };

export interface SessionRepo {
  upsert(record: SessionRecord): void;
  get(id: string): SessionRecord | undefined;
  list(limit: number): SessionRecord[];
  delete(id: string): void;
}

export interface NewEvent {
  ts: number;
  type: string;
  sender: string;
  sessionId: string | null;
  correlationId: string | null;
  data: unknown;
}

export interface EventLog {
  /** Queues an event; it is on disk after the next flush (batched, DESIGN.md §7). */
  append(event: NewEvent): void;
  /** Writes every queued event now. */
  flush(): void;
  /** Oldest first after afterSeq; with newestFirst, the newest `limit` events, newest first. */
  query(filter: EventQuery): StoredEvent[];
  /**
   * Called with each batch right after it is committed, with the seq SQLite
   * gave each event, in seq order (the live event stream and metrics read it).
   */
  subscribe(listener: (batch: readonly StoredEvent[]) => void): Disposable;
}

export interface EventQuery {
  sessionId?: string;
  afterSeq?: number;
  limit: number;
  types?: readonly string[];
  newestFirst?: boolean;
  /** Only events with ts >= sinceTs / ts < untilTs (epoch ms). */
  sinceTs?: number;
  untilTs?: number;
}

export interface ScreenRecord {
  sessionId: string;
  snapshot: string;
  cols: number;
  rows: number;
  capturedAt: number;
}

export interface ScreenStore {
  save(record: ScreenRecord): void;
  load(sessionId: string): ScreenRecord | undefined;
}

export interface TranscriptStore {
  /** Appends raw output; the adapter keeps at most maxChars per session (oldest dropped). */
  append(sessionId: string, data: string): void;
  read(sessionId: string): string;
}

export interface Store {
  sessions: SessionRepo;
  events: EventLog;
  screens: ScreenStore;
  transcripts: TranscriptStore;
  close(): void;
}
