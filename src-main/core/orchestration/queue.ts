import type { TaskInfo } from '../../../src-preload/contract/runs';
import { isTaskActive } from './run-states';

/**
 * The dispatcher's decision, as a pure function (the "stay" loop): every idle
 * worker takes the next queued task in plan order, while the number of active
 * tasks stays under the run's parallelism. Retried tasks wait out their
 * backoff (`notBefore`); a reassigned task avoids its previous worker unless
 * no other worker is alive.
 */
export interface WorkerSlot {
  sessionId: string;
  /** Alive and able to receive a task (not exited, not paused). */
  available: boolean;
}

export interface Assignment {
  taskId: string;
  workerId: string;
}

export function planAssignments(input: {
  tasks: readonly TaskInfo[];
  /** In the order they should be served (longest idle first is fairest). */
  workers: readonly WorkerSlot[];
  parallelism: number;
  now: number;
}): Assignment[] {
  const busy = new Set<string>();
  let active = 0;
  for (const t of input.tasks) {
    if (!isTaskActive(t.state)) continue;
    active++;
    if (t.workerSessionId) busy.add(t.workerSessionId);
  }
  const live = input.workers.filter((w) => w.available);
  const idle = live.filter((w) => !busy.has(w.sessionId));
  const queued = input.tasks
    .filter((t) => t.state === 'queued' && (t.notBefore === null || t.notBefore <= input.now))
    .sort((a, b) => a.index - b.index);
  const out: Assignment[] = [];
  const taken = new Set<string>();
  for (const w of idle) {
    if (active >= input.parallelism) break;
    const task = queued.find((t) => !taken.has(t.id) && (t.avoidSessionId !== w.sessionId || live.length === 1));
    if (!task) continue;
    taken.add(task.id);
    out.push({ taskId: task.id, workerId: w.sessionId });
    active++;
  }
  return out;
}

/** When the next backoff ends (to wake the dispatcher), or null if no queued task waits. */
export function nextWakeAt(tasks: readonly TaskInfo[], now: number): number | null {
  let at: number | null = null;
  for (const t of tasks) {
    if (t.state !== 'queued' || t.notBefore === null || t.notBefore <= now) continue;
    at = at === null ? t.notBefore : Math.min(at, t.notBefore);
  }
  return at;
}

/** MISSION.md: retries back off 1 s, 2 s, 4 s. `attempt` is the attempt that failed (1-based). */
export const RETRY_BACKOFF_BASE_MS = 1_000;
export const retryBackoffMs = (attempt: number): number => RETRY_BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1);
