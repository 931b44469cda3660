import { describe, expect, it } from 'vitest';
import { ago } from './format';

describe('ago', () => {
  it('reads as a person would say it', () => {
    expect(ago(null, 0)).toBe('never');
    expect(ago(1_000, 13_000)).toBe('12 s ago');
    expect(ago(0, 3 * 60_000)).toBe('3 min ago');
    expect(ago(0, 5 * 3_600_000)).toBe('5 h ago');
    expect(ago(0, 72 * 3_600_000)).toBe('3 d ago');
    expect(ago(5_000, 1_000)).toBe('0 s ago');
  });
});
