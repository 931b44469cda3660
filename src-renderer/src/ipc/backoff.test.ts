import { describe, expect, it } from 'vitest';
import { RECONNECT_BASE_MS, RECONNECT_MAX_MS, reconnectDelayMs } from './backoff';

describe('reconnectDelayMs', () => {
  it('grows exponentially from the base', () => {
    expect(reconnectDelayMs(1, () => 1)).toBe(RECONNECT_BASE_MS);
    expect(reconnectDelayMs(2, () => 1)).toBe(RECONNECT_BASE_MS * 2);
    expect(reconnectDelayMs(3, () => 1)).toBe(RECONNECT_BASE_MS * 4);
  });

  it('is capped', () => {
    expect(reconnectDelayMs(50, () => 1)).toBe(RECONNECT_MAX_MS);
  });

  it('jitters within the upper half', () => {
    expect(reconnectDelayMs(3, () => 0)).toBe(RECONNECT_BASE_MS * 2);
    for (let i = 0; i < 100; i++) {
      const d = reconnectDelayMs(4);
      expect(d).toBeGreaterThanOrEqual(RECONNECT_BASE_MS * 4);
      expect(d).toBeLessThanOrEqual(RECONNECT_BASE_MS * 8);
    }
  });
});
