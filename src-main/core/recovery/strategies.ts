import type { RecoveryRequestParsed, RecoveryStrategy } from '../../../src-preload/contract/health';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** One recovery step with its own parameters: the typed union every caller (button, healer, watchdog) uses. */
export type RecoveryStep = DistributiveOmit<RecoveryRequestParsed, 'sessionId' | 'reason'>;

/** Who asked for a recovery: recorded on every recovery.action event. */
export type RecoveryActor = 'person' | 'healer' | 'watchdog' | 'monitor_ai';

/**
 * Rough cost of each strategy, cheapest first (MISSION.md open question 2:
 * "cheapest first, by estimated cost"): what the agent loses — nothing for an
 * interrupt, its process for a restart, its task for a skip, the run for a
 * shutdown. The healer never jumps past a cheaper step that still fits.
 */
export const STRATEGY_COST: Readonly<Record<RecoveryStrategy, number>> = {
  interrupt: 1,
  pause: 1,
  resume: 1,
  retry_task: 2,
  restart_session: 3,
  reassign_task: 4,
  skip_task: 5,
  kill: 6,
  shutdown_run: 9,
};

/** Where a strategy acts: the session itself, or its task/run through the RunControl port. */
export const STRATEGY_SCOPE: Readonly<Record<RecoveryStrategy, 'session' | 'task' | 'run'>> = {
  interrupt: 'session',
  restart_session: 'session',
  pause: 'session',
  resume: 'session',
  kill: 'session',
  retry_task: 'task',
  reassign_task: 'task',
  skip_task: 'task',
  shutdown_run: 'run',
};

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

export const step = {
  interrupt: (key: 'esc' | 'ctrl_c' = 'esc'): RecoveryStep => ({ strategy: 'interrupt', key }),
  restart: (cleanWorkspace = false): RecoveryStep => ({ strategy: 'restart_session', cleanWorkspace }),
  of: (strategy: Exclude<RecoveryStrategy, 'interrupt' | 'restart_session'>): RecoveryStep => ({ strategy }),
};
