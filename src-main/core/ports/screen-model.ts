/**
 * The core's model of one session's screen (a headless xterm). Parsing is
 * the heaviest thing the core does with terminal output, so the composition
 * root runs it off the main thread (a worker); tests use the in-process one.
 * Either way it is asynchronous: `onParsed` reports progress for flow
 * control, and reads resolve after everything written before them is parsed.
 */
export interface ScreenSnapshot {
  /** Serialized screen + scrollback (escape sequences that rebuild it). */
  data: string;
  /** Chars parsed when it was taken: the stream offset it corresponds to. */
  parsed: number;
  cols: number;
  rows: number;
}

export interface ScreenText {
  /** Visible lines, right-trimmed. */
  lines: string[];
  cursor: { x: number; y: number };
  parsed: number;
  cols: number;
  rows: number;
}

export interface ScreenModel {
  write(data: string): void;
  resize(cols: number, rows: number): void;
  /** `scrollback`: lines of history to include (default: all the model keeps). */
  snapshot(scrollback?: number): Promise<ScreenSnapshot>;
  text(): Promise<ScreenText>;
  dispose(): void;
}

export interface ScreenModelOptions {
  cols: number;
  rows: number;
  /** Called as written chars are parsed (in write order). */
  onParsed(chars: number): void;
}

export interface ScreenModelFactory {
  create(opts: ScreenModelOptions): ScreenModel;
  dispose(): void;
}
