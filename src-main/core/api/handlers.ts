import type { InvokeChannel, PushChannel } from '../../../src-preload/contract/channel-names';
import type { AppInfo, InvokeOutput, InvokeParsed, PushPayload } from '../../../src-preload/contract/channels';
import { ok, type Result } from '../../../src-preload/contract/result';
import type { SessionService } from '../sessions/session-service';
import type { ApprovalService } from '../approvals/approval-service';
import type { LockManager } from '../locks/lock-manager';
import type { Orchestrator } from '../orchestration/orchestrator';
import { explainClassification } from '../agents/screen';
import type { PolicyText } from '../../../src-preload/contract/channels';
import { err } from '../../../src-preload/contract/result';
import type { HealthService } from '../health/health-service';
import { createHealthHandlers } from '../health/health-handlers';
import type { HealthRepo } from '../ports/health-store';

/** Who is asking: one connected view (a window or a browser tab). */
export interface ClientContext {
  readonly clientId: string;
  readonly correlationId: string;
  push<C extends PushChannel>(channel: C, payload: PushPayload<C>): void;
}

export type Handler<C extends InvokeChannel> = (input: InvokeParsed<C>, ctx: ClientContext) => Result<InvokeOutput<C>> | Promise<Result<InvokeOutput<C>>>;
export type Handlers = { [C in InvokeChannel]: Handler<C> };
/** The operations channels are served by core/ops/ops-handlers.ts (merged in the composition root). */
export type OpsChannel = Extract<InvokeChannel, `ops.${string}`>;

export interface HandlerDeps {
  sessions: SessionService;
  approvals: ApprovalService;
  appInfo(): AppInfo;
  policy: { get(): PolicyText; set(text: string): Result<PolicyText> };
  locks: LockManager;
  runs: Orchestrator;
  health: { service: HealthService; repo: HealthRepo };
}

const empty = ok({});
const asEmpty = (r: Result<void>): Result<Record<string, never>> => (r.ok ? empty : r);

/** Every channel of the contract, mapped to the core. Inputs arrive already validated. */
export function createHandlers(deps: HandlerDeps): Omit<Handlers, OpsChannel> {
  const s = deps.sessions;
  return {
    'app.info': () => ok(deps.appInfo()),
    'profiles.list': () => ok(s.profiles()),
    'sessions.list': () => ok(s.list()),
    'sessions.create': (input, ctx) => s.create(input, ctx.correlationId),
    'sessions.stop': (input, ctx) => s.stop(input.sessionId, ctx.correlationId),
    'sessions.kill': (input, ctx) => s.kill(input.sessionId, ctx.correlationId),
    'sessions.restart': (input, ctx) => s.restart(input.sessionId, ctx.correlationId),
    'sessions.rename': (input) => s.rename(input.sessionId, input.name),
    'sessions.forget': (input) => s.forget(input.sessionId),
    'terminal.attach': (input, ctx) =>
      s.attach(ctx.clientId, input.sessionId, { push: (msg) => ctx.push('terminal.data', msg) }),
    'terminal.detach': (input, ctx) => asEmpty(s.detach(ctx.clientId, input.sessionId)),
    'terminal.input': (input) => asEmpty(s.input(input.sessionId, input.data)),
    'terminal.resize': (input) => asEmpty(s.resize(input.sessionId, input.cols, input.rows)),
    'terminal.ack': (input, ctx) => asEmpty(s.ack(ctx.clientId, input.sessionId, input.chars)),
    'history.sessions': (input) => ok(s.history(input.limit)),
    'history.events': (input) => ok(s.events(input)),
    'history.screen': (input) => s.screen(input.sessionId),
    'approvals.list': () => ok(deps.approvals.list()),
    'approvals.decide': (input) => deps.approvals.decide(input.approvalId, input.decision),
    'approvals.history': (input) => ok(deps.approvals.history(input)),
    'sessions.setMode': (input) => s.setMode(input.sessionId, input.mode),
    'screen.debug': async (input) => {
      const rt = s.get(input.sessionId);
      if (!rt.ok) return rt;
      const read = await deps.approvals.classifyNow(rt.value);
      if (!read) return err('invalid_state', 'This session is not running: there is no live screen to classify.');
      return ok({
        sessionId: input.sessionId,
        agent: read.c.agent,
        state: read.c.state,
        ruleId: read.c.ruleId,
        rulesVersion: read.c.rulesVersion,
        explanation: explainClassification(deps.approvals.rulesFor(rt.value), read.screen, read.c).join('\n'),
        lines: read.screen.lines,
        matchedLines: read.c.matchedLines,
      });
    },
    'policy.get': () => ok(deps.policy.get()),
    'policy.set': (input) => deps.policy.set(input.text),
    'locks.list': () => deps.locks.query({}),
    'locks.forceRelease': (input, ctx) => {
      const state = deps.locks.query({ resource: input.resource });
      if (!state.ok) return state;
      const lease = state.value[0]?.lease;
      if (!lease) return err('conflict', `Nobody holds ${input.resource}; nothing was released.`);
      const released = deps.locks.release({ resource: lease.resource, owner: lease.owner, token: lease.token });
      if (released.ok) {
        s.event('lock.force_released', null, {
          resource: lease.resource, owner: lease.owner, token: lease.token, by: 'person', clientId: ctx.clientId,
          reason: input.reason ?? null, handedTo: released.value.handedTo?.owner ?? null,
        }, ctx.correlationId);
      }
      return released;
    },
    'runs.list': () => ok(deps.runs.list()),
    'runs.get': (input) => deps.runs.detail(input.runId),
    'runs.create': (input, ctx) => deps.runs.create(input, ctx.correlationId),
    'runs.stop': (input, ctx) => deps.runs.shutdown(input.runId, input.reason ?? 'stopped by the person', 'person', null, ctx.correlationId),
    'runs.pause': (input, ctx) => deps.runs.pause(input.runId, input.reason ?? 'paused by the person', 'person', null, ctx.correlationId),
    'runs.resume': (input, ctx) => deps.runs.resume(input.runId, 'resumed by the person', 'person', null, ctx.correlationId),
    'runs.timeline': (input) => deps.runs.timeline(input.runId, input.afterSeq, input.limit),
    'runs.report': (input) => deps.runs.report(input.runId),
    'tasks.retry': (input, ctx) => deps.runs.retryTask(input.taskId, input.reason ?? 'retried by the person', ctx.correlationId),
    'tasks.skip': (input, ctx) => deps.runs.skipTask(input.taskId, input.reason ?? 'skipped by the person', ctx.correlationId),
    'tasks.reassign': (input, ctx) => deps.runs.reassignTask(input.taskId, input.reason ?? 'reassigned by the person', ctx.correlationId),
    ...createHealthHandlers({ health: deps.health.service, repo: deps.health.repo, sessions: s }),
  };
}
