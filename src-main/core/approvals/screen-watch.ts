import type { Disposable } from '../../lib/disposable';
import type { Clock, TimerHandle } from '../ports/clock';
import type { ScreenText } from '../ports/screen-model';

/**
 * Re-reads a session's screen after output, at most one read in flight and
 * one per SCAN_DELAY_MS per session: a flood costs a bounded number of
 * reads, an interactive prompt is seen within a few tens of milliseconds.
 */
export const SCAN_DELAY_MS = 15;

export interface ScreenWatchDeps {
  clock: Clock;
  read(sessionId: string): Promise<ScreenText> | null;
  /**
   * `readAt`: when the read was requested (activity precedence compares it with hook times).
   * `outputAt`: when the first output this read covers arrived (detection latency starts there).
   */
  onScreen(sessionId: string, screen: ScreenText, readAt: number, outputAt: number): void;
  onError(sessionId: string, e: unknown): void;
}

export class ScreenWatch implements Disposable {
  private readonly timers = new Map<string, TimerHandle>();
  private readonly inFlight = new Set<string>();
  private readonly dirty = new Set<string>();
  /** Per session: arrival of the oldest output no read has covered yet. */
  private readonly firstOutput = new Map<string, number>();

  constructor(private readonly deps: ScreenWatchDeps) {}

  /** Output arrived for a session. */
  poke(sessionId: string): void {
    if (!this.firstOutput.has(sessionId)) this.firstOutput.set(sessionId, this.deps.clock.now());
    if (this.inFlight.has(sessionId)) {
      this.dirty.add(sessionId);
      return;
    }
    if (this.timers.has(sessionId)) return;
    this.timers.set(sessionId, this.deps.clock.setTimeout(() => this.scan(sessionId), SCAN_DELAY_MS));
  }

  /** Reads now (a decision needs the current screen). */
  async readNow(sessionId: string): Promise<ScreenText | null> {
    return (await this.deps.read(sessionId)) ?? null;
  }

  private scan(sessionId: string): void {
    this.timers.delete(sessionId);
    const readAt = this.deps.clock.now();
    const outputAt = this.firstOutput.get(sessionId) ?? readAt;
    const pending = this.deps.read(sessionId);
    if (!pending) return;
    // Output from now on is covered by the next read.
    this.firstOutput.delete(sessionId);
    this.inFlight.add(sessionId);
    pending
      .then((screen) => this.deps.onScreen(sessionId, screen, readAt, outputAt))
      .catch((e: unknown) => this.deps.onError(sessionId, e))
      .finally(() => {
        this.inFlight.delete(sessionId);
        if (this.dirty.delete(sessionId)) this.poke(sessionId);
      });
  }

  forget(sessionId: string): void {
    this.firstOutput.delete(sessionId);
    this.timers.get(sessionId)?.cancel();
    this.timers.delete(sessionId);
    this.dirty.delete(sessionId);
  }

  dispose(): void {
    for (const t of this.timers.values()) t.cancel();
    this.timers.clear();
  }
}
