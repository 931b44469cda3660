import type { HealerStage, HealthIssue, HealthMode, RecoveryStrategy, Suggestion } from '../../../src-preload/contract/health';
import type { Role } from '../../../src-preload/contract/session';
import type { Clock, TimerHandle } from '../ports/clock';
import type { SessionRecord } from '../ports/store';
import type { RunControl } from '../ports/run-control';
import type { StoredEvent } from '../../../src-preload/contract/events';
import { canMove } from './healer-stages';
import { plan, type Plan } from './healer-plan';
import { decide, restartsInWindow, type ExitInfo, type RestartPolicy } from './restart-policy';
import type { RecoveryExecutor } from './executor';
import type { RecoveryActor } from './strategies';

/**
 * MonitorAI's suggestion stays highlighted this long unless someone acts or
 * the session's trouble clears: its diagnosis is often about a task (a
 * failed test) while the session itself looks healthy to the core.
 */
export const AI_SUGGESTION_TTL_MS = 5 * 60_000;

export interface HealerDeps {
  clock: Clock;
  executor: Pick<RecoveryExecutor, 'apply'>;
  runControl: RunControl;
  policy: RestartPolicy;
  /** Jitter source for restart delays (Math.random in the app, fixed in tests). */
  random(): number;
  event(type: string, sessionId: string | null, data: unknown): void;
  /** Tell the person (a notice in every open view). */
  notify(level: 'info' | 'warning' | 'error', message: string): void;
  /** A session's stage or suggestion changed. */
  changed(sessionId: string): void;
}

export interface HealContext {
  readonly record: SessionRecord;
  readonly issues: readonly HealthIssue[];
  readonly mode: HealthMode;
  readonly ready: boolean;
}

interface HealState {
  stage: HealerStage;
  stageSince: number;
  /** When the healer or watchdog restarted this session (the restart budget). */
  restarts: number[];
  /** endedAt of the crash already answered. */
  crashHandledAt: number | null;
  timer: TimerHandle | null;
  /** A step is scheduled or running: the next evaluation waits for its effect instead of piling on. */
  busy: boolean;
  suggestion: Suggestion | null;
  /** MonitorAI's suggestion, shown until the issue clears. */
  aiSuggestion: Suggestion | null;
}

/**
 * Staged self-healing, one explicit state machine per session (stages in
 * healer-stages.ts, decisions in the pure plan()). Called by the monitor after
 * every evaluation; every stage change, suggestion and action is an event.
 */
export class Healer {
  private readonly states = new Map<string, HealState>();

  constructor(private readonly deps: HealerDeps) {}

  get maxRestarts(): number {
    return this.deps.policy.maxRestarts;
  }

  private state(id: string): HealState {
    let s = this.states.get(id);
    if (!s) {
      s = { stage: 'healthy', stageSince: this.deps.clock.now(), restarts: [], crashHandledAt: null, timer: null, busy: false, suggestion: null, aiSuggestion: null };
      this.states.set(id, s);
    }
    return s;
  }

  view(id: string): { stage: HealerStage; suggestion: Suggestion | null; restartsInWindow: number } {
    const s = this.state(id);
    return { stage: s.stage, suggestion: s.aiSuggestion ?? s.suggestion, restartsInWindow: restartsInWindow(s.restarts, this.deps.policy.windowMs, this.deps.clock.now()) };
  }

  /** Restores the restart budget from the event log after the core restarted (a crash loop stays a loop). */
  loadHistory(events: readonly StoredEvent[]): void {
    for (const e of events) {
      const d = e.data as { strategy?: string; by?: string; outcome?: string } | null;
      if (e.type !== 'recovery.action' || !e.sessionId || d?.strategy !== 'restart_session' || d.by === 'person') continue;
      this.state(e.sessionId).restarts.push(e.ts);
    }
  }

  heal(ctx: HealContext): void {
    const id = ctx.record.id;
    const s = this.state(id);
    if (s.busy) return;
    const now = this.deps.clock.now();
    const crashed = ctx.record.state === 'crashed';
    const exit: ExitInfo = crashed
      ? { code: ctx.record.exitSignal ? null : ctx.record.exitCode, signal: ctx.record.exitSignal, requested: false, uptimeMs: Math.max(0, (ctx.record.endedAt ?? now) - (ctx.record.startedAt ?? now)) }
      : { code: null, signal: null, requested: false, uptimeMs: Math.max(0, now - (ctx.record.startedAt ?? now)) };
    const p = plan({
      issues: ctx.issues,
      stage: s.stage,
      stageSince: s.stageSince,
      role: ctx.record.role as Role,
      mode: ctx.mode,
      hasTask: this.deps.runControl.currentTask(id) !== null,
      now,
      crashHandled: crashed && s.crashHandledAt === ctx.record.endedAt,
      ready: ctx.ready,
      restart: decide(this.deps.policy, exit, s.restarts, now, this.deps.random),
    });
    this.apply(id, s, p, ctx);
  }

  private apply(id: string, s: HealState, p: Plan, ctx: HealContext): void {
    if (p.kind === 'none' || p.kind === 'recovered') {
      const expired = s.aiSuggestion !== null && this.deps.clock.now() - s.aiSuggestion.at >= AI_SUGGESTION_TTL_MS;
      if (p.kind === 'recovered' || expired) {
        s.aiSuggestion = null;
        this.deps.changed(id);
      }
      this.suggest(id, s, null);
      if (p.kind === 'recovered') this.move(id, s, 'healthy', 'recovered');
      return;
    }
    this.suggest(id, s, p.suggestion);
    if (p.kind === 'wait') return;
    if (p.kind === 'suggest') {
      this.move(id, s, p.stage, p.suggestion.reason);
      return;
    }
    if (ctx.record.state === 'crashed') s.crashHandledAt = ctx.record.endedAt;
    if (p.kind === 'escalate' || p.kind === 'give_up') {
      if (p.kind === 'give_up') {
        this.deps.event('recovery.gave_up', id, { strategy: 'restart_session', reason: p.reason, restarts: s.restarts.length, outcome: 'gave_up' });
        if (p.requeue) void this.deps.executor.apply(id, { strategy: 'reassign_task' }, 'healer', p.reason);
      }
      this.deps.event('recovery.escalated', id, { reason: p.reason, outcome: 'person_told' });
      this.move(id, s, 'escalated', p.reason);
      const who = ctx.record.role === 'monitor' ? 'MonitorAI' : `Session "${ctx.record.name}"`;
      this.deps.notify('error', `${who} needs you: ${p.reason}`);
      return;
    }
    // act
    this.move(id, s, p.stage, p.reason);
    s.timer?.cancel();
    s.busy = true;
    const run = (): void => {
      s.timer = null;
      if (p.step.strategy === 'restart_session') s.restarts.push(this.deps.clock.now());
      if (p.by === 'watchdog') this.deps.notify('warning', `MonitorAI was restarted by the watchdog: ${p.reason}`);
      void this.deps.executor.apply(id, p.step, p.by, p.reason).then(() => {
        s.busy = false;
        this.deps.changed(id);
      });
    };
    if (p.delayMs > 0) {
      this.deps.event('recovery.scheduled', id, { strategy: p.step.strategy, delayMs: p.delayMs, reason: p.reason, by: p.by });
      s.timer = this.deps.clock.setTimeout(run, p.delayMs);
    } else run();
  }

  private suggest(id: string, s: HealState, next: { strategy: RecoveryStrategy; reason: string } | null): void {
    // The same step with a reworded reason ("stalled 4 s" → "5 s") is not a new suggestion.
    const same = next === null ? s.suggestion === null : s.suggestion?.strategy === next.strategy;
    if (same) return;
    s.suggestion = next ? { ...next, source: 'core', at: this.deps.clock.now() } : null;
    if (next) this.deps.event('recovery.suggested', id, { strategy: next.strategy, reason: next.reason, source: 'core' });
    this.deps.changed(id);
  }

  /** MonitorAI's recovery_suggestion: shown like the core's, highlighted until the issue clears. */
  suggestFromMonitorAi(id: string, strategy: RecoveryStrategy, diagnosis: string): void {
    const s = this.state(id);
    s.aiSuggestion = { strategy, reason: diagnosis, source: 'monitor_ai', at: this.deps.clock.now() };
    this.deps.event('recovery.suggested', id, { strategy, reason: diagnosis, source: 'monitor_ai' });
    this.deps.changed(id);
  }

  /** A person (or MonitorAI) acted by hand: pending automatic steps give way. */
  acted(id: string, strategy: RecoveryStrategy, by: RecoveryActor): void {
    const s = this.state(id);
    s.timer?.cancel();
    s.timer = null;
    s.busy = false;
    s.aiSuggestion = null;
    if (strategy === 'pause') this.move(id, s, 'paused', `paused by ${by}`);
    else if (strategy === 'resume' && s.stage === 'paused') this.move(id, s, 'healthy', `resumed by ${by}`);
    else if (strategy === 'restart_session') this.move(id, s, 'restarting', `restarted by ${by}`);
  }

  private move(id: string, s: HealState, to: HealerStage, reason: string): void {
    if (s.stage === to) return;
    if (!canMove(s.stage, to)) {
      this.deps.event('health.stage_refused', id, { from: s.stage, to, reason });
      return;
    }
    this.deps.event('health.stage', id, { from: s.stage, to, reason });
    s.stage = to;
    s.stageSince = this.deps.clock.now();
    this.deps.changed(id);
  }

  forget(id: string): void {
    this.states.get(id)?.timer?.cancel();
    this.states.delete(id);
  }

  dispose(): void {
    for (const s of this.states.values()) s.timer?.cancel();
    this.states.clear();
  }
}
