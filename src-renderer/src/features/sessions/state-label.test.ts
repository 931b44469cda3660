import { describe, expect, it } from 'vitest';
import { describeState } from './state-label';

describe('describeState', () => {
  it('names live states plainly', () => {
    expect(describeState({ state: 'running', exitCode: null, exitSignal: null })).toEqual({ label: 'running', tone: 'ok' });
    expect(describeState({ state: 'starting', exitCode: null, exitSignal: null }).label).toBe('starting');
    expect(describeState({ state: 'stopping', exitCode: null, exitSignal: null }).label).toBe('stopping');
  });

  it('shows the exit code', () => {
    expect(describeState({ state: 'exited', exitCode: 0, exitSignal: null })).toEqual({ label: 'exited (code 0)', tone: 'neutral' });
    expect(describeState({ state: 'exited', exitCode: 2, exitSignal: null }).tone).toBe('warn');
    expect(describeState({ state: 'exited', exitCode: null, exitSignal: null }).label).toBe('exited');
    expect(describeState({ state: 'exited', exitCode: 0, exitSignal: 'SIGTERM' })).toEqual({ label: 'exited (SIGTERM)', tone: 'neutral' });
  });

  it('shows the signal or code of a crash', () => {
    expect(describeState({ state: 'crashed', exitCode: 0, exitSignal: 'SIGKILL' })).toEqual({ label: 'crashed (SIGKILL)', tone: 'error' });
    expect(describeState({ state: 'crashed', exitCode: 139, exitSignal: null }).label).toBe('crashed (code 139)');
    expect(describeState({ state: 'crashed', exitCode: null, exitSignal: null }).label).toBe('crashed');
  });
});
