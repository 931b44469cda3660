import { z } from 'zod';
import { ApprovalMode } from './activity';
import { EnvMap, ProfileId, SessionId } from './session';

/**
 * Runs, tasks and the dual-orchestration protocol (MISSION.md "roles" and
 * "protocol"). One schema per shape, shared by the core, the MCP tools and
 * CLI (through the agent-tools route), the control API and the run view.
 */

export const RunId = z.string().regex(/^r_[A-Za-z0-9_-]{6,40}$/, 'not a run id');
export type RunId = z.infer<typeof RunId>;
export const TaskId = z.string().regex(/^t_[A-Za-z0-9_-]{6,40}$/, 'not a task id');
export type TaskId = z.infer<typeof TaskId>;

/**
 * MainAI's states (MISSION.md), which are the run's states, plus `stopped`:
 * where a shut-down run rests, distinct from `completed` so the history says
 * whether the work was finished or abandoned.
 */
export const RUN_STATES = [
  'idle',
  'analyzing',
  'spawning_workers',
  'executing',
  'integrating',
  'completed',
  'error',
  'paused',
  'frozen',
  'shutting_down',
  'stopped',
] as const;
export const RunState = z.enum(RUN_STATES);
export type RunState = z.infer<typeof RunState>;
/** Runs in these states are over: their sessions are gone and their report is final. */
export const isRunOver = (state: RunState): boolean => state === 'completed' || state === 'stopped';

export const TASK_STATES = ['queued', 'assigned', 'running', 'completed', 'failed', 'skipped'] as const;
export const TaskState = z.enum(TASK_STATES);
export type TaskState = z.infer<typeof TaskState>;

/** Bounded so a run cannot fork the machine to death; 2-core laptops run 2–4 comfortably. */
export const MAX_WORKERS_LIMIT = 16;
export const DEFAULT_MAX_WORKERS = 2;
/** MISSION.md: a worker's task is retried up to 3 times. */
export const MAX_TASK_ATTEMPTS = 3;
/** More tasks than this from one analysis is a runaway plan, not a plan. */
export const MAX_TASKS_PER_RUN = 500;

export const RunWorkspace = z.discriminatedUnion('kind', [
  /** Plain folders <root>/main_ai, <root>/monitor_ai, <root>/worker_N. Absent root → under <data>/runs/<runId>. */
  z.object({ kind: z.literal('folders'), root: z.string().min(1).max(4_096).optional() }).strict(),
  /** One git worktree (and branch) per worker of this repository. */
  z.object({ kind: z.literal('worktrees'), repo: z.string().min(1).max(4_096) }).strict(),
]);
export type RunWorkspace = z.infer<typeof RunWorkspace>;

export const RunProfiles = z
  .object({
    main: ProfileId.default('claude'),
    monitor: ProfileId.default('claude'),
    worker: ProfileId.default('claude'),
  })
  .strict();

export const CreateRunInput = z
  .object({
    request: z.string().trim().min(1, 'say what the run should do').max(20_000),
    name: z.string().trim().max(80).optional(),
    profiles: RunProfiles.default({ main: 'claude', monitor: 'claude', worker: 'claude' }),
    maxWorkers: z.number().int().min(1).max(MAX_WORKERS_LIMIT).default(DEFAULT_MAX_WORKERS),
    workspace: RunWorkspace.default({ kind: 'folders' }),
    approvalMode: ApprovalMode.default('manual'),
    /**
     * Recovery suggestions from MonitorAI (retry, reassign, skip) are applied by the
     * core at once; off → they are recorded and shown, and the person applies them.
     */
    autoRecovery: z.boolean().default(true),
    /** Extra environment for every session of the run (e.g. an API endpoint); the person's wins over inherited. */
    env: EnvMap.default({}),
  })
  .strict();
export type CreateRunInput = z.input<typeof CreateRunInput>;

export const TaskResult = z.object({
  summary: z.string().max(20_000),
  /** Paths relative to the worker's workspace. */
  files: z.array(z.string().max(4_096)).max(1_000),
});
export type TaskResult = z.infer<typeof TaskResult>;

export const TaskInfo = z.object({
  id: TaskId,
  runId: RunId,
  /** 1-based position in MainAI's plan; the queue is served in this order. */
  index: z.number().int().min(1),
  title: z.string(),
  description: z.string(),
  state: TaskState,
  attempts: z.number().int().min(0),
  workerSessionId: SessionId.nullable(),
  /** A worker this task must not go back to (set by reassign). */
  avoidSessionId: SessionId.nullable(),
  createdAt: z.number(),
  assignedAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  result: TaskResult.nullable(),
  error: z.string().nullable(),
  /** Last progress note from the worker. */
  progress: z.string().nullable(),
  /** A retried task waits in the queue until then (backoff 1 s, 2 s, 4 s); null = ready now. */
  notBefore: z.number().nullable(),
});
export type TaskInfo = z.infer<typeof TaskInfo>;

export const RunInfo = z.object({
  id: RunId,
  name: z.string(),
  request: z.string(),
  state: RunState,
  /** Where a paused run goes back to on resume. */
  resumeState: RunState.nullable(),
  profiles: z.object({ main: ProfileId, monitor: ProfileId, worker: ProfileId }),
  maxWorkers: z.number().int().min(1),
  /** maxWorkers lowered by MonitorAI's optimization hints (never above maxWorkers). */
  parallelism: z.number().int().min(1),
  workspace: RunWorkspace,
  workspaceRoot: z.string(),
  approvalMode: ApprovalMode,
  autoRecovery: z.boolean(),
  mainSessionId: SessionId.nullable(),
  monitorSessionId: SessionId.nullable(),
  workerSessionIds: z.array(SessionId),
  createdAt: z.number(),
  endedAt: z.number().nullable(),
  /** MainAI's integration summary once the run completed. */
  summary: z.string().nullable(),
  /** Why the run is paused, errored or stopped, for the person. */
  reason: z.string().nullable(),
});
export type RunInfo = z.infer<typeof RunInfo>;

export const RunDetail = z.object({ run: RunInfo, tasks: z.array(TaskInfo) });

/** A task added to a live run from outside (a signed `task.submit` webhook): queued after MainAI's plan. */
export const SubmitTaskInput = z.object({
  runId: RunId,
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(20_000).default(''),
});
export type SubmitTaskInput = z.input<typeof SubmitTaskInput>;
export type RunDetail = z.infer<typeof RunDetail>;

/** MISSION.md protocol message types; each is persisted as an event of type `protocol.<type>`. */
export const PROTOCOL_TYPES = [
  'heartbeat',
  'task_analysis_complete',
  'worker_spawned',
  'worker_error',
  'critical_error',
  'status_update',
  'recovery_suggestion',
  'optimization_hint',
  'pause',
  'resume',
  'shutdown',
] as const;
export const ProtocolType = z.enum(PROTOCOL_TYPES);
export type ProtocolType = z.infer<typeof ProtocolType>;
export const PROTOCOL_EVENT_PREFIX = 'protocol.';

export const RunReportTask = z.object({
  taskId: TaskId,
  index: z.number().int(),
  title: z.string(),
  outcome: TaskState,
  attempts: z.number().int(),
  workerSessionId: SessionId.nullable(),
  files: z.array(z.string()),
  summary: z.string(),
});
export const RunReport = z.object({
  runId: RunId,
  name: z.string(),
  request: z.string(),
  state: RunState,
  createdAt: z.number(),
  endedAt: z.number().nullable(),
  summary: z.string().nullable(),
  tasks: z.array(RunReportTask),
});
export type RunReport = z.infer<typeof RunReport>;
