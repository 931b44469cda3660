import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BACKGROUND_CHARS_PER_TICK, INTERACTIVE_WINDOW_MS, TICK_MS, WriteScheduler, type WriteTarget } from './write-scheduler';

function target(id: string) {
  const writes: { data: string; ack: number; report: boolean }[] = [];
  const t: WriteTarget = { id, write: (data, ack, report) => writes.push({ data, ack, report }) };
  return { t, writes, text: () => writes.map((w) => w.data).join(''), acked: () => writes.reduce((n, w) => n + w.ack, 0) };
}

function setup() {
  const s = new WriteScheduler({ now: () => Date.now(), setTimer: (fn, ms) => setTimeout(fn, ms), clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) });
  return s;
}

describe('WriteScheduler', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes straight through when nobody types', () => {
    const s = setup();
    const a = target('a');
    s.submit(a.t, 'x'.repeat(100_000), 100_000);
    expect(a.text()).toHaveLength(100_000);
    expect(a.acked()).toBe(100_000);
  });

  it('while someone types, other terminals get a bounded portion per tick, in order, fully acked in the end', () => {
    const s = setup();
    const typist = target('typist');
    const flood = target('flood');
    s.noteInput('typist');
    const big = 'abcdefghij'.repeat(5_000); // 50 000 chars
    s.submit(flood.t, big, big.length);
    s.submit(flood.t, 'TAIL', 4);
    expect(flood.writes).toHaveLength(0);
    s.submit(typist.t, 'echo', 4);
    expect(typist.text()).toBe('echo');
    vi.advanceTimersByTime(TICK_MS);
    expect(flood.text()).toHaveLength(BACKGROUND_CHARS_PER_TICK);
    expect(flood.acked()).toBe(0);
    vi.advanceTimersByTime(TICK_MS * Math.ceil(big.length / BACKGROUND_CHARS_PER_TICK));
    expect(flood.text()).toBe(big + 'TAIL');
    expect(flood.acked()).toBe(big.length + 4);
  });

  it('goes back to full speed when the typing stops', () => {
    const s = setup();
    const flood = target('flood');
    s.noteInput('typist');
    s.submit(flood.t, 'y'.repeat(200_000), 200_000);
    vi.advanceTimersByTime(INTERACTIVE_WINDOW_MS);
    vi.advanceTimersByTime(TICK_MS);
    expect(flood.text()).toHaveLength(200_000);
    expect(s.queued('flood')).toBe(0);
  });

  it('a queued terminal that gets typed into flushes its backlog before new data', () => {
    const s = setup();
    const b = target('b');
    s.noteInput('a');
    s.submit(b.t, 'old', 3);
    s.noteInput('b');
    s.submit(b.t, 'new', 3);
    expect(b.text()).toBe('oldnew');
  });

  it('never splits a surrogate pair', () => {
    const s = setup();
    const b = target('b');
    s.noteInput('a');
    const data = 'x'.repeat(BACKGROUND_CHARS_PER_TICK - 1) + '😀' + 'z';
    s.submit(b.t, data, data.length);
    vi.advanceTimersByTime(TICK_MS);
    expect(b.writes[0]!.data).toHaveLength(BACKGROUND_CHARS_PER_TICK - 1);
    vi.advanceTimersByTime(TICK_MS);
    expect(b.text()).toBe(data);
  });

  it('clear drops the queue (a re-attach snapshot supersedes it)', () => {
    const s = setup();
    const b = target('b');
    s.noteInput('a');
    s.submit(b.t, 'stale', 5);
    s.clear('b');
    vi.advanceTimersByTime(TICK_MS * 5);
    expect(b.writes).toHaveLength(0);
  });

  it('passes the report flag through (a reset sequence is not output)', () => {
    const s = setup();
    const b = target('b');
    s.submit(b.t, '\x1bc', 0, false);
    expect(b.writes).toEqual([{ data: '\x1bc', ack: 0, report: false }]);
  });
});
