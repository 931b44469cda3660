import { Unicode11Addon } from '@xterm/addon-unicode11';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { WebglAddon } from '@xterm/addon-webgl';
import { Terminal } from '@xterm/xterm';
import type { TerminalData } from '../../../src-preload/contract/channels';
import { MAX_INPUT_CHARS } from '../../../src-preload/contract/channels';
import type { RendererApi } from '../ipc/renderer-api';
import { AckBatcher } from './ack-batcher';
import type { TerminalShortcut } from './key-bindings';
import { PaneFit } from './pane-fit';
import { StreamCursor, type CursorAction } from './stream-cursor';
import { createKeyHandler } from './terminal-keys';
import { terminalOptions } from './terminal-options';
import type { WriteScheduler, WriteTarget } from './write-scheduler';
import { TerminalSearch } from './terminal-search';
import { skipIdleSelectionRedraw } from './skip-idle-selection-redraw';

/** A failed attach (e.g. a timeout while the core is swamped) is retried after 0.5, 1 and 2 s. */
const MAX_ATTACH_RETRIES = 3;
const ATTACH_RETRY_BASE_MS = 500;
/** xterm "RIS" (full reset): queued in the write stream so it lands after earlier writes are parsed. */
const FULL_RESET = '\x1bc';

export interface TerminalViewDeps {
  sessionId: string;
  api: RendererApi;
  isMac: boolean;
  /** The WebGL slot keeper; a view only renders with WebGL while it holds a slot. */
  webgl: { acquire(view: TerminalView): void; release(view: TerminalView): void; touch(view: TerminalView): void };
  onFocus(sessionId: string): void;
  onShortcut(sessionId: string, shortcut: Exclude<TerminalShortcut, 'copy' | 'paste'>): void;
  onParsed(sessionId: string, chars: number, data: string): void;
  /** Orders and paces writes into xterm so typing stays responsive (write-scheduler.ts). */
  scheduler: WriteScheduler;
  notify(level: 'info' | 'warning' | 'error', message: string): void;
}

/**
 * One session's terminal on screen: an xterm fed straight from `terminal.data`
 * pushes (never through React, DESIGN.md §8.8), with the stream cursor
 * deciding what to write and the ack batcher reporting what xterm parsed.
 * The xterm lives in `host`, an element this view owns, so a pane can be
 * re-mounted without re-creating or re-attaching the terminal.
 */
export class TerminalView {
  readonly term: Terminal;
  readonly host: HTMLDivElement;
  readonly search: TerminalSearch;
  private readonly fit: PaneFit;
  private webgl: WebglAddon | null = null;
  private readonly cursor = new StreamCursor();
  private readonly acks: AckBatcher;
  private readonly writer: WriteTarget;
  private opened = false;
  private attachSeq = 0;
  private written = false;
  private retryTimer: number | null = null;
  private attachFailures = 0;
  private disposed = false;

  constructor(private readonly deps: TerminalViewDeps) {
    const id = deps.sessionId;
    this.term = new Terminal(terminalOptions());
    this.host = document.createElement('div');
    this.host.className = 'xterm-host';
    this.acks = new AckBatcher((chars) => void deps.api.invoke('terminal.ack', { sessionId: id, chars }));
    this.writer = {
      id,
      write: (data, ackChars, report, parsed) =>
        this.term.write(data, () => {
          // Parsed, not merely received: this is what flow control counts (DESIGN.md §3).
          this.acks.add(ackChars);
          if (report) deps.onParsed(id, data.length, data);
          parsed();
        }),
    };
    const unicode = new Unicode11Addon();
    this.term.loadAddon(unicode);
    this.term.unicode.activeVersion = '11'; // the core's headless screen uses the same widths
    this.fit = new PaneFit(this.term, {
      sendResize: (cols, rows) => void deps.api.invoke('terminal.resize', { sessionId: id, cols, rows }),
      // A view that becomes visible asks for WebGL. One that is hidden keeps its context (switching
      // tabs or layouts must not rebuild texture atlases); the keeper takes it back only when a
      // visible view needs the slot.
      onVisibility: (visible) => visible && deps.webgl.acquire(this),
    });
    this.search = new TerminalSearch(this.term);
    this.term.loadAddon(
      new WebLinksAddon((event, uri) => {
        // Ctrl/Cmd+click, as in VS Code: a plain click is for selecting text in an agent's output.
        if (event.ctrlKey || event.metaKey) window.open(uri, '_blank', 'noopener,noreferrer');
      }),
    );
    this.term.attachCustomKeyEventHandler(
      createKeyHandler({
        term: this.term,
        isMac: deps.isMac,
        onShortcut: (shortcut) => deps.onShortcut(id, shortcut),
        notify: deps.notify,
      }),
    );
    this.term.onData((data) => this.sendInput(data));
    this.term.onBinary((data) => this.sendInput(data));
  }

  get sessionId(): string {
    return this.deps.sessionId;
  }

  get hasWebgl(): boolean {
    return this.webgl !== null;
  }

  /** Size of one character cell in CSS px, once rendered (null before). */
  cellSize(): { width: number; height: number } | null {
    const screen = this.term.element?.querySelector<HTMLElement>('.xterm-screen');
    if (!screen || this.term.cols === 0 || this.term.rows === 0 || screen.offsetWidth === 0) return null;
    return { width: screen.offsetWidth / this.term.cols, height: screen.offsetHeight / this.term.rows };
  }

  /** The stream position reached (instrumentation, diagnostics). */
  position(): { epoch: number; nextOffset: number } | null {
    return this.cursor.position();
  }

  mount(container: HTMLElement): void {
    if (this.disposed) return;
    if (this.host.parentElement !== container) container.appendChild(this.host);
    const firstMount = !this.opened;
    if (firstMount) {
      // open() measures the font, so the host must be in the document first.
      this.term.open(this.host);
      this.opened = true;
      skipIdleSelectionRedraw(this.term);
      this.term.textarea?.addEventListener('focus', () => {
        // The terminal in use renders with WebGL, whoever has to give a context up.
        this.deps.webgl.acquire(this);
        this.deps.onFocus(this.deps.sessionId);
      });
    }
    // Renderer first (observe → visible → WebGL, which snaps cells to device pixels), then the size,
    // then the attach that reports it.
    this.fit.observe(container);
    if (firstMount) {
      this.fit.fitNow();
      void this.attach();
    }
  }

  unmount(container: HTMLElement): void {
    this.fit.unobserve(container);
    if (this.host.parentElement === container) container.removeChild(this.host);
  }

  focus(): void {
    this.term.focus();
  }

  /** Attach (or re-attach after a reconnect): a fresh snapshot, then live pushes from its offset. */
  async attach(): Promise<void> {
    if (this.retryTimer !== null) window.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const seq = ++this.attachSeq;
    // Output queued for the old attachment is superseded by the coming snapshot.
    this.deps.scheduler.clear(this.deps.sessionId);
    this.cursor.beginAttach();
    this.acks.reset();
    // Tell the core our size first: requests are handled in order, so the snapshot matches it.
    // (Always resent on attach: after a reconnect the core may hold another size.)
    this.fit.report(true);
    const r = await this.deps.api.invoke('terminal.attach', { sessionId: this.deps.sessionId });
    if (this.disposed || seq !== this.attachSeq) return;
    if (!r.ok) {
      this.attachFailed(r.error.code, r.error.message);
      return;
    }
    this.attachFailures = 0;
    const { snapshot, offset, cols, rows, session } = r.value;
    if (this.written) this.term.write(FULL_RESET);
    if (this.term.cols !== cols || this.term.rows !== rows) this.term.resize(cols, rows);
    if (snapshot.length > 0) this.term.write(snapshot);
    this.written = true;
    for (const action of this.cursor.attachedAt(session.restartCount, offset)) this.apply(action);
    // The snapshot was drawn at the core's size; now take the pane's size again.
    this.term.write('', () => this.fit.schedule());
  }

  /**
   * A view stuck in "attaching" buffers output it never acknowledges, which
   * would keep the agent paused for every viewer: retry a few times, then
   * let go of the session (detach) and say so in the terminal.
   */
  private attachFailed(code: string, message: string): void {
    // not_found: the session is gone and its pane with it. Disconnected: the reconnect hook attaches again.
    if (code === 'not_found' || this.deps.api.connection().state !== 'open') return;
    this.attachFailures++;
    if (this.attachFailures <= MAX_ATTACH_RETRIES) {
      this.retryTimer = window.setTimeout(() => void this.attach(), ATTACH_RETRY_BASE_MS * 2 ** (this.attachFailures - 1));
      return;
    }
    this.attachSeq++;
    this.cursor.beginAttach();
    void this.deps.api.invoke('terminal.detach', { sessionId: this.deps.sessionId });
    this.term.write(`\r\n\x1b[2m[Dual Orchestrator could not show this terminal: ${message}. Reload the page to try again.]\x1b[0m\r\n`);
    this.deps.notify('error', `Terminal: ${message}`);
  }

  /** A `terminal.data` push for this session. */
  push(msg: TerminalData): void {
    const action = this.cursor.push(msg);
    if (action) this.apply(action);
  }

  private apply(action: CursorAction): void {
    switch (action.kind) {
      case 'drop':
        this.acks.add(action.ackChars);
        return;
      case 'gap':
        // Missing output cannot be repaired locally: start over from a snapshot.
        console.warn(`dual-orchestrator: ${this.deps.sessionId} stream gap (expected ${action.expected}, got ${action.got}); re-attaching`);
        this.acks.add(action.ackChars);
        void this.attach();
        return;
      case 'reset-write':
        this.deps.scheduler.submit(this.writer, FULL_RESET, 0, false);
        this.write(action.data, action.ackChars);
        return;
      case 'write':
        this.write(action.data, action.ackChars);
        return;
    }
  }

  private write(data: string, ackChars: number): void {
    this.written = true;
    this.deps.scheduler.submit(this.writer, data, ackChars);
  }

  private sendInput(data: string): void {
    this.deps.scheduler.noteInput(this.deps.sessionId);
    for (let i = 0; i < data.length; i += MAX_INPUT_CHARS) {
      const chunk = data.slice(i, i + MAX_INPUT_CHARS);
      void this.deps.api.invoke('terminal.input', { sessionId: this.deps.sessionId, data: chunk }).then((r) => {
        // invalid_state: the agent has exited; the pane says so and offers Restart.
        if (!r.ok && r.error.code !== 'invalid_state' && r.error.code !== 'unavailable') this.deps.notify('error', r.error.message);
      });
    }
  }

  /**
   * Called by the WebGL keeper: render with WebGL from now on. 'failed' means
   * this page cannot create WebGL2 contexts; 'not-ready' only that this view cannot now.
   */
  enableWebgl(): 'ok' | 'failed' | 'not-ready' {
    if (this.webgl) return 'ok';
    if (this.disposed || !this.opened) return 'not-ready';
    try {
      const addon = new WebglAddon();
      addon.onContextLoss(() => {
        // The GPU dropped our context (driver reset, too many contexts): fall back to the DOM renderer.
        this.disableWebgl();
        this.deps.webgl.release(this);
      });
      this.term.loadAddon(addon);
      this.webgl = addon;
      return 'ok';
    } catch {
      return 'failed'; // no WebGL2 here (e.g. --disable-gpu): the DOM renderer stays
    }
  }

  disableWebgl(): void {
    const addon = this.webgl;
    this.webgl = null;
    addon?.dispose();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.attachSeq++;
    this.deps.scheduler.clear(this.deps.sessionId);
    this.fit.dispose();
    if (this.retryTimer !== null) window.clearTimeout(this.retryTimer);
    this.deps.webgl.release(this);
    this.disableWebgl();
    this.host.remove();
    void this.deps.api.invoke('terminal.detach', { sessionId: this.deps.sessionId });
    this.term.dispose();
  }
}
