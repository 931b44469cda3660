import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';

/**
 * Figures every benchmark ends with: one line `BENCH {json}`. Latency and
 * throughput on a shared 2-core machine move with whatever else runs, so the
 * line also carries the 1-minute load average as it ended (where the OS has one).
 */
export function printBench(figures: Record<string, unknown> & { name: string }): void {
  const load = loadavg()[0] ?? 0;
  console.log(`BENCH ${JSON.stringify(process.platform === 'win32' ? figures : { ...figures, load_avg_1m: round(load) })}`);
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx]!;
}

export const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** Clock ticks per second for /proc/<pid>/stat (USER_HZ; 100 on every mainstream Linux). */
const USER_HZ = Number(process.env.USER_HZ ?? 100);

/** Resident memory and cumulative CPU time of one process (Linux /proc; ps elsewhere). */
export function processStats(pid: number): { rssBytes: number; cpuMs: number } {
  if (process.platform === 'linux') {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime
    return { rssBytes: rssKb * 1024, cpuMs: (ticks * 1000) / USER_HZ };
  }
  // macOS / others: ps reports rss in KB and cumulative cpu time as [dd-]hh:mm:ss.
  const out = execFileSync('ps', ['-o', 'rss=,time=', '-p', String(pid)], { encoding: 'utf8' }).trim().split(/\s+/);
  const parts = (out[1] ?? '0').split(/[-:]/).map(Number);
  const secs = parts.reduce((acc, v) => acc * 60 + v, 0);
  return { rssBytes: Number(out[0]) * 1024, cpuMs: secs * 1000 };
}

export async function waitUntil(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
