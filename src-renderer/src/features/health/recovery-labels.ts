import type { HealerStage, RecoveryStrategy } from '../../../../src-preload/contract/health';

export const STRATEGY_LABEL: Readonly<Record<RecoveryStrategy, string>> = {
  interrupt: 'Interrupt',
  restart_session: 'Restart',
  retry_task: 'Retry task',
  reassign_task: 'Reassign task',
  skip_task: 'Skip task',
  pause: 'Pause',
  resume: 'Resume',
  kill: 'Kill',
  shutdown_run: 'Shut down run',
};

export const STRATEGY_HINT: Readonly<Record<RecoveryStrategy, string>> = {
  interrupt: 'Send Esc to the agent (stops its current turn)',
  restart_session: 'Stop and start the agent again; Claude resumes its conversation',
  retry_task: "Put the session's task back in the queue for another attempt",
  reassign_task: "Give the session's task to another worker",
  skip_task: "Mark the session's task skipped; the run goes on",
  pause: 'Freeze the agent and its children (SIGSTOP)',
  resume: 'Let a paused agent continue',
  kill: 'End the agent and its children now',
  shutdown_run: 'Stop the whole run this session belongs to',
};

/** The buttons of the recovery row, cheapest first (the suggested one is highlighted wherever it is). */
export const ROW_STRATEGIES: readonly RecoveryStrategy[] = ['interrupt', 'restart_session', 'pause', 'resume', 'retry_task', 'reassign_task', 'skip_task', 'kill', 'shutdown_run'];

export const STAGE_LABEL: Readonly<Record<HealerStage, string>> = {
  healthy: 'Healthy',
  detected: 'Problem found',
  interrupting: 'Interrupting',
  restarting: 'Restarting',
  requeued: 'Task requeued',
  escalated: 'Needs you',
  paused: 'Paused',
};

/** Which buttons make sense now: no interrupt for a dead process, no resume unless paused, task and run steps only with a task or run. */
export function availableStrategies(live: boolean, paused: boolean, work: { runId: string | null; taskId: string | null } = { runId: null, taskId: null }): RecoveryStrategy[] {
  return ROW_STRATEGIES.filter((s) => {
    if (s === 'retry_task' || s === 'reassign_task' || s === 'skip_task') return work.taskId !== null;
    if (s === 'shutdown_run') return work.runId !== null;
    if (s === 'interrupt' || s === 'kill' || s === 'pause') return live && !(s === 'pause' && paused);
    if (s === 'resume') return paused;
    return true;
  });
}
