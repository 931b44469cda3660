import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../ports/fake-clock';
import { DELIVERY_POLL_MS, flattenMessage, SUBMIT_SETTLE_MS, TerminalDelivery } from './delivery';

function setup(enterRetry = false) {
  const clock = createFakeClock();
  const writes: string[] = [];
  let state: 'idle' | 'busy' | 'starting' = 'starting';
  const delivered: string[] = [];
  const d = new TerminalDelivery({
    clock,
    target: {
      ready: () => state === 'idle',
      leftIdle: () => state !== 'idle',
      write: (_id, data) => (writes.push(data), true),
      enterDelayMs: () => 300,
      enterRetry: () => enterRetry,
    },
    delivered: (_id, tag) => delivered.push(tag ?? ''),
  });
  return { clock, writes, delivered, d, set: (s: typeof state) => (state = s) };
}

describe('TerminalDelivery', () => {
  it('waits until the agent is idle, types the text, then Enter separately', () => {
    const t = setup();
    t.d.send('s_a', 'line one\nline two', 'first');
    t.clock.advance(DELIVERY_POLL_MS * 3);
    expect(t.writes).toEqual([]);
    t.set('idle');
    t.clock.advance(DELIVERY_POLL_MS);
    expect(t.writes).toEqual(['line one line two']);
    t.clock.advance(299);
    expect(t.writes).toHaveLength(1);
    t.clock.advance(1);
    expect(t.writes).toEqual(['line one line two', '\r']);
    expect(t.delivered).toEqual(['first']);
  });

  it('sends the next message only after the agent took the previous one (or the settle time passed)', () => {
    const t = setup();
    t.set('idle');
    t.d.send('s_a', 'one');
    t.d.send('s_a', 'two');
    t.clock.advance(300);
    expect(t.writes).toEqual(['one', '\r']);
    t.clock.advance(DELIVERY_POLL_MS * 5);
    expect(t.writes).toHaveLength(2); // still idle: the agent has not shown it took "one"
    t.set('busy');
    t.clock.advance(DELIVERY_POLL_MS);
    t.set('idle');
    t.clock.advance(DELIVERY_POLL_MS + 300);
    expect(t.writes).toEqual(['one', '\r', 'two', '\r']);
    t.d.send('s_a', 'three');
    t.clock.advance(SUBMIT_SETTLE_MS + DELIVERY_POLL_MS + 300);
    expect(t.writes.slice(4)).toEqual(['three', '\r']);
  });

  it('a tool call from the agent counts as taken: the next message does not wait for the settle time', () => {
    const t = setup();
    t.set('idle');
    t.d.send('s_a', 'one');
    t.d.send('s_a', 'two');
    t.clock.advance(300);
    t.d.taken('s_a');
    t.clock.advance(300);
    expect(t.writes).toEqual(['one', '\r', 'two', '\r']);
  });

  it('an agent that took no notice of the message gets one more lone Enter (a starved agent read text and Enter as a paste)', () => {
    const t = setup(true);
    t.set('idle');
    t.d.send('s_a', 'one');
    t.d.send('s_a', 'two');
    t.clock.advance(300);
    expect(t.writes).toEqual(['one', '\r']);
    t.clock.advance(SUBMIT_SETTLE_MS + DELIVERY_POLL_MS);
    expect(t.writes).toEqual(['one', '\r', '\r']);
    // Once only: after a second settle time the next message goes.
    t.clock.advance(SUBMIT_SETTLE_MS + DELIVERY_POLL_MS + 300);
    expect(t.writes).toEqual(['one', '\r', '\r', 'two', '\r']);
  });

  it('no extra Enter when the agent took the message, nor for agents where an empty Enter means something', () => {
    const busy = setup(true);
    busy.set('idle');
    busy.d.send('s_a', 'one');
    busy.clock.advance(300);
    busy.set('busy');
    busy.clock.advance(SUBMIT_SETTLE_MS * 2);
    expect(busy.writes).toEqual(['one', '\r']);
    const shell = setup(false);
    shell.set('idle');
    shell.d.send('s_a', 'one');
    shell.clock.advance(300 + SUBMIT_SETTLE_MS * 2);
    expect(shell.writes).toEqual(['one', '\r']);
  });

  it('flattens newlines so a message is never submitted half-way', () => {
    expect(flattenMessage('  a\r\n  b\n\nc ')).toBe('a b c');
  });
});
