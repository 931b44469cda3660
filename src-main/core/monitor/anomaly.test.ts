import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ANOMALY_WARMUP_SAMPLES,
  ANOMALY_Z_THRESHOLD,
  createHeartbeatGapDetector,
  createOutputRateDetector,
  createTaskDurationDetector,
  score,
  type DetectorState,
  type ScoreResult,
} from './anomaly';

/** Feeds xs in order, returning every result. */
const run = (start: DetectorState, xs: readonly number[]): ScoreResult[] => {
  const out: ScoreResult[] = [];
  let s = start;
  for (const x of xs) {
    const r = score(s, x);
    out.push(r);
    s = r.state;
  }
  return out;
};
const lastState = (rs: ScoreResult[], fallback: DetectorState): DetectorState => rs.at(-1)?.state ?? fallback;
/** Deterministic ±spread wobble around a level. */
const wobble = (n: number, level: number, spread: number): number[] =>
  Array.from({ length: n }, (_, i) => level + spread * Math.sin(i * 1.7));

describe('anomaly detectors', () => {
  it('say nothing during warm-up, however wild the input', () => {
    const rs = run(createOutputRateDetector(), [1, 1e9, 0, 1e9, 5, 1e6, 3, 2, 1e9, 7]);
    expect(rs).toHaveLength(ANOMALY_WARMUP_SAMPLES);
    expect(rs.every((r) => r.score === null && !r.anomalous)).toBe(true);
    expect(run(lastState(rs, createOutputRateDetector()), [5])[0]?.score).not.toBeNull();
  });

  it('keep quiet on a steady output rate and flag a flood and a sudden drop', () => {
    const base = run(createOutputRateDetector(), wobble(100, 2_000, 150));
    expect(base.slice(ANOMALY_WARMUP_SAMPLES).some((r) => r.anomalous)).toBe(false);
    const warm = lastState(base, createOutputRateDetector());
    const flood = score(warm, 50_000);
    expect(flood.anomalous).toBe(true);
    expect(flood.score).toBeGreaterThan(ANOMALY_Z_THRESHOLD);
    const drop = score(warm, 0);
    expect(drop.anomalous).toBe(true);
    expect(drop.score).toBeLessThan(-ANOMALY_Z_THRESHOLD);
  });

  it('flag a step change at first, then accept it as the new normal', () => {
    const warm = lastState(run(createOutputRateDetector(), wobble(60, 1_000, 50)), createOutputRateDetector());
    const after = run(warm, wobble(200, 10_000, 500));
    expect(after[0]?.anomalous).toBe(true);
    expect(after.slice(-50).some((r) => r.anomalous)).toBe(false);
  });

  it('flag long heartbeat gaps only (direction high)', () => {
    const warm = lastState(run(createHeartbeatGapDetector(), wobble(50, 1_000, 30)), createHeartbeatGapDetector());
    expect(score(warm, 1_020).anomalous).toBe(false);
    expect(score(warm, 5_000).anomalous).toBe(true);
    expect(score(warm, 10).anomalous).toBe(false); // an early beat is harmless
  });

  it('flag a task taking far longer than usual, tolerating ordinary spread', () => {
    const durations = [60_000, 90_000, 45_000, 120_000, 75_000, 80_000, 50_000, 100_000];
    const warm = lastState(run(createTaskDurationDetector(), durations), createTaskDurationDetector());
    expect(score(warm, 130_000).anomalous).toBe(false);
    expect(score(warm, 30 * 60_000).anomalous).toBe(true);
    expect(score(warm, 1_000).anomalous).toBe(false);
  });

  it('ignore broken readings without touching the state', () => {
    const s = createOutputRateDetector();
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
      const r = score(s, bad);
      expect(r).toEqual({ state: s, score: null, anomalous: false });
    }
  });

  it('are pure: the same state and input give the same answer, and the input state is untouched (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { maxLength: 40 }), fc.double({ min: 0, max: 1e6, noNaN: true }), (xs, x) => {
        const s = lastState(run(createTaskDurationDetector(), xs), createTaskDurationDetector());
        const snapshot = JSON.stringify(s);
        expect(score(s, x)).toEqual(score(s, x));
        expect(JSON.stringify(s)).toBe(snapshot);
      }),
    );
  });

  it('anomalous implies a score at or past the threshold (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e5, noNaN: true }), { maxLength: 40 }), (xs) => {
        for (const r of run(createOutputRateDetector(), xs)) {
          if (r.anomalous) expect(Math.abs(r.score ?? 0)).toBeGreaterThanOrEqual(ANOMALY_Z_THRESHOLD);
        }
      }),
    );
  });
});
