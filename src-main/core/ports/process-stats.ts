import type { Result } from '../../../src-preload/contract/result';

/**
 * Resource use of process trees and of the host, as a port so the monitor
 * samples through a fake in tests. One adapter per OS lives in
 * src-main/platform/process-stats.
 */
export interface ProcessStats {
  /**
   * One sample of each root's whole process tree (the root and all its
   * descendants), taken from ONE snapshot of the process table however many
   * roots are asked for. A root that no longer exists is absent from the map;
   * that is not an error. An Err means the snapshot itself failed.
   */
  sampleTrees(rootPids: readonly number[]): Promise<Result<Map<number, TreeSample>>>;
  /** Host CPU (since the previous call), memory and the data folder's disk. */
  host(): Promise<Result<HostSample>>;
}

export interface TreeSample {
  readonly rootPid: number;
  /** The root first, then descendants in breadth-first order. */
  readonly pids: readonly number[];
  /**
   * Cumulative user + system CPU time of the processes alive in the tree, in
   * ms. The caller derives CPU % from two samples:
   * `(b.cpuMsTotal - a.cpuMsTotal) / (b.sampledAt - a.sampledAt) * 100`
   * (may exceed 100 on several cores). It can DROP when a process of the tree
   * exits (its time leaves the sum), so clamp negative deltas to 0.
   */
  readonly cpuMsTotal: number;
  /** Sum of resident set sizes (working sets on Windows); shared pages count once per process. */
  readonly rssBytes: number;
  /** Epoch ms when the snapshot was taken. */
  readonly sampledAt: number;
}

export interface HostSample {
  /** Busy share of all cores since the previous host() call (or since construction), 0–100. */
  readonly cpuPct: number;
  readonly memTotalBytes: number;
  readonly memUsedBytes: number;
  /** memUsedBytes / memTotalBytes, 0–100. */
  readonly memPct: number;
  /** The volume holding the data folder. */
  readonly diskTotalBytes: number;
  /** Bytes available to this (unprivileged) user on that volume. */
  readonly diskFreeBytes: number;
  /** Used share of that volume, 0–100. */
  readonly diskPct: number;
  /** 1, 5, 15 minute load averages; absent on Windows, which has none. */
  readonly loadAvg?: readonly [number, number, number];
  readonly sampledAt: number;
}
