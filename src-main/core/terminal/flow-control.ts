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
export interface Watermarks {
  high: number;
  low: number;
}

export class FlowController {
  private readonly unacked = new Map<string, number>();
  private readonly marks = new Map<string, Watermarks>();
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

  /** `marks` overrides the default watermarks for this consumer (the core's own screen parser). */
  addConsumer(id: string, marks?: Watermarks): void {
    if (!this.unacked.has(id)) this.unacked.set(id, 0);
    if (marks) this.marks.set(id, marks);
  }

  removeConsumer(id: string): void {
    this.unacked.delete(id);
    this.marks.delete(id);
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
    let over = false;
    let allUnder = true;
    for (const [id, v] of this.unacked) {
      const m = this.marks.get(id);
      if (v > (m?.high ?? this.high)) over = true;
      if (v >= (m?.low ?? this.low)) allUnder = false;
    }
    if (!this.paused && over) {
      this.paused = true;
      this.onPause();
    } else if (this.paused && allUnder) {
      this.paused = false;
      this.onResume();
    }
  }
}
