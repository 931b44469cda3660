import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_STALL_MS, detectStall } from './stall';

const T0 = 1_700_000_000_000;

describe('detectStall', () => {
  it('is not stalled while the screen keeps changing', () => {
    expect(detectStall({ lastScreenChangeAt: T0, state: 'busy', now: T0 + 5_000 })).toEqual({
      stalled: false,
      reason: 'recent_change',
      silentMs: 5_000,
      checkAgainAt: T0 + DEFAULT_STALL_MS,
    });
  });

  it('is stalled when busy and frozen for stallMs, and says since when', () => {
    const v = detectStall({ lastScreenChangeAt: T0, state: 'busy', now: T0 + 90_000, stallMs: 60_000 });
    expect(v).toMatchObject({ stalled: true, silentSince: T0, stalledSince: T0 + 60_000, silentMs: 90_000 });
    expect(v.stalled && v.reason).toMatch(/90 s/);
    expect(detectStall({ lastScreenChangeAt: T0, state: 'busy', now: T0 + 60_000, stallMs: 60_000 }).stalled).toBe(true);
  });

  it('is never stalled when not busy (idle or waiting on the person is not a stall)', () => {
    for (const state of ['idle', 'awaiting_approval', 'awaiting_input', 'unknown'] as const) {
      expect(detectStall({ lastScreenChangeAt: T0, state, now: T0 + 10 * DEFAULT_STALL_MS })).toMatchObject({ stalled: false, reason: 'not_busy', checkAgainAt: null });
    }
  });

  it('counts silence from going busy when that is later than the last change', () => {
    const v = detectStall({ lastScreenChangeAt: T0, busySince: T0 + 100_000, state: 'busy', now: T0 + 150_000, stallMs: 60_000 });
    expect(v).toMatchObject({ stalled: false, checkAgainAt: T0 + 160_000, silentMs: 50_000 });
  });

  it('treats a change from the future as just now', () => {
    expect(detectStall({ lastScreenChangeAt: T0 + 5_000, state: 'busy', now: T0 })).toMatchObject({ stalled: false, silentMs: 0 });
  });

  it('stalled ⇔ busy and silent ≥ stallMs (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 1, max: 500_000 }),
        fc.constantFrom('busy' as const, 'idle' as const, 'unknown' as const),
        (change, now, stallMs, state) => {
          const v = detectStall({ lastScreenChangeAt: change, state, now, stallMs });
          expect(v.stalled).toBe(state === 'busy' && now - change >= stallMs);
          if (v.stalled) expect(v.stalledSince).toBeLessThanOrEqual(now);
        },
      ),
    );
  });
});
