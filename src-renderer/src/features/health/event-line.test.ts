import { describe, expect, it } from 'vitest';
import { describeHealthEvent } from './event-line';

const ev = (type: string, data: unknown) => ({ seq: 1, ts: 0, type, sender: 'core', sessionId: 's_x', correlationId: null, data });

describe('recovery history lines', () => {
  it('say what happened and why', () => {
    expect(describeHealthEvent(ev('recovery.action', { by: 'healer', strategy: 'restart_session', outcome: 'ok', reason: 'crashed' }))).toEqual({ what: 'healer: restart_session → ok', why: 'crashed', tone: 'good' });
    expect(describeHealthEvent(ev('health.detected', { kind: 'output_flood', severity: 'medium', reason: 'x' })).what).toBe('Detected: output flood');
    expect(describeHealthEvent(ev('recovery.gave_up', { reason: 'limit 3' })).tone).toBe('bad');
  });
});
