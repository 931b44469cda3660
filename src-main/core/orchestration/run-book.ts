import type { RunInfo, RunState, TaskInfo, TaskState } from '../../../src-preload/contract/runs';
import { err, ok, type Result } from '../../../src-preload/contract/result';
import { Emitter } from '../../lib/disposable';
import type { Logger } from '../../lib/logger';
import type { Clock } from '../ports/clock';
import type { RunRecord, RunRepo } from '../ports/runs';
import type { NewEvent } from '../ports/store';
import { runTransition, taskTransition } from './run-states';

/**
 * The orchestrator's memory of runs and tasks, and the only writer of their
 * rows: every change goes through the state machines, is persisted at once,
 * recorded as an event carrying the runId (the timeline) and announced to
 * the views. Nothing else mutates a RunRecord or a TaskInfo.
 */
export interface RunBookDeps {
  clock: Clock;
  repo: RunRepo;
  events: { append(e: NewEvent): void };
  logger: Logger;
}

export class RunBook {
  private readonly runs = new Map<string, RunRecord>();
  private readonly tasks = new Map<string, TaskInfo[]>();
  readonly onRunChanged = new Emitter<RunInfo>();
  readonly onTaskChanged = new Emitter<TaskInfo>();

  constructor(private readonly deps: RunBookDeps) {}

  /** Loads every run kept on disk (the list view pages no further: runs are few). */
  load(limit: number): RunRecord[] {
    const loaded = this.deps.repo.listRuns(limit);
    for (const r of loaded) {
      this.runs.set(r.id, r);
      this.tasks.set(r.id, this.deps.repo.tasksOf(r.id));
    }
    return loaded;
  }

  run(id: string): RunRecord | undefined {
    return this.runs.get(id);
  }

  need(id: string): Result<RunRecord> {
    const r = this.runs.get(id);
    return r ? ok(r) : err('not_found', `No run with id ${id}.`);
  }

  all(): RunRecord[] {
    return [...this.runs.values()].sort((a, b) => b.createdAt - a.createdAt);
  }

  tasksOf(runId: string): readonly TaskInfo[] {
    return this.tasks.get(runId) ?? [];
  }

  task(taskId: string): TaskInfo | undefined {
    for (const list of this.tasks.values()) {
      const t = list.find((x) => x.id === taskId);
      if (t) return t;
    }
    return undefined;
  }

  needTask(taskId: string, runId?: string): Result<TaskInfo> {
    const t = this.task(taskId);
    if (!t || (runId !== undefined && t.runId !== runId)) return err('not_found', `No task with id ${taskId}${runId ? ` in run ${runId}` : ''}.`);
    return ok(t);
  }

  event(type: string, runId: string, sessionId: string | null, data: Record<string, unknown>, correlationId: string | null = null, sender = 'core'): void {
    this.deps.events.append({ ts: this.deps.clock.now(), type, sender, sessionId, correlationId, data: { runId, ...data } });
  }

  add(run: RunRecord): void {
    this.runs.set(run.id, run);
    this.tasks.set(run.id, []);
    this.deps.repo.upsertRun(run);
    this.onRunChanged.fire(publicRun(run));
  }

  /** Changes fields other than the state (workers, parallelism, summary…). */
  patch(runId: string, patch: Partial<Omit<RunRecord, 'id' | 'state'>>): RunRecord {
    const cur = this.runs.get(runId);
    if (!cur) throw new Error(`bug: patch of unknown run ${runId}`);
    const next = { ...cur, ...patch };
    this.runs.set(runId, next);
    this.deps.repo.upsertRun(next);
    this.onRunChanged.fire(publicRun(next));
    return next;
  }

  setState(runId: string, to: RunState, patch: Partial<Omit<RunRecord, 'id' | 'state'>> = {}, correlationId: string | null = null): Result<RunRecord> {
    const cur = this.runs.get(runId);
    if (!cur) return err('not_found', `No run with id ${runId}.`);
    if (cur.state === to) return ok(this.patch(runId, patch));
    const t = runTransition(cur.state, to);
    if (!t.ok) return t;
    const next = { ...cur, ...patch, state: to };
    this.runs.set(runId, next);
    this.deps.repo.upsertRun(next);
    this.event('run.state', runId, null, { from: cur.state, to, reason: next.reason }, correlationId);
    this.onRunChanged.fire(publicRun(next));
    return ok(next);
  }

  addTasks(runId: string, tasks: TaskInfo[]): void {
    const list = this.tasks.get(runId) ?? [];
    list.push(...tasks);
    this.tasks.set(runId, list);
    this.deps.repo.upsertTasks(tasks);
    for (const t of tasks) this.onTaskChanged.fire(t);
  }

  /** Moves a task through its state machine (or patches it in place when `to` is its state). */
  setTask(taskId: string, to: TaskState, patch: Partial<Omit<TaskInfo, 'id' | 'runId' | 'state'>>, eventType: string | null, eventData: Record<string, unknown> = {}, correlationId: string | null = null, sessionId: string | null = null): Result<TaskInfo> {
    const cur = this.task(taskId);
    if (!cur) return err('not_found', `No task with id ${taskId}.`);
    if (cur.state !== to) {
      const t = taskTransition(cur.state, to);
      if (!t.ok) return err('conflict', `Task ${taskId} is ${cur.state}: ${t.error.message}`);
    }
    const next: TaskInfo = { ...cur, ...patch, state: to };
    const list = this.tasks.get(cur.runId) as TaskInfo[];
    list[list.findIndex((x) => x.id === taskId)] = next;
    this.deps.repo.upsertTasks([next]);
    if (eventType) this.event(eventType, cur.runId, sessionId ?? next.workerSessionId, { taskId, index: next.index, state: to, attempts: next.attempts, ...eventData }, correlationId);
    this.onTaskChanged.fire(next);
    return ok(next);
  }

  dispose(): void {
    this.onRunChanged.dispose();
    this.onTaskChanged.dispose();
  }
}

export const publicRun = (r: RunRecord): RunInfo => {
  const { env: _env, ...info } = r;
  return info;
};
