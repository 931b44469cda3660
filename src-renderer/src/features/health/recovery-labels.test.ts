import { describe, expect, it } from 'vitest';
import { availableStrategies } from './recovery-labels';

describe('recovery row', () => {
  it('offers only what fits the process: a dead agent can be restarted, not interrupted', () => {
    expect(availableStrategies(false, false)).not.toContain('interrupt');
    expect(availableStrategies(false, false)).toContain('restart_session');
    expect(availableStrategies(true, false)).toEqual(expect.arrayContaining(['interrupt', 'pause', 'kill']));
    expect(availableStrategies(true, true)).toContain('resume');
    expect(availableStrategies(true, true)).not.toContain('pause');
    expect(availableStrategies(true, false)).not.toContain('retry_task');
    expect(availableStrategies(true, false, { runId: 'r1', taskId: 't1' })).toEqual(expect.arrayContaining(['retry_task', 'reassign_task', 'skip_task', 'shutdown_run']));
  });
});
