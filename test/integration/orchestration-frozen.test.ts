/**
 * MISSION.md's `frozen`: MainAI stops responding mid-run (busy, screen
 * unchanged past the stall limit). The core's monitor sees the stall and the
 * run freezes, with the reason, the protocol message and a notice; when MainAI
 * moves again (here: the person restarts it) the run thaws to where it was.
 */
import { describe, expect, it } from 'vitest';
import type { PushChannel } from '../../src-preload/contract/channel-names';
import { DEMO_RUN_ENV, timeline, waitForRun, runTestCores } from '../fixtures/orchestration/run-helpers';
import { waitForScreen } from '../fixtures/test-core';

const cores = runTestCores();

/** A short stall limit so the test takes seconds; the detection is the app's own. */
const FAST_HEALTH = { sampleIntervalMs: 200, screenScanMs: 200, detect: { stallMs: 2_500 } };

describe('a frozen MainAI', () => {
  it('freezes its run while it is stalled and thaws it when it responds again', async () => {
    const core = await cores.start('dorch-frozen-', { health: FAST_HEALTH });
    const notices: string[] = [];
    core.hub.connect((channel: PushChannel, payload: unknown) => {
      if (channel === 'app.notice') notices.push((payload as { message: string }).message);
    });
    const root = cores.folder('dorch-frozen-');
    // A task that fails with automatic recovery off keeps the run executing while the test works on MainAI.
    const created = core.runs.create({
      request: 'alpha fail-always',
      profiles: { main: 'demo', monitor: 'demo', worker: 'demo' },
      maxWorkers: 1,
      workspace: { kind: 'folders', root },
      env: DEMO_RUN_ENV,
      autoRecovery: false,
    });
    if (!created.ok) throw new Error(created.error.message);
    const runId = created.value.run.id;
    const waiting = await waitForRun(core, runId, 'the task to fail', (d) => d.tasks[0]?.state === 'failed' && d.run.state === 'executing');
    const mainId = waiting.run.mainSessionId!;

    core.sessions.input(mainId, 'hang');
    await waitForScreen(core, mainId, /hang/, 'the command typed');
    core.sessions.input(mainId, '\r');
    const frozen = await waitForRun(core, runId, 'the run to freeze', (d) => d.run.state === 'frozen', 30_000);
    expect(frozen.run.resumeState).toBe('executing');
    expect(frozen.run.reason).toBeTruthy();
    expect(notices.some((n) => n.includes('MainAI stopped responding'))).toBe(true);
    expect(timeline(core, runId).some((e) => e.type === 'protocol.status_update' && (e.data as { status?: string }).status === 'frozen')).toBe(true);

    // The person restarts MainAI: it answers again and the run goes back to work.
    expect(core.sessions.restart(mainId).ok).toBe(true);
    const thawed = await waitForRun(core, runId, 'the run to thaw', (d) => d.run.state === 'executing', 30_000);
    expect(thawed.run.reason).toBeNull();
  }, 90_000);
});
