import { constants as osConstants } from 'node:os';
import type { TerminalData } from '../../../src-preload/contract/channels';
import { INPUT_CHUNK_CHARS } from '../../../src-preload/contract/flow';
import { err, ok, type Result } from '../../../src-preload/contract/result';
import type { SessionInfo, SessionState } from '../../../src-preload/contract/session';
import { DisposableStore, toDisposable } from '../../lib/disposable';
import type { Logger } from '../../lib/logger';
import type { LaunchSpec } from '../agents/profiles';
import type { Clock, TimerHandle } from '../ports/clock';
import type { PtyProcess, PtySpawner } from '../ports/pty';
import type { ScreenModelFactory } from '../ports/screen-model';
import type { SessionRecord, Store } from '../ports/store';
import { TerminalStream, type StreamSink } from '../terminal/terminal-stream';
import { ActivityState, type ActivitySignal } from '../agents/activity';
import type { ScreenText } from '../ports/screen-model';
import type { ApprovalMode } from '../../../src-preload/contract/approvals';
import { exitState, isLiveState, transition } from './lifecycle';

/** A stop request waits this long for the agent to exit by itself before the tree is killed. */
export const STOP_GRACE_MS = 3_000;
/** Last screens are saved at most this often while output flows (and always at exit). */
export const SCREEN_SAVE_INTERVAL_MS = 3_000;
/**
 * History lines in a save made while the session runs (one made at exit or
 * shutdown keeps all the core has). The running save only guards against the
 * app dying; with the core's whole scrollback it serialized ~1 MB per flooding
 * session every 3 s and held the core's event loop for ~12 ms writing it,
 * which a typed character's echo then waited behind.
 */
export const RUNNING_SAVE_SCROLLBACK_LINES = 1_000;

export interface RuntimeDeps {
  clock: Clock;
  spawner: PtySpawner;
  screens: ScreenModelFactory;
  store: Store;
  logger: Logger;
  changed(info: SessionInfo): void;
  event(type: string, sessionId: string, data: unknown, correlationId?: string | null): void;
}

export interface RuntimeEvents {
  /** A process ended (after state and record are updated). */
  onExit?(rec: SessionRecord): void;
  /** New output was flushed (screen watchers re-read the screen). */
  /** chars: the size of this output chunk (UTF-16 units), for the pty-output metric. */
  onOutput?(sessionId: string, chars: number): void;
}

/**
 * One session: its record (the only writer of its state), its pty while one
 * runs, and the views watching it. Views stay registered across restarts, so
 * a restarted agent streams straight into the terminals already showing it.
 */
export class SessionRuntime {
  private rec: SessionRecord;
  private proc: PtyProcess | null = null;
  private stream: TerminalStream | null = null;
  /**
   * Set from the process's exit until its last screen is saved: a view that
   * attaches in between waits for that screen instead of finding none (an
   * agent that exits at once can race its first view).
   */
  private lastScreenSaved: Promise<void> | null = null;
  private procSubs = new DisposableStore();
  private readonly viewers = new Map<string, StreamSink>();
  private stopRequested = false;
  private pendingRestart: LaunchSpec | null = null;
  private graceTimer: TimerHandle | null = null;
  private screenTimer: TimerHandle | null = null;
  private screenDirty = false;
  private inputQueue: string[] = [];
  private inputTimer: TimerHandle | null = null;
  private readonly exitWaiters: (() => void)[] = [];
  private readonly activity: ActivityState;

  constructor(
    private readonly deps: RuntimeDeps,
    record: SessionRecord,
    private readonly hooks: RuntimeEvents = {},
  ) {
    this.rec = { ...record };
    const ended = record.state === 'crashed' ? 'crashed' : 'exited';
    this.activity = new ActivityState({ state: isLiveState(record.state) ? 'starting' : ended, source: 'process', since: deps.clock.now(), ruleId: null });
  }

  get id(): string {
    return this.rec.id;
  }
  get record(): SessionRecord {
    return this.rec;
  }
  get isLive(): boolean {
    return this.proc !== null;
  }
  get terminal(): TerminalStream | null {
    return this.stream;
  }

  info(): SessionInfo {
    return { ...this.rec, pid: this.proc ? this.proc.pid : null, live: this.proc !== null, activity: this.activity.value };
  }

  /** A hook or screen reading about what the agent is doing; views hear of changes. */
  applyActivity(sig: ActivitySignal): void {
    if (!this.activity.apply(sig)) return;
    this.deps.event('session.activity', this.id, { state: sig.state, source: sig.source, ruleId: sig.ruleId });
    this.deps.changed(this.info());
  }

  setApprovalMode(mode: ApprovalMode): void {
    this.rec = { ...this.rec, approvalMode: mode };
    this.persist();
  }

  setAgentSessionId(agentSessionId: string): void {
    if (this.rec.agentSessionId === agentSessionId) return;
    this.rec = { ...this.rec, agentSessionId };
    this.persist();
  }

  /** The visible screen as of everything received so far, or null when no process runs. */
  screenText(): Promise<ScreenText> | null {
    return this.stream ? this.stream.text() : null;
  }

  private setState(to: SessionState, patch: Partial<SessionRecord> = {}): void {
    const t = transition(this.rec.state, to);
    if (!t.ok) {
      // A bug in the caller: the table is the authority. Log loudly, keep the record sane.
      this.deps.logger.error('illegal session transition', { sessionId: this.id, from: this.rec.state, to });
      return;
    }
    this.rec = { ...this.rec, ...patch, state: to };
    if (to === 'starting' || to === 'exited' || to === 'crashed') {
      this.activity.apply({ state: to, source: 'process', at: this.deps.clock.now(), ruleId: null });
    }
    this.persist();
    this.deps.event('session.state', this.id, { state: to });
  }

  private persist(): void {
    this.deps.store.sessions.upsert(this.rec);
    this.deps.changed(this.info());
  }

  rename(name: string): void {
    this.rec = { ...this.rec, name };
    this.persist();
  }

  start(spec: LaunchSpec, correlationId: string | null = null): Result<SessionInfo> {
    if (this.proc) return err('invalid_state', 'This session is already running.');
    const restarting = this.rec.startedAt !== null;
    this.setState('starting', {
      restartCount: restarting ? this.rec.restartCount + 1 : this.rec.restartCount,
      exitCode: null,
      exitSignal: null,
      endedAt: null,
      lastError: null,
    });
    this.stopRequested = false;
    const spawned = this.deps.spawner.spawn({
      command: spec.command,
      args: spec.args,
      cwd: this.rec.cwd,
      env: spec.env,
      cols: this.rec.cols,
      rows: this.rec.rows,
    });
    if (!spawned.ok) {
      this.setState('crashed', { endedAt: this.deps.clock.now(), lastError: spawned.error.message });
      this.deps.event('session.start_failed', this.id, { error: spawned.error.message }, correlationId);
      return spawned;
    }
    const proc = spawned.value;
    this.proc = proc;
    const stream = new TerminalStream({
      clock: this.deps.clock,
      screens: this.deps.screens,
      sessionId: this.id,
      epoch: this.rec.restartCount,
      cols: this.rec.cols,
      rows: this.rec.rows,
      pause: () => proc.pause(),
      resume: () => proc.resume(),
      onOutput: (data) => {
        this.deps.store.transcripts.append(this.id, data);
        this.screenDirty = true;
        this.hooks.onOutput?.(this.id, data.length);
      },
    });
    this.stream = stream;
    for (const [viewId, sink] of this.viewers) void stream.attach(viewId, sink);
    this.procSubs.add(proc.onData((d) => stream.ingest(d)));
    this.procSubs.add(proc.onExit((e) => this.handleExit(e.exitCode, e.signal)));
    this.screenTimer = this.deps.clock.setInterval(() => void this.saveScreenIfDirty(RUNNING_SAVE_SCROLLBACK_LINES), SCREEN_SAVE_INTERVAL_MS);
    this.procSubs.add(toDisposable(() => this.screenTimer?.cancel()));
    this.setState('running', { pid: proc.pid, startedAt: this.deps.clock.now() });
    this.deps.event('session.started', this.id, { pid: proc.pid, command: spec.command, args: spec.args, restart: restarting }, correlationId);
    return ok(this.info());
  }

  /** `scrollback`: history lines to keep (default: all the core has). */
  private async saveScreenIfDirty(scrollback?: number): Promise<void> {
    const stream = this.stream;
    if (!stream || !this.screenDirty) return;
    this.screenDirty = false;
    const snap = await stream.snapshot(scrollback);
    this.deps.store.screens.save({ sessionId: this.id, snapshot: snap.data, cols: snap.cols, rows: snap.rows, capturedAt: this.deps.clock.now() });
  }

  private handleExit(exitCode: number, signal: number | null): void {
    const stream = this.stream;
    this.graceTimer?.cancel();
    this.graceTimer = null;
    this.inputTimer?.cancel();
    this.inputTimer = null;
    this.inputQueue = [];
    this.procSubs.dispose();
    // A DisposableStore is single-use; the next process gets a fresh one.
    this.procSubs = new DisposableStore();
    this.proc = null;
    this.stream = null;
    const finish = (): void => {
      const requested = this.stopRequested;
      const state = exitState(requested, exitCode, signal);
      const signalName = signal ? (Object.entries(osConstants.signals).find(([, n]) => n === signal)?.[0] ?? String(signal)) : null;
      this.setState(state, {
        exitCode,
        exitSignal: signalName,
        endedAt: this.deps.clock.now(),
        pid: null,
        lastError: state === 'crashed' ? `Exited with ${signalName ? `signal ${signalName}` : `code ${exitCode}`}` : null,
      });
      this.deps.event('session.exited', this.id, { exitCode, signal: signalName, requested });
      this.hooks.onExit?.(this.rec);
      for (const w of this.exitWaiters.splice(0)) w();
      const restart = this.pendingRestart;
      this.pendingRestart = null;
      if (restart) this.start(restart);
    };
    if (!stream) return finish();
    stream.flush();
    const saved = stream
      .snapshot()
      .then((snap) => {
        this.deps.store.screens.save({ sessionId: this.id, snapshot: snap.data, cols: snap.cols, rows: snap.rows, capturedAt: this.deps.clock.now() });
      })
      .catch((e: unknown) => this.deps.logger.warn('could not save last screen', { sessionId: this.id, err: e }))
      .finally(() => {
        if (this.lastScreenSaved === saved) this.lastScreenSaved = null;
        stream.dispose();
        finish();
      });
    this.lastScreenSaved = saved;
  }

  /** Resolves when the current process (if any) has exited. */
  whenExited(): Promise<void> {
    if (!this.proc && !isLiveState(this.rec.state)) return Promise.resolve();
    return new Promise((resolve) => this.exitWaiters.push(resolve));
  }

  stop(): Result<SessionInfo> {
    const proc = this.proc;
    if (!proc) return err('invalid_state', 'This session is not running.');
    if (this.rec.state === 'stopping') return ok(this.info());
    this.stopRequested = true;
    this.setState('stopping');
    proc.terminate();
    this.graceTimer = this.deps.clock.setTimeout(() => proc.killTree(), STOP_GRACE_MS);
    return ok(this.info());
  }

  kill(): Result<SessionInfo> {
    const proc = this.proc;
    if (!proc) return err('invalid_state', 'This session is not running.');
    this.stopRequested = true;
    if (this.rec.state !== 'stopping') this.setState('stopping');
    proc.killTree();
    return ok(this.info());
  }

  restart(spec: LaunchSpec): Result<SessionInfo> {
    if (!this.proc) return this.start(spec);
    this.pendingRestart = spec;
    const stopped = this.stop();
    return stopped.ok ? ok(this.info()) : stopped;
  }

  /** Input goes to the pty in small chunks on successive ticks: big pastes never choke a pty. */
  write(data: string): Result<void> {
    const proc = this.proc;
    if (!proc) return err('invalid_state', 'This session is not running; restart it to type into it.');
    if (data.length <= INPUT_CHUNK_CHARS && this.inputQueue.length === 0) {
      proc.write(data);
      return ok(undefined);
    }
    for (let i = 0; i < data.length; i += INPUT_CHUNK_CHARS) this.inputQueue.push(data.slice(i, i + INPUT_CHUNK_CHARS));
    if (!this.inputTimer) this.drainInput();
    return ok(undefined);
  }

  private drainInput(): void {
    this.inputTimer = null;
    const chunk = this.inputQueue.shift();
    if (chunk === undefined || !this.proc) return;
    this.proc.write(chunk);
    if (this.inputQueue.length > 0) this.inputTimer = this.deps.clock.setTimeout(() => this.drainInput(), 0);
  }

  resize(cols: number, rows: number): void {
    if (cols === this.rec.cols && rows === this.rec.rows) return;
    this.proc?.resize(cols, rows);
    this.stream?.resize(cols, rows);
    this.rec = { ...this.rec, cols, rows };
    this.deps.store.sessions.upsert(this.rec);
  }

  async attach(viewId: string, sink: StreamSink): Promise<{ snapshot: string; offset: number; cols: number; rows: number }> {
    this.viewers.set(viewId, sink);
    if (this.stream) return this.stream.attach(viewId, sink);
    if (this.lastScreenSaved) await this.lastScreenSaved;
    // A restart may have started a new process meanwhile: join its stream.
    if (this.stream) return (this.stream as TerminalStream).attach(viewId, sink);
    const saved = this.deps.store.screens.load(this.id);
    return { snapshot: saved?.snapshot ?? '', offset: 0, cols: saved?.cols ?? this.rec.cols, rows: saved?.rows ?? this.rec.rows };
  }

  detach(viewId: string): void {
    this.viewers.delete(viewId);
    this.stream?.detach(viewId);
  }

  ack(viewId: string, chars: number): void {
    this.stream?.ack(viewId, chars);
  }

  /** Saves the last screen now (shutdown). */
  async flushScreen(): Promise<void> {
    this.screenDirty = true;
    await this.saveScreenIfDirty();
  }

  dispose(): void {
    this.graceTimer?.cancel();
    this.inputTimer?.cancel();
    this.procSubs.dispose();
    this.stream?.dispose();
    this.viewers.clear();
  }
}

export type { TerminalData };
