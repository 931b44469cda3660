/** Pure arithmetic for host samples; the I/O lives in host.ts. */

export interface CpuTimes {
  readonly user: number;
  readonly nice: number;
  readonly sys: number;
  readonly idle: number;
  readonly irq: number;
}

export interface CpuTotals {
  readonly busy: number;
  readonly total: number;
}

/** Sums os.cpus()-style per-core times into busy and total ms. */
export function sumCpuTimes(cores: readonly { readonly times: CpuTimes }[]): CpuTotals {
  let busy = 0;
  let total = 0;
  for (const { times } of cores) {
    const coreBusy = times.user + times.nice + times.sys + times.irq;
    busy += coreBusy;
    total += coreBusy + times.idle;
  }
  return { busy, total };
}

/**
 * Busy share between two readings, 0–100. A zero or negative interval (two
 * calls inside one tick, or a core going offline) reads as 0, not NaN.
 */
export function cpuPctBetween(before: CpuTotals, after: CpuTotals): number {
  const total = after.total - before.total;
  if (total <= 0) return 0;
  return clampPct(((after.busy - before.busy) / total) * 100);
}

/** part / whole as a percentage, 0–100; 0 when whole is 0. */
export function pctOf(part: number, whole: number): number {
  return whole > 0 ? clampPct((part / whole) * 100) : 0;
}

function clampPct(pct: number): number {
  return Math.min(100, Math.max(0, pct));
}

export interface StatfsLike {
  readonly bsize: number;
  readonly blocks: number;
  readonly bavail: number;
}

/** Volume size and the space an unprivileged user may still write. */
export function diskFromStatfs(s: StatfsLike): { total: number; free: number; pct: number } {
  const total = s.bsize * s.blocks;
  const free = s.bsize * s.bavail;
  return { total, free, pct: pctOf(total - free, total) };
}
