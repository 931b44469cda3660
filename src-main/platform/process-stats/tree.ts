import type { TreeSample } from '../../core/ports/process-stats';

/** One row of a process-table snapshot, whatever OS it came from. */
export interface ProcRow {
  readonly pid: number;
  readonly ppid: number;
  /** Cumulative user + system CPU time, ms. */
  readonly cpuMs: number;
  readonly rssBytes: number;
}

/**
 * Walks each root's descendants in one snapshot. The child map is built once,
 * so the cost is one pass over the table plus the size of the trees, not one
 * pass per root. A root missing from the snapshot is left out of the result.
 */
export function buildTrees(
  rows: readonly ProcRow[],
  rootPids: readonly number[],
  sampledAt: number,
): Map<number, TreeSample> {
  const byPid = new Map<number, ProcRow>();
  const children = new Map<number, number[]>();
  for (const row of rows) {
    byPid.set(row.pid, row);
    // A process is its own parent for pid 0 on some OSes: not a child edge.
    if (row.ppid === row.pid) continue;
    const list = children.get(row.ppid);
    if (list) list.push(row.pid);
    else children.set(row.ppid, [row.pid]);
  }

  const trees = new Map<number, TreeSample>();
  for (const rootPid of rootPids) {
    if (!byPid.has(rootPid) || trees.has(rootPid)) continue;
    const pids: number[] = [];
    const seen = new Set<number>([rootPid]);
    const queue = [rootPid];
    let cpuMsTotal = 0;
    let rssBytes = 0;
    for (let i = 0; i < queue.length; i++) {
      const pid = queue[i] as number;
      const row = byPid.get(pid);
      if (!row) continue;
      pids.push(pid);
      cpuMsTotal += row.cpuMs;
      rssBytes += row.rssBytes;
      for (const child of children.get(pid) ?? []) {
        // `seen` guards against a cycle left by pid reuse between parent and child.
        if (seen.has(child)) continue;
        seen.add(child);
        queue.push(child);
      }
    }
    trees.set(rootPid, { rootPid, pids, cpuMsTotal, rssBytes, sampledAt });
  }
  return trees;
}
