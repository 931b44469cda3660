import type { Disposable } from '../../lib/disposable';
import type { Clock, TimerHandle } from '../ports/clock';

/**
 * Types messages into agents' terminals as a person would: only when the
 * agent waits for input, the text first and Enter as a separate write (Claude
 * Code reads text and Enter in one write as a paste and would not submit),
 * one message at a time, in order. Newlines are flattened: in a terminal a
 * newline is Enter, which would submit half a message.
 */
export interface DeliveryTarget {
  /** Alive and waiting for input (idle / awaiting_input) and able to act on it (e.g. its tools are connected). */
  ready(sessionId: string): boolean;
  /** Still busy with (or not yet past) the previous message: activity is not idle any more. */
  leftIdle(sessionId: string): boolean;
  write(sessionId: string, data: string): boolean;
  /** How long to wait between the text and Enter for this session's agent. */
  enterDelayMs(sessionId: string): number;
  /**
   * May a message that left no trace be submitted once more with a lone Enter?
   * True for agents where an Enter on an empty input does nothing (Claude Code):
   * on a starved machine the text and its Enter can reach the agent in one read,
   * which it takes as a pasted newline, leaving the text unsent in its input box.
   */
  enterRetry(sessionId: string): boolean;
}

export interface DeliveryDeps {
  clock: Clock;
  target: DeliveryTarget;
  /** The message was submitted (text + Enter written). */
  delivered(sessionId: string, tag: string | null, at: number): void;
}

/** How often waiting messages re-check whether their agent became ready (activity changes also poke). */
export const DELIVERY_POLL_MS = 100;
/** After Enter the agent should leave idle; a quick answer may never show "busy", so after this long the next message goes anyway. */
export const SUBMIT_SETTLE_MS = 1_500;

interface Pending {
  text: string;
  tag: string | null;
}

interface Lane {
  queue: Pending[];
  /** Between typing and the agent visibly taking the message. */
  inFlight: { since: number; retried: boolean } | null;
  timer: TimerHandle | null;
}

export const flattenMessage = (text: string): string => text.replace(/\s*[\r\n]+\s*/g, ' ').trim();

export class TerminalDelivery implements Disposable {
  private readonly lanes = new Map<string, Lane>();
  private poller: TimerHandle | null = null;

  constructor(private readonly deps: DeliveryDeps) {}

  send(sessionId: string, text: string, tag: string | null = null): void {
    let lane = this.lanes.get(sessionId);
    if (!lane) {
      lane = { queue: [], inFlight: null, timer: null };
      this.lanes.set(sessionId, lane);
    }
    lane.queue.push({ text: flattenMessage(text), tag });
    this.poke(sessionId);
    this.ensurePolling();
  }

  pending(sessionId: string): number {
    return this.lanes.get(sessionId)?.queue.length ?? 0;
  }

  /** Drops a message not yet typed (its task went elsewhere); true if it was still waiting. */
  cancel(sessionId: string, tag: string): boolean {
    const lane = this.lanes.get(sessionId);
    if (!lane) return false;
    const i = lane.queue.findIndex((p) => p.tag === tag);
    if (i < 0) return false;
    lane.queue.splice(i, 1);
    return true;
  }

  /** Drops what waits for a session (it ended, or its run stopped). */
  clear(sessionId: string): void {
    const lane = this.lanes.get(sessionId);
    lane?.timer?.cancel();
    this.lanes.delete(sessionId);
  }

  /**
   * The agent evidently took the last message (it called a tool since): stop
   * waiting to see it busy. Short turns can start and end between two screen
   * reads, and would otherwise hold the next message for SUBMIT_SETTLE_MS.
   */
  taken(sessionId: string): void {
    const lane = this.lanes.get(sessionId);
    if (!lane?.inFlight) return;
    lane.inFlight = null;
    this.poke(sessionId);
  }

  /** Something changed for the session (activity, tools connected): try to deliver now. */
  poke(sessionId: string): void {
    const lane = this.lanes.get(sessionId);
    if (!lane || lane.timer) return;
    const now = this.deps.clock.now();
    if (lane.inFlight) {
      const left = this.deps.target.leftIdle(sessionId);
      if (!left && now - lane.inFlight.since < SUBMIT_SETTLE_MS) return;
      if (!left && !lane.inFlight.retried && this.deps.target.enterRetry(sessionId)) {
        this.deps.target.write(sessionId, '\r');
        lane.inFlight = { since: now, retried: true };
        return;
      }
      lane.inFlight = null;
    }
    const next = lane.queue[0];
    if (!next) {
      this.lanes.delete(sessionId);
      return;
    }
    if (!this.deps.target.ready(sessionId)) return;
    if (!this.deps.target.write(sessionId, next.text)) return;
    lane.queue.shift();
    lane.timer = this.deps.clock.setTimeout(() => {
      lane.timer = null;
      this.deps.target.write(sessionId, '\r');
      lane.inFlight = { since: this.deps.clock.now(), retried: false };
      this.deps.delivered(sessionId, next.tag, this.deps.clock.now());
    }, this.deps.target.enterDelayMs(sessionId));
  }

  private ensurePolling(): void {
    if (this.poller) return;
    this.poller = this.deps.clock.setInterval(() => {
      if (this.lanes.size === 0) {
        this.poller?.cancel();
        this.poller = null;
        return;
      }
      for (const id of [...this.lanes.keys()]) this.poke(id);
    }, DELIVERY_POLL_MS);
  }

  dispose(): void {
    this.poller?.cancel();
    for (const lane of this.lanes.values()) lane.timer?.cancel();
    this.lanes.clear();
  }
}
