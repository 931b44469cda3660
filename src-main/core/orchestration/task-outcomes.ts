import { err, ok, type Result } from '../../../src-preload/contract/result';
import { MAX_TASK_ATTEMPTS, type TaskInfo } from '../../../src-preload/contract/runs';
import { newId } from '../../lib/ids';
import type { Logger } from '../../lib/logger';
import type { Clock } from '../ports/clock';
import type { TerminalDelivery } from './delivery';
import type { MonitorFeed } from './monitor-feed';
import { retryBackoffMs } from './queue';
import { buildReport, reportMarkdown } from './report';
import { publicRun, type RunBook } from './run-book';
import { isRunFinished, isTaskActive, isTaskFinal } from './run-states';
import type { RunWorkspaces } from './workspaces';

/** A new task as it enters the queue (from MainAI's plan or a submission). */
function queuedTask(runId: string, index: number, title: string, description: string, now: number): TaskInfo {
  return {
    id: newId('t', 8),
    runId,
    index,
    title,
    description,
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
  };
}

/** What the outcomes need from the orchestrator that owns them. */
export interface OutcomesHost {
  readonly book: RunBook;
  readonly delivery: TerminalDelivery;
  readonly feed: MonitorFeed;
  readonly clock: Clock;
  readonly workspaces: RunWorkspaces;
  readonly logger: Logger;
  /** Re-plans assignments and moves the run on (to integrating, back to executing). */
  progress(runId: string): void;
  dispatch(runId: string): void;
  notice(level: 'info' | 'warning' | 'error', message: string): void;
  stopSessions(runId: string): Promise<void>;
  /** Restarts a worker's session on purpose (its exit is then no failure). */
  restartWorker(sessionId: string, correlationId: string | null): Result<void>;
}

/** MonitorAI's recovery strategies for a task (MISSION.md; interrupt and kill belong to the health feature). */
export const RECOVERY_STRATEGIES = ['retry', 'reassign', 'skip', 'restart'] as const;
export type RecoveryStrategy = (typeof RECOVERY_STRATEGIES)[number];

/**
 * What happens to the plan and its tasks: MainAI's analysis and integrated
 * result, the workers' results and failures, and the recovery steps (retry
 * with backoff, reassign, skip) whoever asks for them — MonitorAI, the
 * person, or the health feature through RunControl. Every step goes through
 * the RunBook (state machines, persistence, events).
 */
export class TaskOutcomes {
  constructor(private readonly h: OutcomesHost) {}

  // ── MainAI's plan and result ──────────────────────────────────────────────

  recordAnalysis(runId: string, planned: readonly { title: string; description: string }[], sessionId: string | null, correlationId: string | null): Result<TaskInfo[]> {
    const run = this.h.book.need(runId);
    if (!run.ok) return run;
    if (planned.length === 0) return err('bad_input', 'An analysis needs at least one task; nothing was recorded.');
    if (this.h.book.tasksOf(runId).length > 0) return err('conflict', `Run ${runId} already has its ${this.h.book.tasksOf(runId).length} tasks; the plan is recorded once.`);
    if (run.value.state !== 'analyzing' && !(run.value.state === 'paused' && run.value.resumeState === 'analyzing')) {
      return err('invalid_state', `Run ${runId} is ${run.value.state}, not analyzing.`);
    }
    const now = this.h.clock.now();
    const tasks = planned.map((p, i) => queuedTask(runId, i + 1, p.title, p.description, now));
    this.h.book.addTasks(runId, tasks);
    for (const t of tasks) this.h.book.event('task.queued', runId, sessionId, { taskId: t.id, index: t.index, title: t.title, state: 'queued', attempts: 0 }, correlationId, 'main_ai');
    this.h.feed.protocol(runId, 'task_analysis_complete', 'main_ai', sessionId, { task_count: tasks.length }, correlationId);
    if (run.value.state === 'paused') this.h.book.patch(runId, { resumeState: 'spawning_workers' });
    else this.h.book.setState(runId, run.value.workerSessionIds.length > 0 ? 'executing' : 'spawning_workers', {}, correlationId);
    this.h.dispatch(runId);
    return ok(tasks);
  }

  /**
   * A task from outside the run (a signed webhook): queued after the plan's
   * tasks and handed out like them. Only once MainAI has planned (the plan is
   * recorded once) and while the run can still do work.
   */
  submitTask(runId: string, task: { title: string; description: string }, sender: string, correlationId: string | null): Result<TaskInfo> {
    const run = this.h.book.need(runId);
    if (!run.ok) return run;
    const tasks = this.h.book.tasksOf(runId);
    if (isRunFinished(run.value.state) || run.value.state === 'shutting_down') return err('invalid_state', `Run ${runId} is ${run.value.state}; it takes no more tasks.`);
    if (tasks.length === 0) return err('invalid_state', `Run ${runId} has no plan yet; submit tasks once MainAI has recorded its analysis.`);
    const now = this.h.clock.now();
    const added = queuedTask(runId, Math.max(...tasks.map((t) => t.index)) + 1, task.title, task.description || task.title, now);
    this.h.book.addTasks(runId, [added]);
    this.h.book.event('task.queued', runId, null, { taskId: added.id, index: added.index, title: added.title, state: 'queued', attempts: 0, submittedBy: sender }, correlationId, sender);
    // A run that was integrating has work again; a paused one keeps it queued until resumed.
    this.h.progress(runId);
    return ok(this.h.book.task(added.id) as TaskInfo);
  }

  completeRun(runId: string, summary: string, sessionId: string | null, correlationId: string | null): Result<{ state: string; reportFiles: string[] }> {
    const run = this.h.book.need(runId);
    if (!run.ok) return run;
    const open = this.h.book.tasksOf(runId).filter((t) => !isTaskFinal(t.state) && !(t.state === 'failed' && t.attempts >= MAX_TASK_ATTEMPTS));
    if (this.h.book.tasksOf(runId).length === 0) return err('invalid_state', 'The run has no tasks yet: call analysis_complete first.');
    if (open.length > 0) return err('conflict', `${open.length} task(s) have not ended yet (${open.map((t) => `${t.id} ${t.state}`).join(', ')}); wait until you are told every task has ended.`);
    if (run.value.state !== 'integrating') return err('invalid_state', `Run ${runId} is ${run.value.state}, not integrating.`);
    const done = this.h.book.setState(runId, 'completed', { summary, endedAt: this.h.clock.now(), reason: null }, correlationId);
    if (!done.ok) return done;
    this.h.feed.protocol(runId, 'status_update', 'main_ai', sessionId, { status: 'completed' }, correlationId);
    const files = this.exportReport(runId);
    this.h.book.event('run.completed', runId, sessionId, { summary: summary.slice(0, 2_000), reportFiles: files }, correlationId, 'main_ai');
    this.h.notice('info', `Run "${run.value.name}" completed.`);
    // The answer reaches MainAI before its session is asked to stop.
    queueMicrotask(() => void this.h.stopSessions(runId));
    return ok({ state: 'completed', reportFiles: files });
  }

  /** Writes run-report.md and run-report.json into the run's folder; the paths written. */
  exportReport(runId: string): string[] {
    const run = this.h.book.run(runId);
    if (!run) return [];
    const report = buildReport(publicRun(run), this.h.book.tasksOf(runId));
    const r = { value: { report, markdown: reportMarkdown(report) } };
    const files: string[] = [];
    for (const [name, text] of [
      ['run-report.md', r.value.markdown],
      ['run-report.json', JSON.stringify(r.value.report, null, 2)],
    ] as const) {
      const path = this.h.workspaces.join(run.workspaceRoot, name);
      const w = this.h.workspaces.writeFile(path, text);
      if (w.ok) files.push(path);
      else this.h.logger.warn('could not write the run report', { runId, path, error: w.error.message });
    }
    return files;
  }

  reportProgress(taskId: string, workerId: string, note: string, correlationId: string | null): Result<{ recorded: true }> {
    const t = this.h.book.needTask(taskId);
    if (!t.ok) return t;
    if (t.value.workerSessionId !== workerId || !isTaskActive(t.value.state)) return err('forbidden', `Task ${taskId} is not yours right now.`);
    const r = this.h.book.setTask(taskId, t.value.state === 'assigned' ? 'running' : t.value.state, { progress: note }, 'task.progress', { note }, correlationId);
    return r.ok ? ok({ recorded: true }) : r;
  }

  /** MonitorAI's recovery_suggestion: recorded; applied at once in the run's automatic mode. */
  suggestRecovery(runId: string, taskId: string, strategy: RecoveryStrategy, diagnosis: string, sessionId: string | null, correlationId: string | null): Result<{ applied: boolean; task: TaskInfo | null; note: string }> {
    const run = this.h.book.need(runId);
    if (!run.ok) return run;
    const t = this.h.book.needTask(taskId, runId);
    if (!t.ok) return t;
    this.h.feed.protocol(runId, 'recovery_suggestion', 'monitor_ai', sessionId, { strategy, diagnosis, task_id: taskId }, correlationId);
    if (!run.value.autoRecovery) {
      this.h.notice('info', `MonitorAI suggests to ${strategy} task "${t.value.title}": ${diagnosis}`);
      return ok({ applied: false, task: t.value, note: 'Recorded; the person decides (the run is not in automatic mode).' });
    }
    const r = this.apply(strategy, t.value, diagnosis, correlationId);
    if (!r.ok) return r;
    this.h.book.event('recovery.applied', runId, sessionId, { strategy, taskId, by: 'monitor_ai', diagnosis }, correlationId);
    const wait = r.value.notBefore !== null ? ` after ${Math.round((r.value.notBefore - this.h.clock.now()) / 1_000)} s` : '';
    return ok({ applied: true, task: r.value, note: `Applied: ${strategy}${wait}.` });
  }

  private apply(strategy: RecoveryStrategy, t: TaskInfo, reason: string, correlationId: string | null): Result<TaskInfo> {
    switch (strategy) {
      case 'retry':
        return this.retryTask(t.id, reason, correlationId);
      case 'reassign':
        return this.reassignTask(t.id, reason, correlationId);
      case 'skip':
        return this.skipTask(t.id, reason, correlationId);
      case 'restart': {
        // The worker is restarted (Claude resumes its conversation) and the task goes back to the queue for it.
        const worker = t.workerSessionId;
        if (!worker || !isTaskActive(t.state)) return err('conflict', `Task ${t.id} is ${t.state}: no worker is on it to restart; retry or reassign it instead.`);
        const requeued = this.retryTask(t.id, reason, correlationId);
        if (!requeued.ok) return requeued;
        const restarted = this.h.restartWorker(worker, correlationId);
        return restarted.ok ? requeued : restarted;
      }
    }
  }

  // ── task outcomes and recovery (RunControl) ───────────────────────────────

  complete(taskId: string, workerId: string | null, result: { summary: string; files: string[] }, correlationId: string | null): Result<TaskInfo> {
    const t = this.h.book.needTask(taskId);
    if (!t.ok) return t;
    if (t.value.state === 'completed') return err('conflict', `Task ${taskId} was already completed; the first result stands.`);
    if (workerId !== null && t.value.workerSessionId !== workerId) return err('forbidden', `Task ${taskId} is not assigned to you (it is ${t.value.state}${t.value.workerSessionId ? ` on ${t.value.workerSessionId}` : ''}).`);
    const r = this.h.book.setTask(taskId, 'completed', { result, endedAt: this.h.clock.now(), progress: null }, 'task.completed', { files: result.files, summary: result.summary.slice(0, 500) }, correlationId);
    if (!r.ok) return r;
    if (workerId) this.h.delivery.cancel(workerId, `task:${taskId}`);
    this.h.progress(t.value.runId);
    return r;
  }

  fail(taskId: string, workerId: string | null, reason: string, correlationId: string | null): Result<TaskInfo> {
    const t = this.h.book.needTask(taskId);
    if (!t.ok) return t;
    if (workerId !== null && t.value.workerSessionId !== workerId) return err('forbidden', `Task ${taskId} is not assigned to you.`);
    const r = this.h.book.setTask(taskId, 'failed', { error: reason, endedAt: this.h.clock.now() }, 'task.failed', { error: reason }, correlationId);
    if (!r.ok) return r;
    this.h.feed.protocol(t.value.runId, 'worker_error', 'core', t.value.workerSessionId, { worker_id: t.value.workerSessionId, task_id: taskId, attempt: r.value.attempts, error: reason }, correlationId);
    if (r.value.attempts >= MAX_TASK_ATTEMPTS) this.h.notice('warning', `Task "${r.value.title}" failed ${r.value.attempts} times (${reason}); it will not be retried.`);
    this.h.progress(t.value.runId);
    return r;
  }

  private requeue(taskId: string, kind: 'retry' | 'reassign', reason: string, correlationId: string | null): Result<TaskInfo> {
    const t = this.h.book.needTask(taskId);
    if (!t.ok) return t;
    if (isTaskFinal(t.value.state)) return err('conflict', `Task ${taskId} is ${t.value.state}; it cannot be ${kind === 'retry' ? 'retried' : 'reassigned'}.`);
    if (t.value.state === 'queued') return err('conflict', `Task ${taskId} is already queued.`);
    if (t.value.attempts >= MAX_TASK_ATTEMPTS) return err('conflict', `Task ${taskId} has used all ${MAX_TASK_ATTEMPTS} attempts; skip it instead.`);
    const prev = t.value.workerSessionId;
    if (prev) this.h.delivery.cancel(prev, `task:${taskId}`);
    const notBefore = kind === 'retry' ? this.h.clock.now() + retryBackoffMs(t.value.attempts) : null;
    const r = this.h.book.setTask(taskId, 'queued', { workerSessionId: null, assignedAt: null, notBefore, avoidSessionId: kind === 'reassign' ? prev : t.value.avoidSessionId }, kind === 'retry' ? 'task.retried' : 'task.reassigned', { reason, previousWorker: prev, notBefore }, correlationId);
    if (!r.ok) return r;
    this.h.progress(t.value.runId);
    return r;
  }

  retryTask(taskId: string, reason: string, correlationId: string | null = null): Result<TaskInfo> {
    return this.requeue(taskId, 'retry', reason, correlationId);
  }

  reassignTask(taskId: string, reason: string, correlationId: string | null = null): Result<TaskInfo> {
    return this.requeue(taskId, 'reassign', reason, correlationId);
  }

  skipTask(taskId: string, reason: string, correlationId: string | null = null): Result<TaskInfo> {
    const t = this.h.book.needTask(taskId);
    if (!t.ok) return t;
    if (isTaskFinal(t.value.state)) return err('conflict', `Task ${taskId} is already ${t.value.state}; nothing changed.`);
    if (t.value.workerSessionId) this.h.delivery.cancel(t.value.workerSessionId, `task:${taskId}`);
    const r = this.h.book.setTask(taskId, 'skipped', { endedAt: this.h.clock.now(), error: t.value.error ?? reason }, 'task.skipped', { reason }, correlationId);
    if (!r.ok) return r;
    this.h.progress(t.value.runId);
    return r;
  }
}
