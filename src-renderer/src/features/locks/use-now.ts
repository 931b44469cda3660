import { useEffect, useState } from 'react';

/**
 * The wall clock, re-read every `periodMs` while `running`: one interval per
 * mounted view, cleared on unmount, so countdowns in many rows cost one
 * render per tick and no per-row timers.
 */
export function useNow(periodMs: number, running: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return undefined;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), periodMs);
    return () => clearInterval(timer);
  }, [periodMs, running]);
  return now;
}
