import { describe, expect, it } from 'vitest';
import type { HostSample } from '../ports/process-stats';
import { hostHints, type HintId } from './host-hints';

const host = (cpuPct: number, memPct: number, diskPct = 50): HostSample => ({ cpuPct, memPct, diskPct, memTotalBytes: 1, memUsedBytes: 1, diskTotalBytes: 1, diskFreeBytes: 1, sampledAt: 0 });

describe('host optimization hints (MISSION.md thresholds)', () => {
  it('hints once when CPU passes 90 % and memory 85 %, again only after falling clearly below', () => {
    const active = new Set<HintId>();
    expect(hostHints(host(50, 50), active)).toEqual([]);
    expect(hostHints(host(95, 50), active).map((h) => h.hint)).toEqual(['reduce_parallelism']);
    expect(hostHints(host(96, 90), active).map((h) => h.hint)).toEqual(['memory_high']);
    expect(hostHints(host(88, 84), active)).toEqual([]); // inside the hysteresis band: still active, not repeated
    expect(hostHints(host(91, 84), active)).toEqual([]);
    expect(hostHints(host(80, 50), active)).toEqual([]);
    expect(hostHints(host(95, 50), active).map((h) => h.hint)).toEqual(['reduce_parallelism']);
    expect(hostHints(host(10, 10, 99), active)[0]).toMatchObject({ hint: 'disk_full', metric: 'host_disk_pct', value: 99 });
  });
});
