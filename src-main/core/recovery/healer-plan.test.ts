import { describe, expect, it } from 'vitest';
import type { HealthIssue } from '../../../src-preload/contract/health';
import { INTERRUPT_GRACE_MS, plan, type PlanInput } from './healer-plan';

const issue = (kind: HealthIssue['kind']): HealthIssue => ({ kind, severity: 'high', reason: `${kind}!`, since: 0 });
const base: PlanInput = {
  issues: [],
  stage: 'healthy',
  stageSince: 0,
  role: 'worker',
  mode: 'auto',
  hasTask: false,
  now: 10_000,
  crashHandled: false,
  ready: true,
  restart: { action: 'restart', delayMs: 1_000, attempt: 1, reason: 'restarting in 1000 ms' },
};
const p = (o: Partial<PlanInput>) => plan({ ...base, ...o });

describe('healer plan', () => {
  it('does nothing for a healthy session, and recovers a stage once the issues are gone', () => {
    expect(p({}).kind).toBe('none');
    expect(p({ stage: 'interrupting' }).kind).toBe('recovered');
    // A restart is finished only when the agent is ready again.
    expect(p({ stage: 'restarting', ready: false }).kind).toBe('wait');
    expect(p({ stage: 'restarting', ready: true }).kind).toBe('recovered');
  });

  it('restarts a crash with the policy delay, once per crash, and gives up when the budget is spent', () => {
    expect(p({ issues: [issue('crashed')] })).toMatchObject({ kind: 'act', step: { strategy: 'restart_session' }, delayMs: 1_000, stage: 'restarting', by: 'healer' });
    expect(p({ issues: [issue('crashed')], crashHandled: true }).kind).toBe('wait');
    const gaveUp = p({ issues: [issue('crashed')], restart: { action: 'give_up', reason: '3 restarts; giving up.' }, hasTask: true });
    expect(gaveUp).toMatchObject({ kind: 'give_up', requeue: true, suggestion: { strategy: 'restart_session' } });
  });

  it('stages a stall: interrupt first, restart after the grace period, then the task back to the queue', () => {
    const stalled = [issue('stalled')];
    expect(p({ issues: stalled })).toMatchObject({ kind: 'act', step: { strategy: 'interrupt', key: 'esc' }, stage: 'interrupting' });
    expect(p({ issues: stalled, stage: 'interrupting', stageSince: base.now - 1 }).kind).toBe('wait');
    expect(p({ issues: stalled, stage: 'interrupting', stageSince: base.now - INTERRUPT_GRACE_MS })).toMatchObject({ kind: 'act', step: { strategy: 'restart_session' }, stage: 'restarting' });
    expect(p({ issues: stalled, stage: 'restarting', hasTask: true })).toMatchObject({ kind: 'act', step: { strategy: 'retry_task' }, stage: 'requeued' });
    expect(p({ issues: stalled, stage: 'restarting', restart: { action: 'give_up', reason: 'no more' } }).kind).toBe('give_up');
  });

  it('only suggests in suggest mode, and stays silent when off', () => {
    expect(p({ issues: [issue('stalled')], mode: 'suggest' })).toMatchObject({ kind: 'suggest', suggestion: { strategy: 'interrupt' } });
    expect(p({ issues: [issue('crashed')], mode: 'suggest' })).toMatchObject({ kind: 'suggest', suggestion: { strategy: 'restart_session' } });
    expect(p({ issues: [issue('crashed')], mode: 'off' }).kind).toBe('none');
  });

  it('acts as the MonitorAI watchdog even in suggest mode, restarting a frozen monitor at once', () => {
    expect(p({ issues: [issue('crashed')], mode: 'suggest', role: 'monitor' })).toMatchObject({ kind: 'act', by: 'watchdog', step: { strategy: 'restart_session' } });
    expect(p({ issues: [issue('stalled')], mode: 'suggest', role: 'monitor' })).toMatchObject({ kind: 'act', by: 'watchdog', step: { strategy: 'restart_session' } });
    expect(p({ issues: [issue('crashed')], mode: 'off', role: 'monitor' }).kind).toBe('none');
  });

  it('never restarts for a rate limit or a login problem: reassigns the task or tells the person', () => {
    expect(p({ issues: [issue('rate_limited')] })).toMatchObject({ kind: 'escalate', suggestion: { strategy: 'pause' } });
    expect(p({ issues: [issue('rate_limited')], hasTask: true })).toMatchObject({ kind: 'act', step: { strategy: 'reassign_task' }, stage: 'requeued' });
    expect(p({ issues: [issue('auth_failed')] })).toMatchObject({ kind: 'escalate', suggestion: { strategy: 'restart_session' } });
    expect(p({ issues: [issue('auth_failed')], stage: 'escalated' }).kind).toBe('wait');
  });

  it('takes the most urgent issue first and ignores informational ones', () => {
    expect(p({ issues: [issue('rate_limited'), issue('crashed')] })).toMatchObject({ step: { strategy: 'restart_session' } });
    expect(p({ issues: [issue('api_error'), issue('anomaly'), issue('high_cpu')] }).kind).toBe('none');
  });
});
