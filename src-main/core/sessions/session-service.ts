import type { AttachResult, ScreenResult } from '../../../src-preload/contract/channels';
import type { StoredEvent } from '../../../src-preload/contract/events';
import { err, ok, type Result } from '../../../src-preload/contract/result';
import type { CreateSessionInput, ProfileInfo, SessionInfo } from '../../../src-preload/contract/session';
import { Emitter } from '../../lib/disposable';
import { newId } from '../../lib/ids';
import type { Logger } from '../../lib/logger';
import { buildSessionEnv, describeProfiles, findProfile, relaunchSpec, type LaunchSpec, type ProfileContext } from '../agents/profiles';
import type { Clock } from '../ports/clock';
import type { PtySpawner } from '../ports/pty';
import type { ScreenModelFactory } from '../ports/screen-model';
import type { SessionRecord, Store } from '../ports/store';
import type { StreamSink } from '../terminal/terminal-stream';
import { isLiveState } from './lifecycle';
import { SessionRuntime } from './session-runtime';

/** How many past sessions are loaded at boot (the history view pages further through the store). */
const BOOT_HISTORY_LIMIT = 200;
export const SHUTDOWN_GRACE_MS = 3_000;

export interface SessionServiceDeps {
  clock: Clock;
  spawner: PtySpawner;
  /** Where sessions' headless screens live (a worker in the app, in-process in tests). */
  screens: ScreenModelFactory;
  store: Store;
  logger: Logger;
  profiles: ProfileContext;
  /** Default parent of fresh working folders. */
  workspaceDir: string;
  /** Agent-specific launch additions (Claude's hook settings, conversation id / resume). */
  decorateLaunch?(rec: SessionRecord, spec: LaunchSpec): Result<{ spec: LaunchSpec; agentSessionId: string | null }>;
}

type CreateParsed = {
  profileId: CreateSessionInput['profileId'];
  role: NonNullable<CreateSessionInput['role']>;
  name?: string;
  cwd?: string;
  command?: string;
  args: string[];
  env: Record<string, string>;
  cols: number;
  rows: number;
  approvalMode: SessionRecord['approvalMode'];
};

/**
 * The registry of sessions: creates them, routes every request to the right
 * runtime, and tells subscribers when one changes. Everything a person can do
 * to a session goes through here, whichever transport asked.
 */
export class SessionService {
  private readonly runtimes = new Map<string, SessionRuntime>();
  readonly onChanged = new Emitter<SessionInfo>();
  readonly onRemoved = new Emitter<string>();
  readonly onExited = new Emitter<SessionRecord>();
  /** Output flushed for a session (fires often; listeners must be cheap). */
  readonly onOutput = new Emitter<string>();
  /** Every output chunk's size per session (operations metrics). */
  readonly onOutputChars = new Emitter<{ sessionId: string; chars: number }>();
  /** The person typed into a session's terminal. */
  readonly onPersonInput = new Emitter<string>();

  constructor(private readonly deps: SessionServiceDeps) {}

  /** Loads past sessions; any left "live" by a previous run that died are marked ended. Returns their ids (the healer may restart them). */
  boot(): string[] {
    const now = this.deps.clock.now();
    const interrupted: string[] = [];
    for (const rec of this.deps.store.sessions.list(BOOT_HISTORY_LIMIT).reverse()) {
      let r = rec;
      if (isLiveState(rec.state)) {
        r = { ...rec, state: 'exited', pid: null, endedAt: rec.endedAt ?? now, lastError: 'Dual Orchestrator stopped while this session was running.' };
        this.deps.store.sessions.upsert(r);
        this.event('session.state', r.id, { state: 'exited', reason: 'app_restarted' });
        interrupted.push(r.id);
      }
      this.runtimes.set(r.id, this.makeRuntime(r));
    }
    return interrupted;
  }

  private makeRuntime(rec: SessionRecord): SessionRuntime {
    return new SessionRuntime(
      {
        clock: this.deps.clock,
        spawner: this.deps.spawner,
        screens: this.deps.screens,
        store: this.deps.store,
        logger: this.deps.logger,
        changed: (info) => this.onChanged.fire(info),
        event: (type, sessionId, data, correlationId) => this.event(type, sessionId, data, correlationId ?? null),
      },
      rec,
      {
        onExit: (r) => this.onExited.fire(r),
        onOutput: (id, chars) => {
          this.onOutput.fire(id);
          if (this.onOutputChars.size > 0) this.onOutputChars.fire({ sessionId: id, chars });
        },
      },
    );
  }

  event(type: string, sessionId: string | null, data: unknown, correlationId: string | null = null): void {
    this.deps.store.events.append({ ts: this.deps.clock.now(), type, sender: 'core', sessionId, correlationId, data });
  }

  profiles(): ProfileInfo[] {
    return describeProfiles(this.deps.profiles);
  }

  list(): SessionInfo[] {
    return [...this.runtimes.values()].map((r) => r.info());
  }

  get(id: string): Result<SessionRuntime> {
    const r = this.runtimes.get(id);
    return r ? ok(r) : err('not_found', `No session with id ${id}.`);
  }

  create(input: CreateParsed, correlationId: string | null = null): Result<SessionInfo> {
    const profile = findProfile(input.profileId);
    const launch = profile.launch(this.deps.profiles, { command: input.command, args: input.args });
    if (!launch.ok) return launch;
    const id = newId('s');
    const cwd = this.resolveCwd(input.cwd, input.profileId, id);
    if (!cwd.ok) return cwd;
    const n = [...this.runtimes.values()].filter((r) => r.record.profileId === input.profileId).length + 1;
    const rec: SessionRecord = {
      id,
      name: input.name && input.name.length > 0 ? input.name : `${profile.label} ${n}`,
      profileId: input.profileId,
      role: input.role,
      command: launch.value.command,
      args: launch.value.args,
      cwd: cwd.value,
      env: input.env,
      state: 'exited',
      pid: null,
      exitCode: null,
      exitSignal: null,
      cols: input.cols,
      rows: input.rows,
      createdAt: this.deps.clock.now(),
      startedAt: null,
      endedAt: null,
      restartCount: 0,
      lastError: null,
      approvalMode: input.approvalMode,
      agentSessionId: null,
    };
    this.deps.store.sessions.upsert(rec);
    const runtime = this.makeRuntime(rec);
    this.runtimes.set(id, runtime);
    this.event('session.created', id, { profileId: rec.profileId, role: rec.role, command: rec.command, args: rec.args, cwd: rec.cwd, env: Object.keys(rec.env) }, correlationId);
    const spec = this.decorate(runtime, this.withEnv(launch.value, rec));
    if (!spec.ok) return spec;
    const started = runtime.start(spec.value, correlationId);
    if (!started.ok) return started;
    return ok(runtime.info());
  }

  private decorate(runtime: SessionRuntime, spec: LaunchSpec): Result<LaunchSpec> {
    if (!this.deps.decorateLaunch) return ok(spec);
    const d = this.deps.decorateLaunch(runtime.record, spec);
    if (!d.ok) return d;
    if (d.value.agentSessionId) runtime.setAgentSessionId(d.value.agentSessionId);
    return ok(d.value.spec);
  }

  private withEnv(spec: LaunchSpec, rec: SessionRecord): LaunchSpec {
    return { ...spec, env: buildSessionEnv(this.deps.profiles.platform.os, this.deps.profiles.env, spec.env, rec.env) };
  }

  private resolveCwd(cwd: string | undefined, profileId: string, id: string): Result<string> {
    const platform = this.deps.profiles.platform;
    if (cwd !== undefined) return platform.checkWorkingDir(cwd);
    const stamp = new Date(this.deps.clock.now()).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
    const made = platform.ensureDir(platform.joinPath(this.deps.workspaceDir, `${profileId}-${stamp}-${id.slice(2, 8)}`));
    return made.ok ? platform.checkWorkingDir(made.value) : made;
  }

  stop(id: string, correlationId: string | null = null): Result<SessionInfo> {
    return this.withRuntime(id, (r) => {
      this.event('session.stop_requested', id, {}, correlationId);
      return r.stop();
    });
  }

  kill(id: string, correlationId: string | null = null): Result<SessionInfo> {
    return this.withRuntime(id, (r) => {
      this.event('session.kill_requested', id, {}, correlationId);
      return r.kill();
    });
  }

  restart(id: string, correlationId: string | null = null): Result<SessionInfo> {
    return this.withRuntime(id, (r) => {
      const check = this.deps.profiles.platform.checkWorkingDir(r.record.cwd);
      if (!check.ok) return check;
      this.event('session.restart_requested', id, { restartCount: r.record.restartCount }, correlationId);
      const spec = this.decorate(r, this.withEnv(relaunchSpec(this.deps.profiles, r.record), r.record));
      if (!spec.ok) return spec;
      return r.restart(spec.value);
    });
  }

  rename(id: string, name: string): Result<SessionInfo> {
    return this.withRuntime(id, (r) => {
      r.rename(name);
      return ok(r.info());
    });
  }

  /** Removes an ended session from the list and the store (its events stay: the log is append-only). */
  forget(id: string): Result<{ sessionId: string }> {
    return this.withRuntime(id, (r) => {
      if (r.isLive) return err('invalid_state', 'Stop the session before removing it.');
      r.dispose();
      this.runtimes.delete(id);
      this.deps.store.sessions.delete(id);
      this.event('session.forgotten', id, {});
      this.onRemoved.fire(id);
      return ok({ sessionId: id });
    });
  }

  /** Keys the person typed (cancels pending automatic decisions for that session). */
  input(id: string, data: string): Result<void> {
    const r = this.withRuntime(id, (rt) => rt.write(data));
    if (r.ok) this.onPersonInput.fire(id);
    return r;
  }

  setMode(id: string, mode: SessionRecord['approvalMode']): Result<SessionInfo> {
    return this.withRuntime(id, (r) => {
      r.setApprovalMode(mode);
      this.event('session.mode', id, { mode });
      return ok(r.info());
    });
  }

  resize(id: string, cols: number, rows: number): Result<void> {
    return this.withRuntime(id, (r) => {
      r.resize(cols, rows);
      return ok(undefined);
    });
  }

  async attach(viewId: string, id: string, sink: StreamSink): Promise<Result<AttachResult>> {
    const r = this.runtimes.get(id);
    if (!r) return err('not_found', `No session with id ${id}.`);
    const a = await r.attach(viewId, sink);
    return ok({ session: r.info(), snapshot: a.snapshot, offset: a.offset, cols: a.cols, rows: a.rows });
  }

  detach(viewId: string, id: string): Result<void> {
    return this.withRuntime(id, (r) => {
      r.detach(viewId);
      return ok(undefined);
    });
  }

  /** A view went away (window closed, socket dropped): release it everywhere. */
  detachView(viewId: string): void {
    for (const r of this.runtimes.values()) r.detach(viewId);
  }

  ack(viewId: string, id: string, chars: number): Result<void> {
    return this.withRuntime(id, (r) => {
      r.ack(viewId, chars);
      return ok(undefined);
    });
  }

  history(limit: number): SessionInfo[] {
    return this.deps.store.sessions.list(limit).map(
      (rec) =>
        this.runtimes.get(rec.id)?.info() ?? {
          ...rec,
          live: false,
          activity: { state: rec.state === 'crashed' ? 'crashed' : 'exited', source: 'process', since: rec.endedAt ?? rec.createdAt, ruleId: null },
        },
    );
  }

  events(filter: { sessionId?: string; afterSeq: number; limit: number }): StoredEvent[] {
    return this.deps.store.events.query(filter);
  }

  /** The newest events of some types, newest first. */
  eventsOfType(types: readonly string[], sessionId: string | undefined, limit: number): StoredEvent[] {
    return this.deps.store.events.query({ types, limit, newestFirst: true, ...(sessionId ? { sessionId } : {}) });
  }

  screen(id: string): Result<ScreenResult> {
    const rec = this.runtimes.get(id)?.record ?? this.deps.store.sessions.get(id);
    if (!rec) return err('not_found', `No session with id ${id}.`);
    const saved = this.deps.store.screens.load(id);
    return ok({ sessionId: id, snapshot: saved?.snapshot ?? '', cols: saved?.cols ?? rec.cols, rows: saved?.rows ?? rec.rows, capturedAt: saved?.capturedAt ?? null });
  }

  private withRuntime<T>(id: string, fn: (r: SessionRuntime) => Result<T>): Result<T> {
    const r = this.runtimes.get(id);
    return r ? fn(r) : err('not_found', `No session with id ${id}.`);
  }

  /**
   * Clean shutdown: every agent is asked to stop, the ones still alive after
   * the grace period are killed, last screens are saved, events flushed.
   */
  async shutdown(graceMs = SHUTDOWN_GRACE_MS): Promise<void> {
    // Also those whose process just ended but whose exit is still being recorded (last screen saving):
    // their record is written after this, so the store must wait for them.
    const live = [...this.runtimes.values()].filter((r) => r.isLive || isLiveState(r.record.state));
    await Promise.all(live.map((r) => r.flushScreen().catch(() => undefined)));
    for (const r of live) r.stop();
    const allExited = Promise.all(live.map((r) => r.whenExited()));
    let timer: { cancel(): void } | null = null;
    const deadline = new Promise<void>((resolve) => (timer = this.deps.clock.setTimeout(resolve, graceMs)));
    await Promise.race([allExited, deadline]);
    (timer as { cancel(): void } | null)?.cancel();
    for (const r of live) if (r.isLive) r.kill();
    // Killed processes report their exit quickly; wait briefly so their final state is recorded.
    const killDeadline = new Promise<void>((resolve) => (timer = this.deps.clock.setTimeout(resolve, 1_000)));
    await Promise.race([Promise.all(live.map((r) => r.whenExited())), killDeadline]);
    (timer as { cancel(): void } | null)?.cancel();
    for (const r of this.runtimes.values()) r.dispose();
    this.deps.store.events.flush();
  }
}
