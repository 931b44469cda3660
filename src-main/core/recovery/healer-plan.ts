import type { HealerStage, HealthIssue, HealthMode, IssueKind, RecoveryStrategy } from '../../../src-preload/contract/health';
import type { Role } from '../../../src-preload/contract/session';
import type { RestartDecision } from './restart-policy';
import { step, type RecoveryStep } from './strategies';

/** An interrupt gets this long to bring the agent back before the next stage (restart). */
export const INTERRUPT_GRACE_MS = 5_000;

/** Issues the healer acts on, most urgent first; the others are shown, not healed. */
export const ACTIONABLE: readonly IssueKind[] = ['crashed', 'stalled', 'output_flood', 'auth_failed', 'rate_limited'];

export interface PlanInput {
  readonly issues: readonly HealthIssue[];
  readonly stage: HealerStage;
  readonly stageSince: number;
  readonly role: Role;
  readonly mode: HealthMode;
  readonly hasTask: boolean;
  readonly now: number;
  /** A crash the healer already answered (restart scheduled or given up): do not answer it twice. */
  readonly crashHandled: boolean;
  /** The agent is up and ready for input again (a restart is done only then). */
  readonly ready: boolean;
  /** What the restart policy says now (decide() with this session's restart history). */
  readonly restart: RestartDecision;
}

export type Plan =
  | { readonly kind: 'none'; readonly suggestion: null }
  /** Nothing actionable any more: back to healthy. */
  | { readonly kind: 'recovered'; readonly suggestion: null }
  /** A step is under way; show what comes next. */
  | { readonly kind: 'wait'; readonly suggestion: Suggested | null }
  | { readonly kind: 'suggest'; readonly suggestion: Suggested; readonly stage: HealerStage }
  | { readonly kind: 'act'; readonly step: RecoveryStep; readonly delayMs: number; readonly stage: HealerStage; readonly reason: string; readonly by: 'healer' | 'watchdog'; readonly suggestion: Suggested }
  | { readonly kind: 'give_up'; readonly reason: string; readonly requeue: boolean; readonly suggestion: Suggested }
  | { readonly kind: 'escalate'; readonly reason: string; readonly suggestion: Suggested };

export interface Suggested {
  readonly strategy: RecoveryStrategy;
  readonly reason: string;
}

/** The most urgent actionable issue, or null. */
export function primaryIssue(issues: readonly HealthIssue[]): HealthIssue | null {
  for (const k of ACTIONABLE) {
    const i = issues.find((x) => x.kind === k);
    if (i) return i;
  }
  return null;
}

/**
 * What to do about one session now. Pure: the Healer feeds it the session's
 * issues, stage and restart-policy verdict, and carries out the answer.
 */
export function plan(p: PlanInput): Plan {
  const issue = primaryIssue(p.issues);
  if (!issue) {
    if (p.stage === 'healthy' || p.stage === 'paused') return { kind: 'none', suggestion: null };
    // A restart is done when the agent is ready again, not when its process exists.
    if (p.stage === 'restarting' && !p.ready) return { kind: 'wait', suggestion: null };
    return { kind: 'recovered', suggestion: null };
  }
  if (p.mode === 'off' || p.stage === 'paused') return { kind: 'none', suggestion: null };
  const watchdog = p.role === 'monitor';
  const acting = p.mode === 'auto' || watchdog;
  const by = watchdog ? 'watchdog' : 'healer';
  const restartOrGiveUp = (why: string): Plan => {
    if (p.restart.action === 'give_up') {
      const reason = `${why} ${p.restart.reason}`;
      return acting
        ? { kind: 'give_up', reason, requeue: p.hasTask, suggestion: { strategy: 'restart_session', reason: `${reason} Fix the cause, then restart.` } }
        : { kind: 'suggest', stage: 'escalated', suggestion: { strategy: 'restart_session', reason } };
    }
    const delayMs = p.restart.action === 'restart' ? p.restart.delayMs : 0;
    const attempt = p.restart.action === 'restart' ? ` (attempt ${p.restart.attempt} of the restart budget)` : '';
    if (!acting) return { kind: 'suggest', stage: 'detected', suggestion: { strategy: 'restart_session', reason: `${why} Restarting it is the next step${attempt}.` } };
    const reason = `${why} Restarting in ${delayMs} ms${attempt}.`;
    return { kind: 'act', step: step.restart(), delayMs, stage: 'restarting', reason, by, suggestion: { strategy: 'restart_session', reason } };
  };

  switch (issue.kind) {
    case 'crashed':
      if (p.crashHandled) return { kind: 'wait', suggestion: { strategy: 'restart_session', reason: issue.reason } };
      return restartOrGiveUp(issue.reason);
    case 'stalled':
    case 'output_flood': {
      if (p.stage === 'restarting' || p.stage === 'requeued' || p.stage === 'escalated') {
        // Still (or again) stuck after a restart: the task goes back to the queue, then the person.
        if (p.stage === 'restarting' && p.hasTask && acting) {
          const reason = `${issue.reason} A restart did not help; returning the task to the queue.`;
          return { kind: 'act', step: step.of('retry_task'), delayMs: 0, stage: 'requeued', reason, by, suggestion: { strategy: 'retry_task', reason } };
        }
        if (p.stage === 'escalated') return { kind: 'wait', suggestion: { strategy: 'restart_session', reason: issue.reason } };
        return restartOrGiveUp(issue.reason);
      }
      if (p.stage === 'interrupting') {
        if (p.now - p.stageSince < INTERRUPT_GRACE_MS) return { kind: 'wait', suggestion: { strategy: 'restart_session', reason: `${issue.reason} Interrupted; restarting if it does not come back.` } };
        return restartOrGiveUp(`${issue.reason} An interrupt did not help.`);
      }
      // The MonitorAI watchdog restarts at once: a frozen watcher watches nothing.
      if (watchdog) return restartOrGiveUp(`MonitorAI stopped answering: ${issue.reason}`);
      const reason = `${issue.reason} Interrupting (Esc) is the cheapest fix.`;
      const suggestion = { strategy: 'interrupt' as const, reason };
      return acting ? { kind: 'act', step: step.interrupt('esc'), delayMs: 0, stage: 'interrupting', reason, by, suggestion } : { kind: 'suggest', stage: 'detected', suggestion };
    }
    case 'rate_limited': {
      const reason = `${issue.reason} Restarting would hit the limit again: pause until it resets${p.hasTask ? ', or give the task to another worker' : ''}.`;
      if (p.stage === 'requeued' || p.stage === 'escalated') return { kind: 'wait', suggestion: { strategy: 'pause', reason } };
      if (acting && p.hasTask) return { kind: 'act', step: step.of('reassign_task'), delayMs: 0, stage: 'requeued', reason, by, suggestion: { strategy: 'reassign_task', reason } };
      return acting ? { kind: 'escalate', reason, suggestion: { strategy: 'pause', reason } } : { kind: 'suggest', stage: 'detected', suggestion: { strategy: 'pause', reason } };
    }
    case 'auth_failed': {
      const reason = `${issue.reason} No automatic fix: log in again (/login), then restart.`;
      if (p.stage === 'escalated') return { kind: 'wait', suggestion: { strategy: 'restart_session', reason } };
      return acting ? { kind: 'escalate', reason, suggestion: { strategy: 'restart_session', reason } } : { kind: 'suggest', stage: 'detected', suggestion: { strategy: 'restart_session', reason } };
    }
    default:
      return { kind: 'none', suggestion: null };
  }
}
