import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BACKGROUND_CHARS_PER_TICK,
  BACKGROUND_INTERVAL_MS,
  FLOOD_BATCH_MS,
  FLOOD_WRITE_CHARS,
  INTERACTIVE_WINDOW_MS,
  MAX_WRITE_CHARS,
  WriteScheduler,
  type WriteTarget,
} from './write-scheduler';

/**
 * A fake xterm: writes are parsed when the test says so (`parseAll`), or at
 * once with `auto` — as xterm calls back after parsing.
 */
function target(id: string, auto = true) {
  const writes: { data: string; ack: number; report: boolean }[] = [];
  const pending: (() => void)[] = [];
  const t: WriteTarget = {
    id,
    write: (data, ack, report, parsed) => {
      writes.push({ data, ack, report });
      if (auto) parsed();
      else pending.push(parsed);
    },
  };
  return {
    t,
    writes,
    text: () => writes.map((w) => w.data).join(''),
    acked: () => writes.reduce((n, w) => n + w.ack, 0),
    parseAll: () => {
      while (pending.length > 0) pending.shift()!();
    },
  };
}

function setup() {
  const frames: (() => void)[] = [];
  const s = new WriteScheduler({
    now: () => Date.now(),
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    afterNextFrame: (fn) => frames.push(fn),
  });
  return { s, paintFrame: () => frames.splice(0).forEach((f) => f()) };
}

describe('WriteScheduler', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes straight through when nobody types', () => {
    const { s } = setup();
    const a = target('a');
    s.submit(a.t, 'x'.repeat(100_000), 100_000);
    expect(a.text()).toHaveLength(100_000);
    expect(a.acked()).toBe(100_000);
  });

  it('merges output that arrives while xterm is parsing into one write, acking all of it', () => {
    const { s } = setup();
    const a = target('a', false);
    s.submit(a.t, 'one', 3);
    s.submit(a.t, 'two', 3);
    s.submit(a.t, 'three', 5);
    expect(a.writes.map((w) => w.data)).toEqual(['one']);
    a.parseAll();
    expect(a.writes.map((w) => w.data)).toEqual(['one', 'twothree']);
    expect(a.acked()).toBe(11);
  });

  it('caps a merged write at MAX_WRITE_CHARS', () => {
    const { s } = setup();
    const a = target('a', false);
    s.submit(a.t, 'x', 1);
    const half = 'y'.repeat(MAX_WRITE_CHARS / 2 + 1);
    s.submit(a.t, half, half.length);
    s.submit(a.t, half, half.length);
    a.parseAll();
    expect(a.writes[1]!.data.length).toBe(MAX_WRITE_CHARS);
    a.parseAll();
    vi.advanceTimersByTime(FLOOD_BATCH_MS);
    a.parseAll();
    expect(a.text() === 'x' + half + half).toBe(true);
    expect(a.acked()).toBe(1 + 2 * half.length);
  });

  it('writes a flooding terminal at most once per FLOOD_BATCH_MS, merging what arrives meanwhile', () => {
    const { s } = setup();
    const a = target('a');
    const big = 'f'.repeat(FLOOD_WRITE_CHARS);
    s.submit(a.t, big, big.length);
    s.submit(a.t, 'g'.repeat(1000), 1000);
    s.submit(a.t, 'h'.repeat(1000), 1000);
    expect(a.writes).toHaveLength(1);
    vi.advanceTimersByTime(FLOOD_BATCH_MS);
    expect(a.writes).toHaveLength(2);
    expect(a.writes[1]!.data).toBe('g'.repeat(1000) + 'h'.repeat(1000));
    // That write was small: the next output is written at once again.
    s.submit(a.t, 'echo', 4);
    expect(a.writes).toHaveLength(3);
  });

  it('while someone types, other terminals get a bounded portion per interval, in order, fully acked in the end', () => {
    const { s } = setup();
    const typist = target('typist');
    const flood = target('flood');
    s.noteInput('typist');
    const big = 'abcdefghij'.repeat(10_000); // 100 000 chars
    s.submit(flood.t, big, big.length);
    s.submit(flood.t, 'TAIL', 4);
    expect(flood.writes).toHaveLength(0);
    s.submit(typist.t, 'echo', 4);
    expect(typist.text()).toBe('echo');
    vi.advanceTimersByTime(0);
    expect(flood.text()).toHaveLength(BACKGROUND_CHARS_PER_TICK);
    expect(flood.acked()).toBe(0);
    vi.advanceTimersByTime(BACKGROUND_INTERVAL_MS - 1);
    expect(flood.text()).toHaveLength(BACKGROUND_CHARS_PER_TICK);
    vi.advanceTimersByTime(1);
    expect(flood.text()).toHaveLength(2 * BACKGROUND_CHARS_PER_TICK);
    s.noteInput('typist');
    vi.advanceTimersByTime(BACKGROUND_INTERVAL_MS * Math.ceil(big.length / BACKGROUND_CHARS_PER_TICK));
    expect(flood.text()).toBe(big + 'TAIL');
    expect(flood.acked()).toBe(big.length + 4);
  });

  it('hands background output over right after an echo is painted, once it is due', () => {
    const { s, paintFrame } = setup();
    const typist = target('typist');
    const flood = target('flood');
    s.noteInput('typist');
    s.submit(flood.t, 'a'.repeat(10), 10);
    vi.advanceTimersByTime(0);
    expect(flood.writes).toHaveLength(1);
    s.submit(flood.t, 'b'.repeat(10), 10);
    // Not due yet: an echo now does not bring the background forward.
    s.submit(typist.t, 'x', 1);
    paintFrame();
    expect(flood.writes).toHaveLength(1);
    vi.advanceTimersByTime(BACKGROUND_INTERVAL_MS / 2);
    s.noteInput('typist');
    vi.setSystemTime(Date.now() + BACKGROUND_INTERVAL_MS);
    s.submit(typist.t, 'y', 1);
    expect(flood.writes).toHaveLength(1);
    paintFrame();
    expect(flood.text()).toBe('a'.repeat(10) + 'b'.repeat(10));
  });

  it('while someone types, background terminals take turns: never two written in the same turn, each once per interval', () => {
    const { s } = setup();
    const floods = ['f1', 'f2', 'f3', 'f4'].map((id) => target(id));
    s.noteInput('typist');
    for (const f of floods) s.submit(f.t, 'z'.repeat(4 * BACKGROUND_CHARS_PER_TICK), 4 * BACKGROUND_CHARS_PER_TICK);
    const written = () => floods.map((f) => f.writes.length);
    vi.advanceTimersByTime(0);
    expect(written().reduce((a, b) => a + b)).toBe(1);
    const spacing = BACKGROUND_INTERVAL_MS / floods.length;
    for (let turn = 2; turn <= floods.length; turn++) {
      vi.advanceTimersByTime(spacing - 1);
      expect(written().reduce((a, b) => a + b)).toBe(turn - 1);
      vi.advanceTimersByTime(1);
      expect(written().reduce((a, b) => a + b)).toBe(turn);
    }
    expect(written()).toEqual([1, 1, 1, 1]);
    vi.advanceTimersByTime(BACKGROUND_INTERVAL_MS);
    expect(written()).toEqual([2, 2, 2, 2]);
  });

  it('goes back to full speed when the typing stops', () => {
    const { s } = setup();
    const flood = target('flood');
    s.noteInput('typist');
    s.submit(flood.t, 'y'.repeat(200_000), 200_000);
    vi.advanceTimersByTime(INTERACTIVE_WINDOW_MS + BACKGROUND_INTERVAL_MS);
    vi.advanceTimersByTime(FLOOD_BATCH_MS);
    expect(flood.text()).toHaveLength(200_000);
    expect(s.queued('flood')).toBe(0);
  });

  it('a queued terminal that gets typed into flushes its backlog before new data', () => {
    const { s } = setup();
    const b = target('b');
    s.noteInput('a');
    s.submit(b.t, 'old', 3);
    s.noteInput('b');
    s.submit(b.t, 'new', 3);
    expect(b.text()).toBe('oldnew');
  });

  it('never splits a surrogate pair', () => {
    const { s } = setup();
    const b = target('b');
    s.noteInput('a');
    const data = 'x'.repeat(BACKGROUND_CHARS_PER_TICK - 1) + '😀' + 'z';
    s.submit(b.t, data, data.length);
    vi.advanceTimersByTime(0);
    expect(b.writes[0]!.data).toHaveLength(BACKGROUND_CHARS_PER_TICK - 1);
    vi.advanceTimersByTime(BACKGROUND_INTERVAL_MS);
    expect(b.text()).toBe(data);
  });

  it('clear drops the queue (a re-attach snapshot supersedes it), and a late parse of the old write changes nothing', () => {
    const { s } = setup();
    const b = target('b', false);
    s.submit(b.t, 'first', 5);
    s.submit(b.t, 'stale', 5);
    s.clear('b');
    b.parseAll();
    vi.advanceTimersByTime(BACKGROUND_INTERVAL_MS * 5);
    expect(b.text()).toBe('first');
    s.submit(b.t, 'fresh', 5);
    expect(b.text()).toBe('firstfresh');
  });

  it('passes the report flag through and never merges a reset with output', () => {
    const { s } = setup();
    const b = target('b', false);
    s.submit(b.t, '\x1bc', 0, false);
    s.submit(b.t, 'out', 3);
    b.parseAll();
    expect(b.writes).toEqual([
      { data: '\x1bc', ack: 0, report: false },
      { data: 'out', ack: 3, report: true },
    ]);
  });
});
