/**
 * Pure parsers for Linux /proc files (proc(5)). The I/O lives in linux.ts.
 */

export interface ProcStatFields {
  readonly ppid: number;
  /** utime + stime in clock ticks. */
  readonly cpuTicks: number;
}

/**
 * Parses /proc/<pid>/stat. The command name (field 2) sits in parentheses and
 * may itself contain spaces and ')', so fields are counted after the LAST ')'.
 * Returns null for text that is not a stat line.
 */
export function parseProcStat(text: string): ProcStatFields | null {
  const close = text.lastIndexOf(')');
  if (close < 0) return null;
  // After ')': state(0) ppid(1) pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime(11) stime(12)
  const fields = text.slice(close + 1).trim().split(/\s+/);
  const ppid = Number(fields[1]);
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isInteger(ppid) || !Number.isFinite(utime) || !Number.isFinite(stime)) return null;
  return { ppid, cpuTicks: utime + stime };
}

/** Parses /proc/<pid>/statm: the second field is resident pages. Null if malformed. */
export function parseStatmResidentPages(text: string): number | null {
  const resident = Number(text.trim().split(/\s+/)[1]);
  return Number.isFinite(resident) && resident >= 0 ? resident : null;
}

/** Parses `getconf` output (a bare integer), falling back when it is not one. */
export function parseGetconfInt(text: string, fallback: number): number {
  const n = Number(text.trim());
  return Number.isInteger(n) && n > 0 ? n : fallback;
}
