/**
 * While a person types into one terminal, the others get this long to keep
 * feeding xterm at full speed after the last keystroke: long enough to cover
 * the pauses of normal typing, short enough that a flood in another pane is
 * back at full speed a moment after the typing stops.
 */
export const INTERACTIVE_WINDOW_MS = 1_000;
/** What a background terminal may hand to xterm per tick while someone types (~1 MB/s each at 60 Hz). */
export const BACKGROUND_CHARS_PER_TICK = 4_096;
/** One display frame. */
export const TICK_MS = 16;

/** Where the scheduler's writes go: a view's xterm, with its ack and parse report. */
export interface WriteTarget {
  readonly id: string;
  /** `ackChars` is acknowledged and `data.length` reported once xterm parsed `data` (when `report`). */
  write(data: string, ackChars: number, report: boolean): void;
}

export interface WriteSchedulerDeps {
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

interface Item {
  data: string;
  ackChars: number;
  report: boolean;
}

/**
 * Keeps typing responsive while other terminals flood (VS Code's terminal
 * feels the same). xterm parses each terminal in ~12 ms slices on the one
 * page thread, so four flooding panes delay a typed character's echo by
 * their slices. While someone types, the other terminals' output is handed
 * to xterm in small per-tick portions instead; they fall behind a little,
 * stop acknowledging, and the core's flow control pauses their agents — no
 * byte is dropped. Without typing every write goes straight through.
 */
export class WriteScheduler {
  private interactiveId: string | null = null;
  private interactiveUntil = 0;
  private readonly queues = new Map<string, { target: WriteTarget; items: Item[] }>();
  private timer: unknown = null;

  constructor(private readonly deps: WriteSchedulerDeps) {}

  /** A person typed into `id`: it goes first for a while. */
  noteInput(id: string): void {
    this.interactiveId = id;
    this.interactiveUntil = this.deps.now() + INTERACTIVE_WINDOW_MS;
    const own = this.queues.get(id);
    if (own) this.drain(own.target, own.items, Infinity);
  }

  submit(target: WriteTarget, data: string, ackChars: number, report = true): void {
    const queue = this.queues.get(target.id);
    if (!this.throttles(target.id)) {
      // Order first: anything still queued for this terminal goes before the new data.
      if (queue) this.drain(target, queue.items, Infinity);
      target.write(data, ackChars, report);
      return;
    }
    if (queue) queue.items.push({ data, ackChars, report });
    else this.queues.set(target.id, { target, items: [{ data, ackChars, report }] });
    this.schedule();
  }

  /** Drops what is queued for `id` (re-attach: a snapshot supersedes it; dispose). */
  clear(id: string): void {
    this.queues.delete(id);
  }

  /** Chars queued for `id` (diagnostics, tests). */
  queued(id: string): number {
    return this.queues.get(id)?.items.reduce((n, i) => n + i.data.length, 0) ?? 0;
  }

  dispose(): void {
    if (this.timer !== null) this.deps.clearTimer(this.timer);
    this.timer = null;
    this.queues.clear();
  }

  private throttles(id: string): boolean {
    return this.interactiveId !== null && id !== this.interactiveId && this.deps.now() < this.interactiveUntil;
  }

  private schedule(): void {
    if (this.timer === null) this.timer = this.deps.setTimer(() => this.tick(), TICK_MS);
  }

  private tick(): void {
    this.timer = null;
    const typing = this.deps.now() < this.interactiveUntil;
    for (const { target, items } of this.queues.values()) this.drain(target, items, typing ? BACKGROUND_CHARS_PER_TICK : Infinity);
    if (this.queues.size > 0) this.schedule();
  }

  /** Writes up to `budget` chars of `items` in order, splitting the last one if needed. */
  private drain(target: WriteTarget, items: Item[], budget: number): void {
    let left = budget;
    while (items.length > 0 && left > 0) {
      const head = items[0]!;
      if (head.data.length <= left) {
        items.shift();
        left -= head.data.length;
        target.write(head.data, head.ackChars, head.report);
        continue;
      }
      let cut = left;
      // Never split a surrogate pair: the halves would parse as two broken characters.
      const code = head.data.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
      if (cut <= 0) break;
      // The ack waits for the last piece: only then has the core's whole chunk been parsed.
      target.write(head.data.slice(0, cut), 0, head.report);
      head.data = head.data.slice(cut);
      left = 0;
    }
    if (items.length === 0) this.queues.delete(target.id);
  }
}
