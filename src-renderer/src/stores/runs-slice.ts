import type { RunInfo, TaskInfo } from '../../../src-preload/contract/runs';

/**
 * Runs and their tasks as the core last reported them. Pushes (`run.changed`,
 * `task.changed`) carry whole records, so applying one is a replace by id;
 * a task for a run we have not loaded yet is kept (its run arrives with the
 * next list or push).
 */
export interface RunsState {
  readonly byId: Readonly<Record<string, RunInfo>>;
  /** Newest first: the run a person just started is on top. */
  readonly order: readonly string[];
  readonly tasks: Readonly<Record<string, Readonly<Record<string, TaskInfo>>>>;
  /** runs.list has answered at least once. */
  readonly loaded: boolean;
}

export const emptyRuns: RunsState = { byId: {}, order: [], tasks: {}, loaded: false };

const newestFirst = (byId: Readonly<Record<string, RunInfo>>): string[] =>
  Object.values(byId)
    .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1))
    .map((r) => r.id);

export function replaceRuns(state: RunsState, list: readonly RunInfo[]): RunsState {
  const byId: Record<string, RunInfo> = {};
  for (const r of list) byId[r.id] = r;
  // Tasks of runs that no longer exist go with them.
  const tasks = Object.fromEntries(Object.entries(state.tasks).filter(([runId]) => byId[runId] !== undefined));
  return { byId, order: newestFirst(byId), tasks, loaded: true };
}

export function upsertRun(state: RunsState, run: RunInfo): RunsState {
  const known = state.byId[run.id] !== undefined;
  const byId = { ...state.byId, [run.id]: run };
  return { ...state, byId, order: known ? state.order : newestFirst(byId) };
}

export function upsertTask(state: RunsState, task: TaskInfo): RunsState {
  const forRun = { ...(state.tasks[task.runId] ?? {}), [task.id]: task };
  return { ...state, tasks: { ...state.tasks, [task.runId]: forRun } };
}

/** A run's full detail (runs.get): its task list replaces what we had. */
export function setRunDetail(state: RunsState, run: RunInfo, tasks: readonly TaskInfo[]): RunsState {
  const forRun: Record<string, TaskInfo> = {};
  for (const t of tasks) forRun[t.id] = t;
  return { ...upsertRun(state, run), tasks: { ...state.tasks, [run.id]: forRun } };
}

/** A run's tasks in plan order. */
export function tasksOf(state: RunsState, runId: string): TaskInfo[] {
  return Object.values(state.tasks[runId] ?? {}).sort((a, b) => a.index - b.index);
}
