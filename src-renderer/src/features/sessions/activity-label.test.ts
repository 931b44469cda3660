import { describe, expect, it } from 'vitest';
import { describeActivity } from './activity-label';

const activity = (state: 'busy' | 'idle' | 'awaiting_approval' | 'awaiting_input' | 'starting', source: 'hook' | 'screen' | 'process' = 'hook') => ({
  state,
  source,
  since: 0,
  ruleId: null,
});

describe('describeActivity', () => {
  it('labels what a running agent does', () => {
    expect(describeActivity({ state: 'running', activity: activity('busy') })?.label).toBe('working');
    expect(describeActivity({ state: 'running', activity: activity('idle') })?.label).toBe('idle');
    expect(describeActivity({ state: 'running', activity: activity('awaiting_approval') })).toMatchObject({ label: 'needs approval', tone: 'warn' });
    expect(describeActivity({ state: 'running', activity: activity('awaiting_input') })?.label).toBe('waiting for input');
  });

  it('names the source in the tooltip', () => {
    expect(describeActivity({ state: 'running', activity: activity('busy', 'screen') })?.title).toContain('from its screen');
  });

  it('adds nothing the lifecycle badge already says, or when unknown', () => {
    expect(describeActivity({ state: 'running', activity: activity('starting') })).toBeNull();
    expect(describeActivity({ state: 'exited', activity: activity('idle') })).toBeNull();
    expect(describeActivity({ state: 'running' })).toBeNull();
  });
});
