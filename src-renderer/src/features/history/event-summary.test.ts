import { describe, expect, it } from 'vitest';
import { SUMMARY_MAX_CHARS, summarizeEvent } from './event-summary';

describe('summarizeEvent', () => {
  it('describes session lifecycle events', () => {
    expect(summarizeEvent({ type: 'session.state', data: { state: 'running' } })).toBe('→ running');
    expect(summarizeEvent({ type: 'session.state', data: { state: 'exited', reason: 'app_restarted' } })).toBe('→ exited (app_restarted)');
    expect(summarizeEvent({ type: 'session.started', data: { pid: 42, command: '/bin/bash', args: ['-l'], restart: true } })).toBe(
      'pid 42 (restart) · /bin/bash -l',
    );
    expect(summarizeEvent({ type: 'session.exited', data: { exitCode: 0, signal: null, requested: false } })).toBe('code 0');
    expect(summarizeEvent({ type: 'session.exited', data: { exitCode: 0, signal: 'SIGTERM', requested: true } })).toBe('signal SIGTERM · requested');
  });

  it('falls back to clipped JSON for other events', () => {
    expect(summarizeEvent({ type: 'x', data: {} })).toBe('');
    expect(summarizeEvent({ type: 'x', data: { a: 1 } })).toBe('{"a":1}');
    const long = summarizeEvent({ type: 'x', data: 'y'.repeat(1000) });
    expect(long).toHaveLength(SUMMARY_MAX_CHARS);
    expect(long.endsWith('…')).toBe(true);
  });
});
