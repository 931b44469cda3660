/**
 * The recovery strategies beyond restart, with real processes: task and run
 * steps reach the RunControl port (a recording fake stands in for
 * orchestration), pause/resume freezes and continues the agent's process
 * group, and a restart can clean the session's workspace.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/compose';
import type { RunControl } from '../../src-main/core/ports/run-control';
import { ok } from '../../src-preload/contract/result';
import type { StoredEvent } from '../../src-preload/contract/events';
import { waitFor } from '../fixtures/core-harness';
import { screenOf, startTestCore, waitForScreen } from '../fixtures/test-core';

const cores: Core[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.shutdown();
});

function recordingRunControl(): RunControl & { calls: string[] } {
  const calls: string[] = [];
  const rec = (name: string) => (id: string) => {
    calls.push(`${name}:${id}`);
    return ok(undefined);
  };
  return {
    calls,
    currentTask: () => ({ runId: 'run-1', taskId: 'task-7' }),
    runOf: () => 'run-1',
    retryTask: rec('retry'),
    reassignTask: rec('reassign'),
    skipTask: rec('skip'),
    pauseRun: rec('pauseRun'),
    resumeRun: rec('resumeRun'),
    shutdownRun: async (id) => {
      calls.push(`shutdown:${id}`);
      return ok(undefined);
    },
  };
}

async function setup(mode: 'auto' | 'suggest', runControl?: RunControl, args: string[] = []) {
  const core = await startTestCore('dorch-health-steps-', { health: { sampleIntervalMs: 200, screenScanMs: 200, defaultMode: mode, detect: { stallMs: 2_500 } }, runControl });
  cores.push(core);
  const c = core.sessions.create({ profileId: 'demo', role: 'worker', args: ['--speed', '0.2', ...args], env: {}, cols: 100, rows: 30, approvalMode: 'manual' });
  if (!c.ok) throw new Error(c.error.message);
  const id = c.value.id;
  const info = () => core.sessions.list().find((s) => s.id === id);
  if (args.length === 0) await waitFor('at the prompt', () => info()?.activity.state === 'idle', 30_000);
  const type = async (text: string) => {
    core.sessions.input(id, text);
    await waitForScreen(core, id, new RegExp(text), 'typed');
    core.sessions.input(id, '\r');
  };
  const events = (type: string): StoredEvent[] => core.sessions.events({ sessionId: id, afterSeq: 0, limit: 1_000 }).filter((e) => e.type === type);
  return { core, id, info, type, events };
}

describe('recovery steps', () => {
  it('buttons for task and run steps go through RunControl and are recorded', async () => {
    const rc = recordingRunControl();
    const { core, id, events } = await setup('suggest', rc);
    for (const strategy of ['retry_task', 'reassign_task', 'skip_task', 'shutdown_run'] as const) {
      const r = await core.health.act({ strategy, sessionId: id }, 'person');
      expect(r.ok).toBe(true);
    }
    expect(rc.calls).toEqual(['retry:task-7', 'reassign:task-7', 'skip:task-7', 'shutdown:run-1']);
    expect(events('recovery.action').map((e) => [(e.data as { strategy: string }).strategy, (e.data as { outcome: string }).outcome])).toEqual([
      ['retry_task', 'ok'],
      ['reassign_task', 'ok'],
      ['skip_task', 'ok'],
      ['shutdown_run', 'ok'],
    ]);
    expect(core.health.monitor.sessionHealth(id)).toMatchObject({ runId: 'run-1', taskId: 'task-7' });
  });

  it('without a run, task steps are refused with the reason and nothing else happens', async () => {
    const { core, id, events } = await setup('suggest');
    const r = await core.health.act({ strategy: 'retry_task', sessionId: id }, 'person');
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_state', message: expect.stringMatching(/no task/) } });
    expect((events('recovery.action')[0]?.data as { outcome: string }).outcome).toBe('failed');
  });

  it('a stall that survives interrupt and restart sends the task back to the queue (auto)', async () => {
    const rc = recordingRunControl();
    // The agent hangs at every start (as a task that wedges it would): an interrupt does not help, nor does a restart.
    const { core, id, info, events } = await setup('auto', rc, ['--script', 'hang']);
    // Back to the queue: retried after a restart that did not help, or reassigned when the restart budget ran out.
    await waitFor('task requeued', () => rc.calls.includes('retry:task-7') || rc.calls.includes('reassign:task-7'), 90_000);
    expect(info()?.restartCount).toBeGreaterThanOrEqual(1);
    // On a loaded machine the restarted agent may show its prompt for a moment before its scripted
    // hang (counted as recovered; the next stall starts over at interrupt): the order still holds.
    const steps = events('recovery.action').map((e) => (e.data as { strategy: string }).strategy);
    expect(steps[0]).toBe('interrupt');
    expect(steps.indexOf('restart_session')).toBeGreaterThan(0);
    expect(['retry_task', 'reassign_task']).toContain(steps.at(-1));
    expect(events('health.stage').map((e) => (e.data as { to: string }).to)).toEqual(expect.arrayContaining(['interrupting', 'restarting']));
    // requeued (task retried) — or escalated to the person after the reassign when the budget ran out.
    expect(['requeued', 'escalated']).toContain(core.health.monitor.sessionHealth(id)?.stage);
  });

  it('pause freezes the agent (no stall is reported while paused) and resume lets it go on', async () => {
    const { core, id, info, type, events } = await setup('auto');
    await type('work 30');
    await waitFor('busy', () => info()?.activity.state === 'busy', 20_000);
    expect((await core.health.act({ strategy: 'pause', sessionId: id }, 'person')).ok).toBe(true);
    const pid = info()?.pid as number;
    await waitFor('process stopped', () => /\) T /.test(readStat(pid)), 10_000);
    expect(core.health.monitor.sessionHealth(id)?.stage).toBe('paused');
    // Silent for longer than the stall limit, yet a paused agent is not stalled.
    await waitFor('silence past the stall limit', () => (core.health.monitor.sessionHealth(id)?.lastSample?.heartbeatAgeMs ?? 0) > 3_000, 20_000);
    expect(events('health.detected').filter((e) => (e.data as { kind: string }).kind === 'stalled')).toHaveLength(0);
    expect((await core.health.act({ strategy: 'resume', sessionId: id }, 'person')).ok).toBe(true);
    await waitFor('running again', () => !/\) T /.test(readStat(pid)), 10_000);
    await waitForScreen(core, id, /Worked for/, 'the turn finished', 60_000);
    expect(core.health.monitor.sessionHealth(id)?.stage).toBe('healthy');
  });

  it('restart with a clean workspace empties the folder the app made for the session', async () => {
    const { core, id, info } = await setup('suggest');
    const cwd = info()?.cwd as string;
    writeFileSync(join(cwd, 'leftover.txt'), 'old state');
    const r = await core.health.act({ strategy: 'restart_session', sessionId: id, cleanWorkspace: true }, 'person');
    expect(r).toMatchObject({ ok: true, value: { outcome: 'restarted with a clean workspace' } });
    await waitFor('back', () => info()?.restartCount === 1 && info()?.activity.state === 'idle', 30_000);
    expect(existsSync(cwd)).toBe(true);
    expect(readdirSync(cwd)).toEqual([]);
    expect(await screenOf(core, id)).toMatch(/Demo Agent/);
  });
});

function readStat(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return '';
  }
}
