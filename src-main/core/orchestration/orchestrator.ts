import type { StoredEvent } from '../../../src-preload/contract/events';
import { err, ok, type Result } from '../../../src-preload/contract/result';
import {
  CreateRunInput,
  MAX_TASK_ATTEMPTS,
  type ProtocolType,
  type RunDetail,
  type RunInfo,
  type RunReport,
  type TaskInfo,
} from '../../../src-preload/contract/runs';
import type { ProfileId, Role, SessionInfo } from '../../../src-preload/contract/session';
import { DisposableStore, Emitter } from '../../lib/disposable';
import { newId } from '../../lib/ids';
import type { Logger } from '../../lib/logger';
import type { Clock, TimerHandle } from '../ports/clock';
import type { RunRecord, RunRepo } from '../ports/runs';
import type { NewEvent, SessionRecord } from '../ports/store';
import type { SessionService } from '../sessions/session-service';
import { TerminalDelivery } from './delivery';
import { fillPrompt, type PromptTemplates } from './prompts';
import { protocolEventType, URGENT_PROTOCOL_TYPES, digestText, type ProtocolSender } from './protocol';
import { nextWakeAt, planAssignments, retryBackoffMs } from './queue';
import { buildReport, reportMarkdown } from './report';
import { publicRun, RunBook } from './run-book';
import { isRunDispatching, isRunFinished, isTaskActive, isTaskFinal, isWorkingState } from './run-states';
import { MAIN_FOLDER, MONITOR_FOLDER, workerFolder, type RunWorkspaces } from './workspaces';

/** Runs kept in memory and listed (newest first); older ones stay on disk. */
const RUNS_LOADED = 200;
/** Claude takes text and Enter in one write as a paste; 400 ms lets it finish reading the text first. */
const CLAUDE_ENTER_DELAY_MS = 400;
/** Other agents read keys as they come; a short gap keeps the Enter a separate read. */
const OTHER_ENTER_DELAY_MS = 30;
/** Default gap between MonitorAI's scheduled digests (MISSION.md: the monitor checks every 5 s; a model needs far less often). */
export const DEFAULT_MONITOR_DIGEST_MS = 60_000;
/** How long a stopping run waits for its sessions before calling it stopped (each stop kills after its own grace). */
const STOP_WAIT_MS = 8_000;
/** Messages kept for MonitorAI's next digest. */
const MAX_DIGEST_NEWS = 50;
/** MISSION.md: a MainAI silent for 30 s is reported; a heartbeat every 10 s of activity is plenty to tell. */
const HEARTBEAT_GAP_MS = 10_000;
/** Claude tools the run's sessions may call without a prompt: the orchestrator's own, which check the role themselves. */
const CLAUDE_RUN_ARGS = ['--allowedTools', 'mcp__orch'];
/**
 * A Claude session whose MCP server has not listed our tools this long after
 * it started gets its prompts anyway: the server may have failed to start (a
 * loaded machine, a broken node), and every prompt names the dorch CLI as the
 * way to the same tools. Waiting forever would leave a worker idle with a task
 * queued and nobody told. Claude's own MCP start-up wait is 30 s by default.
 */
export const TOOLS_LISTED_GRACE_MS = 45_000;

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
  /** Claude sessions whose MCP server has listed our tools (a prompt sent earlier would go out without them). */
  private readonly toolsReady = new Set<string>();
  /** Claude sessions given prompts without their MCP tools (recorded once each). */
  private readonly toolsMissing = new Set<string>();
  /** Sessions the orchestrator itself is stopping (their exit is not a failure). */
  private readonly stopping = new Set<string>();
  private readonly wakeTimers = new Map<string, TimerHandle>();
  private readonly digestTimers = new Map<string, TimerHandle>();
  private readonly news = new Map<string, StoredEvent[]>();
  private readonly lastHeartbeat = new Map<string, number>();

  constructor(private readonly deps: OrchestratorDeps) {
    this.book = new RunBook({ clock: deps.clock, repo: deps.repo, events: deps.events, logger: deps.logger });
    this.delivery = new TerminalDelivery({
      clock: deps.clock,
      target: {
        ready: (id) => this.ready(id),
        leftIdle: (id) => !this.idle(id),
        write: (id, data) => {
          const rt = deps.sessions.get(id);
          return rt.ok && rt.value.write(data).ok;
        },
        enterDelayMs: (id) => (this.profileOf(id) === 'claude' ? CLAUDE_ENTER_DELAY_MS : OTHER_ENTER_DELAY_MS),
      },
      delivered: (id, tag) => this.delivered(id, tag),
    });
    this.subs.add(this.delivery);
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
      const from = run.state === 'shutting_down' ? 'shutting_down' : run.state;
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
    this.scheduleDigests(id);
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

  pause(runId: string, reason: string, by: ProtocolSender, sessionId: string | null = null, correlationId: string | null = null): Result<RunInfo> {
    const run = this.book.need(runId);
    if (!run.ok) return run;
    if (run.value.state === 'paused') return ok(publicRun(run.value));
    if (!isWorkingState(run.value.state) && run.value.state !== 'frozen' && run.value.state !== 'error') {
      return err('invalid_state', `Run ${runId} is ${run.value.state}; only a working run can be paused.`);
    }
    const resumeState = isWorkingState(run.value.state) ? run.value.state : (run.value.resumeState ?? 'executing');
    const r = this.book.setState(runId, 'paused', { resumeState, reason }, correlationId);
    if (!r.ok) return r;
    this.protocol(runId, 'pause', by, sessionId, { reason }, correlationId);
    return ok(publicRun(r.value));
  }

  resume(runId: string, reason: string, by: ProtocolSender, sessionId: string | null = null, correlationId: string | null = null): Result<RunInfo> {
    const run = this.book.need(runId);
    if (!run.ok) return run;
    if (run.value.state !== 'paused' && run.value.state !== 'frozen' && run.value.state !== 'error') {
      return err('invalid_state', `Run ${runId} is ${run.value.state}, not paused.`);
    }
    if (!run.value.mainSessionId) return err('invalid_state', `Run ${runId} never started its sessions (${run.value.reason ?? 'no reason recorded'}); start a new run.`);
    // Sessions that died meanwhile (the app restarted, MainAI exited) start again; Claude resumes its conversation.
    const restarted: string[] = [];
    for (const id of sessionIdsOf(run.value)) {
      const rt = this.deps.sessions.get(id);
      if (!rt.ok || rt.value.isLive) continue;
      const r = this.deps.sessions.restart(id, correlationId);
      if (!r.ok) return err(r.error.code, `Could not restart ${rt.value.record.name}: ${r.error.message}`);
      restarted.push(id);
    }
    const to = run.value.resumeState && isWorkingState(run.value.resumeState) ? run.value.resumeState : 'executing';
    const r = this.book.setState(runId, to, { resumeState: null, reason: null }, correlationId);
    if (!r.ok) return r;
    this.protocol(runId, 'resume', by, sessionId, { reason, restarted }, correlationId);
    // Paused while integrating: MainAI's complete_run may have been refused meanwhile, so ask again
    // (a second answer after a first that got through is refused harmlessly: the run is completed).
    if (to === 'integrating') this.askToIntegrate(runId);
    if (run.value.mainSessionId && restarted.includes(run.value.mainSessionId) && this.book.tasksOf(runId).length === 0) this.sendMainPrompt(runId);
    this.scheduleDigests(runId);
    this.progress(runId);
    return ok(publicRun(this.book.run(runId) as RunRecord));
  }

  /** Graceful: every session is asked to stop; the run ends `stopped` (or `completed` when `completed`). */
  async shutdown(runId: string, reason: string, by: ProtocolSender, sessionId: string | null = null, correlationId: string | null = null): Promise<Result<RunInfo>> {
    const run = this.book.need(runId);
    if (!run.ok) return run;
    if (isRunFinished(run.value.state)) return ok(publicRun(run.value));
    if (run.value.state !== 'shutting_down') {
      const r = this.book.setState(runId, 'shutting_down', { reason }, correlationId);
      if (!r.ok) return r;
      this.protocol(runId, 'shutdown', by, sessionId, { reason }, correlationId);
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
      this.protocol(runId, 'worker_spawned', 'main_ai', started.value, { worker_id: started.value }, correlationId);
    }
    const cur = this.book.run(runId) as RunRecord;
    if (cur.state === 'spawning_workers') this.book.setState(runId, 'executing', {}, correlationId);
    else if (cur.state === 'paused' && cur.resumeState === 'spawning_workers') this.book.patch(runId, { resumeState: 'executing' });
    this.dispatch(runId);
    return ok({ workerIds: ids, total: cur.workerSessionIds.length });
  }

  /** The "stay" loop: hands queued tasks to idle workers. Cheap; called on every change that may free a slot. */
  dispatch(runId: string): void {
    const run = this.book.run(runId);
    if (!run || !isRunDispatching(run.state)) return;
    const now = this.deps.clock.now();
    const tasks = this.book.tasksOf(runId);
    const workers = run.workerSessionIds.map((id) => ({ sessionId: id, available: this.alive(id) }));
    for (const a of planAssignments({ tasks, workers, parallelism: run.parallelism, now })) this.assign(runId, a.taskId, a.workerId, null, 'core');
    const wake = nextWakeAt(this.book.tasksOf(runId), now);
    this.wakeTimers.get(runId)?.cancel();
    this.wakeTimers.delete(runId);
    if (wake !== null) this.wakeTimers.set(runId, this.deps.clock.setTimeout(() => this.dispatch(runId), wake - now));
  }

  /** Assigns one task to one worker and types it into the worker's terminal. */
  assign(runId: string, taskId: string, workerId: string, correlationId: string | null, by: ProtocolSender): Result<TaskInfo> {
    const task = this.book.needTask(taskId, runId);
    if (!task.ok) return task;
    const run = this.book.run(runId) as RunRecord;
    if (!run.workerSessionIds.includes(workerId)) return err('not_found', `No worker ${workerId} in run ${runId}. Workers: ${run.workerSessionIds.join(', ') || 'none yet'}.`);
    if (task.value.state !== 'queued') return err('conflict', `Task ${taskId} is ${task.value.state}, not queued.`);
    if (!this.alive(workerId)) return err('invalid_state', `Worker ${workerId} is not running.`);
    const busy = this.currentTask(workerId);
    if (busy) return err('conflict', `Worker ${workerId} is busy with task ${busy.id}.`);
    const now = this.deps.clock.now();
    const attempt = task.value.attempts + 1;
    const r = this.book.setTask(taskId, 'assigned', { workerSessionId: workerId, assignedAt: now, attempts: attempt, notBefore: null, error: null, endedAt: null }, 'task.assigned', { by }, correlationId, workerId);
    if (!r.ok) return r;
    this.onAssigned.fire({ taskId, workerId, at: now });
    const t = r.value;
    this.deliverTo(workerId, fillPrompt(this.deps.prompts.worker, { runId, taskId, title: t.title, description: t.description || t.title, attempt }), `task:${taskId}`);
    return r;
  }

  private delivered(sessionId: string, tag: string | null): void {
    if (!tag?.startsWith('task:')) return;
    const t = this.book.task(tag.slice(5));
    if (t && t.state === 'assigned' && t.workerSessionId === sessionId) this.book.setTask(t.id, 'running', {}, 'task.running');
  }

  private deliverTo(sessionId: string, text: string, tag: string | null): void {
    this.delivery.send(sessionId, text, tag);
  }

  /** Tells MainAI to integrate once every task has ended; re-dispatches otherwise. */
  progress(runId: string): void {
    const run = this.book.run(runId);
    if (!run) return;
    const tasks = this.book.tasksOf(runId);
    const ended = tasks.length > 0 && tasks.every((t) => isTaskFinal(t.state) || (t.state === 'failed' && t.attempts >= MAX_TASK_ATTEMPTS));
    if (ended && (run.state === 'executing' || run.state === 'spawning_workers')) {
      this.book.setState(runId, 'integrating');
      this.askToIntegrate(runId);
      return;
    }
    if (!ended && run.state === 'integrating') this.book.setState(runId, 'executing');
    this.dispatch(runId);
  }

  /** Tells MainAI every task has ended and how, so it integrates and calls complete_run. */
  private askToIntegrate(runId: string): void {
    const run = this.book.run(runId);
    if (!run?.mainSessionId) return;
    const tasks = this.book.tasksOf(runId);
    const count = (s: TaskInfo['state']): number => tasks.filter((t) => t.state === s).length;
    const outcome = `${count('completed')} completed, ${count('failed')} failed, ${count('skipped')} skipped`;
    this.deliverTo(run.mainSessionId, fillPrompt(this.deps.prompts.integrate, { runId, outcome }), null);
  }

  // ── MainAI's plan and result ──────────────────────────────────────────────

  recordAnalysis(runId: string, planned: readonly { title: string; description: string }[], sessionId: string | null, correlationId: string | null): Result<TaskInfo[]> {
    const run = this.book.need(runId);
    if (!run.ok) return run;
    if (planned.length === 0) return err('bad_input', 'An analysis needs at least one task; nothing was recorded.');
    if (this.book.tasksOf(runId).length > 0) return err('conflict', `Run ${runId} already has its ${this.book.tasksOf(runId).length} tasks; the plan is recorded once.`);
    if (run.value.state !== 'analyzing' && !(run.value.state === 'paused' && run.value.resumeState === 'analyzing')) {
      return err('invalid_state', `Run ${runId} is ${run.value.state}, not analyzing.`);
    }
    const now = this.deps.clock.now();
    const tasks: TaskInfo[] = planned.map((p, i) => ({
      id: newId('t', 8),
      runId,
      index: i + 1,
      title: p.title,
      description: p.description,
      state: 'queued',
      attempts: 0,
      workerSessionId: null,
      avoidSessionId: null,
      createdAt: now,
      assignedAt: null,
      endedAt: null,
      result: null,
      error: null,
      progress: null,
      notBefore: null,
    }));
    this.book.addTasks(runId, tasks);
    for (const t of tasks) this.book.event('task.queued', runId, sessionId, { taskId: t.id, index: t.index, title: t.title, state: 'queued', attempts: 0 }, correlationId, 'main_ai');
    this.protocol(runId, 'task_analysis_complete', 'main_ai', sessionId, { task_count: tasks.length }, correlationId);
    if (run.value.state === 'paused') this.book.patch(runId, { resumeState: 'spawning_workers' });
    else this.book.setState(runId, run.value.workerSessionIds.length > 0 ? 'executing' : 'spawning_workers', {}, correlationId);
    this.dispatch(runId);
    return ok(tasks);
  }

  completeRun(runId: string, summary: string, sessionId: string | null, correlationId: string | null): Result<{ state: string; reportFiles: string[] }> {
    const run = this.book.need(runId);
    if (!run.ok) return run;
    const open = this.book.tasksOf(runId).filter((t) => !isTaskFinal(t.state) && !(t.state === 'failed' && t.attempts >= MAX_TASK_ATTEMPTS));
    if (this.book.tasksOf(runId).length === 0) return err('invalid_state', 'The run has no tasks yet: call analysis_complete first.');
    if (open.length > 0) return err('conflict', `${open.length} task(s) have not ended yet (${open.map((t) => `${t.id} ${t.state}`).join(', ')}); wait until you are told every task has ended.`);
    if (run.value.state !== 'integrating') return err('invalid_state', `Run ${runId} is ${run.value.state}, not integrating.`);
    const done = this.book.setState(runId, 'completed', { summary, endedAt: this.deps.clock.now(), reason: null }, correlationId);
    if (!done.ok) return done;
    this.protocol(runId, 'status_update', 'main_ai', sessionId, { status: 'completed' }, correlationId);
    const files = this.exportReport(runId);
    this.book.event('run.completed', runId, sessionId, { summary: summary.slice(0, 2_000), reportFiles: files }, correlationId, 'main_ai');
    this.notice('info', `Run "${run.value.name}" completed.`);
    // The answer reaches MainAI before its session is asked to stop.
    queueMicrotask(() => void this.stopSessions(runId));
    return ok({ state: 'completed', reportFiles: files });
  }

  /** Writes run-report.md and run-report.json into the run's folder; the paths written. */
  exportReport(runId: string): string[] {
    const r = this.report(runId);
    const run = this.book.run(runId);
    if (!r.ok || !run) return [];
    const files: string[] = [];
    for (const [name, text] of [
      ['run-report.md', r.value.markdown],
      ['run-report.json', JSON.stringify(r.value.report, null, 2)],
    ] as const) {
      const path = this.deps.workspaces.join(run.workspaceRoot, name);
      const w = this.deps.workspaces.writeFile(path, text);
      if (w.ok) files.push(path);
      else this.deps.logger.warn('could not write the run report', { runId, path, error: w.error.message });
    }
    return files;
  }

  reportProgress(taskId: string, workerId: string, note: string, correlationId: string | null): Result<{ recorded: true }> {
    const t = this.book.needTask(taskId);
    if (!t.ok) return t;
    if (t.value.workerSessionId !== workerId || !isTaskActive(t.value.state)) return err('forbidden', `Task ${taskId} is not yours right now.`);
    const r = this.book.setTask(taskId, t.value.state === 'assigned' ? 'running' : t.value.state, { progress: note }, 'task.progress', { note }, correlationId);
    return r.ok ? ok({ recorded: true }) : r;
  }

  /** MonitorAI's recovery_suggestion: recorded; applied at once in the run's automatic mode. */
  suggestRecovery(runId: string, taskId: string, strategy: 'retry' | 'reassign' | 'skip', diagnosis: string, sessionId: string | null, correlationId: string | null): Result<{ applied: boolean; task: TaskInfo | null; note: string }> {
    const run = this.book.need(runId);
    if (!run.ok) return run;
    const t = this.book.needTask(taskId, runId);
    if (!t.ok) return t;
    this.protocol(runId, 'recovery_suggestion', 'monitor_ai', sessionId, { strategy, diagnosis, task_id: taskId }, correlationId);
    if (!run.value.autoRecovery) {
      this.notice('info', `MonitorAI suggests to ${strategy} task "${t.value.title}": ${diagnosis}`);
      return ok({ applied: false, task: t.value, note: 'Recorded; the person decides (the run is not in automatic mode).' });
    }
    const r = strategy === 'retry' ? this.retryTask(taskId, diagnosis, correlationId) : strategy === 'reassign' ? this.reassignTask(taskId, diagnosis, correlationId) : this.skipTask(taskId, diagnosis, correlationId);
    if (!r.ok) return r;
    this.book.event('recovery.applied', runId, sessionId, { strategy, taskId, by: 'monitor_ai', diagnosis }, correlationId);
    const wait = r.value.notBefore !== null ? ` after ${Math.round((r.value.notBefore - this.deps.clock.now()) / 1_000)} s` : '';
    return ok({ applied: true, task: r.value, note: `Applied: ${strategy}${wait}.` });
  }

  // ── task outcomes and recovery (RunControl) ───────────────────────────────

  complete(taskId: string, workerId: string | null, result: { summary: string; files: string[] }, correlationId: string | null): Result<TaskInfo> {
    const t = this.book.needTask(taskId);
    if (!t.ok) return t;
    if (t.value.state === 'completed') return err('conflict', `Task ${taskId} was already completed; the first result stands.`);
    if (workerId !== null && t.value.workerSessionId !== workerId) return err('forbidden', `Task ${taskId} is not assigned to you (it is ${t.value.state}${t.value.workerSessionId ? ` on ${t.value.workerSessionId}` : ''}).`);
    const r = this.book.setTask(taskId, 'completed', { result, endedAt: this.deps.clock.now(), progress: null }, 'task.completed', { files: result.files, summary: result.summary.slice(0, 500) }, correlationId);
    if (!r.ok) return r;
    if (workerId) this.delivery.cancel(workerId, `task:${taskId}`);
    this.progress(t.value.runId);
    return r;
  }

  fail(taskId: string, workerId: string | null, reason: string, correlationId: string | null): Result<TaskInfo> {
    const t = this.book.needTask(taskId);
    if (!t.ok) return t;
    if (workerId !== null && t.value.workerSessionId !== workerId) return err('forbidden', `Task ${taskId} is not assigned to you.`);
    const r = this.book.setTask(taskId, 'failed', { error: reason, endedAt: this.deps.clock.now() }, 'task.failed', { error: reason }, correlationId);
    if (!r.ok) return r;
    this.protocol(t.value.runId, 'worker_error', 'core', t.value.workerSessionId, { worker_id: t.value.workerSessionId, task_id: taskId, attempt: r.value.attempts, error: reason }, correlationId);
    if (r.value.attempts >= MAX_TASK_ATTEMPTS) this.notice('warning', `Task "${r.value.title}" failed ${r.value.attempts} times (${reason}); it will not be retried.`);
    this.progress(t.value.runId);
    return r;
  }

  private requeue(taskId: string, kind: 'retry' | 'reassign', reason: string, correlationId: string | null): Result<TaskInfo> {
    const t = this.book.needTask(taskId);
    if (!t.ok) return t;
    if (isTaskFinal(t.value.state)) return err('conflict', `Task ${taskId} is ${t.value.state}; it cannot be ${kind === 'retry' ? 'retried' : 'reassigned'}.`);
    if (t.value.state === 'queued') return err('conflict', `Task ${taskId} is already queued.`);
    if (t.value.attempts >= MAX_TASK_ATTEMPTS) return err('conflict', `Task ${taskId} has used all ${MAX_TASK_ATTEMPTS} attempts; skip it instead.`);
    const prev = t.value.workerSessionId;
    if (prev) this.delivery.cancel(prev, `task:${taskId}`);
    const notBefore = kind === 'retry' ? this.deps.clock.now() + retryBackoffMs(t.value.attempts) : null;
    const r = this.book.setTask(taskId, 'queued', { workerSessionId: null, assignedAt: null, notBefore, avoidSessionId: kind === 'reassign' ? prev : t.value.avoidSessionId }, kind === 'retry' ? 'task.retried' : 'task.reassigned', { reason, previousWorker: prev, notBefore }, correlationId);
    if (!r.ok) return r;
    this.progress(t.value.runId);
    return r;
  }

  retryTask(taskId: string, reason: string, correlationId: string | null = null): Result<TaskInfo> {
    return this.requeue(taskId, 'retry', reason, correlationId);
  }

  reassignTask(taskId: string, reason: string, correlationId: string | null = null): Result<TaskInfo> {
    return this.requeue(taskId, 'reassign', reason, correlationId);
  }

  skipTask(taskId: string, reason: string, correlationId: string | null = null): Result<TaskInfo> {
    const t = this.book.needTask(taskId);
    if (!t.ok) return t;
    if (isTaskFinal(t.value.state)) return err('conflict', `Task ${taskId} is already ${t.value.state}; nothing changed.`);
    if (t.value.workerSessionId) this.delivery.cancel(t.value.workerSessionId, `task:${taskId}`);
    const r = this.book.setTask(taskId, 'skipped', { endedAt: this.deps.clock.now(), error: t.value.error ?? reason }, 'task.skipped', { reason }, correlationId);
    if (!r.ok) return r;
    this.progress(t.value.runId);
    return r;
  }

  /** MonitorAI's optimization hint: lowers (or restores, up to maxWorkers) how many tasks run at once. */
  setParallelism(runId: string, parallelism: number, hint: string, sessionId: string | null, correlationId: string | null): Result<RunInfo> {
    const run = this.book.need(runId);
    if (!run.ok) return run;
    const p = Math.max(1, Math.min(run.value.maxWorkers, parallelism));
    const next = this.book.patch(runId, { parallelism: p });
    this.protocol(runId, 'optimization_hint', 'monitor_ai', sessionId, { hint, parallelism: p }, correlationId);
    this.dispatch(runId);
    return ok(publicRun(next));
  }

  // ── the protocol and MonitorAI's digests ──────────────────────────────────

  protocol(runId: string, type: ProtocolType, sender: ProtocolSender, sessionId: string | null, data: Record<string, unknown>, correlationId: string | null = null): void {
    const ts = this.deps.clock.now();
    this.book.event(protocolEventType(type), runId, sessionId, data, correlationId, sender);
    // MonitorAI's own messages and MainAI's proofs of life are not news worth a digest.
    if (sender === 'monitor_ai' || type === 'heartbeat') return;
    const list = this.news.get(runId) ?? [];
    list.push({ seq: 0, ts, type: protocolEventType(type), sender, sessionId, correlationId, data: { runId, ...data } });
    // With scheduled digests off, news waits for the next error: keep only the newest (the digest is clipped anyway).
    if (list.length > MAX_DIGEST_NEWS) list.splice(0, list.length - MAX_DIGEST_NEWS);
    this.news.set(runId, list);
    if (URGENT_PROTOCOL_TYPES.includes(type)) this.sendDigest(runId);
  }

  /** MainAI called a tool: a `heartbeat` (MISSION.md), at most one per HEARTBEAT_GAP_MS so the log stays readable. */
  heartbeat(runId: string, sessionId: string, correlationId: string | null): void {
    const now = this.deps.clock.now();
    if (now - (this.lastHeartbeat.get(runId) ?? -Infinity) < HEARTBEAT_GAP_MS) return;
    this.lastHeartbeat.set(runId, now);
    this.protocol(runId, 'heartbeat', 'main_ai', sessionId, {}, correlationId);
  }

  /** Types a digest into MonitorAI's terminal if anything happened since the last one. */
  sendDigest(runId: string): boolean {
    const run = this.book.run(runId);
    const news = this.news.get(runId) ?? [];
    if (!run?.monitorSessionId || news.length === 0 || isRunFinished(run.state)) return false;
    this.news.delete(runId);
    this.deliverTo(run.monitorSessionId, digestText(publicRun(run), this.book.tasksOf(runId), news), 'digest');
    return true;
  }

  private scheduleDigests(runId: string): void {
    const every = this.deps.monitorDigestMs ?? DEFAULT_MONITOR_DIGEST_MS;
    if (every <= 0 || this.digestTimers.has(runId)) return;
    this.digestTimers.set(runId, this.deps.clock.setInterval(() => this.sendDigest(runId), every));
  }

  private cancelTimers(runId: string): void {
    this.digestTimers.get(runId)?.cancel();
    this.digestTimers.delete(runId);
    this.wakeTimers.get(runId)?.cancel();
    this.wakeTimers.delete(runId);
  }

  // ── sessions ──────────────────────────────────────────────────────────────

  /** The session's MCP server listed its tools: prompts may go now. */
  toolsListed(sessionId: string): void {
    if (!this.sessionRun.has(sessionId)) return;
    this.toolsReady.add(sessionId);
    this.delivery.poke(sessionId);
  }

  private alive(id: string): boolean {
    const rt = this.deps.sessions.get(id);
    return rt.ok && rt.value.isLive && rt.value.record.state === 'running';
  }

  private profileOf(id: string): ProfileId | null {
    const rt = this.deps.sessions.get(id);
    return rt.ok ? rt.value.record.profileId : null;
  }

  private idle(id: string): boolean {
    const rt = this.deps.sessions.get(id);
    if (!rt.ok) return false;
    const s = rt.value.info().activity.state;
    return s === 'idle' || s === 'awaiting_input';
  }

  private ready(id: string): boolean {
    if (!this.alive(id) || !this.idle(id)) return false;
    if (this.profileOf(id) !== 'claude' || this.toolsReady.has(id)) return true;
    const rt = this.deps.sessions.get(id);
    const startedAt = rt.ok ? rt.value.record.startedAt : null;
    if (startedAt === null || this.deps.clock.now() - startedAt < TOOLS_LISTED_GRACE_MS) return false;
    if (!this.toolsMissing.has(id)) {
      this.toolsMissing.add(id);
      const runId = this.sessionRun.get(id) as string;
      this.book.event('run.tools_not_listed', runId, id, { waitedMs: TOOLS_LISTED_GRACE_MS, fallback: 'dorch CLI' });
      this.notice('warning', `${rt.ok ? rt.value.record.name : id}: its MCP tools never connected; it gets its prompts anyway and can use the dorch CLI.`);
    }
    return true;
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
    this.toolsReady.delete(rec.id);
    this.toolsMissing.delete(rec.id);
    if (!runId) return;
    this.delivery.clear(rec.id);
    if (this.stopping.delete(rec.id)) return;
    const run = this.book.run(runId);
    if (!run || isRunFinished(run.state) || run.state === 'shutting_down') return;
    const how = rec.state === 'crashed' ? `crashed (${rec.lastError ?? 'unknown'})` : `exited (code ${rec.exitCode ?? '?'})`;
    if (rec.role === 'main') {
      // Nothing is lost: tasks stay where they are, workers keep working; resume restarts MainAI with its conversation.
      this.protocol(runId, 'critical_error', 'core', rec.id, { error: `MainAI ${how}`, traceback: null });
      if (run.state !== 'paused') this.pause(runId, `MainAI ${how} mid-run. Resume the run to restart it with its conversation.`, 'core', rec.id);
      this.notice('error', `Run "${run.name}": MainAI ${how}; the run is paused. Resume it to restart MainAI.`);
      return;
    }
    if (rec.role === 'monitor') {
      this.book.event('run.monitor_exited', runId, rec.id, { how });
      this.notice('warning', `Run "${run.name}": MonitorAI ${how}. The core's own monitor keeps watching; resume or restart it to get its diagnoses back.`);
      return;
    }
    const task = this.book.tasksOf(runId).find((t) => isTaskActive(t.state) && t.workerSessionId === rec.id);
    if (task) this.fail(task.id, null, `worker ${rec.name} ${how} during the task`, null);
    else this.protocol(runId, 'worker_error', 'core', rec.id, { worker_id: rec.id, error: `worker ${how}` });
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
    for (const id of [...this.digestTimers.keys(), ...this.wakeTimers.keys()]) this.cancelTimers(id);
    this.subs.dispose();
    this.book.dispose();
    this.onNotice.dispose();
    this.onAssigned.dispose();
  }
}

export const sessionIdsOf = (run: RunInfo): string[] => [run.mainSessionId, run.monitorSessionId, ...run.workerSessionIds].filter((x): x is string => x !== null);
