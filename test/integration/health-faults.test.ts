/**
 * Fault injection with real processes in real ptys (issue 5): the app's whole
 * core runs the demo agent, a fault is injected the way it happens in life
 * (kill -9, SIGSTOP, a CLI that dies at start, a flood, a rate-limit message),
 * and each test asserts what was detected, what was done, and the events.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/compose';
import type { PushChannel } from '../../src-preload/contract/channel-names';
import type { StoredEvent } from '../../src-preload/contract/events';
import type { HealthMode } from '../../src-preload/contract/health';
import { waitFor } from '../fixtures/core-harness';
import { startTestCore, waitForScreen } from '../fixtures/test-core';

const cores: Core[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.shutdown();
});

/** Short limits so faults show within seconds; the healing logic is the app's own. */
const FAST_HEALTH = { sampleIntervalMs: 200, screenScanMs: 200, hostEveryTicks: 5, detect: { stallMs: 2_500, floodMs: 1_000 } };

interface Harness {
  core: Core;
  notices: { level: string; message: string }[];
}

async function start(mode: HealthMode): Promise<Harness> {
  const core = await startTestCore('dorch-health-', { health: { ...FAST_HEALTH, defaultMode: mode } });
  cores.push(core);
  const notices: { level: string; message: string }[] = [];
  core.hub.connect((channel: PushChannel, payload: unknown) => {
    if (channel === 'app.notice') notices.push(payload as { level: string; message: string });
  });
  return { core, notices };
}

function demo(core: Core, opts: { role?: 'worker' | 'monitor'; args?: string[] } = {}): string {
  const c = core.sessions.create({ profileId: 'demo', role: opts.role ?? 'worker', args: ['--speed', '0.2', ...(opts.args ?? [])], env: {}, cols: 100, rows: 30, approvalMode: 'manual' });
  if (!c.ok) throw new Error(c.error.message);
  return c.value.id;
}

const info = (core: Core, id: string) => core.sessions.list().find((s) => s.id === id);
const events = (core: Core, id: string, type: string): StoredEvent[] =>
  core.sessions.events({ sessionId: id, afterSeq: 0, limit: 1_000 }).filter((e) => e.type === type);
const dataOf = (e: StoredEvent | undefined) => (e?.data ?? {}) as Record<string, unknown>;
const idle = (core: Core, id: string) => waitFor('the agent at its prompt', () => info(core, id)?.activity.state === 'idle', 30_000);
const stage = (core: Core, id: string) => core.health.monitor.sessionHealth(id)?.stage;
async function type(core: Core, id: string, text: string): Promise<void> {
  core.sessions.input(id, text);
  await waitForScreen(core, id, new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), `"${text}" typed`);
  core.sessions.input(id, '\r');
}

describe('health and self-healing with real processes', () => {
  it('kill -9 of an agent: crash detected, restarted by the healer, ready again', async () => {
    const { core } = await start('auto');
    const id = demo(core);
    await idle(core, id);
    const pid = info(core, id)?.pid;
    expect(pid).toBeTypeOf('number');
    process.kill(pid as number, 'SIGKILL');

    await waitFor('crash detected', () => events(core, id, 'health.detected').find((e) => dataOf(e).kind === 'crashed'), 20_000);
    await waitFor('restarted and ready', () => info(core, id)?.restartCount === 1 && info(core, id)?.activity.state === 'idle' && stage(core, id) === 'healthy', 30_000);
    expect(info(core, id)?.pid).not.toBe(pid);
    const action = events(core, id, 'recovery.action').at(-1);
    expect(dataOf(action)).toMatchObject({ strategy: 'restart_session', by: 'healer', outcome: 'ok' });
    expect(String(dataOf(action).reason)).toMatch(/signal SIGKILL/);
    expect(events(core, id, 'health.stage').map((e) => dataOf(e).to)).toEqual(expect.arrayContaining(['restarting', 'healthy']));
  });

  it('a hung agent (SIGSTOP while busy): stall detected, interrupt tried, then restarted', async () => {
    const { core } = await start('auto');
    const id = demo(core);
    await idle(core, id);
    await type(core, id, 'work 500');
    await waitFor('busy', () => info(core, id)?.activity.state === 'busy', 20_000);
    const pid = info(core, id)?.pid as number;
    process.kill(pid, 'SIGSTOP');

    const detected = await waitFor('stall detected', () => events(core, id, 'health.detected').find((e) => dataOf(e).kind === 'stalled'), 20_000);
    expect(String(dataOf(detected).reason)).toMatch(/no screen change/);
    await waitFor('restarted and ready', () => info(core, id)?.restartCount === 1 && info(core, id)?.activity.state === 'idle' && stage(core, id) === 'healthy', 40_000);
    const steps = events(core, id, 'recovery.action').map((e) => dataOf(e).strategy);
    expect(steps).toEqual(['interrupt', 'restart_session']);
    expect(events(core, id, 'health.stage').map((e) => dataOf(e).to)).toEqual(['interrupting', 'restarting', 'healthy']);
  });

  it('an agent that exits at once every time: restarted within the budget, then given up and the person told', async () => {
    const { core, notices } = await start('auto');
    const id = demo(core, { args: ['--fail-start', '3'] });

    const gaveUp = await waitFor('given up', () => events(core, id, 'recovery.gave_up')[0], 40_000);
    expect(String(dataOf(gaveUp).reason)).toMatch(/limit 3/);
    const restarts = events(core, id, 'recovery.action').filter((e) => dataOf(e).strategy === 'restart_session');
    expect(restarts).toHaveLength(3);
    // Backoff grows between the restarts (1 s, 2 s, 4 s plus jitter).
    const scheduled = events(core, id, 'recovery.scheduled').map((e) => dataOf(e).delayMs as number);
    expect(scheduled).toHaveLength(3);
    [1_000, 2_000, 4_000].forEach((base, i) => {
      expect(scheduled[i]).toBeGreaterThanOrEqual(base);
      expect(scheduled[i]).toBeLessThanOrEqual(base * 1.2);
    });
    await waitFor('person told', () => notices.find((n) => n.level === 'error' && /needs you/.test(n.message)), 5_000);
    expect(stage(core, id)).toBe('escalated');
    expect(info(core, id)?.state).toBe('crashed');
    expect(core.health.monitor.sessionHealth(id)?.suggestion?.strategy).toBe('restart_session');
    // And it stays given up: no fourth restart.
    expect(info(core, id)?.restartCount).toBe(3);
  });

  it('an output flood: detected and interrupted, the agent back at its prompt', async () => {
    const { core } = await start('auto');
    const id = demo(core);
    await idle(core, id);
    await type(core, id, 'flood 2000');

    const detected = await waitFor('flood detected', () => events(core, id, 'health.detected').find((e) => dataOf(e).kind === 'output_flood'), 30_000);
    expect(String(dataOf(detected).reason)).toMatch(/chars\/s/);
    await waitFor('interrupted and healthy', () => stage(core, id) === 'healthy' && events(core, id, 'recovery.action').length > 0, 30_000);
    expect(dataOf(events(core, id, 'recovery.action')[0])).toMatchObject({ strategy: 'interrupt', by: 'healer', outcome: 'ok' });
    await waitForScreen(core, id, /Interrupted by user/, 'the flood interrupted');
    expect(info(core, id)?.restartCount).toBe(0);
  });

  it('a rate-limit message: detected, pause suggested with its reason, the person told (restarting would not help)', async () => {
    const { core, notices } = await start('auto');
    const id = demo(core);
    await idle(core, id);
    await type(core, id, 'error rate');

    const detected = await waitFor('rate limit detected', () => events(core, id, 'health.detected').find((e) => dataOf(e).kind === 'rate_limited'), 20_000);
    expect(String(dataOf(detected).reason)).toMatch(/429|usage limit/);
    await waitFor('escalated', () => events(core, id, 'recovery.escalated')[0], 10_000);
    const h = core.health.monitor.sessionHealth(id);
    expect(h?.suggestion).toMatchObject({ strategy: 'pause', source: 'core' });
    expect(h?.suggestion?.reason).toMatch(/Restarting would hit the limit again/);
    expect(notices.some((n) => /rate limit|usage limit/.test(n.message))).toBe(true);
    // Nothing was restarted or killed.
    expect(events(core, id, 'recovery.action')).toHaveLength(0);
    expect(info(core, id)?.restartCount).toBe(0);
  });

  it('MonitorAI killed: the watchdog restarts it even in suggest-only mode, and the person is told', async () => {
    const { core, notices } = await start('suggest');
    const id = demo(core, { role: 'monitor' });
    await idle(core, id);
    process.kill(info(core, id)?.pid as number, 'SIGKILL');

    await waitFor('MonitorAI back', () => info(core, id)?.restartCount === 1 && info(core, id)?.activity.state === 'idle', 30_000);
    expect(dataOf(events(core, id, 'recovery.action').at(-1))).toMatchObject({ strategy: 'restart_session', by: 'watchdog', outcome: 'ok' });
    expect(notices.some((n) => /MonitorAI was restarted by the watchdog/.test(n.message))).toBe(true);
  });

  it('in suggest mode a crash is only suggested: nothing restarts until the person clicks', async () => {
    const { core } = await start('suggest');
    const id = demo(core);
    await idle(core, id);
    process.kill(info(core, id)?.pid as number, 'SIGKILL');
    await waitFor('suggested', () => core.health.monitor.sessionHealth(id)?.suggestion?.strategy === 'restart_session', 20_000);
    expect(events(core, id, 'recovery.suggested').map((e) => dataOf(e).strategy)).toContain('restart_session');
    expect(info(core, id)?.state).toBe('crashed');
    expect(events(core, id, 'recovery.action')).toHaveLength(0);

    const r = await core.health.act({ strategy: 'restart_session', sessionId: id, cleanWorkspace: false }, 'person');
    expect(r.ok).toBe(true);
    await waitFor('recovered', () => info(core, id)?.activity.state === 'idle' && stage(core, id) === 'healthy', 30_000);
    expect(dataOf(events(core, id, 'recovery.action')[0])).toMatchObject({ strategy: 'restart_session', by: 'person', outcome: 'ok' });
  });
});

describe('MonitorAI watchdog: a watcher that stops reading its digests', () => {
  it('is restarted once its silence passes the limit, and the person is told', async () => {
    const core = await startTestCore('dorch-health-watch-', { health: { ...FAST_HEALTH, defaultMode: 'suggest', monitorSilentMs: 1_500 } });
    cores.push(core);
    const notices: string[] = [];
    core.hub.connect((channel: PushChannel, payload: unknown) => {
      if (channel === 'app.notice') notices.push((payload as { message: string }).message);
    });
    const id = demo(core, { role: 'monitor' });
    await idle(core, id);
    // MonitorAI reads its digest once (its tool call), then goes quiet.
    expect(core.health.monitor.digest({ readerSessionId: id }).map((e) => e.sessionId)).toContain(id);

    await waitFor('restarted by the watchdog', () => info(core, id)?.restartCount === 1 && info(core, id)?.activity.state === 'idle', 30_000);
    expect(String(dataOf(events(core, id, 'health.detected').find((e) => dataOf(e).kind === 'stalled')).reason)).toMatch(/has not read its health digest/);
    expect(dataOf(events(core, id, 'recovery.action').at(-1))).toMatchObject({ strategy: 'restart_session', by: 'watchdog', outcome: 'ok' });
    expect(notices.some((m) => /MonitorAI was restarted by the watchdog/.test(m))).toBe(true);
  });
});
