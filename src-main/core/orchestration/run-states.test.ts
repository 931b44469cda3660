import { describe, expect, it } from 'vitest';
import { RUN_STATES, TASK_STATES } from '../../../src-preload/contract/runs';
import { RUN_TRANSITIONS, TASK_TRANSITIONS, runTransition, taskTransition } from './run-states';

describe('run state machine', () => {
  it('covers every state and only names known states', () => {
    expect(Object.keys(RUN_TRANSITIONS).sort()).toEqual([...RUN_STATES].sort());
    for (const to of Object.values(RUN_TRANSITIONS).flat()) expect(RUN_STATES).toContain(to);
    expect(Object.keys(TASK_TRANSITIONS).sort()).toEqual([...TASK_STATES].sort());
  });

  it('walks the happy path of MISSION.md', () => {
    const path = ['idle', 'analyzing', 'spawning_workers', 'executing', 'integrating', 'completed'] as const;
    for (let i = 1; i < path.length; i++) expect(runTransition(path[i - 1]!, path[i]!).ok).toBe(true);
  });

  it('pauses from and resumes to every working state; finished runs never move', () => {
    for (const s of ['analyzing', 'spawning_workers', 'executing', 'integrating'] as const) {
      expect(runTransition(s, 'paused').ok).toBe(true);
      expect(runTransition('paused', s).ok).toBe(true);
    }
    for (const s of RUN_STATES) {
      expect(runTransition('completed', s).ok).toBe(false);
      expect(runTransition('stopped', s).ok).toBe(false);
    }
    const bad = runTransition('idle', 'completed');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toBe('A run cannot go from idle to completed.');
  });

  it('tasks: completed twice is refused, failed can be retried, skipped is final', () => {
    expect(taskTransition('running', 'completed').ok).toBe(true);
    expect(taskTransition('completed', 'completed').ok).toBe(false);
    expect(taskTransition('failed', 'queued').ok).toBe(true);
    expect(taskTransition('skipped', 'queued').ok).toBe(false);
  });
});
