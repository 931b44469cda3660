import { err, ok, type Result } from '../../../src-preload/contract/result';
import { MAX_TASK_ATTEMPTS, type RunInfo, type TaskInfo } from '../../../src-preload/contract/runs';
import type { Emitter } from '../../lib/disposable';
import type { Clock, TimerHandle } from '../ports/clock';
import type { RunRecord } from '../ports/runs';
import type { TerminalDelivery } from './delivery';
import type { MonitorFeed } from './monitor-feed';
import { fillPrompt, type PromptTemplates } from './prompts';
import type { ProtocolSender } from './protocol';
import { nextWakeAt, planAssignments } from './queue';
import { publicRun, type RunBook } from './run-book';
import { isRunDispatching, isTaskFinal } from './run-states';

export interface DispatcherHost {
  readonly book: RunBook;
  readonly delivery: TerminalDelivery;
  readonly feed: MonitorFeed;
  readonly clock: Clock;
  readonly prompts: PromptTemplates;
  readonly onAssigned: Emitter<{ taskId: string; workerId: string; at: number }>;
  /** The worker's process runs and can take work. */
  alive(sessionId: string): boolean;
  currentTask(sessionId: string): TaskInfo | null;
}

/**
 * The task queue in motion: the "stay" loop handing queued tasks to idle
 * workers (planAssignments decides, this applies), typing each task into its
 * worker's terminal, waking up when a retry's backoff ends, and moving the
 * run to integration once every task has ended.
 */
export class Dispatcher {
  private readonly wakeTimers = new Map<string, TimerHandle>();

  constructor(private readonly h: DispatcherHost) {}

  /** The "stay" loop: hands queued tasks to idle workers. Cheap; called on every change that may free a slot. */
  dispatch(runId: string): void {
    const run = this.h.book.run(runId);
    if (!run || !isRunDispatching(run.state)) return;
    const now = this.h.clock.now();
    const tasks = this.h.book.tasksOf(runId);
    const workers = run.workerSessionIds.map((id) => ({ sessionId: id, available: this.h.alive(id) }));
    for (const a of planAssignments({ tasks, workers, parallelism: run.parallelism, now })) this.assign(runId, a.taskId, a.workerId, null, 'core');
    const wake = nextWakeAt(this.h.book.tasksOf(runId), now);
    this.wakeTimers.get(runId)?.cancel();
    this.wakeTimers.delete(runId);
    if (wake !== null) this.wakeTimers.set(runId, this.h.clock.setTimeout(() => this.dispatch(runId), wake - now));
  }

  /** Assigns one task to one worker and types it into the worker's terminal. */
  assign(runId: string, taskId: string, workerId: string, correlationId: string | null, by: ProtocolSender): Result<TaskInfo> {
    const task = this.h.book.needTask(taskId, runId);
    if (!task.ok) return task;
    const run = this.h.book.run(runId) as RunRecord;
    if (!run.workerSessionIds.includes(workerId)) return err('not_found', `No worker ${workerId} in run ${runId}. Workers: ${run.workerSessionIds.join(', ') || 'none yet'}.`);
    if (task.value.state !== 'queued') return err('conflict', `Task ${taskId} is ${task.value.state}, not queued.`);
    if (!this.h.alive(workerId)) return err('invalid_state', `Worker ${workerId} is not running.`);
    const busy = this.h.currentTask(workerId);
    if (busy) return err('conflict', `Worker ${workerId} is busy with task ${busy.id}.`);
    const now = this.h.clock.now();
    const attempt = task.value.attempts + 1;
    const r = this.h.book.setTask(taskId, 'assigned', { workerSessionId: workerId, assignedAt: now, attempts: attempt, notBefore: null, error: null, endedAt: null }, 'task.assigned', { by }, correlationId, workerId);
    if (!r.ok) return r;
    this.h.onAssigned.fire({ taskId, workerId, at: now });
    const t = r.value;
    this.h.delivery.send(workerId, fillPrompt(this.h.prompts.worker, { runId, taskId, title: t.title, description: t.description || t.title, attempt }), `task:${taskId}`);
    return r;
  }

  delivered(sessionId: string, tag: string | null): void {
    if (!tag?.startsWith('task:')) return;
    const t = this.h.book.task(tag.slice(5));
    if (t && t.state === 'assigned' && t.workerSessionId === sessionId) this.h.book.setTask(t.id, 'running', {}, 'task.running');
  }

  /** Tells MainAI to integrate once every task has ended; re-dispatches otherwise. */
  progress(runId: string): void {
    const run = this.h.book.run(runId);
    if (!run) return;
    const tasks = this.h.book.tasksOf(runId);
    const ended = tasks.length > 0 && tasks.every((t) => isTaskFinal(t.state) || (t.state === 'failed' && t.attempts >= MAX_TASK_ATTEMPTS));
    if (ended && (run.state === 'executing' || run.state === 'spawning_workers')) {
      this.h.book.setState(runId, 'integrating');
      this.askToIntegrate(runId);
      return;
    }
    if (!ended && run.state === 'integrating') this.h.book.setState(runId, 'executing');
    this.dispatch(runId);
  }

  /** Tells MainAI every task has ended and how, so it integrates and calls complete_run. */
  askToIntegrate(runId: string): void {
    const run = this.h.book.run(runId);
    if (!run?.mainSessionId) return;
    const tasks = this.h.book.tasksOf(runId);
    const count = (s: TaskInfo['state']): number => tasks.filter((t) => t.state === s).length;
    const outcome = `${count('completed')} completed, ${count('failed')} failed, ${count('skipped')} skipped`;
    this.h.delivery.send(run.mainSessionId, fillPrompt(this.h.prompts.integrate, { runId, outcome }), null);
  }

  /** MonitorAI's optimization hint: lowers (or restores, up to maxWorkers) how many tasks run at once. */
  setParallelism(runId: string, parallelism: number, hint: string, sessionId: string | null, correlationId: string | null): Result<RunInfo> {
    const run = this.h.book.need(runId);
    if (!run.ok) return run;
    const p = Math.max(1, Math.min(run.value.maxWorkers, parallelism));
    const next = this.h.book.patch(runId, { parallelism: p });
    this.h.feed.protocol(runId, 'optimization_hint', 'monitor_ai', sessionId, { hint, parallelism: p }, correlationId);
    this.dispatch(runId);
    return ok(publicRun(next));
  }

  cancel(runId: string): void {
    this.wakeTimers.get(runId)?.cancel();
    this.wakeTimers.delete(runId);
  }

  dispose(): void {
    for (const t of this.wakeTimers.values()) t.cancel();
    this.wakeTimers.clear();
  }
}
