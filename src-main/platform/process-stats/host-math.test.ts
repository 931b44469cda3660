import { describe, expect, it } from 'vitest';
import { cpuPctBetween, diskFromStatfs, pctOf, sumCpuTimes } from './host-math';

const core = (user: number, sys: number, idle: number) => ({ times: { user, nice: 0, sys, idle, irq: 0 } });

describe('host math', () => {
  it('computes busy share between two os.cpus() readings', () => {
    const a = sumCpuTimes([core(100, 50, 850), core(0, 0, 1000)]);
    const b = sumCpuTimes([core(400, 100, 1500), core(100, 0, 1900)]);
    // busy +450 of total +2000
    expect(cpuPctBetween(a, b)).toBeCloseTo(22.5);
  });

  it('reads 0, not NaN, when no time passed or a core went away', () => {
    const a = sumCpuTimes([core(1, 1, 1)]);
    expect(cpuPctBetween(a, a)).toBe(0);
    expect(cpuPctBetween(sumCpuTimes([core(9, 9, 9), core(9, 9, 9)]), a)).toBe(0);
  });

  it('clamps percentages and reports disk usage from statfs', () => {
    expect(pctOf(5, 0)).toBe(0);
    expect(pctOf(150, 100)).toBe(100);
    expect(diskFromStatfs({ bsize: 4096, blocks: 1000, bavail: 250 })).toEqual({
      total: 4_096_000,
      free: 1_024_000,
      pct: 75,
    });
  });
});
