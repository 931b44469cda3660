import type { Result } from '../../../src-preload/contract/result';
import { err, ok } from '../../../src-preload/contract/result';
import type { ProcRow } from './tree';

/** Win32_Process KernelModeTime / UserModeTime are in 100 ns units. */
const HUNDRED_NS_PER_MS = 10_000;

/**
 * The PowerShell program run per sample. `@(...)` keeps a one-process table
 * an array; UInt64 fields serialise as JSON numbers (exact below 2^53, i.e.
 * ~28 years of CPU time or 8 PiB of working set).
 */
export const WIN32_PROCESS_QUERY =
  'ConvertTo-Json -Compress -InputObject @(Get-CimInstance -ClassName Win32_Process | ' +
  'Select-Object ProcessId,ParentProcessId,KernelModeTime,UserModeTime,WorkingSetSize)';

const num = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : null;

/**
 * Parses the query's JSON. A single object (older PowerShell without `@()`)
 * is accepted too. Rows without a pid are skipped; a missing time or size
 * (protected processes can report null) counts as 0.
 */
export function parseWin32Processes(stdout: string): Result<ProcRow[]> {
  const text = stdout.replace(/^\uFEFF/, '').trim();
  if (text === '') return ok([]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return err('unavailable', `Win32_Process output is not JSON: ${(e as Error).message}`);
  }
  const items = Array.isArray(parsed) ? parsed : [parsed];
  const rows: ProcRow[] = [];
  for (const item of items) {
    if (typeof item !== 'object' || item === null) continue;
    const record = item as Record<string, unknown>;
    const pid = num(record.ProcessId);
    if (pid === null) continue;
    const ppid = num(record.ParentProcessId) ?? 0;
    const ticks = (num(record.KernelModeTime) ?? 0) + (num(record.UserModeTime) ?? 0);
    rows.push({ pid, ppid, cpuMs: ticks / HUNDRED_NS_PER_MS, rssBytes: num(record.WorkingSetSize) ?? 0 });
  }
  return ok(rows);
}
