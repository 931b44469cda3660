import { FitAddon } from '@xterm/addon-fit';
import type { Terminal } from '@xterm/xterm';
import { MAX_COLS, MAX_ROWS } from '../../../src-preload/contract/session';

/** Resize messages wait until a drag or layout change settles; the pty redraws once. */
export const RESIZE_DEBOUNCE_MS = 50;

export interface PaneFitDeps {
  /** Tell the core (and so the pty) the new size. */
  sendResize(cols: number, rows: number): void;
  /** The container became visible (laid out with a size) or hidden (display: none, unmounted). */
  onVisibility(visible: boolean): void;
}

/**
 * Pane size → xterm size → pty size: watches the container a view is
 * mounted in, fits xterm to it (debounced), and reports each new size once.
 * A hidden container (zero size) is never fitted: xterm would shrink to
 * nothing and the agent would redraw for a pane nobody sees.
 */
export class PaneFit {
  private readonly fit = new FitAddon();
  private container: HTMLElement | null = null;
  private observer: ResizeObserver | null = null;
  private timer: number | null = null;
  private lastSent: { cols: number; rows: number } | null = null;
  private visible = false;

  constructor(
    private readonly term: Terminal,
    private readonly deps: PaneFitDeps,
  ) {
    term.loadAddon(this.fit);
  }

  observe(container: HTMLElement): void {
    this.container = container;
    this.observer?.disconnect();
    this.observer = new ResizeObserver(() => this.onResize());
    this.observer.observe(container);
    this.onResize();
  }

  unobserve(container: HTMLElement): void {
    if (this.container !== container) return;
    this.observer?.disconnect();
    this.observer = null;
    this.container = null;
    this.setVisible(false);
  }

  /** Fits xterm to the container now (no message). */
  fitNow(): void {
    if (!this.measurable()) return;
    const dims = this.fit.proposeDimensions();
    if (!dims || !Number.isFinite(dims.cols) || !Number.isFinite(dims.rows)) return;
    const cols = Math.min(MAX_COLS, Math.max(2, dims.cols));
    const rows = Math.min(MAX_ROWS, Math.max(1, dims.rows));
    if (cols !== this.term.cols || rows !== this.term.rows) this.term.resize(cols, rows);
  }

  /** Fit and report after the debounce. */
  schedule(): void {
    if (this.timer !== null) window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => {
      this.timer = null;
      this.fitNow();
      this.report();
    }, RESIZE_DEBOUNCE_MS);
  }

  /** Reports xterm's size if it changed since the last report (`force`: even if not). */
  report(force = false): void {
    if (!this.measurable()) return;
    const size = { cols: this.term.cols, rows: this.term.rows };
    if (!force && this.lastSent && this.lastSent.cols === size.cols && this.lastSent.rows === size.rows) return;
    this.lastSent = size;
    this.deps.sendResize(size.cols, size.rows);
  }

  dispose(): void {
    if (this.timer !== null) window.clearTimeout(this.timer);
    this.observer?.disconnect();
  }

  private onResize(): void {
    const visible = this.measurable();
    this.setVisible(visible);
    if (visible) this.schedule();
  }

  private setVisible(visible: boolean): void {
    if (visible === this.visible) return;
    this.visible = visible;
    this.deps.onVisibility(visible);
  }

  private measurable(): boolean {
    const el = this.container;
    return el !== null && el.clientWidth > 0 && el.clientHeight > 0;
  }
}
