import type { StoredEvent } from '../../../src-preload/contract/events';
import type { RunInfo, TaskInfo } from '../../../src-preload/contract/runs';

/**
 * Persistence of runs and tasks (migration 004). The orchestrator is the only
 * writer; every change is written at once (small synchronous SQLite writes),
 * so a crash loses nothing acknowledged.
 */
export interface RunRecord extends RunInfo {
  /** Extra environment of the run's sessions; kept out of RunInfo (it may hold secrets). */
  env: Record<string, string>;
}

export interface RunRepo {
  upsertRun(run: RunRecord): void;
  getRun(id: string): RunRecord | undefined;
  /** Newest first. */
  listRuns(limit: number): RunRecord[];
  /** Several tasks in one transaction (an analysis records its whole plan at once). */
  upsertTasks(tasks: readonly TaskInfo[]): void;
  tasksOf(runId: string): TaskInfo[];
  /** Events whose data carries this runId (protocol.*, task.*, run.*), oldest first. */
  timeline(runId: string, afterSeq: number, limit: number): StoredEvent[];
}
