import type { SessionState } from '../../../src-preload/contract/session';
import { err, ok, type Result } from '../../../src-preload/contract/result';

/**
 * The session lifecycle (DESIGN.md §8.5). `starting` lasts from the start
 * request until the pty exists; `stopping` from a stop/kill request until the
 * process has exited. Only SessionRuntime writes a session's state.
 */
export const TRANSITIONS: Readonly<Record<SessionState, readonly SessionState[]>> = {
  starting: ['running', 'crashed', 'exited', 'stopping'],
  running: ['stopping', 'exited', 'crashed'],
  stopping: ['exited', 'crashed'],
  exited: ['starting'],
  crashed: ['starting'],
};

export function canTransition(from: SessionState, to: SessionState): boolean {
  return TRANSITIONS[from].includes(to);
}

export function transition(from: SessionState, to: SessionState): Result<SessionState> {
  return canTransition(from, to)
    ? ok(to)
    : err('invalid_state', `A session cannot go from ${from} to ${to}.`);
}

export const isLiveState = (s: SessionState): boolean => s === 'starting' || s === 'running' || s === 'stopping';

/**
 * How an exit is classified: an exit the person asked for, or a clean exit
 * (code 0), is "exited"; anything else (non-zero code, killed by a signal
 * nobody asked for) is "crashed".
 */
export function exitState(requested: boolean, exitCode: number, signal: number | null): 'exited' | 'crashed' {
  if (requested) return 'exited';
  return exitCode === 0 && !signal ? 'exited' : 'crashed';
}
