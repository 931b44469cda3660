import { describe, expect, it } from 'vitest';
import { bodyLineKind, canAlwaysApprove, describeDecidedBy, describeOutcome, isAutomatic } from './approval-format';

describe('approval format', () => {
  it('colours diff lines', () => {
    expect(bodyLineKind('+ added')).toBe('add');
    expect(bodyLineKind('- removed')).toBe('del');
    expect(bodyLineKind('-rf')).toBe('plain');
    expect(bodyLineKind('rm -rf build')).toBe('plain');
  });

  it('offers "always" only when the prompt has it or a hook answers', () => {
    expect(canAlwaysApprove({ source: 'screen', options: [{ key: '1', label: 'Yes', meaning: 'approve' }] })).toBe(false);
    expect(canAlwaysApprove({ source: 'screen', options: [{ key: '2', label: 'Yes, always', meaning: 'approve_always' }] })).toBe(true);
    expect(canAlwaysApprove({ source: 'hook', options: [] })).toBe(true);
  });

  it('names states, outcomes and deciders', () => {
    expect(describeOutcome({ status: 'approved', decision: 'approve_always' }).label).toBe('approved always');
    expect(describeOutcome({ status: 'denied', decision: 'deny' }).tone).toBe('error');
    expect(describeDecidedBy('person')).toBe('you');
    expect(describeDecidedBy('something-new')).toBe('something-new');
    expect(isAutomatic('policy')).toBe(true);
    expect(isAutomatic('person')).toBe(false);
  });
});
