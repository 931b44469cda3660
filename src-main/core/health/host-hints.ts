import type { HostSample } from '../ports/process-stats';

/** MISSION.md: "CPU > 90 % → reduce parallelism". */
export const HOST_CPU_HINT_PCT = 90;
/** MISSION.md: "memory > 85 % → warn". */
export const HOST_MEM_HINT_PCT = 85;
/** A nearly full disk loses events and transcripts: MISSION.md level 3 ("disk full: tell the user"). */
export const HOST_DISK_HINT_PCT = 95;
/** A hint clears only this far below its threshold, so a value hovering at the line does not chatter. */
export const HINT_HYSTERESIS_PCT = 5;

export type HintId = 'reduce_parallelism' | 'memory_high' | 'disk_full';

export interface Hint {
  readonly hint: HintId;
  readonly metric: 'host_cpu_pct' | 'host_mem_pct' | 'host_disk_pct';
  readonly value: number;
  readonly threshold: number;
  readonly message: string;
}

const RULES: readonly { hint: HintId; metric: Hint['metric']; threshold: number; read: (h: HostSample) => number; message: (v: number) => string }[] = [
  { hint: 'reduce_parallelism', metric: 'host_cpu_pct', threshold: HOST_CPU_HINT_PCT, read: (h) => h.cpuPct, message: (v) => `Host CPU at ${Math.round(v)} %: run fewer workers at once.` },
  { hint: 'memory_high', metric: 'host_mem_pct', threshold: HOST_MEM_HINT_PCT, read: (h) => h.memPct, message: (v) => `Host memory at ${Math.round(v)} %: close sessions or run fewer workers.` },
  { hint: 'disk_full', metric: 'host_disk_pct', threshold: HOST_DISK_HINT_PCT, read: (h) => h.diskPct, message: (v) => `Disk of the data folder ${Math.round(v)} % full: free space before work is lost.` },
];

/**
 * The optimization hints that START with this sample (already-active ones are
 * not repeated); `active` is updated in place. Pure apart from that set.
 */
export function hostHints(h: HostSample, active: Set<HintId>): Hint[] {
  const out: Hint[] = [];
  for (const r of RULES) {
    const v = r.read(h);
    if (active.has(r.hint)) {
      if (v < r.threshold - HINT_HYSTERESIS_PCT) active.delete(r.hint);
    } else if (v > r.threshold) {
      active.add(r.hint);
      out.push({ hint: r.hint, metric: r.metric, value: Math.round(v * 10) / 10, threshold: r.threshold, message: r.message(v) });
    }
  }
  return out;
}
