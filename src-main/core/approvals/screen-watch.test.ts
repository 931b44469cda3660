import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../ports/fake-clock';
import type { ScreenText } from '../ports/screen-model';
import { SCAN_DELAY_MS, ScreenWatch } from './screen-watch';

const screen: ScreenText = { lines: ['> '], cursor: { x: 2, y: 0 }, parsed: 0, cols: 80, rows: 24 };

function setup() {
  const clock = createFakeClock();
  const seen: { readAt: number; outputAt: number }[] = [];
  let release: (() => void) | null = null;
  let reads = 0;
  const watch = new ScreenWatch({
    clock,
    read: () => {
      reads++;
      return new Promise<ScreenText>((resolve) => (release = () => resolve(screen)));
    },
    onScreen: (_id, _screen, readAt, outputAt) => seen.push({ readAt, outputAt }),
    onError: (_id, e) => {
      throw e;
    },
  });
  const finishRead = async () => {
    release?.();
    release = null;
    await new Promise((r) => setImmediate(r));
  };
  return { clock, watch, seen, finishRead, reads: () => reads };
}

describe('ScreenWatch', () => {
  it('reads once per burst of output, SCAN_DELAY_MS after its first chunk, and says when that chunk came', async () => {
    const t = setup();
    const first = t.clock.now();
    t.watch.poke('s_a');
    t.clock.advance(5);
    t.watch.poke('s_a');
    t.clock.advance(SCAN_DELAY_MS - 5);
    expect(t.reads()).toBe(1);
    await t.finishRead();
    expect(t.seen).toEqual([{ readAt: first + SCAN_DELAY_MS, outputAt: first }]);
  });

  it('output during a read gets one more read, timed from that output (the detection latency of a prompt drawn then)', async () => {
    const t = setup();
    t.watch.poke('s_a');
    t.clock.advance(SCAN_DELAY_MS);
    t.clock.advance(7);
    const during = t.clock.now();
    t.watch.poke('s_a');
    t.clock.advance(3);
    t.watch.poke('s_a');
    await t.finishRead();
    expect(t.reads()).toBe(1);
    t.clock.advance(SCAN_DELAY_MS);
    expect(t.reads()).toBe(2);
    await t.finishRead();
    expect(t.seen[1]?.outputAt).toBe(during);
    expect(t.seen[1]!.readAt).toBeGreaterThan(during);
  });
});
