import type { StoredEvent } from '../../../src-preload/contract/events';
import type { ProtocolType, RunState } from '../../../src-preload/contract/runs';
import type { Clock, TimerHandle } from '../ports/clock';
import type { TerminalDelivery } from './delivery';
import { digestText, protocolEventType, URGENT_PROTOCOL_TYPES, type ProtocolSender } from './protocol';
import { publicRun, type RunBook } from './run-book';
import { isRunFinished } from './run-states';

/** Default gap between MonitorAI's scheduled digests (MISSION.md: the monitor checks every 5 s; a model needs far less often). */
export const DEFAULT_MONITOR_DIGEST_MS = 60_000;
/** Messages kept for MonitorAI's next digest. */
const MAX_DIGEST_NEWS = 50;
/** MISSION.md: a MainAI silent for 30 s is reported; a heartbeat every 10 s of activity is plenty to tell. */
const HEARTBEAT_GAP_MS = 10_000;

export interface MonitorFeedDeps {
  clock: Clock;
  book: RunBook;
  delivery: TerminalDelivery;
  /** 0 = digests only on errors. */
  digestEveryMs: number;
}

/**
 * The protocol's writer and MonitorAI's feed: every message becomes an event
 * `protocol.<type>`; what others said is collected as news and typed into
 * MonitorAI's terminal as a one-line digest — at once on an error, otherwise
 * on the schedule, and only when there is something new.
 */
export class MonitorFeed {
  private readonly news = new Map<string, StoredEvent[]>();
  private readonly lastHeartbeat = new Map<string, number>();
  private readonly timers = new Map<string, TimerHandle>();
  /** The run state the last digest told MonitorAI. */
  private readonly told = new Map<string, RunState>();

  constructor(private readonly deps: MonitorFeedDeps) {}

  protocol(runId: string, type: ProtocolType, sender: ProtocolSender, sessionId: string | null, data: Record<string, unknown>, correlationId: string | null = null): void {
    const ts = this.deps.clock.now();
    this.deps.book.event(protocolEventType(type), runId, sessionId, data, correlationId, sender);
    // MonitorAI's own messages and MainAI's proofs of life are not news worth a digest.
    if (sender === 'monitor_ai' || type === 'heartbeat') return;
    const list = this.news.get(runId) ?? [];
    list.push({ seq: 0, ts, type: protocolEventType(type), sender, sessionId, correlationId, data: { runId, ...data } });
    // With scheduled digests off, news waits for the next error: keep only the newest (the digest is clipped anyway).
    if (list.length > MAX_DIGEST_NEWS) list.splice(0, list.length - MAX_DIGEST_NEWS);
    this.news.set(runId, list);
    if (URGENT_PROTOCOL_TYPES.includes(type)) this.sendDigest(runId);
  }

  /** MainAI called a tool: a `heartbeat` (MISSION.md), at most one per HEARTBEAT_GAP_MS so the log stays readable. */
  heartbeat(runId: string, sessionId: string, correlationId: string | null): void {
    const now = this.deps.clock.now();
    if (now - (this.lastHeartbeat.get(runId) ?? -Infinity) < HEARTBEAT_GAP_MS) return;
    this.lastHeartbeat.set(runId, now);
    this.protocol(runId, 'heartbeat', 'main_ai', sessionId, {}, correlationId);
  }

  /**
   * Types a digest into MonitorAI's terminal if anything happened since the
   * last one — or if the run is held (paused, frozen) and MonitorAI has not
   * been told so. Its own pause is not news, and a digest composed just before
   * it paused says the run is executing: without this, a run MonitorAI paused
   * while nobody else had anything to say was never reported paused to it,
   * and it never resumed it (seen in CI).
   */
  sendDigest(runId: string): boolean {
    const run = this.deps.book.run(runId);
    const news = this.news.get(runId) ?? [];
    if (!run?.monitorSessionId || isRunFinished(run.state)) return false;
    const heldUntold = (run.state === 'paused' || run.state === 'frozen') && this.told.get(runId) !== run.state;
    if (news.length === 0 && !heldUntold) return false;
    this.news.delete(runId);
    this.told.set(runId, run.state);
    this.deps.delivery.send(run.monitorSessionId, digestText(publicRun(run), this.deps.book.tasksOf(runId), news), 'digest');
    return true;
  }

  schedule(runId: string): void {
    if (this.deps.digestEveryMs <= 0 || this.timers.has(runId)) return;
    this.timers.set(runId, this.deps.clock.setInterval(() => this.sendDigest(runId), this.deps.digestEveryMs));
  }

  cancel(runId: string): void {
    this.timers.get(runId)?.cancel();
    this.timers.delete(runId);
    this.told.delete(runId);
  }

  dispose(): void {
    for (const t of this.timers.values()) t.cancel();
    this.timers.clear();
  }
}
