import { COALESCE_MS } from '../../../src-preload/contract/flow';
import type { Clock, TimerHandle } from '../ports/clock';

/** Past this many buffered chars, flush at once: messages stay bounded during a flood. */
export const MAX_COALESCED_CHARS = 64 * 1024;

/**
 * Joins the many small chunks a pty emits into fewer messages (DESIGN.md §3).
 * The first chunk after a quiet spell goes out at once — a typed character's
 * echo must not wait out a window (it cost every keystroke 5 ms) — and
 * opens a COALESCE_MS window: everything arriving until it closes goes out
 * as one string. A flood is therefore still sent in few, large messages.
 */
export class Coalescer {
  private parts: string[] = [];
  private size = 0;
  private timer: TimerHandle | null = null;
  private lastFlushAt = -Infinity;

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
    if (this.size >= this.maxChars) return this.flush();
    if (this.timer) return;
    const now = this.clock.now();
    if (now - this.lastFlushAt >= this.delayMs) {
      // Quiet until now: send this chunk as it is and coalesce what follows it.
      this.flush();
      this.timer = this.clock.setTimeout(() => this.flush(), this.delayMs);
      return;
    }
    this.timer = this.clock.setTimeout(() => this.flush(), this.delayMs);
  }

  flush(): void {
    this.timer?.cancel();
    this.timer = null;
    if (this.size === 0) return;
    const data = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    this.parts = [];
    this.size = 0;
    this.lastFlushAt = this.clock.now();
    this.flushTo(data);
  }

  dispose(): void {
    this.flush();
  }
}
