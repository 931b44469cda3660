import { describe, expect, it } from 'vitest';
import { SESSION_STATES } from '../../../src-preload/contract/session';
import { canTransition, exitState, isLiveState, transition, TRANSITIONS } from './lifecycle';

describe('session lifecycle', () => {
  it('covers every state in the transition table', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...SESSION_STATES].sort());
  });

  it('allows the normal path and restart from an ended state', () => {
    expect(canTransition('starting', 'running')).toBe(true);
    expect(canTransition('running', 'stopping')).toBe(true);
    expect(canTransition('stopping', 'exited')).toBe(true);
    expect(canTransition('exited', 'starting')).toBe(true);
    expect(canTransition('crashed', 'starting')).toBe(true);
  });

  it('refuses impossible moves with an invalid_state error value', () => {
    const r = transition('exited', 'running');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('invalid_state');
    expect(canTransition('running', 'starting')).toBe(false);
    expect(canTransition('stopping', 'running')).toBe(false);
  });

  it('classifies exits', () => {
    expect(exitState(false, 0, null)).toBe('exited');
    expect(exitState(false, 1, null)).toBe('crashed');
    expect(exitState(false, 0, 9)).toBe('crashed');
    expect(exitState(true, 137, 9)).toBe('exited');
  });

  it('knows which states hold a process', () => {
    expect(SESSION_STATES.filter(isLiveState)).toEqual(['starting', 'running', 'stopping']);
  });
});
