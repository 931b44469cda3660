import os from 'node:os';
import path from 'node:path';
import { statfs } from 'node:fs/promises';
import type { HostSample } from '../../core/ports/process-stats';
import type { Result } from '../../../src-preload/contract/result';
import { err, ok } from '../../../src-preload/contract/result';
import { cpuPctBetween, diskFromStatfs, pctOf, sumCpuTimes, type StatfsLike } from './host-math';

export interface HostSamplerDeps {
  readonly platform: NodeJS.Platform;
  /** The data folder; its volume is the one reported. */
  readonly dataDir: string;
  readonly now: () => number;
}

/**
 * Host CPU, memory and disk. CPU % is measured against the previous call,
 * the first call against the moment the sampler was made.
 */
export function createHostSampler(deps: HostSamplerDeps): () => Promise<Result<HostSample>> {
  let previous = sumCpuTimes(os.cpus());
  return async () => {
    const disk = await statfsNearest(deps.dataDir);
    if (!disk.ok) return disk;
    const current = sumCpuTimes(os.cpus());
    const cpuPct = cpuPctBetween(previous, current);
    previous = current;
    const memTotalBytes = os.totalmem();
    const memUsedBytes = Math.max(0, memTotalBytes - os.freemem());
    const { total, free, pct } = diskFromStatfs(disk.value);
    const load = os.loadavg();
    return ok({
      cpuPct,
      memTotalBytes,
      memUsedBytes,
      memPct: pctOf(memUsedBytes, memTotalBytes),
      diskTotalBytes: total,
      diskFreeBytes: free,
      diskPct: pct,
      // Windows has no load average (Node reports zeros): leave it out rather than claim idle.
      ...(deps.platform === 'win32' ? {} : { loadAvg: [load[0] ?? 0, load[1] ?? 0, load[2] ?? 0] as const }),
      sampledAt: deps.now(),
    });
  };
}

/** statfs of the folder, or of its nearest existing ancestor before first run creates it. */
async function statfsNearest(dir: string): Promise<Result<StatfsLike>> {
  let current = path.resolve(dir);
  for (;;) {
    try {
      return ok(await statfs(current));
    } catch (e) {
      const parent = path.dirname(current);
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || parent === current) {
        return err('unavailable', `cannot read disk space for ${dir}: ${(e as Error).message}`);
      }
      current = parent;
    }
  }
}
