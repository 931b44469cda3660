import type { StoredEvent } from '../../../src-preload/contract/events';
import { err, ok, type Result } from '../../../src-preload/contract/result';
import {
  CreateRunInput,
  type RunDetail,
  type RunInfo,
  type RunReport,
  type TaskInfo,
} from '../../../src-preload/contract/runs';
import type { Role, SessionInfo } from '../../../src-preload/contract/session';
import { DisposableStore, Emitter } from '../../lib/disposable';
import { newId } from '../../lib/ids';
import type { Logger } from '../../lib/logger';
import type { Clock, TimerHandle } from '../ports/clock';
import type { RunRecord, RunRepo } from '../ports/runs';
import type { NewEvent, SessionRecord } from '../ports/store';
import type { SessionService } from '../sessions/session-service';
import { AgentReadiness, TOOLS_LISTED_GRACE_MS } from './agent-readiness';
import { TerminalDelivery } from './delivery';
import { Dispatcher } from './dispatcher';

export { TOOLS_LISTED_GRACE_MS };
import { DEFAULT_MONITOR_DIGEST_MS, MonitorFeed } from './monitor-feed';
import { TaskOutcomes } from './task-outcomes';
import { RunHolds, sessionIdsOf } from './run-holds';
import { fillPrompt, type PromptTemplates } from './prompts';
import type { ProtocolSender } from './protocol';
import { buildReport, reportMarkdown } from './report';
import { publicRun, RunBook } from './run-book';
import { isRunFinished, isTaskActive, isWorkingState } from './run-states';
import { MAIN_FOLDER, MONITOR_FOLDER, workerFolder, type RunWorkspaces } from './workspaces';

/** Runs kept in memory and listed (newest first); older ones stay on disk. */
const RUNS_LOADED = 200;
/** Claude takes text and Enter in one write as a paste; 400 ms lets it finish reading the text first. */
const CLAUDE_ENTER_DELAY_MS = 400;
/** Other agents read keys as they come; a short gap keeps the Enter a separate read. */
const OTHER_ENTER_DELAY_MS = 30;
/** How long a stopping run waits for its sessions before calling it stopped (each stop kills after its own grace). */
const STOP_WAIT_MS = 8_000;
/** Claude tools the run's sessions may call without a prompt: the orchestrator's own, which check the role themselves. */
const CLAUDE_RUN_ARGS = ['--allowedTools', 'mcp__orch'];

export type RunSessions = Pick<SessionService, 'create' | 'stop' | 'restart' | 'get' | 'onExited' | 'onChanged'>;

export interface OrchestratorDeps {
  clock: Clock;
  sessions: RunSessions;
  repo: RunRepo;
  events: { append(e: NewEvent): void; flush(): void };
  workspaces: RunWorkspaces;
  prompts: PromptTemplates;
  logger: Logger;
  /** 0 = digests only on errors. */
  monitorDigestMs?: number;
}

export interface Notice {
  level: 'info' | 'warning' | 'error';
  message: string;
}

/** The orchestration core: runs, their sessions, the task queue and the protocol. */
export class Orchestrator {
  readonly book: RunBook;
  readonly delivery: TerminalDelivery;
  readonly onNotice = new Emitter<Notice>();
  /** A task was assigned (bench: time from completion to the next assignment). */
  readonly onAssigned = new Emitter<{ taskId: string; workerId: string; at: number }>();
  private readonly subs = new DisposableStore();
  private readonly sessionRun = new Map<string, string>();
  private readonly agents: AgentReadiness;
  /** Sessions the orchestrator itself is stopping (their exit is not a failure). */
  private readonly stopping = new Set<string>();
  private readonly dispatcher: Dispatcher;
  readonly feed: MonitorFeed;
  readonly tasks: TaskOutcomes;
  private readonly holds: RunHolds;

  constructor(private readonly deps: OrchestratorDeps) {
    this.book = new RunBook({ clock: deps.clock, repo: deps.repo, events: deps.events, logger: deps.logger });
    this.agents = new AgentReadiness({
      clock: deps.clock,
      sessions: deps.sessions,
      gaveUpWaiting: (id) => {
        const runId = this.sessionRun.get(id);
        if (runId) this.book.event('run.tools_not_listed', runId, id, { waitedMs: TOOLS_LISTED_GRACE_MS, fallback: 'dorch CLI' });
        const rt = deps.sessions.get(id);
        this.notice('warning', `${rt.ok ? rt.value.record.name : id}: its MCP tools never connected; it gets its prompts anyway and can use the dorch CLI.`);
      },
    });
    this.delivery = new TerminalDelivery({
      clock: deps.clock,
      target: {
        ready: (id) => this.agents.ready(id),
        leftIdle: (id) => !this.agents.idle(id),
        write: (id, data) => {
          const rt = deps.sessions.get(id);
          return rt.ok && rt.value.write(data).ok;
        },
        enterDelayMs: (id) => (this.agents.profileOf(id) === 'claude' ? CLAUDE_ENTER_DELAY_MS : OTHER_ENTER_DELAY_MS),
        enterRetry: (id) => this.agents.profileOf(id) === 'claude',
      },
      delivered: (id, tag) => this.dispatcher.delivered(id, tag),
    });
    this.subs.add(this.delivery);
    this.feed = new MonitorFeed({ clock: deps.clock, book: this.book, delivery: this.delivery, digestEveryMs: deps.monitorDigestMs ?? DEFAULT_MONITOR_DIGEST_MS });
    this.subs.add(this.feed);
    this.dispatcher = new Dispatcher({
      book: this.book,
      delivery: this.delivery,
      feed: this.feed,
      clock: deps.clock,
      prompts: deps.prompts,
      onAssigned: this.onAssigned,
      alive: (id) => this.agents.alive(id),
      currentTask: (id) => this.currentTask(id),
    });
    this.subs.add(this.dispatcher);
    this.tasks = new TaskOutcomes({
      book: this.book,
      delivery: this.delivery,
      feed: this.feed,
      clock: deps.clock,
      workspaces: deps.workspaces,
      logger: deps.logger,
      progress: (runId) => this.progress(runId),
      dispatch: (runId) => this.dispatch(runId),
      notice: (level, message) => this.notice(level, message),
      stopSessions: (runId) => this.stopSessions(runId),
      restartWorker: (id, correlationId) => {
        this.stopping.add(id);
        const r = deps.sessions.restart(id, correlationId);
        if (!r.ok) this.stopping.delete(id);
        return r.ok ? ok(undefined) : r;
      },
    });
    this.holds = new RunHolds({
      book: this.book,
      feed: this.feed,
      sessions: deps.sessions,
      notice: (level, message) => this.notice(level, message),
      progress: (runId) => this.progress(runId),
      askToIntegrate: (runId) => this.dispatcher.askToIntegrate(runId),
      sendMainPrompt: (runId) => this.sendMainPrompt(runId),
    });
    this.subs.add(deps.sessions.onChanged.event((info) => this.sessionChanged(info)));
    this.subs.add(deps.sessions.onExited.event((rec) => this.sessionExited(rec)));
  }

  // ── boot and queries ──────────────────────────────────────────────────────

  /** Restores runs from disk; an unfinished one comes back paused (its sessions died with the app). */
  boot(): void {
    for (const run of this.book.load(RUNS_LOADED)) {
      for (const id of sessionIdsOf(run)) this.sessionRun.set(id, run.id);
      if (isRunFinished(run.state)) continue;
      for (const t of this.book.tasksOf(run.id)) {
        if (!isTaskActive(t.state)) continue;
        this.book.setTask(t.id, 'queued', { workerSessionId: null, assignedAt: null }, 'task.requeued', { reason: 'app_restarted' });
      }
      if (run.state === 'paused') continue;
      const from = run.state;
      if (from === 'shutting_down') {
        this.book.setState(run.id, 'stopped', { endedAt: this.deps.clock.now(), reason: 'The app stopped while this run was shutting down.' });
        continue;
      }
      this.book.setState(run.id, 'paused', {
        resumeState: isWorkingState(from) ? from : 'executing',
        reason: `Dual Orchestrator stopped while this run was ${from}. Resume it to restart its sessions.`,
      });
    }
  }

  list(): RunInfo[] {
    return this.book.all().map(publicRun);
  }

  detail(runId: string): Result<RunDetail> {
    const run = this.book.need(runId);
    if (!run.ok) return run;
    return ok({ run: publicRun(run.value), tasks: [...this.book.tasksOf(runId)] });
  }

  runOf(sessionId: string): string | null {
    return this.sessionRun.get(sessionId) ?? null;
  }

  currentTask(sessionId: string): TaskInfo | null {
    const runId = this.sessionRun.get(sessionId);
    if (!runId) return null;
    return this.book.tasksOf(runId).find((t) => isTaskActive(t.state) && t.workerSessionId === sessionId) ?? null;
  }

  timeline(runId: string, afterSeq: number, limit: number): Result<StoredEvent[]> {
    const run = this.book.need(runId);
    if (!run.ok) return run;
    this.deps.events.flush();
    return ok(this.deps.repo.timeline(runId, afterSeq, limit));
  }

  report(runId: string): Result<{ report: RunReport; markdown: string }> {
    const run = this.book.need(runId);
    if (!run.ok) return run;
    const report = buildReport(publicRun(run.value), this.book.tasksOf(runId));
    return ok({ report, markdown: reportMarkdown(report) });
  }

  // ── runs ──────────────────────────────────────────────────────────────────

  create(raw: CreateRunInput, correlationId: string | null = null): Result<RunDetail> {
    const input = CreateRunInput.parse(raw);
    const checked = this.deps.workspaces.check(input.workspace);
    if (!checked.ok) return checked;
    const id = newId('r', 8);
    const now = this.deps.clock.now();
    const root = input.workspace.kind === 'folders' && input.workspace.root ? input.workspace.root : this.deps.workspaces.defaultRoot(id);
    const run: RunRecord = {
      id,
      name: input.name && input.name.length > 0 ? input.name : input.request.slice(0, 60),
      request: input.request,
      state: 'idle',
      resumeState: null,
      profiles: input.profiles,
      maxWorkers: input.maxWorkers,
      parallelism: input.maxWorkers,
      workspace: input.workspace,
      workspaceRoot: root,
      approvalMode: input.approvalMode,
      autoRecovery: input.autoRecovery,
      mainSessionId: null,
      monitorSessionId: null,
      workerSessionIds: [],
      createdAt: now,
      endedAt: null,
      summary: null,
      reason: null,
      env: input.env,
    };
    this.book.add(run);
    this.book.event('run.created', id, null, { request: input.request, profiles: input.profiles, maxWorkers: input.maxWorkers, workspace: input.workspace }, correlationId, 'person');
    const main = this.startSession(run, 'main', MAIN_FOLDER, 'MainAI', correlationId);
    const monitor = main.ok ? this.startSession(this.book.run(id) as RunRecord, 'monitor', MONITOR_FOLDER, 'MonitorAI', correlationId) : main;
    if (!main.ok || !monitor.ok) {
      const e = !main.ok ? main.error : !monitor.ok ? monitor.error : null;
      this.book.setState(id, 'error', { reason: `Could not start the run's sessions: ${e?.message ?? 'unknown'}`, endedAt: now });
      void this.stopSessions(id);
      return err(e?.code ?? 'internal', e?.message ?? 'could not start', { runId: id });
    }
    this.book.patch(id, { mainSessionId: main.value, monitorSessionId: monitor.value });
    this.book.setState(id, 'analyzing', {}, correlationId);
    this.sendMainPrompt(id);
    this.deliverTo(monitor.value, fillPrompt(this.deps.prompts.monitor, { runId: id, request: input.request }), null);
    this.feed.schedule(id);
    return this.detail(id);
  }

  private sendMainPrompt(runId: string): void {
    const run = this.book.run(runId);
    if (!run?.mainSessionId) return;
    this.deliverTo(run.mainSessionId, fillPrompt(this.deps.prompts.main, { runId, request: run.request, maxWorkers: run.maxWorkers }), null);
  }

  private startSession(run: RunRecord, role: Role, folder: string, label: string, correlationId: string | null): Result<string> {
    const cwd = this.deps.workspaces.prepare(run, folder);
    if (!cwd.ok) return cwd;
    const profileId = role === 'main' ? run.profiles.main : role === 'monitor' ? run.profiles.monitor : run.profiles.worker;
    const created = this.deps.sessions.create(
      {
        profileId,
        role,
        name: `${label} · ${run.name.slice(0, 40)}`,
        cwd: cwd.value,
        args: profileId === 'claude' ? [...CLAUDE_RUN_ARGS] : [],
        env: { ...run.env },
        cols: 120,
        rows: 40,
        approvalMode: run.approvalMode,
      },
      correlationId,
    );
    if (!created.ok) return created;
    this.sessionRun.set(created.value.id, run.id);
    this.book.event('run.session_started', run.id, created.value.id, { role, folder, cwd: cwd.value, profileId }, correlationId);
    return ok(created.value.id);
  }

  pause(...a: Parameters<RunHolds['pause']>): ReturnType<RunHolds['pause']> {
    return this.holds.pause(...a);
  }
  freeze(runId: string, reason: string): Result<RunInfo> {
    return this.holds.freeze(runId, reason);
  }
  thaw(runId: string): Result<RunInfo> {
    return this.holds.thaw(runId);
  }
  resume(...a: Parameters<RunHolds['resume']>): ReturnType<RunHolds['resume']> {
    return this.holds.resume(...a);
  }

  /** Graceful: every session is asked to stop; the run ends `stopped` (or `completed` when `completed`). */
  async shutdown(runId: string, reason: string, by: ProtocolSender, sessionId: string | null = null, correlationId: string | null = null): Promise<Result<RunInfo>> {
    const run = this.book.need(runId);
    if (!run.ok) return run;
    if (isRunFinished(run.value.state)) return ok(publicRun(run.value));
    if (run.value.state !== 'shutting_down') {
      const r = this.book.setState(runId, 'shutting_down', { reason }, correlationId);
      if (!r.ok) return r;
      this.feed.protocol(runId, 'shutdown', by, sessionId, { reason }, correlationId);
    }
    for (const t of this.book.tasksOf(runId)) {
      if (isTaskActive(t.state)) this.book.setTask(t.id, 'queued', { workerSessionId: null, assignedAt: null }, 'task.requeued', { reason: 'run_stopped' }, correlationId);
    }
    await this.stopSessions(runId);
    const done = this.book.setState(runId, 'stopped', { endedAt: this.deps.clock.now() }, correlationId);
    return done.ok ? ok(publicRun(done.value)) : done;
  }

  private async stopSessions(runId: string): Promise<void> {
    this.cancelTimers(runId);
    const run = this.book.run(runId);
    if (!run) return;
    const waits: Promise<void>[] = [];
    for (const id of sessionIdsOf(run)) {
      this.delivery.clear(id);
      const rt = this.deps.sessions.get(id);
      if (!rt.ok || !rt.value.isLive) continue;
      this.stopping.add(id);
      this.deps.sessions.stop(id);
      waits.push(rt.value.whenExited());
    }
    let timer: TimerHandle | null = null;
    await Promise.race([Promise.all(waits), new Promise<void>((resolve) => (timer = this.deps.clock.setTimeout(resolve, STOP_WAIT_MS)))]);
    (timer as TimerHandle | null)?.cancel();
  }

  // ── workers and the queue ─────────────────────────────────────────────────

  spawnWorkers(runId: string, count: number, correlationId: string | null = null): Result<{ workerIds: string[]; total: number }> {
    const run = this.book.need(runId);
    if (!run.ok) return run;
    if (isRunFinished(run.value.state) || run.value.state === 'shutting_down') return err('invalid_state', `Run ${runId} is ${run.value.state}.`);
    const room = run.value.maxWorkers - run.value.workerSessionIds.length;
    if (room <= 0) return err('conflict', `Run ${runId} already has its ${run.value.maxWorkers} workers (the most it may have).`);
    const ids: string[] = [];
    for (let i = 0; i < Math.min(count, room); i++) {
      const cur = this.book.run(runId) as RunRecord;
      const n = cur.workerSessionIds.length + 1;
      const started = this.startSession(cur, 'worker', workerFolder(n), `Worker ${n}`, correlationId);
      if (!started.ok) {
        if (ids.length === 0) return started;
        break;
      }
      ids.push(started.value);
      this.book.patch(runId, { workerSessionIds: [...cur.workerSessionIds, started.value] });
      this.feed.protocol(runId, 'worker_spawned', 'main_ai', started.value, { worker_id: started.value }, correlationId);
    }
    const cur = this.book.run(runId) as RunRecord;
    if (cur.state === 'spawning_workers') this.book.setState(runId, 'executing', {}, correlationId);
    else if (cur.state === 'paused' && cur.resumeState === 'spawning_workers') this.book.patch(runId, { resumeState: 'executing' });
    this.dispatch(runId);
    return ok({ workerIds: ids, total: cur.workerSessionIds.length });
  }

  dispatch(runId: string): void {
    this.dispatcher.dispatch(runId);
  }
  assign(...a: Parameters<Dispatcher['assign']>): ReturnType<Dispatcher['assign']> {
    return this.dispatcher.assign(...a);
  }
  progress(runId: string): void {
    this.dispatcher.progress(runId);
  }
  setParallelism(...a: Parameters<Dispatcher['setParallelism']>): ReturnType<Dispatcher['setParallelism']> {
    return this.dispatcher.setParallelism(...a);
  }

  private deliverTo(sessionId: string, text: string, tag: string | null): void {
    this.delivery.send(sessionId, text, tag);
  }

  // ── the plan, task outcomes and recovery (TaskOutcomes), the protocol (MonitorFeed) ──

  retryTask(taskId: string, reason: string, correlationId: string | null = null): Result<TaskInfo> {
    return this.tasks.retryTask(taskId, reason, correlationId);
  }
  reassignTask(taskId: string, reason: string, correlationId: string | null = null): Result<TaskInfo> {
    return this.tasks.reassignTask(taskId, reason, correlationId);
  }
  skipTask(taskId: string, reason: string, correlationId: string | null = null): Result<TaskInfo> {
    return this.tasks.skipTask(taskId, reason, correlationId);
  }
  protocol(...a: Parameters<MonitorFeed['protocol']>): void {
    this.feed.protocol(...a);
  }
  heartbeat(...a: Parameters<MonitorFeed['heartbeat']>): void {
    this.feed.heartbeat(...a);
  }
  sendDigest(runId: string): boolean {
    return this.feed.sendDigest(runId);
  }

  private cancelTimers(runId: string): void {
    this.feed.cancel(runId);
    this.dispatcher.cancel(runId);
  }

  // ── sessions ──────────────────────────────────────────────────────────────

  /** The session's MCP server listed its tools: prompts may go now. */
  toolsListed(sessionId: string): void {
    if (!this.sessionRun.has(sessionId)) return;
    this.agents.toolsListed(sessionId);
    this.delivery.poke(sessionId);
  }

  private alive(id: string): boolean {
    return this.agents.alive(id);
  }

  private sessionChanged(info: SessionInfo): void {
    if (!this.sessionRun.has(info.id)) return;
    this.delivery.poke(info.id);
    const runId = this.sessionRun.get(info.id) as string;
    // A worker that became available (started, restarted) can take work.
    if (info.role === 'worker' && info.state === 'running') this.dispatch(runId);
  }

  private sessionExited(rec: SessionRecord): void {
    const runId = this.sessionRun.get(rec.id);
    this.agents.forget(rec.id);
    if (!runId) return;
    this.delivery.clear(rec.id);
    if (this.stopping.delete(rec.id)) return;
    const run = this.book.run(runId);
    if (!run || isRunFinished(run.state) || run.state === 'shutting_down') return;
    const how = rec.state === 'crashed' ? `crashed (${rec.lastError ?? 'unknown'})` : `exited (code ${rec.exitCode ?? '?'})`;
    if (rec.role === 'main') {
      // A restart (the person's button, the healer) starts the new process right after the exit handlers.
      queueMicrotask(() => this.mainExited(runId, rec, how));
      return;
    }
    if (rec.role === 'monitor') {
      this.book.event('run.monitor_exited', runId, rec.id, { how });
      this.notice('warning', `Run "${run.name}": MonitorAI ${how}. The core's own monitor keeps watching; resume or restart it to get its diagnoses back.`);
      return;
    }
    const task = this.book.tasksOf(runId).find((t) => isTaskActive(t.state) && t.workerSessionId === rec.id);
    if (task) this.tasks.fail(task.id, null, `worker ${rec.name} ${how} during the task`, null);
    else this.feed.protocol(runId, 'worker_error', 'core', rec.id, { worker_id: rec.id, error: `worker ${how}` });
  }

  private mainExited(runId: string, rec: SessionRecord, how: string): void {
    const run = this.book.run(runId);
    if (!run || isRunFinished(run.state) || run.state === 'shutting_down') return;
    const rt = this.deps.sessions.get(rec.id);
    if (rt.ok && rt.value.isLive) {
      // Restarted: its conversation is resumed; a plan not yet made is asked for again.
      this.book.event('run.session_restarted', runId, rec.id, { role: 'main', how });
      if (this.book.tasksOf(runId).length === 0) this.sendMainPrompt(runId);
      return;
    }
    // Nothing is lost: tasks stay where they are, workers keep working; resume restarts MainAI with its conversation.
    this.feed.protocol(runId, 'critical_error', 'core', rec.id, { error: `MainAI ${how}`, traceback: null });
    if (run.state !== 'paused') this.pause(runId, `MainAI ${how} mid-run. Resume the run to restart it with its conversation.`, 'core', rec.id);
    this.notice('error', `Run "${run.name}": MainAI ${how}; the run is paused. Resume it to restart MainAI.`);
  }

  /**
   * The app is quitting: its sessions are about to stop, which is no failure
   * of the run. Unfinished runs are paused now with the reason, so a restart
   * shows them as the person left them; their tasks are requeued at boot.
   */
  appStopping(): void {
    for (const run of this.book.all()) {
      if (isRunFinished(run.state)) continue;
      for (const id of sessionIdsOf(run)) this.stopping.add(id);
      this.cancelTimers(run.id);
      if (isWorkingState(run.state) || run.state === 'frozen' || run.state === 'error') {
        this.pause(run.id, 'Dual Orchestrator stopped while this run was working. Resume it to restart its sessions.', 'core');
      }
    }
  }

  notice(level: Notice['level'], message: string): void {
    this.onNotice.fire({ level, message });
  }

  dispose(): void {
    this.subs.dispose();
    this.book.dispose();
    this.onNotice.dispose();
    this.onAssigned.dispose();
  }
}

export { sessionIdsOf };
