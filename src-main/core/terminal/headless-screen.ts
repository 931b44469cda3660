import { SerializeAddon } from '@xterm/addon-serialize';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { Terminal } from '@xterm/headless';

/** Scrollback the core keeps per session for re-attach snapshots (lines). */
export const CORE_SCROLLBACK_LINES = 5_000;

/**
 * The core's own view of a session's screen: a headless xterm fed the same
 * bytes as every renderer. It answers "what is on screen now" for prompt
 * detection and produces the serialized snapshot a re-attaching view starts
 * from (DESIGN.md §3). Parsing is asynchronous; `backlog` is how many chars
 * were written but not parsed yet (flow control counts it like a client).
 */
export class HeadlessScreen {
  private readonly term: Terminal;
  private readonly serializer = new SerializeAddon();
  private pending = 0;
  private parsedChars = 0;

  constructor(cols: number, rows: number, scrollback = CORE_SCROLLBACK_LINES) {
    this.term = new Terminal({ cols, rows, scrollback, allowProposedApi: true });
    // Same width tables as the renderer's xterm, so emoji and CJK line up identically.
    this.term.loadAddon(new Unicode11Addon() as never);
    this.term.unicode.activeVersion = '11';
    this.term.loadAddon(this.serializer as never);
  }

  get cols(): number {
    return this.term.cols;
  }
  get rows(): number {
    return this.term.rows;
  }
  get backlog(): number {
    return this.pending;
  }
  /** Chars parsed so far: the offset a snapshot taken now corresponds to. */
  get parsed(): number {
    return this.parsedChars;
  }

  write(data: string, onParsed?: (chars: number) => void): void {
    this.pending += data.length;
    this.term.write(data, () => {
      this.pending -= data.length;
      this.parsedChars += data.length;
      onParsed?.(data.length);
    });
  }

  /** Resolves once everything written before this call has been parsed. */
  barrier(): Promise<void> {
    return new Promise((resolve) => this.term.write('', resolve));
  }

  resize(cols: number, rows: number): void {
    this.term.resize(cols, rows);
  }

  /** Screen + scrollback as escape sequences that rebuild it in a fresh xterm. */
  serialize(scrollback = CORE_SCROLLBACK_LINES): string {
    return this.serializer.serialize({ scrollback });
  }

  /** The visible screen as plain text lines (right-trimmed), for classifiers. */
  visibleLines(): string[] {
    const buf = this.term.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < this.term.rows; y++) {
      lines.push(buf.getLine(buf.viewportY + y)?.translateToString(true) ?? '');
    }
    return lines;
  }

  /** Cursor position within the visible screen. */
  cursor(): { x: number; y: number } {
    const buf = this.term.buffer.active;
    return { x: buf.cursorX, y: buf.cursorY };
  }

  dispose(): void {
    this.term.dispose();
  }
}
