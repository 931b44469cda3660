import { ok, type Result } from '../../../src-preload/contract/result';
import type { RunControl } from '../ports/run-control';
import type { Orchestrator } from './orchestrator';

const done = (r: Result<unknown>): Result<void> => (r.ok ? ok(undefined) : r);

/** The orchestrator as the health/recovery feature sees it (ports/run-control.ts); the person is not the caller. */
export function orchestratorRunControl(o: Orchestrator): RunControl {
  return {
    currentTask(sessionId) {
      const t = o.currentTask(sessionId);
      return t ? { runId: t.runId, taskId: t.id } : null;
    },
    runOf: (sessionId) => o.runOf(sessionId),
    retryTask: (taskId, reason) => done(o.retryTask(taskId, reason)),
    reassignTask: (taskId, reason) => done(o.reassignTask(taskId, reason)),
    skipTask: (taskId, reason) => done(o.skipTask(taskId, reason)),
    pauseRun: (runId, reason) => done(o.pause(runId, reason, 'core')),
    resumeRun: (runId, reason) => done(o.resume(runId, reason, 'core')),
    shutdownRun: async (runId, reason) => done(await o.shutdown(runId, reason, 'core')),
  };
}
