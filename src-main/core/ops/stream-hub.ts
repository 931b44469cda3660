import type { StoredEvent } from '../../../src-preload/contract/events';
import type { StreamClientInfo } from '../../../src-preload/contract/ops';
import { err, ok, type Result } from '../../../src-preload/contract/result';
import type { Disposable } from '../../lib/disposable';
import type { Clock, TimerHandle } from '../ports/clock';
import type { EventLog } from '../ports/store';

/** Every connected client gets a heartbeat carrying the server's time this often (MISSION.md: mean delay < 1 s). */
export const HEARTBEAT_INTERVAL_MS = 1_000;
/** Replay reads the store in pages of this many events (one prepared query each). */
const REPLAY_PAGE = 1_000;
/** A disconnected client's record (its reconnect count) is kept this long for it to come back. */
const FORGET_DISCONNECTED_MS = 10 * 60_000;
/** At most this many client records are kept; the oldest disconnected go first. */
const MAX_CLIENT_RECORDS = 2_000;
/** Client-chosen ids are echoed into logs and metrics: keep them short and plain. */
export const CLIENT_ID_RE = /^[A-Za-z0-9_-]{4,64}$/;

export type StreamFrame =
  | { kind: 'hello'; clientId: string; reconnects: number; resumedAfter: number; serverTime: number }
  | { kind: 'event'; event: StoredEvent }
  | { kind: 'heartbeat'; clientId: string; serverTime: number };

/** One transport connection; send() returns false when the client cannot keep up (it is then closed and may resume). */
export interface StreamSink {
  send(frame: StreamFrame): boolean;
  close(reason: string): void;
}

export interface StreamFilter {
  sessionId?: string;
  types?: readonly string[];
}

export interface ConnectRequest {
  transport: StreamClientInfo['transport'];
  principal: string;
  /** The id of a client that was connected before; a new one is made when absent. */
  clientId?: string;
  /** The seq of the last event the client saw (SSE Last-Event-ID): replay starts after it. 0 = from the start; absent = live only. */
  lastEventId?: number;
  filter: StreamFilter;
}

export interface StreamObserver {
  connected?(transport: StreamClientInfo['transport'], reconnect: boolean): void;
  heartbeat?(count: number): void;
  eventsSent?(count: number): void;
  dropped?(reason: string): void;
}

export interface StreamHubDeps {
  clock: Clock;
  events: Pick<EventLog, 'query' | 'subscribe'>;
  newId(prefix: string): string;
  observer?: StreamObserver;
}

interface ClientRecord {
  info: StreamClientInfo;
  sink: StreamSink | null;
  filter: StreamFilter;
  disconnectedAt: number | null;
  /** While the store is read for this client, the live feed skips it: the read includes everything flushed. */
  catchingUp: boolean;
}

/**
 * The live event stream behind SSE and WebSocket: replays the store after the
 * client's Last-Event-ID, then forwards every new event, in seq order, exactly
 * once per connection (a seq at or below the client's last is never resent).
 * All of it is synchronous with the store's flush, so no event can fall
 * between the replay and the live feed.
 */
export class StreamHub implements Disposable {
  private readonly clients = new Map<string, ClientRecord>();
  private readonly heartbeatTimer: TimerHandle;
  private readonly sub: Disposable;
  private disposed = false;

  constructor(private readonly deps: StreamHubDeps) {
    this.sub = deps.events.subscribe((batch) => this.deliver(batch));
    this.heartbeatTimer = deps.clock.setInterval(() => this.heartbeat(), HEARTBEAT_INTERVAL_MS);
  }

  connect(req: ConnectRequest, sink: StreamSink): Result<{ clientId: string; close(): void }> {
    if (this.disposed) return err('unavailable', 'The server is stopping.');
    if (req.clientId !== undefined && !CLIENT_ID_RE.test(req.clientId)) return err('bad_input', 'clientId must be 4–64 letters, digits, _ or -.');
    const now = this.deps.clock.now();
    const known = req.clientId ? this.clients.get(req.clientId) : undefined;
    const clientId = req.clientId ?? this.deps.newId('sc');
    let rec: ClientRecord;
    if (known) {
      // The same client on a new connection: the old one (if it lingers) is replaced.
      known.sink?.close('replaced by a newer connection of the same client');
      known.sink = sink;
      known.filter = req.filter;
      known.disconnectedAt = null;
      known.catchingUp = false;
      known.info = { ...known.info, transport: req.transport, principal: req.principal, connected: true, connectedAt: now, reconnects: known.info.reconnects + 1 };
      rec = known;
    } else {
      rec = {
        sink,
        filter: req.filter,
        disconnectedAt: null,
        catchingUp: false,
        info: {
          clientId,
          transport: req.transport,
          principal: req.principal,
          connected: true,
          firstConnectedAt: now,
          connectedAt: now,
          // An id we do not know (say, from before an app restart) starts a fresh count.
          reconnects: 0,
          lastHeartbeatAt: null,
          lastEventSeq: 0,
          eventsSent: 0,
        },
      };
      this.clients.set(clientId, rec);
      this.prune(now);
    }
    this.deps.observer?.connected?.(req.transport, rec.info.reconnects > 0 && known !== undefined);
    const resumeAfter = req.lastEventId;
    sink.send({ kind: 'hello', clientId, reconnects: rec.info.reconnects, resumedAfter: resumeAfter ?? -1, serverTime: now });
    rec.catchingUp = true;
    try {
      if (resumeAfter !== undefined) {
        rec.info.lastEventSeq = resumeAfter;
        if (!this.replay(rec)) return ok({ clientId, close: () => undefined });
      } else {
        // Live only: start after whatever is already stored.
        rec.info.lastEventSeq = this.latestSeq();
      }
    } finally {
      rec.catchingUp = false;
    }
    return ok({ clientId, close: () => this.disconnect(rec, sink) });
  }

  list(): StreamClientInfo[] {
    return [...this.clients.values()].map((c) => ({ ...c.info }));
  }

  get connectedCount(): number {
    let n = 0;
    for (const c of this.clients.values()) if (c.sink) n++;
    return n;
  }

  dispose(): void {
    this.disposed = true;
    this.heartbeatTimer.cancel();
    this.sub.dispose();
    for (const c of this.clients.values()) c.sink?.close('server stopping');
    this.clients.clear();
  }

  private latestSeq(): number {
    return this.deps.events.query({ afterSeq: 0, limit: 1, newestFirst: true })[0]?.seq ?? 0;
  }

  /** Sends stored events after the client's last seq, page by page; false when the client was dropped. */
  private replay(rec: ClientRecord): boolean {
    for (;;) {
      const page = this.deps.events.query({
        afterSeq: rec.info.lastEventSeq,
        limit: REPLAY_PAGE,
        ...(rec.filter.sessionId ? { sessionId: rec.filter.sessionId } : {}),
        ...(rec.filter.types?.length ? { types: rec.filter.types } : {}),
      });
      if (!this.sendEvents(rec, page)) return false;
      if (page.length < REPLAY_PAGE) return true;
    }
  }

  private deliver(batch: readonly StoredEvent[]): void {
    for (const rec of this.clients.values()) {
      if (!rec.sink || rec.catchingUp) continue;
      const wanted = batch.filter((e) => matches(rec.filter, e));
      this.sendEvents(rec, wanted);
    }
  }

  private sendEvents(rec: ClientRecord, events: readonly StoredEvent[]): boolean {
    let sent = 0;
    for (const e of events) {
      const sink = rec.sink;
      if (!sink) return false;
      if (e.seq <= rec.info.lastEventSeq) continue;
      if (!sink.send({ kind: 'event', event: e })) {
        this.deps.observer?.dropped?.('slow_client');
        sink.close('client too slow: reconnect with Last-Event-ID to resume');
        this.disconnect(rec, sink);
        return false;
      }
      rec.info.lastEventSeq = e.seq;
      sent++;
    }
    rec.info.eventsSent += sent;
    if (sent > 0) this.deps.observer?.eventsSent?.(sent);
    return true;
  }

  private heartbeat(): void {
    const now = this.deps.clock.now();
    let n = 0;
    for (const rec of this.clients.values()) {
      const sink = rec.sink;
      if (!sink) continue;
      if (!sink.send({ kind: 'heartbeat', clientId: rec.info.clientId, serverTime: now })) {
        this.deps.observer?.dropped?.('slow_client');
        sink.close('client too slow: reconnect with Last-Event-ID to resume');
        this.disconnect(rec, sink);
        continue;
      }
      rec.info.lastHeartbeatAt = now;
      n++;
    }
    if (n > 0) this.deps.observer?.heartbeat?.(n);
    this.prune(now);
  }

  private disconnect(rec: ClientRecord, sink: StreamSink): void {
    // A replaced connection closing late must not mark the newer one as gone.
    if (rec.sink !== sink) return;
    rec.sink = null;
    rec.disconnectedAt = this.deps.clock.now();
    rec.info = { ...rec.info, connected: false };
  }

  private prune(now: number): void {
    for (const [id, c] of this.clients) {
      if (c.disconnectedAt !== null && now - c.disconnectedAt > FORGET_DISCONNECTED_MS) this.clients.delete(id);
    }
    if (this.clients.size <= MAX_CLIENT_RECORDS) return;
    const gone = [...this.clients.values()].filter((c) => c.disconnectedAt !== null).sort((a, b) => a.disconnectedAt! - b.disconnectedAt!);
    for (const c of gone) {
      if (this.clients.size <= MAX_CLIENT_RECORDS) break;
      this.clients.delete(c.info.clientId);
    }
  }
}

function matches(f: StreamFilter, e: StoredEvent): boolean {
  if (f.sessionId && e.sessionId !== f.sessionId) return false;
  if (f.types?.length && !f.types.includes(e.type)) return false;
  return true;
}
