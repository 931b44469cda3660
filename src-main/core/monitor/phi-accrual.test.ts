import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../ports/fake-clock';
import { createPhiDetector, heartbeat, phi, PHI_MAX, PHI_SUSPECT_THRESHOLD, suspect, type PhiState } from './phi-accrual';

/** Drives a sender beating every intervalMs on the fake clock (no sleeps), recording each beat. */
function beatRegularly(intervalMs: number, beats: number, jitterMs = 0): { state: PhiState; clock: ReturnType<typeof createFakeClock> } {
  const clock = createFakeClock();
  let state = heartbeat(createPhiDetector(), clock.now());
  for (let i = 1; i < beats; i++) {
    clock.advance(intervalMs + (i % 2 === 0 ? jitterMs : -jitterMs));
    state = heartbeat(state, clock.now());
  }
  return { state, clock };
}

describe('phi-accrual failure detector', () => {
  it('is 0 before the first heartbeat', () => {
    expect(phi(createPhiDetector(), 1e9)).toBe(0);
  });

  it('stays low with regular beats', () => {
    const { state } = beatRegularly(1_000, 50, 50);
    for (const since of [0, 500, 1_000, 1_500, 2_000]) expect(phi(state, since)).toBeLessThan(1);
    expect(suspect(state, 1_000)).toBe(false);
  });

  it('grows with silence and suspects a sender gone quiet', () => {
    const { state, clock } = beatRegularly(1_000, 50, 50);
    const lastAt = clock.now();
    const seen: number[] = [];
    let suspectedAt: number | null = null;
    for (let i = 0; i < 20; i++) {
      clock.advance(250);
      const p = phi(state, clock.now() - lastAt);
      seen.push(p);
      if (suspectedAt === null && suspect(state, clock.now() - lastAt)) suspectedAt = clock.now() - lastAt;
    }
    expect(seen.every((p, i) => i === 0 || p >= (seen[i - 1] ?? 0))).toBe(true);
    expect(suspectedAt).not.toBeNull();
    // Suspected a little after the mean + acceptable pause, not on the first late beat.
    expect(suspectedAt).toBeGreaterThan(2_000);
    expect(suspectedAt).toBeLessThan(4_000);
  });

  it('adapts to a slower cadence instead of suspecting it', () => {
    const { state } = beatRegularly(5_000, 50, 200);
    expect(suspect(state, 5_500)).toBe(false);
    expect(suspect(state, 20_000)).toBe(true);
  });

  it('bounds the sample window and ignores reordered or duplicate beats', () => {
    let s = createPhiDetector({ maxSamples: 5 });
    for (let t = 0; t <= 10_000; t += 1_000) s = heartbeat(s, t);
    expect(s.intervals).toHaveLength(5);
    expect(heartbeat(s, 10_000)).toBe(s);
    expect(heartbeat(s, 9_000)).toBe(s);
  });

  it('uses the expected interval until enough samples exist', () => {
    const s = heartbeat(createPhiDetector({ expectedIntervalMs: 1_000 }), 0);
    expect(suspect(s, 1_500)).toBe(false);
    expect(suspect(s, 30_000)).toBe(true);
  });

  it('is non-decreasing in silence, finite and capped (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 60_000 }), { minLength: 0, maxLength: 120 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        (intervals, a, b) => {
          let s = heartbeat(createPhiDetector(), 0);
          let t = 0;
          for (const d of intervals) s = heartbeat(s, (t += d));
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const pLo = phi(s, lo);
          const pHi = phi(s, hi);
          expect(pHi).toBeGreaterThanOrEqual(pLo);
          expect(pLo).toBeGreaterThanOrEqual(0);
          expect(pHi).toBeLessThanOrEqual(PHI_MAX);
          expect(Number.isFinite(pHi)).toBe(true);
        },
      ),
    );
  });

  it('exports a sane default threshold', () => {
    expect(PHI_SUSPECT_THRESHOLD).toBe(8);
  });
});
