import type { Clock, TimerHandle } from '../ports/clock';

/**
 * A manual Clock for tests: time moves only when the test advances it, and
 * due timers fire in time order (FIFO among equal times). `advanceAsync`
 * lets promise continuations run between timers, so async code driven by
 * the clock (acquire → hold → release loops) behaves as it would for real.
 * The one shared fake of the Clock port (DESIGN.md §8.7).
 */
export interface FakeClock extends Clock {
  /** Fires every timer due up to now + ms, synchronously. */
  advance(ms: number): void;
  /** Same, letting pending promise work settle before and after each timer. */
  advanceAsync(ms: number): Promise<void>;
  /** Timers not yet fired or cancelled. */
  readonly pending: number;
}

interface Timer {
  seq: number;
  at: number;
  fn: () => void;
  every: number | null;
}

/** setImmediate runs after all queued microtasks, so a chain of awaits finishes first. */
const settlePromises = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export function createFakeClock(start = 1_700_000_000_000): FakeClock {
  let now = start;
  let seq = 0;
  const timers = new Map<number, Timer>();

  const add = (fn: () => void, ms: number, every: number | null): TimerHandle => {
    const t: Timer = { seq: ++seq, at: now + Math.max(0, ms), fn, every };
    timers.set(t.seq, t);
    return { cancel: () => void timers.delete(t.seq) };
  };

  const nextDue = (until: number): Timer | undefined => {
    let best: Timer | undefined;
    for (const t of timers.values()) {
      if (t.at > until) continue;
      if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    }
    return best;
  };

  const fire = (t: Timer): void => {
    now = t.at;
    if (t.every === null) timers.delete(t.seq);
    else t.at += Math.max(1, t.every);
    t.fn();
  };

  return {
    now: () => now,
    setTimeout: (fn, ms) => add(fn, ms, null),
    setInterval: (fn, ms) => add(fn, ms, ms),
    get pending() {
      return timers.size;
    },
    advance(ms) {
      const until = now + ms;
      for (let t = nextDue(until); t; t = nextDue(until)) fire(t);
      now = until;
    },
    async advanceAsync(ms) {
      const until = now + ms;
      await settlePromises();
      for (let t = nextDue(until); t; t = nextDue(until)) {
        fire(t);
        await settlePromises();
      }
      now = until;
    },
  };
}
