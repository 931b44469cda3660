import type { Clock, TimerHandle } from './clock';

/** The one shared fake of the Clock port: time moves only when a test says so. */
export interface FakeClock extends Clock {
  advance(ms: number): void;
  set(now: number): void;
  readonly pendingTimers: number;
}

export function createFakeClock(start = 1_700_000_000_000): FakeClock {
  let now = start;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void; every: number | null }>();

  const schedule = (fn: () => void, ms: number, every: number | null): TimerHandle => {
    const id = nextId++;
    timers.set(id, { at: now + Math.max(0, ms), fn, every });
    return { cancel: () => void timers.delete(id) };
  };

  const runDue = (until: number): void => {
    for (;;) {
      let dueId: number | null = null;
      let dueAt = Infinity;
      for (const [id, t] of timers) {
        if (t.at <= until && t.at < dueAt) {
          dueAt = t.at;
          dueId = id;
        }
      }
      if (dueId === null) break;
      const t = timers.get(dueId)!;
      now = Math.max(now, t.at);
      if (t.every !== null) t.at = now + Math.max(1, t.every);
      else timers.delete(dueId);
      t.fn();
    }
    now = Math.max(now, until);
  };

  return {
    now: () => now,
    setTimeout: (fn, ms) => schedule(fn, ms, null),
    setInterval: (fn, ms) => schedule(fn, ms, ms),
    advance: (ms) => runDue(now + ms),
    set: (t) => runDue(t),
    get pendingTimers() {
      return timers.size;
    },
  };
}
