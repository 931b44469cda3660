import { describe, expect, it } from 'vitest';
import type { HealthIssue } from '../../../src-preload/contract/health';
import { ok } from '../../../src-preload/contract/result';
import { createFakeClock } from '../ports/fake-clock';
import { nullRunControl } from '../ports/run-control';
import type { SessionRecord } from '../ports/store';
import { AI_SUGGESTION_TTL_MS, Healer } from './healer';
import { DEFAULT_RESTART_POLICY } from './restart-policy';
import type { RecoveryStep } from './strategies';

function setup() {
  const clock = createFakeClock();
  const applied: { id: string; step: RecoveryStep; by: string }[] = [];
  const events: { type: string; data: Record<string, unknown> }[] = [];
  const notices: string[] = [];
  const healer = new Healer({
    clock,
    executor: { apply: async (id, step, by) => (applied.push({ id, step, by }), ok({ strategy: step.strategy, outcome: 'ok' })) },
    runControl: nullRunControl,
    policy: DEFAULT_RESTART_POLICY,
    random: () => 0,
    event: (type, _id, data) => events.push({ type, data: data as Record<string, unknown> }),
    notify: (_l, m) => notices.push(m),
    changed: () => undefined,
  });
  return { clock, healer, applied, events, notices };
}

const rec = (o: Partial<SessionRecord>): SessionRecord => ({
  id: 's_test0001', name: 'w1', profileId: 'demo', role: 'worker', command: 'node', args: [], cwd: '/tmp', env: {}, state: 'running', pid: 1,
  exitCode: null, exitSignal: null, cols: 80, rows: 24, createdAt: 0, startedAt: 0, endedAt: null, restartCount: 0, lastError: null,
  approvalMode: 'manual', agentSessionId: null, ...o,
});
const crashed: HealthIssue = { kind: 'crashed', severity: 'high', reason: 'crashed', since: 0 };
const flush = () => new Promise((r) => setImmediate(r));

describe('healer', () => {
  it('restarts a crash loop with growing delays, then gives up and tells the person (fake clock)', async () => {
    const { clock, healer, applied, events, notices } = setup();
    for (let i = 0; i < 4; i++) {
      const now = clock.now();
      const r = rec({ state: 'crashed', startedAt: now - 50, endedAt: now, exitCode: 1 });
      healer.heal({ record: r, issues: [crashed], mode: 'auto', ready: false });
      healer.heal({ record: r, issues: [crashed], mode: 'auto', ready: false }); // same crash again: no second restart
      await clock.advanceAsync(10_000);
      await flush();
    }
    expect(applied.map((a) => a.step.strategy)).toEqual(['restart_session', 'restart_session', 'restart_session']);
    expect(events.filter((e) => e.type === 'recovery.scheduled').map((e) => e.data.delayMs)).toEqual([1_000, 2_000, 4_000]);
    expect(events.filter((e) => e.type === 'recovery.gave_up')).toHaveLength(1);
    expect(healer.view('s_test0001').stage).toBe('escalated');
    expect(notices.at(-1)).toMatch(/needs you/);
  });

  it('a person acting cancels the scheduled automatic step', async () => {
    const { clock, healer, applied } = setup();
    healer.heal({ record: rec({ state: 'crashed', endedAt: clock.now(), exitCode: 1 }), issues: [crashed], mode: 'auto', ready: false });
    healer.acted('s_test0001', 'kill', 'person');
    await clock.advanceAsync(10_000);
    expect(applied).toEqual([]);
  });

  it('restores the restart budget from the event log', () => {
    const { clock, healer } = setup();
    const e = (ts: number, by: string) => ({ seq: 1, ts, type: 'recovery.action', sender: 'core', sessionId: 's_test0001', correlationId: null, data: { strategy: 'restart_session', by } });
    healer.loadHistory([e(clock.now() - 1_000, 'healer'), e(clock.now() - 2_000, 'watchdog'), e(clock.now() - 3_000, 'person')]);
    expect(healer.view('s_test0001').restartsInWindow).toBe(2);
  });

  it('shows MonitorAI suggestions until someone acts or they expire', () => {
    const { clock, healer, events } = setup();
    healer.suggestFromMonitorAi('s_test0001', 'reassign_task', 'worker is looping on the same file');
    expect(healer.view('s_test0001').suggestion).toMatchObject({ strategy: 'reassign_task', source: 'monitor_ai' });
    expect(events.at(-1)).toMatchObject({ type: 'recovery.suggested', data: { source: 'monitor_ai' } });
    // The session itself looks healthy to the core: the diagnosis stays.
    healer.heal({ record: rec({}), issues: [], mode: 'auto', ready: true });
    expect(healer.view('s_test0001').suggestion?.source).toBe('monitor_ai');
    clock.advance(AI_SUGGESTION_TTL_MS);
    healer.heal({ record: rec({}), issues: [], mode: 'auto', ready: true });
    expect(healer.view('s_test0001').suggestion).toBeNull();
    healer.suggestFromMonitorAi('s_test0001', 'retry_task', 'flaky network');
    healer.acted('s_test0001', 'retry_task', 'person');
    expect(healer.view('s_test0001').suggestion).toBeNull();
  });
});
