import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  backoffDelayMs,
  decide,
  DEFAULT_RESTART_POLICY,
  HEALTHY_UPTIME_MS,
  restartsInWindow,
  validateRestartPolicy,
  type ExitInfo,
  type RestartPolicy,
} from './restart-policy';

const NOW = 1_700_000_000_000;
const CRASH: ExitInfo = { code: 1, signal: null, requested: false, uptimeMs: 500 };
const NO_JITTER_POLICY: RestartPolicy = { ...DEFAULT_RESTART_POLICY, jitterRatio: 0 };
/** A fixed, replayable random sequence. */
const sequence = (...values: number[]) => {
  let i = 0;
  return () => values[i++ % values.length] ?? 0;
};

const policyArb: fc.Arbitrary<RestartPolicy> = fc
  .record({
    maxRestarts: fc.integer({ min: 0, max: 10 }),
    windowMs: fc.integer({ min: 1, max: 3_600_000 }),
    baseDelayMs: fc.integer({ min: 0, max: 10_000 }),
    extraCapMs: fc.integer({ min: 0, max: 120_000 }),
    jitterRatio: fc.double({ min: 0, max: 1, noNaN: true }),
    restartOn: fc.constantFrom('always' as const, 'on-failure' as const, 'never' as const),
    healthyUptimeMs: fc.integer({ min: 0, max: 600_000 }),
  })
  .map(({ extraCapMs, ...p }) => ({ ...p, maxDelayMs: p.baseDelayMs + extraCapMs }));

const exitArb: fc.Arbitrary<ExitInfo> = fc.record({
  code: fc.option(fc.integer({ min: 0, max: 255 }), { nil: null }),
  signal: fc.option(fc.constantFrom('SIGTERM', 'SIGKILL', 'SIGSEGV'), { nil: null }),
  requested: fc.boolean(),
  uptimeMs: fc.integer({ min: 0, max: 1_000_000 }),
});

const restartsArb = fc.array(fc.integer({ min: NOW - 3_600_000, max: NOW }), { maxLength: 15 });

describe('decide: defaults follow MISSION.md (1 s, 2 s, 4 s; up to 3)', () => {
  it('restarts a crash loop after 1 s, 2 s, 4 s, then gives up', () => {
    const restarts: number[] = [];
    const delays: number[] = [];
    let t = NOW;
    for (let i = 0; i < 3; i++) {
      const d = decide(NO_JITTER_POLICY, CRASH, restarts, t);
      if (d.action !== 'restart') throw new Error(`expected restart, got ${d.action}`);
      expect(d.attempt).toBe(i + 1);
      delays.push(d.delayMs);
      t += d.delayMs;
      restarts.push(t);
      t += CRASH.uptimeMs;
    }
    expect(delays).toEqual([1_000, 2_000, 4_000]);
    const last = decide(NO_JITTER_POLICY, CRASH, restarts, t);
    expect(last.action).toBe('give_up');
    expect(last.reason).toMatch(/3 restart\(s\)/);
  });

  it('is a valid policy', () => {
    expect(validateRestartPolicy(DEFAULT_RESTART_POLICY)).toEqual([]);
  });

  it('does not restart a clean exit on-failure, but does with always', () => {
    const clean: ExitInfo = { code: 0, signal: null, requested: false, uptimeMs: 10 };
    expect(decide(DEFAULT_RESTART_POLICY, clean, [], NOW).action).toBe('none');
    expect(decide({ ...DEFAULT_RESTART_POLICY, restartOn: 'always' }, clean, [], NOW).action).toBe('restart');
  });

  it('treats death by signal as a failure', () => {
    const killed: ExitInfo = { code: null, signal: 'SIGSEGV', requested: false, uptimeMs: 10 };
    const d = decide(NO_JITTER_POLICY, killed, [], NOW);
    expect(d).toMatchObject({ action: 'restart', attempt: 1 });
    expect(d.reason).toMatch(/SIGSEGV/);
  });

  it('resets the backoff after a healthy run but keeps the intensity budget', () => {
    const restarts = [NOW - 5_000, NOW - 3_000];
    const healthy: ExitInfo = { ...CRASH, uptimeMs: HEALTHY_UPTIME_MS };
    expect(decide(NO_JITTER_POLICY, healthy, restarts, NOW)).toMatchObject({ action: 'restart', attempt: 1, delayMs: 1_000 });
    expect(decide(NO_JITTER_POLICY, CRASH, restarts, NOW)).toMatchObject({ action: 'restart', attempt: 3, delayMs: 4_000 });
    expect(decide(NO_JITTER_POLICY, healthy, [...restarts, NOW - 1_000], NOW).action).toBe('give_up');
  });

  it('forgets restarts older than the window', () => {
    const old = [NOW - DEFAULT_RESTART_POLICY.windowMs, NOW - DEFAULT_RESTART_POLICY.windowMs - 1, NOW - 2 * DEFAULT_RESTART_POLICY.windowMs];
    expect(restartsInWindow(old, DEFAULT_RESTART_POLICY.windowMs, NOW)).toBe(0);
    expect(decide(NO_JITTER_POLICY, CRASH, old, NOW)).toMatchObject({ action: 'restart', attempt: 1 });
  });

  it('applies jitter from the injected random source, deterministically', () => {
    const policy = { ...DEFAULT_RESTART_POLICY, jitterRatio: 0.5 };
    const a = decide(policy, CRASH, [], NOW, sequence(0.5));
    const b = decide(policy, CRASH, [], NOW, sequence(0.5));
    expect(a).toEqual(b);
    expect(a).toMatchObject({ action: 'restart', delayMs: 1_250 });
    expect(decide(policy, CRASH, [], NOW, sequence(1))).toMatchObject({ delayMs: 1_500 });
    // Out-of-range randoms are clamped, never shrinking or blowing up the delay.
    expect(decide(policy, CRASH, [], NOW, sequence(-3))).toMatchObject({ delayMs: 1_000 });
    expect(decide(policy, CRASH, [], NOW, sequence(Number.NaN))).toMatchObject({ delayMs: 1_000 });
  });

  it('reports invalid policies', () => {
    const bad = { ...DEFAULT_RESTART_POLICY, maxRestarts: -1, jitterRatio: 2, baseDelayMs: 10_000 };
    expect(validateRestartPolicy(bad)).toHaveLength(3);
  });
});

describe('decide: properties', () => {
  it('never restarts an exit a person requested', () => {
    fc.assert(
      fc.property(policyArb, exitArb, restartsArb, (policy, exit, restarts) => {
        expect(decide(policy, { ...exit, requested: true }, restarts, NOW).action).toBe('none');
      }),
    );
  });

  it('gives up exactly when the window already holds maxRestarts restarts (this one would exceed it)', () => {
    fc.assert(
      fc.property(policyArb, exitArb, restartsArb, (policy, exit, restarts) => {
        const failing: ExitInfo = { ...exit, requested: false, code: 1, signal: null };
        const p: RestartPolicy = { ...policy, restartOn: 'on-failure' };
        const d = decide(p, failing, restarts, NOW);
        const inWindow = restarts.filter((t) => NOW - t < p.windowMs).length;
        expect(d.action).toBe(inWindow + 1 > p.maxRestarts ? 'give_up' : 'restart');
      }),
    );
  });

  it('backoff is monotonic in the attempt and reaches but never passes the cap', () => {
    fc.assert(
      fc.property(policyArb, fc.integer({ min: 1, max: 2_000 }), (policy, attempt) => {
        const a = backoffDelayMs(policy, attempt);
        const b = backoffDelayMs(policy, attempt + 1);
        expect(b).toBeGreaterThanOrEqual(a);
        expect(b).toBeLessThanOrEqual(policy.maxDelayMs);
        if (a < policy.maxDelayMs) expect(b === policy.maxDelayMs || b === 2 * a).toBe(true);
      }),
    );
  });

  it('a restart delay stays within [backoff, maxDelayMs × (1 + jitterRatio)]', () => {
    fc.assert(
      fc.property(policyArb, exitArb, restartsArb, fc.double({ min: -1, max: 2, noNaN: true }), (policy, exit, restarts, r) => {
        const d = decide({ ...policy, restartOn: 'always' }, { ...exit, requested: false }, restarts, NOW, () => r);
        if (d.action !== 'restart') return;
        expect(d.delayMs).toBeGreaterThanOrEqual(Math.round(backoffDelayMs(policy, d.attempt)));
        expect(d.delayMs).toBeLessThanOrEqual(Math.round(policy.maxDelayMs * (1 + policy.jitterRatio)));
        expect(d.attempt).toBeGreaterThanOrEqual(1);
        expect(d.attempt).toBeLessThanOrEqual(Math.max(1, policy.maxRestarts));
      }),
    );
  });

  it('never restarts under restartOn: never', () => {
    fc.assert(
      fc.property(policyArb, exitArb, restartsArb, (policy, exit, restarts) => {
        expect(decide({ ...policy, restartOn: 'never' }, exit, restarts, NOW).action).toBe('none');
      }),
    );
  });
});
