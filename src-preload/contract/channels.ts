import { z } from 'zod';
import type { InvokeChannel, PushChannel } from './channel-names';
import { ApprovalDecision, ApprovalId, ApprovalInfo, ApprovalMode } from './approvals';
import { StoredEvent } from './events';
import { healthInvokeSchemas, healthPushSchemas } from './health';
import { LockResource, ReleaseOutcome, ResourceLockState } from './locks';
import { CreateRunInput, RunDetail, RunId, RunInfo, RunReport, TaskId, TaskInfo } from './runs';
import { AccountId, AccountInfo, CreateAccountInput, CreatedAccount, StreamClientInfo } from './ops';
import { Cols, CreateSessionInput, ProfileInfo, Rows, SessionId, SessionInfo } from './session';

/**
 * THE contract: for every channel, the schema of what the renderer sends and
 * what the core answers. Both transports (Electron IPC, WebSocket) validate
 * inputs with these before any logic runs.
 */

const Empty = z.object({}).strict();
const BySession = z.object({ sessionId: SessionId }).strict();
const ByRun = z.object({ runId: RunId }).strict();
const TaskAction = z.object({ taskId: TaskId, reason: z.string().trim().max(500).optional() }).strict();

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  host: z.enum(['desktop', 'browser']),
  platform: z.string(),
  dataDir: z.string(),
  workspaceDir: z.string(),
  coreId: z.string(),
  startedAt: z.number(),
  /** Platform limitations the UI must state instead of pretending (DESIGN.md §10). */
  limitations: z.array(z.string()),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const AttachResult = z.object({
  session: SessionInfo,
  /** Serialized screen + scrollback (xterm SerializeAddon output). */
  snapshot: z.string(),
  /** Stream offset (in chars) the snapshot corresponds to. */
  offset: z.number().int().min(0),
  cols: Cols,
  rows: Rows,
});
export type AttachResult = z.infer<typeof AttachResult>;

export const ScreenResult = z.object({
  sessionId: SessionId,
  snapshot: z.string(),
  cols: Cols,
  rows: Rows,
  capturedAt: z.number().nullable(),
});
export type ScreenResult = z.infer<typeof ScreenResult>;

/** Largest input message: a generous paste; the core splits it into small pty writes. */
export const MAX_INPUT_CHARS = 1_000_000;

export const ScreenDebug = z.object({
  sessionId: SessionId,
  agent: z.string(),
  state: z.string(),
  ruleId: z.string().nullable(),
  rulesVersion: z.string(),
  /** Human-readable explanation: rule, file, line, prompt, screen with used rows marked. */
  explanation: z.string(),
  lines: z.array(z.string()),
  matchedLines: z.array(z.number().int()),
});
export type ScreenDebug = z.infer<typeof ScreenDebug>;

export const PolicyText = z.object({
  text: z.string(),
  file: z.string(),
  /** Warnings of the policy in force (e.g. a rule that tries to weaken a builtin deny). */
  warnings: z.array(z.string()),
  builtins: z.array(z.object({ id: z.string(), reason: z.string() })),
});
export type PolicyText = z.infer<typeof PolicyText>;

export const invokeSchemas = {
  'app.info': { input: Empty, output: AppInfo },
  'profiles.list': { input: Empty, output: z.array(ProfileInfo) },
  'sessions.list': { input: Empty, output: z.array(SessionInfo) },
  'sessions.create': { input: CreateSessionInput, output: SessionInfo },
  'sessions.stop': { input: BySession, output: SessionInfo },
  'sessions.kill': { input: BySession, output: SessionInfo },
  'sessions.restart': { input: BySession, output: SessionInfo },
  'sessions.rename': {
    input: z.object({ sessionId: SessionId, name: z.string().trim().min(1).max(80) }).strict(),
    output: SessionInfo,
  },
  'sessions.forget': { input: BySession, output: z.object({ sessionId: SessionId }) },
  'terminal.attach': { input: BySession, output: AttachResult },
  'terminal.detach': { input: BySession, output: z.object({}) },
  'terminal.input': {
    input: z.object({ sessionId: SessionId, data: z.string().min(1).max(MAX_INPUT_CHARS) }).strict(),
    output: z.object({}),
  },
  'terminal.resize': {
    input: z.object({ sessionId: SessionId, cols: Cols, rows: Rows }).strict(),
    output: z.object({}),
  },
  'terminal.ack': {
    input: z.object({ sessionId: SessionId, chars: z.number().int().min(1).max(100_000_000) }).strict(),
    output: z.object({}),
  },
  'history.sessions': {
    input: z.object({ limit: z.number().int().min(1).max(1_000).default(200) }).strict(),
    output: z.array(SessionInfo),
  },
  'history.events': {
    input: z
      .object({
        sessionId: SessionId.optional(),
        afterSeq: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(1_000).default(200),
      })
      .strict(),
    output: z.array(StoredEvent),
  },
  'history.screen': { input: BySession, output: ScreenResult },
  'approvals.list': { input: Empty, output: z.array(ApprovalInfo) },
  'approvals.decide': {
    input: z.object({ approvalId: ApprovalId, decision: ApprovalDecision }).strict(),
    output: ApprovalInfo,
  },
  'approvals.history': {
    input: z.object({ sessionId: SessionId.optional(), limit: z.number().int().min(1).max(1_000).default(200) }).strict(),
    output: z.array(ApprovalInfo),
  },
  'sessions.setMode': { input: z.object({ sessionId: SessionId, mode: ApprovalMode }).strict(), output: SessionInfo },
  'screen.debug': { input: BySession, output: ScreenDebug },
  'policy.get': { input: Empty, output: PolicyText },
  'policy.set': { input: z.object({ text: z.string().max(256 * 1024) }).strict(), output: PolicyText },
  'locks.list': { input: Empty, output: z.array(ResourceLockState) },
  'locks.forceRelease': {
    input: z.object({ resource: LockResource, reason: z.string().trim().max(500).optional() }).strict(),
    output: ReleaseOutcome,
  },
  'runs.list': { input: Empty, output: z.array(RunInfo) },
  'runs.get': { input: ByRun, output: RunDetail },
  'runs.create': { input: CreateRunInput, output: RunDetail },
  /** Graceful: every session of the run is asked to stop; the run ends `stopped`. */
  'runs.stop': { input: z.object({ runId: RunId, reason: z.string().trim().max(500).optional() }).strict(), output: RunInfo },
  'runs.pause': { input: z.object({ runId: RunId, reason: z.string().trim().max(500).optional() }).strict(), output: RunInfo },
  /** Also resumes a run found unfinished after an app restart (sessions restarted, conversations resumed). */
  'runs.resume': { input: ByRun, output: RunInfo },
  /** The run's protocol messages and task events, oldest first. */
  'runs.timeline': {
    input: z.object({ runId: RunId, afterSeq: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1_000).default(500) }).strict(),
    output: z.array(StoredEvent),
  },
  'runs.report': {
    input: z.object({ runId: RunId, format: z.enum(['json', 'markdown']).default('json') }).strict(),
    output: z.object({ report: RunReport, markdown: z.string() }),
  },
  'tasks.retry': { input: TaskAction, output: TaskInfo },
  'tasks.skip': { input: TaskAction, output: TaskInfo },
  'tasks.reassign': { input: TaskAction, output: TaskInfo },
  ...healthInvokeSchemas,
  'ops.accounts.list': { input: Empty, output: z.array(AccountInfo) },
  'ops.accounts.create': { input: CreateAccountInput, output: CreatedAccount },
  'ops.accounts.revoke': { input: z.object({ accountId: AccountId }).strict(), output: AccountInfo },
  'ops.streamClients': { input: Empty, output: z.array(StreamClientInfo) },
} as const satisfies Record<InvokeChannel, { input: z.ZodType; output: z.ZodType }>;

export const TerminalData = z.object({
  sessionId: SessionId,
  /** Offset of data[0] in the session's output stream (chars since start of this process). */
  offset: z.number().int().min(0),
  /** Incremented on restart: offsets restart at 0 for a new process. */
  epoch: z.number().int().min(0),
  data: z.string(),
});
export type TerminalData = z.infer<typeof TerminalData>;

export const AppNotice = z.object({
  level: z.enum(['info', 'warning', 'error']),
  message: z.string(),
});
export type AppNotice = z.infer<typeof AppNotice>;

export const pushSchemas = {
  'terminal.data': TerminalData,
  'session.changed': SessionInfo,
  'session.removed': z.object({ sessionId: SessionId }),
  'app.notice': AppNotice,
  'approval.changed': ApprovalInfo,
  /** Something changed in these resources' leases or queues: re-read them with locks.list. */
  'locks.changed': z.object({ resources: z.array(z.string()) }),
  'run.changed': RunInfo,
  'task.changed': TaskInfo,
  ...healthPushSchemas,
} as const satisfies Record<PushChannel, z.ZodType>;

export type InvokeInput<C extends InvokeChannel> = z.input<(typeof invokeSchemas)[C]['input']>;
export type InvokeParsed<C extends InvokeChannel> = z.output<(typeof invokeSchemas)[C]['input']>;
export type InvokeOutput<C extends InvokeChannel> = z.output<(typeof invokeSchemas)[C]['output']>;
export type PushPayload<C extends PushChannel> = z.output<(typeof pushSchemas)[C]>;
