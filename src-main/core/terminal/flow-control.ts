import { HIGH_WATERMARK_CHARS, LOW_WATERMARK_CHARS } from '../../../src-preload/contract/flow';

/**
 * Decides when a pty must pause and resume (DESIGN.md §3). Every consumer of
 * a session's output (each attached renderer, and the core's own headless
 * screen) has a count of chars sent but not yet parsed. The pty pauses when
 * any consumer passes the high watermark and resumes only when every one is
 * back under the low watermark — the hysteresis keeps it from flapping.
 *
 * Decision: a slow consumer slows the pty for everyone rather than dropping
 * bytes for itself. Dropping would make that view diverge from the real
 * screen; a terminal that drops bytes is exactly what users notice.
 */
export class FlowController {
  private readonly unacked = new Map<string, number>();
  private paused = false;

  constructor(
    private readonly onPause: () => void,
    private readonly onResume: () => void,
    private readonly high = HIGH_WATERMARK_CHARS,
    private readonly low = LOW_WATERMARK_CHARS,
  ) {}

  get isPaused(): boolean {
    return this.paused;
  }

  addConsumer(id: string): void {
    if (!this.unacked.has(id)) this.unacked.set(id, 0);
  }

  removeConsumer(id: string): void {
    this.unacked.delete(id);
    this.evaluate();
  }

  sent(id: string, chars: number): void {
    const v = this.unacked.get(id);
    if (v === undefined) return;
    this.unacked.set(id, v + chars);
    this.evaluate();
  }

  acked(id: string, chars: number): void {
    const v = this.unacked.get(id);
    if (v === undefined) return;
    this.unacked.set(id, Math.max(0, v - chars));
    this.evaluate();
  }

  unackedOf(id: string): number {
    return this.unacked.get(id) ?? 0;
  }

  private evaluate(): void {
    let max = 0;
    for (const v of this.unacked.values()) if (v > max) max = v;
    if (!this.paused && max > this.high) {
      this.paused = true;
      this.onPause();
    } else if (this.paused && max < this.low) {
      this.paused = false;
      this.onResume();
    }
  }
}
