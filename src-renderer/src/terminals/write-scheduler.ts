/**
 * While a person types into one terminal, the others get this long to keep
 * feeding xterm at full speed after the last keystroke: long enough to cover
 * the pauses of normal typing, short enough that a flood in another pane is
 * back at full speed a moment after the typing stops.
 */
export const INTERACTIVE_WINDOW_MS = 1_000;
/**
 * While someone types, every other terminal is written (and so repainted) at
 * most this often. Repainting a scrolled pane costs the page several ms per
 * pane (DOM renderer), so four flooding panes repainted every frame kept the
 * page busy ~all the time and a typed character's echo waited behind them
 * (p99 ≈ 43 ms measured). Five repaints a second still shows them moving.
 * The terminals take turns within the interval, one per turn: four panes
 * repainted in the same frame held the page for 40–60 ms (measured), one
 * holds it for 10–15.
 */
export const BACKGROUND_INTERVAL_MS = 200;
/** What a background terminal may hand to xterm per interval while someone types (~160 K chars/s each). */
export const BACKGROUND_CHARS_PER_TICK = 32_768;
/**
 * Largest single write handed to xterm. With a pane on screen, xterm renders
 * a frame after every parse slice, and rendering a full pane costs far more
 * than parsing it (DOM renderer at 145×55 here: ~20–25 ms a frame against
 * ~2 ms to parse a 64 K push). Fed push by push, a flooding pane rendered
 * once per ~100 K chars (1.7–2.5 MB/s measured); fed 1 M-char writes, the
 * same pane parses 15–18 MB/s, as fast as xterm alone in the same page.
 */
export const MAX_WRITE_CHARS = 1_048_576;
/** A write at least this big means the terminal is flooding (echoes, prompts and TUI redraws are far smaller). */
export const FLOOD_WRITE_CHARS = 32_768;
/**
 * A flooding terminal gets at most one write (and so about one repaint) per
 * this interval; what arrives meanwhile is merged into the next write. A
 * repaint of a scrolled pane costs ~25 ms of page time here whatever the
 * amount of output behind it, so repaints, not parsing, bound a flood:
 * measured on a 24 MB `cat`, the page spent 191 ms per MB at ~20 repaints a
 * second and 159 ms per MB at ~10 (xterm alone, hidden: 39). Ten repaints a
 * second still reads as live scrolling output, which nobody can read anyway.
 */
export const FLOOD_BATCH_MS = 100;

/** Where the scheduler's writes go: a view's xterm, with its ack and parse report. */
export interface WriteTarget {
  readonly id: string;
  /**
   * Hands `data` to xterm. Once xterm has parsed it, `ackChars` are
   * acknowledged, `data.length` reported (when `report`), and `parsed` called.
   */
  write(data: string, ackChars: number, report: boolean, parsed: () => void): void;
}

export interface WriteSchedulerDeps {
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  /** Runs `fn` once the next frame has been painted (requestAnimationFrame, then a task). */
  afterNextFrame(fn: () => void): void;
}

interface Item {
  data: string;
  ackChars: number;
  report: boolean;
}

interface Queue {
  readonly target: WriteTarget;
  readonly items: Item[];
  /** Chars in `items`. */
  chars: number;
  /** A write is with xterm and not parsed yet: new output waits here and is merged into the next one. */
  inFlight: boolean;
  /** When the last write was handed to xterm, and its size (flood detection). */
  lastAt: number;
  lastChars: number;
  /** Pending batch timer of a flooding terminal. */
  timer: unknown;
}

/**
 * Feeds every terminal's output to its xterm, one write in flight per
 * terminal. Output that arrives while xterm is still parsing waits here and
 * goes in merged with the rest (up to MAX_WRITE_CHARS) once it is parsed;
 * a flooding terminal is written at most once per FLOOD_BATCH_MS, so the
 * page spends its time parsing rather than repainting. A quiet terminal's
 * output (an echo, a prompt, a TUI redraw) is written at once.
 *
 * It also keeps typing responsive while other terminals flood: while
 * someone types, the other terminals get a bounded portion every
 * BACKGROUND_INTERVAL_MS, handed over just after a typed character's echo
 * has been painted (the quietest moment before the next keystroke). They
 * fall behind a little, stop acknowledging, and the core's flow control
 * pauses their agents — no byte is dropped.
 */
export class WriteScheduler {
  private interactiveId: string | null = null;
  private interactiveUntil = 0;
  private readonly queues = new Map<string, Queue>();
  /** Background timer while someone types, and when the background was last written. */
  private timer: unknown = null;
  private backgroundAt = -Infinity;
  private afterEchoPending = false;

  constructor(private readonly deps: WriteSchedulerDeps) {}

  /** A person typed into `id`: it goes first for a while. */
  noteInput(id: string): void {
    this.interactiveId = id;
    this.interactiveUntil = this.deps.now() + INTERACTIVE_WINDOW_MS;
    const own = this.queues.get(id);
    if (own) this.kick(own, true);
  }

  submit(target: WriteTarget, data: string, ackChars: number, report = true): void {
    let queue = this.queues.get(target.id);
    if (!queue || queue.target !== target) {
      if (queue) this.drop(queue);
      queue = { target, items: [], chars: 0, inFlight: false, lastAt: -Infinity, lastChars: 0, timer: null };
      this.queues.set(target.id, queue);
    }
    queue.items.push({ data, ackChars, report });
    queue.chars += data.length;
    this.kick(queue);
  }

  /** Drops what is queued for `id` (re-attach: a snapshot supersedes it; dispose). */
  clear(id: string): void {
    const queue = this.queues.get(id);
    if (queue) this.drop(queue);
  }

  /** Chars queued for `id` and not yet handed to xterm (diagnostics, tests). */
  queued(id: string): number {
    return this.queues.get(id)?.chars ?? 0;
  }

  dispose(): void {
    if (this.timer !== null) this.deps.clearTimer(this.timer);
    this.timer = null;
    for (const queue of [...this.queues.values()]) this.drop(queue);
  }

  private drop(queue: Queue): void {
    if (queue.timer !== null) this.deps.clearTimer(queue.timer);
    queue.timer = null;
    if (this.queues.get(queue.target.id) === queue) this.queues.delete(queue.target.id);
  }

  /**
   * Writes now if this terminal may: nothing in flight, not held back for
   * someone's typing, and not within a flood's batch interval (unless a full
   * write is waiting, or `now` — the person typed into it).
   */
  private kick(queue: Queue, now = false): void {
    if (queue.inFlight || queue.items.length === 0) return;
    if (this.throttles(queue.target.id)) return this.schedule();
    const t = this.deps.now();
    const due = queue.lastChars >= FLOOD_WRITE_CHARS ? queue.lastAt + FLOOD_BATCH_MS : t;
    if (now || t >= due || queue.chars >= MAX_WRITE_CHARS) {
      if (queue.timer !== null) this.deps.clearTimer(queue.timer);
      queue.timer = null;
      this.pump(queue, MAX_WRITE_CHARS);
      return;
    }
    queue.timer ??= this.deps.setTimer(() => {
      queue.timer = null;
      if (this.queues.get(queue.target.id) === queue) this.kick(queue);
    }, due - t);
  }

  private throttles(id: string): boolean {
    return this.interactiveId !== null && id !== this.interactiveId && this.deps.now() < this.interactiveUntil;
  }

  /** Background output waits: written at the next turn, or right after the next echo if that comes first. */
  private schedule(): void {
    if (this.timer !== null) return;
    const wait = Math.max(0, this.backgroundAt + this.turnSpacing() - this.deps.now());
    this.timer = this.deps.setTimer(() => {
      this.timer = null;
      this.tick();
    }, wait);
  }

  /** Background terminals with output waiting (each gets one turn per BACKGROUND_INTERVAL_MS). */
  private waitingInBackground(): Queue[] {
    return [...this.queues.values()].filter((q) => q.items.length > 0 && this.throttles(q.target.id));
  }

  private turnSpacing(): number {
    return BACKGROUND_INTERVAL_MS / Math.max(1, this.waitingInBackground().length);
  }

  /** One background turn: the waiting terminal written longest ago gets its portion. */
  private tick(): void {
    if (this.timer !== null) this.deps.clearTimer(this.timer);
    this.timer = null;
    this.backgroundAt = this.deps.now();
    for (const queue of [...this.queues.values()]) if (!this.throttles(queue.target.id)) this.kick(queue);
    const waiting = this.waitingInBackground();
    const turn = waiting.filter((q) => !q.inFlight).sort((a, b) => a.lastAt - b.lastAt)[0];
    if (turn) this.pump(turn, BACKGROUND_CHARS_PER_TICK);
    if (waiting.some((q) => q.items.length > 0)) this.schedule();
  }

  /** The typed-into terminal's output was parsed: background output that is due goes in once it is on screen. */
  private afterEcho(): void {
    if (this.timer === null || this.afterEchoPending) return;
    if (this.deps.now() < this.backgroundAt + this.turnSpacing()) return;
    this.afterEchoPending = true;
    this.deps.afterNextFrame(() => {
      this.afterEchoPending = false;
      if (this.timer !== null) this.tick();
    });
  }

  /**
   * Hands xterm the next write for this terminal, unless one is still being
   * parsed: consecutive items merged (same report flag) up to `budget` chars,
   * the last one split if needed.
   */
  private pump(queue: Queue, budget: number): void {
    if (queue.inFlight || queue.items.length === 0) return;
    const { items } = queue;
    const report = items[0]!.report;
    const parts: string[] = [];
    let ackChars = 0;
    let left = budget;
    while (items.length > 0 && left > 0 && items[0]!.report === report) {
      const head = items[0]!;
      if (head.data.length <= left) {
        items.shift();
        queue.chars -= head.data.length;
        parts.push(head.data);
        ackChars += head.ackChars;
        left -= head.data.length;
        continue;
      }
      let cut = left;
      // Never split a surrogate pair: the halves would parse as two broken characters.
      const code = head.data.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
      if (cut <= 0) break;
      // The ack waits for the last piece: only then has the core's whole chunk been parsed.
      parts.push(head.data.slice(0, cut));
      head.data = head.data.slice(cut);
      queue.chars -= cut;
      left = 0;
    }
    if (parts.length === 0) return;
    queue.inFlight = true;
    const data = parts.length === 1 ? parts[0]! : parts.join('');
    queue.lastAt = this.deps.now();
    queue.lastChars = data.length;
    queue.target.write(data, ackChars, report, () => this.parsed(queue));
  }

  private parsed(queue: Queue): void {
    queue.inFlight = false;
    if (queue.target.id === this.interactiveId) this.afterEcho();
    // A cleared queue (re-attach, dispose) is finished: its successor starts on its own.
    if (this.queues.get(queue.target.id) !== queue) return;
    // From xterm's write callback: a write made now continues xterm's current parse loop.
    this.kick(queue);
  }
}
