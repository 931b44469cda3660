import type { TerminalData } from '../../../src-preload/contract/channels';
import type { Clock } from '../ports/clock';
import { Coalescer } from './coalescer';
import type { ScreenModel, ScreenModelFactory, ScreenText } from '../ports/screen-model';
import { HIGH_WATERMARK_CHARS } from '../../../src-preload/contract/flow';
import { FlowController } from './flow-control';

const HEADLESS_CONSUMER = '#headless';
/**
 * The core's own screen parser (a worker thread, microseconds away) gets a
 * deeper window than a view: draining it to a few thousand chars before
 * every resume left the pipeline idle most of the time. It is twice a
 * view's window (flow.ts) so that during a flood it is the views, not the
 * core's parser, that pace the pty. Still bounded: at most ~4 M chars
 * (~8 MB) per session queued for parsing.
 */
export const HEADLESS_WATERMARKS = { high: 2 * HIGH_WATERMARK_CHARS, low: HIGH_WATERMARK_CHARS };

export interface StreamSink {
  push(msg: TerminalData): void;
}

export interface TerminalStreamDeps {
  clock: Clock;
  screens: ScreenModelFactory;
  sessionId: string;
  /** Bumped on every restart so a view never mixes two processes' offsets. */
  epoch: number;
  cols: number;
  rows: number;
  /** Backpressure reaches the pty through these. */
  pause(): void;
  resume(): void;
  /** Every flushed chunk, after fan-out (transcripts, activity tracking). */
  onOutput?(data: string): void;
}

/**
 * One live process's output path: pty chunks → coalescer → headless screen +
 * every attached view, each chunk stamped with its stream offset so a view
 * that attaches mid-stream joins exactly where its snapshot ends.
 */
export class TerminalStream {
  private readonly screen: ScreenModel;
  private readonly coalescer: Coalescer;
  private readonly flow: FlowController;
  private readonly sinks = new Map<string, StreamSink>();
  private emitted = 0;
  private disposed = false;
  private size: { cols: number; rows: number };

  constructor(private readonly deps: TerminalStreamDeps) {
    this.size = { cols: deps.cols, rows: deps.rows };
    this.flow = new FlowController(deps.pause, deps.resume);
    this.flow.addConsumer(HEADLESS_CONSUMER, HEADLESS_WATERMARKS);
    this.screen = deps.screens.create({
      cols: deps.cols,
      rows: deps.rows,
      onParsed: (n) => {
        if (!this.disposed) this.flow.acked(HEADLESS_CONSUMER, n);
      },
    });
    this.coalescer = new Coalescer(deps.clock, (data) => this.fanOut(data));
  }

  get isPaused(): boolean {
    return this.flow.isPaused;
  }
  get offset(): number {
    return this.emitted;
  }
  get viewerCount(): number {
    return this.sinks.size;
  }
  get cols(): number {
    return this.size.cols;
  }
  get rows(): number {
    return this.size.rows;
  }

  /** A chunk from the pty. */
  ingest(data: string): void {
    if (this.disposed) return;
    this.coalescer.push(data);
  }

  /** Makes pending output visible now (before a snapshot, on exit). */
  flush(): void {
    this.coalescer.flush();
  }

  private fanOut(data: string): void {
    const offset = this.emitted;
    this.emitted += data.length;
    this.flow.sent(HEADLESS_CONSUMER, data.length);
    this.screen.write(data);
    const msg: TerminalData = { sessionId: this.deps.sessionId, offset, epoch: this.deps.epoch, data };
    for (const [id, sink] of this.sinks) {
      this.flow.sent(id, data.length);
      sink.push(msg);
    }
    this.deps.onOutput?.(data);
  }

  /**
   * Registers a view and returns the snapshot it starts from. The view gets
   * every chunk from now on; the ones before `offset` are already in the
   * snapshot and the view drops them by offset.
   */
  async attach(viewId: string, sink: StreamSink): Promise<{ snapshot: string; offset: number; cols: number; rows: number }> {
    this.detach(viewId);
    this.sinks.set(viewId, sink);
    this.flow.addConsumer(viewId);
    this.coalescer.flush();
    const snap = await this.screen.snapshot();
    return { snapshot: snap.data, offset: snap.parsed, cols: snap.cols, rows: snap.rows };
  }

  detach(viewId: string): void {
    if (this.sinks.delete(viewId)) this.flow.removeConsumer(viewId);
  }

  ack(viewId: string, chars: number): void {
    this.flow.acked(viewId, chars);
  }

  resize(cols: number, rows: number): void {
    this.coalescer.flush();
    this.size = { cols, rows };
    this.screen.resize(cols, rows);
  }

  /** Screen + scrollback (`scrollback` lines; default all) as of everything received so far. */
  async snapshot(scrollback?: number): Promise<{ data: string; cols: number; rows: number }> {
    this.coalescer.flush();
    const s = await this.screen.snapshot(scrollback);
    return { data: s.data, cols: s.cols, rows: s.rows };
  }

  /** The visible screen as text (for classifiers), as of everything received so far. */
  text(): Promise<ScreenText> {
    this.coalescer.flush();
    return this.screen.text();
  }

  dispose(): void {
    if (this.disposed) return;
    this.coalescer.dispose();
    this.disposed = true;
    this.sinks.clear();
    this.screen.dispose();
  }
}
