/**
 * Pausing a run at its last step: the person pauses just as every task has
 * ended and MainAI is asked to integrate. MainAI's complete_run arrives while
 * the run is paused and is refused; resuming asks MainAI again, so the run
 * completes instead of waiting forever in "integrating".
 */
import { describe, expect, it } from 'vitest';
import { waitFor } from '../fixtures/core-harness';
import { DEMO_RUN_ENV, waitForRun, runTestCores } from '../fixtures/orchestration/run-helpers';

const cores = runTestCores();

describe('pause while integrating', () => {
  it('a refused complete_run during the pause is asked for again on resume, and the run completes', async () => {
    const core = await cores.start('dorch-pause-int-');
    const root = cores.folder('dorch-pause-int-');
    const created = core.runs.create({ request: 'alpha', profiles: { main: 'demo', monitor: 'demo', worker: 'demo' }, maxWorkers: 1, workspace: { kind: 'folders', root }, env: DEMO_RUN_ENV });
    if (!created.ok) throw new Error(created.error.message);
    const runId = created.value.run.id;
    // Pause in the very step that enters "integrating" (before MainAI can answer the prompt it is sent).
    const sub = core.runs.book.onRunChanged.event((r) => {
      if (r.id === runId && r.state === 'integrating') core.runs.pause(runId, 'a last look before integrating', 'person');
    });
    try {
      await waitForRun(core, runId, 'the pause while integrating', (d) => d.run.state === 'paused' && d.run.resumeState === 'integrating');
    } finally {
      sub.dispose();
    }
    const refused = await waitFor('MainAI’s complete_run to be refused while paused', () =>
      core.sessions
        .events({ afterSeq: 0, limit: 1_000 })
        .find((e) => e.type === 'agent_tool.called' && (e.data as { tool?: string; outcome?: string }).tool === 'complete_run'),
    );
    expect((refused.data as { outcome: string }).outcome).not.toBe('ok');
    expect(core.runs.book.run(runId)?.state).toBe('paused');

    const resumed = core.runs.resume(runId, 'go on', 'person');
    expect(resumed.ok).toBe(true);
    const done = await waitForRun(core, runId, 'the run to complete after the resume', (d) => d.run.state === 'completed');
    expect(done.run.summary).toContain('Integrated by the demo agent');
  }, 60_000);
});
