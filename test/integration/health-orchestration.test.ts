/**
 * The two supervisors together (issues 4 and 5): a worker of a run is killed
 * mid-task. The orchestrator fails its task (worker_error → MonitorAI), the
 * demo MonitorAI suggests a retry, and the core's healer (automatic mode)
 * restarts the dead worker, which takes the retried task: the run completes
 * with nothing lost and every step on record.
 */
import { describe, expect, it } from 'vitest';
import { waitFor } from '../fixtures/core-harness';
import { timeline, waitForRun, runTestCores } from '../fixtures/orchestration/run-helpers';

const cores = runTestCores();

/** Short sampling so the crash is seen at once; the healing logic is the app's own. */
const FAST_HEALTH = { sampleIntervalMs: 200, screenScanMs: 200, defaultMode: 'auto' as const };

describe('healer and orchestrator together', () => {
  it('a worker killed mid-task is restarted by the healer and its task, retried on MonitorAI\'s suggestion, completes', async () => {
    const core = await cores.start('dorch-heal-run-', { health: FAST_HEALTH });
    const root = cores.folder('dorch-heal-run-');
    // Normal demo speed: a task takes long enough to be killed in the middle of it.
    const created = core.runs.create({ request: 'alpha', profiles: { main: 'demo', monitor: 'demo', worker: 'demo' }, maxWorkers: 1, workspace: { kind: 'folders', root } });
    if (!created.ok) throw new Error(created.error.message);
    const runId = created.value.run.id;

    const busy = await waitForRun(core, runId, 'the task to be worked on', (d) => d.tasks.some((t) => t.state === 'running' || t.state === 'assigned'));
    const workerId = busy.run.workerSessionIds[0]!;
    const pid = core.sessions.list().find((s) => s.id === workerId)?.pid;
    expect(pid).toBeGreaterThan(0);
    process.kill(pid!, 'SIGKILL');

    const done = await waitForRun(core, runId, 'the run to complete after the crash', (d) => d.run.state === 'completed', 90_000);
    expect(done.tasks.map((t) => [t.title, t.state, t.attempts])).toEqual([['alpha', 'completed', 2]]);
    // The same worker session, restarted by the healer, did the second attempt.
    expect(done.tasks[0]!.workerSessionId).toBe(workerId);
    const worker = await waitFor('the worker record', () => core.sessions.list().find((s) => s.id === workerId));
    expect(worker.restartCount).toBeGreaterThanOrEqual(1);

    const types = timeline(core, runId).map((e) => e.type);
    expect(types).toContain('protocol.worker_error');
    expect(types).toContain('protocol.recovery_suggestion');
    const healing = core.sessions.events({ sessionId: workerId, afterSeq: 0, limit: 1_000 }).map((e) => e.type);
    expect(healing.filter((t) => t.startsWith('health.') || t.startsWith('recovery.')).length).toBeGreaterThan(0);
    expect(healing).toContain('session.restart_requested');
  }, 120_000);
});
