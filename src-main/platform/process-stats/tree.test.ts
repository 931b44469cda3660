import { describe, expect, it } from 'vitest';
import { buildTrees, type ProcRow } from './tree';

const row = (pid: number, ppid: number, cpuMs = 0, rssBytes = 0): ProcRow => ({ pid, ppid, cpuMs, rssBytes });

describe('buildTrees', () => {
  const rows = [
    row(0, 0, 999, 1),
    row(1, 0, 5, 100),
    row(10, 1, 10, 1000), // session A root
    row(11, 10, 20, 2000),
    row(12, 11, 30, 3000),
    row(20, 1, 1, 10), // session B root
    row(21, 20, 2, 20),
    row(30, 1, 7, 70), // unrelated
  ];

  it('sums each root with all its descendants, root first', () => {
    const trees = buildTrees(rows, [10, 20], 1234);
    expect(trees.get(10)).toEqual({ rootPid: 10, pids: [10, 11, 12], cpuMsTotal: 60, rssBytes: 6000, sampledAt: 1234 });
    expect(trees.get(20)).toEqual({ rootPid: 20, pids: [20, 21], cpuMsTotal: 3, rssBytes: 30, sampledAt: 1234 });
  });

  it('leaves out roots that are not in the snapshot', () => {
    const trees = buildTrees(rows, [10, 999], 0);
    expect([...trees.keys()]).toEqual([10]);
  });

  it('does not loop on a self-parent or a cycle from pid reuse', () => {
    const trees = buildTrees([row(0, 0, 1), row(5, 6, 1), row(6, 5, 1)], [0, 5], 0);
    expect(trees.get(0)?.pids).toEqual([0]);
    expect(trees.get(5)?.pids).toEqual([5, 6]);
  });
});
