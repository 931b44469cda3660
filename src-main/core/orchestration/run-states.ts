import type { RunState, TaskState } from '../../../src-preload/contract/runs';
import { err, ok, type Result } from '../../../src-preload/contract/result';

/**
 * The run lifecycle (MISSION.md MainAI states, DESIGN.md §8.5). The table is
 * the authority: the orchestrator is the only writer of a run's state and
 * every change goes through `runTransition`.
 *
 *   idle → analyzing → spawning_workers → executing → integrating → completed
 *   any working state ↔ paused / frozen; → error; → shutting_down → stopped
 */
const WORKING: readonly RunState[] = ['idle', 'analyzing', 'spawning_workers', 'executing', 'integrating'];

export const RUN_TRANSITIONS: Readonly<Record<RunState, readonly RunState[]>> = {
  idle: ['analyzing', 'paused', 'error', 'shutting_down'],
  analyzing: ['spawning_workers', 'executing', 'paused', 'frozen', 'error', 'shutting_down'],
  spawning_workers: ['executing', 'integrating', 'paused', 'frozen', 'error', 'shutting_down'],
  // integrating: every task ended; a retry brings the run back to executing.
  executing: ['integrating', 'paused', 'frozen', 'error', 'shutting_down'],
  integrating: ['completed', 'executing', 'paused', 'frozen', 'error', 'shutting_down'],
  // A pause or freeze returns to the state it interrupted (RunInfo.resumeState).
  paused: [...WORKING, 'error', 'shutting_down'],
  frozen: [...WORKING, 'paused', 'error', 'shutting_down'],
  error: ['paused', ...WORKING, 'shutting_down'],
  shutting_down: ['stopped'],
  completed: [],
  stopped: [],
};

export function runTransition(from: RunState, to: RunState): Result<RunState> {
  return RUN_TRANSITIONS[from].includes(to) ? ok(to) : err('invalid_state', `A run cannot go from ${from} to ${to}.`);
}

export const isRunFinished = (s: RunState): boolean => s === 'completed' || s === 'stopped';
/** States in which the dispatcher hands out tasks. */
export const isRunDispatching = (s: RunState): boolean => s === 'spawning_workers' || s === 'executing' || s === 'integrating';
export const isWorkingState = (s: RunState): boolean => WORKING.includes(s);

/**
 * The task lifecycle. `assigned`: the core chose a worker; `running`: the task
 * has been typed into that worker's terminal. A failed task may be retried
 * (back to queued) until MAX_TASK_ATTEMPTS; completed and skipped are final.
 */
export const TASK_TRANSITIONS: Readonly<Record<TaskState, readonly TaskState[]>> = {
  queued: ['assigned', 'skipped'],
  assigned: ['running', 'queued', 'completed', 'failed', 'skipped'],
  running: ['completed', 'failed', 'queued', 'skipped'],
  failed: ['queued', 'skipped'],
  completed: [],
  skipped: [],
};

export function taskTransition(from: TaskState, to: TaskState): Result<TaskState> {
  return TASK_TRANSITIONS[from].includes(to) ? ok(to) : err('invalid_state', `A task cannot go from ${from} to ${to}.`);
}

export const isTaskFinal = (s: TaskState): boolean => s === 'completed' || s === 'skipped';
/** Nothing more will happen to the task by itself (a failed one waits for a recovery decision). */
export const isTaskSettled = (s: TaskState): boolean => s === 'completed' || s === 'skipped' || s === 'failed';
export const isTaskActive = (s: TaskState): boolean => s === 'assigned' || s === 'running';
