import { z } from 'zod';
import { err, ok, type Result } from '../../../src-preload/contract/result';
import { MAX_TASKS_PER_RUN, TaskId, TaskResult } from '../../../src-preload/contract/runs';
import { SessionId } from '../../../src-preload/contract/session';
import type { HealthReader } from '../ports/run-control';
import type { Orchestrator } from '../orchestration/orchestrator';
import { sessionDigest } from '../orchestration/session-digest';
import { RECOVERY_STRATEGIES } from '../orchestration/task-outcomes';
import type { SessionService } from '../sessions/session-service';
import { defineTool, type AgentTool, type AgentToolContext } from './registry';

/**
 * The dual-orchestration tools (issue 4): MainAI plans and hands out work,
 * workers report results, MonitorAI diagnoses and steers. The run and the
 * caller's place in it come from the calling session, never from the input,
 * so an agent can only act inside its own run and role.
 */
export interface OrchestrationToolsDeps {
  orch: Orchestrator;
  sessions: Pick<SessionService, 'get'>;
  /** The health feature's reader once it exists; until then a digest is built from session states. */
  health(): HealthReader | null;
  /** MonitorAI suggested a recovery for the task a session works on: the health feature highlights it on that session's card. */
  onSuggestion?(workerSessionId: string, strategy: (typeof RECOVERY_STRATEGIES)[number], diagnosis: string): void;
  now(): number;
}

/** The tail of a worker's screen an agent may read at once: enough to see an error, not a log dump. */
const MAX_OUTPUT_LINES = 200;
const Reason = z.string().trim().min(1).max(2_000);

export const AnalysisInput = z
  .object({
    tasks: z
      .array(z.object({ title: z.string().trim().min(1).max(200), description: z.string().trim().max(10_000).default('') }).strict())
      .min(1, 'an analysis needs at least one task: say what the workers should do')
      .max(MAX_TASKS_PER_RUN),
  })
  .strict();

function runOf(d: OrchestrationToolsDeps, ctx: AgentToolContext): Result<string> {
  const runId = d.orch.runOf(ctx.sessionId);
  // A tool call proves the agent took what was typed to it (see TerminalDelivery.taken).
  if (runId) d.orch.delivery.taken(ctx.sessionId);
  if (runId && ctx.role === 'main') d.orch.heartbeat(runId, ctx.sessionId, ctx.correlationId);
  return runId ? ok(runId) : err('not_found', 'This session belongs to no run: the orchestration tools work only inside a run.');
}

function workerOf(d: OrchestrationToolsDeps, runId: string, workerId: string): Result<string> {
  const run = d.orch.book.run(runId);
  if (!run?.workerSessionIds.includes(workerId)) return err('not_found', `No worker ${workerId} in this run. Call list_workers to see them.`);
  return ok(workerId);
}

/** The task a worker means: the one named (must be its own) or its current one. */
function taskOfWorker(d: OrchestrationToolsDeps, ctx: AgentToolContext, taskId: string | undefined): Result<string> {
  d.orch.delivery.taken(ctx.sessionId);
  if (taskId) {
    const t = d.orch.book.task(taskId);
    if (!t || t.runId !== d.orch.runOf(ctx.sessionId)) return err('not_found', `No task ${taskId} in your run.`);
    return ok(taskId);
  }
  const cur = d.orch.currentTask(ctx.sessionId);
  return cur ? ok(cur.id) : err('not_found', 'You have no task assigned right now; pass taskId.');
}

export function createOrchestrationTools(d: OrchestrationToolsDeps): AgentTool[] {
  const main = ['main'] as const;
  const worker = ['worker'] as const;
  const monitor = ['monitor'] as const;
  const o = d.orch;
  return [
    // ── MainAI ───────────────────────────────────────────────────────────────
    defineTool({
      name: 'analysis_complete',
      description:
        'Record your plan for the request: the list of tasks (title + description with everything a worker needs). ' +
        'Call once; the tasks are queued in this order and handed to workers as they become idle.',
      input: AnalysisInput,
      roles: main,
      async handler(ctx, input): Promise<Result<unknown>> {
        const runId = runOf(d, ctx);
        if (!runId.ok) return runId;
        const r = o.tasks.recordAnalysis(runId.value, input.tasks, ctx.sessionId, ctx.correlationId);
        return r.ok ? ok({ taskIds: r.value.map((t) => t.id), next: 'Call spawn_worker to start workers.' }) : r;
      },
    }),
    defineTool({
      name: 'spawn_worker',
      description: 'Start workers (count, default 1) up to the run\'s maximum. Idle workers get the queued tasks automatically.',
      input: z.object({ count: z.number().int().min(1).max(16).default(1) }).strict(),
      roles: main,
      async handler(ctx, input) {
        const runId = runOf(d, ctx);
        return runId.ok ? o.spawnWorkers(runId.value, input.count, ctx.correlationId) : runId;
      },
    }),
    defineTool({
      name: 'assign_task',
      description: 'Give a specific queued task to a specific idle worker now (normally not needed: idle workers take the next task by themselves).',
      input: z.object({ taskId: TaskId, workerId: SessionId }).strict(),
      roles: main,
      async handler(ctx, input): Promise<Result<unknown>> {
        const runId = runOf(d, ctx);
        if (!runId.ok) return runId;
        const w = workerOf(d, runId.value, input.workerId);
        if (!w.ok) return w;
        return o.assign(runId.value, input.taskId, input.workerId, ctx.correlationId, 'main_ai');
      },
    }),
    defineTool({
      name: 'list_workers',
      description: 'The run\'s workers with their state, what they are doing and their current task; plus the task board.',
      input: z.object({}).strict(),
      roles: [...main, ...monitor],
      async handler(ctx): Promise<Result<unknown>> {
        const runId = runOf(d, ctx);
        if (!runId.ok) return runId;
        const run = o.book.run(runId.value);
        const workers = (run?.workerSessionIds ?? []).map((id) => {
          const rt = d.sessions.get(id);
          const info = rt.ok ? rt.value.info() : null;
          const task = o.currentTask(id);
          return { workerId: id, name: info?.name ?? id, state: info?.state ?? 'unknown', activity: info?.activity.state ?? 'unknown', taskId: task?.id ?? null };
        });
        const tasks = o.book.tasksOf(runId.value).map((t) => ({ taskId: t.id, title: t.title, state: t.state, attempts: t.attempts, workerId: t.workerSessionId, summary: t.result?.summary ?? t.error ?? null }));
        return ok({ runState: run?.state, parallelism: run?.parallelism, workers, tasks });
      },
    }),
    defineTool({
      name: 'read_worker_output',
      description: 'The text currently on a worker\'s screen (last `lines` lines, default 60).',
      input: z.object({ workerId: SessionId, lines: z.number().int().min(1).max(MAX_OUTPUT_LINES).default(60) }).strict(),
      roles: [...main, ...monitor],
      async handler(ctx, input): Promise<Result<unknown>> {
        const runId = runOf(d, ctx);
        if (!runId.ok) return runId;
        const w = workerOf(d, runId.value, input.workerId);
        if (!w.ok) return w;
        const rt = d.sessions.get(input.workerId);
        const screen = rt.ok ? rt.value.screenText() : null;
        if (!screen) return ok({ workerId: input.workerId, live: false, text: '' });
        const lines = (await screen).lines.map((l) => l.trimEnd());
        while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
        return ok({ workerId: input.workerId, live: true, text: lines.slice(-input.lines).join('\n') });
      },
    }),
    defineTool({
      name: 'send_worker_message',
      description: 'Type a message into a worker\'s terminal (delivered when it waits for input).',
      input: z.object({ workerId: SessionId, text: z.string().trim().min(1).max(4_000) }).strict(),
      roles: main,
      async handler(ctx, input): Promise<Result<unknown>> {
        const runId = runOf(d, ctx);
        if (!runId.ok) return runId;
        const w = workerOf(d, runId.value, input.workerId);
        if (!w.ok) return w;
        o.delivery.send(input.workerId, `[message from MainAI] ${input.text}`, 'message');
        o.book.event('run.worker_message', runId.value, input.workerId, { from: ctx.sessionId, chars: input.text.length }, ctx.correlationId, 'main_ai');
        return ok({ queued: true });
      },
    }),
    defineTool({
      name: 'report_status',
      description: 'Tell MonitorAI and the person where the run stands (a protocol status_update).',
      input: z.object({ status: z.string().trim().min(1).max(2_000) }).strict(),
      roles: main,
      async handler(ctx, input): Promise<Result<unknown>> {
        const runId = runOf(d, ctx);
        if (!runId.ok) return runId;
        o.protocol(runId.value, 'status_update', 'main_ai', ctx.sessionId, { status: input.status }, ctx.correlationId);
        return ok({ recorded: true });
      },
    }),
    defineTool({
      name: 'complete_run',
      description: 'Finish the run once every task has ended: your integrated summary of the results. The run report is then written and the sessions stop.',
      input: z.object({ summary: z.string().trim().min(1).max(20_000) }).strict(),
      roles: main,
      async handler(ctx, input): Promise<Result<unknown>> {
        const runId = runOf(d, ctx);
        if (!runId.ok) return runId;
        return o.tasks.completeRun(runId.value, input.summary, ctx.sessionId, ctx.correlationId);
      },
    }),
    // ── workers ──────────────────────────────────────────────────────────────
    defineTool({
      name: 'complete_task',
      description: 'Report your task done: a summary and the files you wrote (relative to your folder).',
      input: z.object({ taskId: TaskId.optional(), summary: TaskResult.shape.summary.min(1), files: TaskResult.shape.files.default([]) }).strict(),
      roles: worker,
      async handler(ctx, input): Promise<Result<unknown>> {
        const taskId = taskOfWorker(d, ctx, input.taskId);
        if (!taskId.ok) return taskId;
        const r = o.tasks.complete(taskId.value, ctx.sessionId, { summary: input.summary, files: input.files }, ctx.correlationId);
        return r.ok ? ok({ taskId: r.value.id, state: r.value.state }) : r;
      },
    }),
    defineTool({
      name: 'fail_task',
      description: 'Report that you could not do your task, and why (MonitorAI decides whether it is retried).',
      input: z.object({ taskId: TaskId.optional(), reason: Reason }).strict(),
      roles: worker,
      async handler(ctx, input): Promise<Result<unknown>> {
        const taskId = taskOfWorker(d, ctx, input.taskId);
        if (!taskId.ok) return taskId;
        const r = o.tasks.fail(taskId.value, ctx.sessionId, input.reason, ctx.correlationId);
        return r.ok ? ok({ taskId: r.value.id, state: r.value.state, attempts: r.value.attempts }) : r;
      },
    }),
    defineTool({
      name: 'report_progress',
      description: 'A short note on how far your task is (shown on the task board).',
      input: z.object({ taskId: TaskId.optional(), note: z.string().trim().min(1).max(500) }).strict(),
      roles: worker,
      async handler(ctx, input): Promise<Result<unknown>> {
        const taskId = taskOfWorker(d, ctx, input.taskId);
        if (!taskId.ok) return taskId;
        return o.tasks.reportProgress(taskId.value, ctx.sessionId, input.note, ctx.correlationId);
      },
    }),
    // ── MonitorAI ────────────────────────────────────────────────────────────
    defineTool({
      name: 'read_health_digest',
      description: 'Health of the run\'s sessions: state, activity, seconds since the last signal, CPU and memory where known, findings.',
      input: z.object({}).strict(),
      roles: monitor,
      async handler(ctx): Promise<Result<unknown>> {
        const runId = runOf(d, ctx);
        if (!runId.ok) return runId;
        const run = o.book.run(runId.value);
        const ids = run ? [run.mainSessionId, run.monitorSessionId, ...run.workerSessionIds].filter((x): x is string => x !== null) : [];
        const health = d.health();
        const sessions = health ? health.digest({ sessionIds: ids, readerSessionId: ctx.sessionId }) : sessionDigest(d.sessions, ids, d.now());
        return ok({ runState: run?.state, sessions });
      },
    }),
    defineTool({
      name: 'suggest_recovery',
      description:
        'Propose a recovery for a task with your diagnosis: retry (same or any worker), reassign (another worker), skip (give it up), ' +
        'restart (restart the worker on it, then retry). In the run\'s automatic mode it is applied at once ' +
        '(retries wait 1 s, 2 s, 4 s, at most 3 attempts); otherwise the person decides.',
      input: z.object({ strategy: z.enum(RECOVERY_STRATEGIES), taskId: TaskId, diagnosis: Reason }).strict(),
      roles: monitor,
      async handler(ctx, input): Promise<Result<unknown>> {
        const runId = runOf(d, ctx);
        if (!runId.ok) return runId;
        const worker = o.book.task(input.taskId)?.workerSessionId ?? null;
        const r = o.tasks.suggestRecovery(runId.value, input.taskId, input.strategy, input.diagnosis, ctx.sessionId, ctx.correlationId);
        if (r.ok && worker) d.onSuggestion?.(worker, input.strategy, input.diagnosis);
        return r;
      },
    }),
    defineTool({
      name: 'optimization_hint',
      description: 'Advise on resources (e.g. "high CPU"): parallelism lowers (or restores) how many tasks run at once, never above the run\'s maximum.',
      input: z.object({ hint: z.string().trim().min(1).max(500), parallelism: z.number().int().min(1).max(16) }).strict(),
      roles: monitor,
      async handler(ctx, input) {
        const runId = runOf(d, ctx);
        return runId.ok ? o.setParallelism(runId.value, input.parallelism, input.hint, ctx.sessionId, ctx.correlationId) : runId;
      },
    }),
    defineTool({
      name: 'pause_run',
      description: 'Pause the run: no task is handed out until resume_run (work in progress continues).',
      input: z.object({ reason: Reason.default('paused by MonitorAI') }).strict(),
      roles: monitor,
      async handler(ctx, input) {
        const runId = runOf(d, ctx);
        return runId.ok ? o.pause(runId.value, input.reason, 'monitor_ai', ctx.sessionId, ctx.correlationId) : runId;
      },
    }),
    defineTool({
      name: 'resume_run',
      description: 'Resume a paused run: queued tasks are handed out again.',
      input: z.object({ reason: Reason.default('resumed by MonitorAI') }).strict(),
      roles: monitor,
      async handler(ctx, input) {
        const runId = runOf(d, ctx);
        return runId.ok ? o.resume(runId.value, input.reason, 'monitor_ai', ctx.sessionId, ctx.correlationId) : runId;
      },
    }),
    defineTool({
      name: 'shutdown_run',
      description: 'Stop the whole run gracefully (every session is asked to exit). Only when continuing would do harm.',
      input: z.object({ reason: Reason }).strict(),
      roles: monitor,
      async handler(ctx, input): Promise<Result<unknown>> {
        const runId = runOf(d, ctx);
        if (!runId.ok) return runId;
        // Answer first: this very session is among those stopped.
        queueMicrotask(() => void o.shutdown(runId.value, input.reason, 'monitor_ai', ctx.sessionId, ctx.correlationId));
        return ok({ stopping: true });
      },
    }),
  ];
}
