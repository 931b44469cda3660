import { describe, expect, it } from 'vitest';
import { ActivityState } from './activity';

const start = () => new ActivityState({ state: 'starting', source: 'process', since: 0, ruleId: null });

describe('agent activity', () => {
  it('takes screen readings while no hook has spoken', () => {
    const a = start();
    expect(a.apply({ state: 'idle', source: 'screen', at: 10, ruleId: 'demo.idle' })).toBe(true);
    expect(a.value).toEqual({ state: 'idle', source: 'screen', since: 10, ruleId: 'demo.idle' });
  });

  it('never lets a stale screen scan override a newer hook signal', () => {
    const a = start();
    a.apply({ state: 'awaiting_approval', source: 'hook', at: 100, ruleId: 'PermissionRequest' });
    // The screen was read at 90 (before the hook) and classified later: ignored.
    expect(a.apply({ state: 'busy', source: 'screen', at: 90, ruleId: 'claude.busy' })).toBe(false);
    expect(a.value.state).toBe('awaiting_approval');
    // A screen read after the hook counts.
    expect(a.apply({ state: 'idle', source: 'screen', at: 150, ruleId: 'claude.idle' })).toBe(true);
    expect(a.value.source).toBe('screen');
  });

  it('lets the process lifecycle end everything, and only a new start revive it', () => {
    const a = start();
    a.apply({ state: 'busy', source: 'hook', at: 5, ruleId: 'UserPromptSubmit' });
    a.apply({ state: 'crashed', source: 'process', at: 6, ruleId: null });
    expect(a.apply({ state: 'idle', source: 'screen', at: 7, ruleId: 'x' })).toBe(false);
    expect(a.apply({ state: 'idle', source: 'hook', at: 8, ruleId: 'Stop' })).toBe(false);
    a.apply({ state: 'starting', source: 'process', at: 9, ruleId: null });
    expect(a.apply({ state: 'idle', source: 'screen', at: 10, ruleId: 'x' })).toBe(true);
  });

  it('reports no change for a repeated reading', () => {
    const a = start();
    a.apply({ state: 'busy', source: 'screen', at: 1, ruleId: 'demo.busy' });
    expect(a.apply({ state: 'busy', source: 'screen', at: 2, ruleId: 'demo.busy' })).toBe(false);
  });
});
