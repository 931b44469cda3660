import { err, type Result } from '../../../src-preload/contract/result';

/**
 * The seam between two features that are built side by side:
 *   - orchestration (core/orchestration) owns runs and tasks and IMPLEMENTS
 *     `RunControl`; the health/recovery feature CALLS it for the task-level
 *     strategies (retry, reassign, skip) and run-level ones (pause, resume,
 *     shut down), so a recovery button or the healer never touches task rows.
 *   - health (core/health) IMPLEMENTS `HealthReader`; orchestration CALLS it
 *     for MonitorAI's "read the health digest" tool.
 * Neither feature imports the other; compose.ts hands each the other's port.
 * Until both exist, compose.ts passes the null implementations below, which
 * answer honestly ("no run owns this session") rather than pretending.
 */

export interface TaskRef {
  runId: string;
  taskId: string;
}

export interface RunControl {
  /** The task the session is working on now, or null when it has none. */
  currentTask(sessionId: string): TaskRef | null;
  /** The run a session belongs to (any role), or null for a free session. */
  runOf(sessionId: string): string | null;
  /** Puts the task back in the queue for another attempt (counts an attempt). */
  retryTask(taskId: string, reason: string): Result<void>;
  /** Takes the task off its worker and queues it for a different worker. */
  reassignTask(taskId: string, reason: string): Result<void>;
  /** Marks the task skipped; the run goes on without it. */
  skipTask(taskId: string, reason: string): Result<void>;
  pauseRun(runId: string, reason: string): Result<void>;
  resumeRun(runId: string, reason: string): Result<void>;
  shutdownRun(runId: string, reason: string): Promise<Result<void>>;
}

/** One session's health as MonitorAI and the control API read it. */
export interface HealthDigestEntry {
  sessionId: string;
  name: string;
  role: string;
  state: string;
  activity: string;
  /** ms since the last output, hook event or heartbeat; null if none yet. */
  lastSignalAgeMs: number | null;
  cpuPct: number | null;
  rssBytes: number | null;
  /** Anomaly score (0 = normal); what crosses its threshold is in `issues`. */
  anomaly: number;
  /** Human-readable findings: "stalled 95 s", "rate limit on screen", … */
  issues: string[];
}

export interface HealthReader {
  /**
   * `readerSessionId`: the MonitorAI session reading (its tool call). The
   * watchdog counts these reads as MonitorAI's answers: one that stops
   * reading its digests is restarted like a dead one.
   */
  digest(filter?: { sessionIds?: readonly string[]; readerSessionId?: string }): HealthDigestEntry[];
}

const noRun = (): Result<void> => err('not_found', 'no run owns this task or session');

export const nullRunControl: RunControl = {
  currentTask: () => null,
  runOf: () => null,
  retryTask: noRun,
  reassignTask: noRun,
  skipTask: noRun,
  pauseRun: noRun,
  resumeRun: noRun,
  shutdownRun: async () => noRun(),
};
