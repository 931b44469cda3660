import { describe, expect, it } from 'vitest';
import { formatDuration, ownerLabel, timeLeft, waitedFor, waitersLabel } from './lock-format';

describe('lock format', () => {
  it('formats durations in whole seconds, minutes and hours', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(999)).toBe('0s');
    expect(formatDuration(9_500)).toBe('9s');
    expect(formatDuration(65_000)).toBe('1m 05s');
    expect(formatDuration(3_600_000 + 2 * 60_000 + 59_000)).toBe('1h 02m');
    expect(formatDuration(-5_000)).toBe('0s');
  });

  it('counts down to expiry, rounding up, and warns near the end', () => {
    expect(timeLeft(31_000, 1_000)).toEqual({ text: '30s', tone: 'ok' });
    expect(timeLeft(30_001, 0)).toEqual({ text: '31s', tone: 'ok' });
    expect(timeLeft(5_000, 0)).toEqual({ text: '5s', tone: 'warn' });
    expect(timeLeft(1_000, 999)).toEqual({ text: '1s', tone: 'warn' });
    expect(timeLeft(1_000, 1_000)).toEqual({ text: 'expired', tone: 'expired' });
    expect(timeLeft(1_000, 9_000)).toEqual({ text: 'expired', tone: 'expired' });
  });

  it('says how long a waiter has waited', () => {
    expect(waitedFor(10_000, 12_500)).toBe('2s');
    expect(waitedFor(0, 125_000)).toBe('2m 05s');
  });

  it("shows a session's name for a session owner, the id in the tooltip", () => {
    const names: Record<string, string> = { s_abc123: 'builder' };
    const name = (id: string) => names[id];
    expect(ownerLabel('s_abc123', name)).toEqual({ label: 'builder', title: 's_abc123', kind: 'session' });
    expect(ownerLabel('s_gone99', name)).toMatchObject({ label: 's_gone99', kind: 'unknown-session' });
    expect(ownerLabel('cli:alice', name)).toEqual({ label: 'cli:alice', title: 'cli:alice', kind: 'other' });
    // Looks like an id but is not one (too short): shown as is.
    expect(ownerLabel('s_x', name)).toMatchObject({ label: 's_x', kind: 'other' });
  });

  it('counts waiters', () => {
    expect(waitersLabel(1)).toBe('1 waiter');
    expect(waitersLabel(3)).toBe('3 waiters');
  });
});
