import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_EWMA, ewmaScore, ewmaUpdate, type EwmaState } from './ewma';

const NO_FLOOR = { minStd: 0, minStdRatio: 0 };
const feed = (xs: readonly number[], alpha: number, from: EwmaState = EMPTY_EWMA): EwmaState =>
  xs.reduce((s, x) => ewmaUpdate(s, x, alpha), from);

describe('EWMA / EWMVar', () => {
  it('starts at the first observation with no variance', () => {
    expect(ewmaUpdate(EMPTY_EWMA, 42, 0.1)).toEqual({ mean: 42, variance: 0, count: 1 });
    expect(ewmaScore(EMPTY_EWMA, 42, NO_FLOOR)).toBe(0);
  });

  it('does not mutate the state it is given', () => {
    const s = ewmaUpdate(EMPTY_EWMA, 1, 0.5);
    const frozen = Object.freeze({ ...s });
    expect(() => ewmaUpdate(frozen, 9, 0.5)).not.toThrow();
    expect(frozen).toEqual(s);
  });

  it('converges on a constant input (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { maxLength: 20 }),
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        (prefix, c, alpha) => {
          const s = feed(Array.from({ length: 2_000 }, () => c), alpha, feed(prefix, alpha));
          expect(Math.abs(s.mean - c)).toBeLessThan(1e-6);
          expect(s.variance).toBeLessThan(1e-6);
          expect(s.variance).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it('tracks the spread of a noisy signal and flags a step change', () => {
    const noisy = Array.from({ length: 200 }, (_, i) => 100 + (i % 2 === 0 ? 5 : -5));
    const s = feed(noisy, 0.1);
    expect(s.mean).toBeCloseTo(100, 0);
    expect(Math.sqrt(s.variance)).toBeGreaterThan(3);
    expect(Math.sqrt(s.variance)).toBeLessThan(7);
    expect(Math.abs(ewmaScore(s, 104, NO_FLOOR))).toBeLessThan(1.5);
    expect(ewmaScore(s, 200, NO_FLOOR)).toBeGreaterThan(10);
    expect(ewmaScore(s, 0, NO_FLOOR)).toBeLessThan(-10);
  });

  it('floors the deviation so a perfectly steady signal does not score Infinity', () => {
    const s = feed([10, 10, 10, 10], 0.1);
    expect(ewmaScore(s, 11, { minStd: 1, minStdRatio: 0 })).toBe(1);
    expect(ewmaScore(s, 12, { minStd: 0, minStdRatio: 0.1 })).toBe(2);
    expect(Number.isFinite(ewmaScore(s, 11, NO_FLOOR))).toBe(true);
    expect(ewmaScore(s, 10, NO_FLOOR)).toBe(0);
  });
});
