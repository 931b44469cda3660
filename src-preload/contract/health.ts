import { z } from 'zod';
import { StoredEvent } from './events';
import { SessionId } from './session';

/**
 * Health, recovery and self-healing (issue 5, MISSION.md "Errors and
 * recovery", DESIGN.md §6): what the core's monitor measures per session,
 * what it found, what it suggests, and the recovery strategies a person (one
 * click) or the healer can apply.
 */

/** Every recovery strategy of MISSION.md; session-level ones act on the session, task/run-level ones on its run. */
export const RECOVERY_STRATEGIES = [
  'interrupt',
  'restart_session',
  'retry_task',
  'reassign_task',
  'skip_task',
  'pause',
  'resume',
  'kill',
  'shutdown_run',
] as const;
export const RecoveryStrategy = z.enum(RECOVERY_STRATEGIES);
export type RecoveryStrategy = z.infer<typeof RecoveryStrategy>;

/** One recovery request: the strategy, its own parameters, and why (for the record). */
export const RecoveryRequest = z.discriminatedUnion('strategy', [
  z.object({ strategy: z.literal('interrupt'), sessionId: SessionId, key: z.enum(['esc', 'ctrl_c']).default('esc'), reason: z.string().max(500).optional() }).strict(),
  z.object({ strategy: z.literal('restart_session'), sessionId: SessionId, cleanWorkspace: z.boolean().default(false), reason: z.string().max(500).optional() }).strict(),
  ...(['retry_task', 'reassign_task', 'skip_task', 'pause', 'resume', 'kill', 'shutdown_run'] as const).map((s) =>
    z.object({ strategy: z.literal(s), sessionId: SessionId, reason: z.string().max(500).optional() }).strict(),
  ),
]);
export type RecoveryRequest = z.input<typeof RecoveryRequest>;
export type RecoveryRequestParsed = z.output<typeof RecoveryRequest>;

/** off: measure only · suggest: measure and suggest the next step · auto: apply the safe steps by itself. */
export const HEALTH_MODES = ['off', 'suggest', 'auto'] as const;
export const HealthMode = z.enum(HEALTH_MODES);
export type HealthMode = z.infer<typeof HealthMode>;

export const ISSUE_KINDS = [
  'crashed',
  'stalled',
  'output_flood',
  'rate_limited',
  'auth_failed',
  'api_error',
  'crash_trace',
  'anomaly',
  'high_cpu',
  'high_memory',
] as const;
export const IssueKind = z.enum(ISSUE_KINDS);
export type IssueKind = z.infer<typeof IssueKind>;

export const Severity = z.enum(['low', 'medium', 'high', 'critical']);
export type Severity = z.infer<typeof Severity>;

export const HealthIssue = z.object({
  kind: IssueKind,
  severity: Severity,
  reason: z.string(),
  since: z.number(),
});
export type HealthIssue = z.infer<typeof HealthIssue>;

/** The healer's stage for one session (core/recovery/healer-stages.ts has the transition table). */
export const HEALER_STAGES = ['healthy', 'detected', 'interrupting', 'restarting', 'requeued', 'escalated', 'paused'] as const;
export const HealerStage = z.enum(HEALER_STAGES);
export type HealerStage = z.infer<typeof HealerStage>;

export const Suggestion = z.object({
  strategy: RecoveryStrategy,
  reason: z.string(),
  /** The core's monitor, or MonitorAI's recovery_suggestion. */
  source: z.enum(['core', 'monitor_ai']),
  at: z.number(),
});
export type Suggestion = z.infer<typeof Suggestion>;

/** One sample of one session, as graphed and stored. */
export const HealthSample = z.object({
  ts: z.number(),
  sessionId: z.string(),
  cpuPct: z.number().nullable(),
  rssBytes: z.number().nullable(),
  /** Output chars per second since the previous sample. */
  outRate: z.number(),
  /** ms since the last output, hook event or activity change; null if none yet. */
  heartbeatAgeMs: z.number().nullable(),
  /** Largest |anomaly score| this sample (0 = normal). */
  anomaly: z.number(),
  pendingApprovals: z.number().int(),
});
export type HealthSample = z.infer<typeof HealthSample>;

export const HostHealth = z.object({
  ts: z.number(),
  cpuPct: z.number(),
  memPct: z.number(),
  diskPct: z.number(),
});
export type HostHealth = z.infer<typeof HostHealth>;

export const SessionHealth = z.object({
  sessionId: SessionId,
  stage: HealerStage,
  /** The mode in force for this session (its own, or the default). */
  mode: HealthMode,
  issues: z.array(HealthIssue),
  /** The highlighted next step, with its reason. */
  suggestion: Suggestion.nullable(),
  /** Restarts inside the restart-policy window (the budget). */
  restartsInWindow: z.number().int(),
  maxRestarts: z.number().int(),
  /** The run and task the session works for (through RunControl), so task and run buttons show only where they apply. */
  runId: z.string().nullable(),
  taskId: z.string().nullable(),
  lastSample: HealthSample.nullable(),
});
export type SessionHealth = z.infer<typeof SessionHealth>;

export const HealthSettings = z.object({
  defaultMode: HealthMode,
  /** Per-session overrides. */
  sessionModes: z.record(z.string(), HealthMode),
  /** Busy with no output for this long counts as stalled, ms. */
  stallMs: z.number().int().min(1_000).max(3_600_000),
});
export type HealthSettings = z.infer<typeof HealthSettings>;

export const HealthOverview = z.object({
  sessions: z.array(SessionHealth),
  host: HostHealth.nullable(),
  settings: HealthSettings,
  sampleIntervalMs: z.number(),
});
export type HealthOverview = z.infer<typeof HealthOverview>;

export const HealthTick = z.object({
  ts: z.number(),
  samples: z.array(HealthSample),
  host: HostHealth.nullable(),
});
export type HealthTick = z.infer<typeof HealthTick>;

export const RecoveryOutcome = z.object({
  strategy: RecoveryStrategy,
  outcome: z.string(),
});
export type RecoveryOutcome = z.infer<typeof RecoveryOutcome>;

/** Event types the health feature writes (data always carries strategy/kind, reason and outcome). */
export const HEALTH_EVENT_TYPES = [
  'health.detected',
  'health.cleared',
  'health.stage',
  'recovery.suggested',
  'recovery.action',
  'recovery.gave_up',
  'recovery.escalated',
  'optimization_hint',
] as const;

/** Largest history read in one call: 1 h of one session at 1 s, or 32 sessions for ~10 min. */
export const MAX_SAMPLES_PER_READ = 20_000;

export const healthInvokeSchemas = {
  'health.overview': { input: z.object({}).strict(), output: HealthOverview },
  'health.samples': {
    input: z
      .object({
        sessionId: SessionId.optional(),
        sinceTs: z.number().min(0).default(0),
        limit: z.number().int().min(1).max(MAX_SAMPLES_PER_READ).default(5_000),
      })
      .strict(),
    output: z.array(HealthSample),
  },
  'health.act': { input: RecoveryRequest, output: RecoveryOutcome },
  'health.setMode': {
    input: z.object({ sessionId: SessionId.optional(), mode: HealthMode }).strict(),
    output: HealthSettings,
  },
  'health.events': {
    input: z.object({ sessionId: SessionId.optional(), limit: z.number().int().min(1).max(1_000).default(200) }).strict(),
    output: z.array(StoredEvent),
  },
} as const;

export const healthPushSchemas = {
  'health.tick': HealthTick,
  'health.changed': SessionHealth,
} as const;
