import type { RendererApi } from '../ipc/renderer-api';
import type { TerminalShortcut } from './key-bindings';
import { TERMINAL_FONT_FAMILY, TERMINAL_FONT_SIZE_PX } from './terminal-options';
import type { FindOptions, SearchResults } from './terminal-search';
import { TerminalView } from './terminal-view';
import { hasHardwareWebgl2 } from './webgl-support';
import { WebglPool } from './webgl-pool';
import { WriteScheduler } from './write-scheduler';

/**
 * A pane that unmounts (React StrictMode, a quick re-layout) usually mounts
 * again at once; its view waits this long before it is disposed and detached.
 */
export const PARKED_VIEW_TTL_MS = 10_000;

export interface TerminalManagerDeps {
  api: RendererApi;
  isMac: boolean;
  onFocus(sessionId: string): void;
  onShortcut(sessionId: string, shortcut: Exclude<TerminalShortcut, 'copy' | 'paste'>): void;
  notify(level: 'info' | 'warning' | 'error', message: string): void;
}

/**
 * Owns every session terminal view, outside React (DESIGN.md §8.8): routes
 * `terminal.data` pushes by session, re-attaches every view after a
 * reconnect, and rations WebGL contexts to the most recently used views.
 */
export class TerminalManager {
  private readonly views = new Map<string, TerminalView>();
  private readonly parked = new Map<string, number>();
  private readonly pool = new WebglPool();
  /** Decided at the first request: no WebGL2, or only a software rasterizer, means DOM rendering. */
  private webglBroken: boolean | null = null;
  private readonly scheduler = new WriteScheduler({
    now: () => performance.now(),
    setTimer: (fn, ms) => window.setTimeout(fn, ms),
    clearTimer: (h) => window.clearTimeout(h as number),
    // A frame's callbacks run before it is painted; the task after them runs once it is.
    afterNextFrame: (fn) => window.requestAnimationFrame(() => window.setTimeout(fn, 0)),
  });
  private readonly parsedListeners = new Set<(sessionId: string, chars: number, data: string) => void>();
  private readonly subs: (() => void)[] = [];

  constructor(private readonly deps: TerminalManagerDeps) {
    this.subs.push(deps.api.on('terminal.data', (msg) => this.views.get(msg.sessionId)?.push(msg)));
    // Forgotten (here or in another window): nothing left to show or to attach to.
    this.subs.push(deps.api.on('session.removed', ({ sessionId }) => this.disposeSession(sessionId)));
    // The server forgot our attachments with the old socket: every view starts again from a snapshot.
    this.subs.push(deps.api.onReconnect(() => this.views.forEach((v) => void v.attach())));
  }

  /** Shows the session's terminal in `container` (creating and attaching it on first use). */
  mount(sessionId: string, container: HTMLElement): void {
    const timer = this.parked.get(sessionId);
    if (timer !== undefined) {
      window.clearTimeout(timer);
      this.parked.delete(sessionId);
    }
    let view = this.views.get(sessionId);
    if (!view) {
      view = this.createView(sessionId);
      this.views.set(sessionId, view);
    }
    view.mount(container);
  }

  unmount(sessionId: string, container: HTMLElement): void {
    const view = this.views.get(sessionId);
    if (!view) return;
    view.unmount(container);
    if (this.parked.has(sessionId)) return;
    this.parked.set(
      sessionId,
      window.setTimeout(() => {
        this.parked.delete(sessionId);
        this.disposeSession(sessionId);
      }, PARKED_VIEW_TTL_MS),
    );
  }

  /** The session is gone (forgotten) or its pane closed for good. */
  disposeSession(sessionId: string): void {
    const timer = this.parked.get(sessionId);
    if (timer !== undefined) window.clearTimeout(timer);
    this.parked.delete(sessionId);
    const view = this.views.get(sessionId);
    if (!view) return;
    this.views.delete(sessionId);
    view.dispose();
  }

  focus(sessionId: string): void {
    this.views.get(sessionId)?.focus();
  }

  find(sessionId: string, text: string, opts: FindOptions): boolean {
    return this.views.get(sessionId)?.search.find(text, opts) ?? false;
  }

  clearSearch(sessionId: string): void {
    this.views.get(sessionId)?.search.clear();
  }

  onSearchResults(sessionId: string, listener: (r: SearchResults) => void): () => void {
    return this.views.get(sessionId)?.search.onResults(listener) ?? (() => undefined);
  }

  view(sessionId: string): TerminalView | undefined {
    return this.views.get(sessionId);
  }

  /** A character cell in CSS px, from a rendered view or else measured with the terminal font. */
  cellSize(): { width: number; height: number } {
    for (const v of this.views.values()) {
      const c = v.cellSize();
      if (c) return c;
    }
    return measureCell(this.webglUsable);
  }

  /** False once WebGL failed in this page (views then use the DOM renderer). */
  get webglUsable(): boolean {
    this.webglBroken ??= !hasHardwareWebgl2();
    return !this.webglBroken;
  }

  onParsed(listener: (sessionId: string, chars: number, data: string) => void): () => void {
    this.parsedListeners.add(listener);
    return () => this.parsedListeners.delete(listener);
  }

  dispose(): void {
    for (const un of this.subs.splice(0)) un();
    for (const id of [...this.views.keys()]) this.disposeSession(id);
    this.scheduler.dispose();
  }

  private createView(sessionId: string): TerminalView {
    return new TerminalView({
      sessionId,
      api: this.deps.api,
      isMac: this.deps.isMac,
      webgl: {
        acquire: (v) => this.acquireWebgl(v),
        release: (v) => {
          this.pool.release(v.sessionId);
          v.disableWebgl();
        },
        touch: (v) => this.pool.touch(v.sessionId),
      },
      scheduler: this.scheduler,
      onFocus: this.deps.onFocus,
      onShortcut: this.deps.onShortcut,
      notify: this.deps.notify,
      onParsed: (id, chars, data) => {
        for (const l of this.parsedListeners) l(id, chars, data);
      },
    });
  }

  private acquireWebgl(view: TerminalView): void {
    if (!this.webglUsable) return;
    for (const evicted of this.pool.acquire(view.sessionId)) this.views.get(evicted)?.disableWebgl();
    if (view.hasWebgl) return;
    const result = view.enableWebgl();
    if (result === 'ok') return;
    this.pool.release(view.sessionId);
    // One failure means this page has no WebGL2 at all: stop trying for every view.
    if (result === 'failed') this.webglBroken = true;
  }
}

/** Probe text long enough that sub-pixel advance widths average out. */
const PROBE_CHARS = 50;

/**
 * Measures the terminal font's cell. The WebGL renderer snaps cells to whole
 * device pixels (rounding down), so the estimate does the same when WebGL
 * will draw.
 */
function measureCell(webgl: boolean): { width: number; height: number } {
  const probe = document.createElement('span');
  probe.style.cssText = `position:absolute;visibility:hidden;white-space:pre;line-height:normal;font-family:${TERMINAL_FONT_FAMILY};font-size:${TERMINAL_FONT_SIZE_PX}px`;
  probe.textContent = 'W'.repeat(PROBE_CHARS);
  document.body.appendChild(probe);
  const rect = probe.getBoundingClientRect();
  probe.remove();
  const dpr = window.devicePixelRatio || 1;
  const snap = (px: number) => (webgl ? Math.max(1, Math.floor(px * dpr)) / dpr : px);
  return { width: snap(rect.width / PROBE_CHARS), height: snap(rect.height) };
}
