import { COALESCE_MS } from '../../../src-preload/contract/flow';
import type { Clock, TimerHandle } from '../ports/clock';

/** Past this many buffered chars, flush at once: messages stay bounded during a flood. */
export const MAX_COALESCED_CHARS = 64 * 1024;

/**
 * Joins the many small chunks a pty emits into fewer messages (DESIGN.md §3):
 * the first chunk starts a COALESCE_MS timer, everything until it fires goes
 * out as one string. Interactive echo still arrives within ~5 ms.
 */
export class Coalescer {
  private parts: string[] = [];
  private size = 0;
  private timer: TimerHandle | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly flushTo: (data: string) => void,
    private readonly delayMs = COALESCE_MS,
    private readonly maxChars = MAX_COALESCED_CHARS,
  ) {}

  push(data: string): void {
    if (data.length === 0) return;
    this.parts.push(data);
    this.size += data.length;
    if (this.size >= this.maxChars) this.flush();
    else if (!this.timer) this.timer = this.clock.setTimeout(() => this.flush(), this.delayMs);
  }

  flush(): void {
    this.timer?.cancel();
    this.timer = null;
    if (this.size === 0) return;
    const data = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    this.parts = [];
    this.size = 0;
    this.flushTo(data);
  }

  dispose(): void {
    this.flush();
  }
}
