import { readdir, readFile } from 'node:fs/promises';
import type { Result } from '../../../src-preload/contract/result';
import { err, ok } from '../../../src-preload/contract/result';
import { parseGetconfInt, parseProcStat, parseStatmResidentPages } from './linux-parse';
import { runFile, type RunFile } from './run-file';
import type { ProcRow } from './tree';

/** proc(5) defaults when `getconf` is missing: the values of every mainstream x86/arm kernel. */
const DEFAULT_CLK_TCK = 100;
const DEFAULT_PAGE_BYTES = 4096;
/** Files read at once: enough to overlap I/O, far below the default 1024-descriptor limit. */
const PROC_READ_CONCURRENCY = 32;

export interface LinuxUnits {
  readonly ticksPerSecond: number;
  readonly pageBytes: number;
}

/** Asks `getconf` once for the tick rate and page size; defaults where it fails. */
export async function readLinuxUnits(run: RunFile = runFile): Promise<LinuxUnits> {
  const [tck, page] = await Promise.all([run('getconf', ['CLK_TCK']), run('getconf', ['PAGESIZE'])]);
  return {
    ticksPerSecond: tck.ok ? parseGetconfInt(tck.value, DEFAULT_CLK_TCK) : DEFAULT_CLK_TCK,
    pageBytes: page.ok ? parseGetconfInt(page.value, DEFAULT_PAGE_BYTES) : DEFAULT_PAGE_BYTES,
  };
}

/**
 * One scan of /proc: every process's parent, CPU time and RSS. Processes that
 * exit between the directory listing and the reads are skipped.
 */
export async function scanProc(units: LinuxUnits, procRoot = '/proc'): Promise<Result<ProcRow[]>> {
  let entries: string[];
  try {
    entries = await readdir(procRoot);
  } catch (e) {
    return err('unavailable', `cannot list ${procRoot}: ${(e as Error).message}`);
  }
  const pids = entries.filter((name) => /^\d+$/.test(name)).map(Number);
  const rows: ProcRow[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < pids.length) {
      const pid = pids[next++] as number;
      const row = await readOne(procRoot, pid, units);
      if (row) rows.push(row);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PROC_READ_CONCURRENCY, pids.length) }, worker));
  return ok(rows);
}

async function readOne(procRoot: string, pid: number, units: LinuxUnits): Promise<ProcRow | null> {
  let statText: string;
  let statmText: string;
  try {
    [statText, statmText] = await Promise.all([
      readFile(`${procRoot}/${pid}/stat`, 'utf8'),
      readFile(`${procRoot}/${pid}/statm`, 'utf8'),
    ]);
  } catch {
    return null; // the process exited (ENOENT/ESRCH) or is not ours to read: not in this snapshot
  }
  const stat = parseProcStat(statText);
  const pages = parseStatmResidentPages(statmText);
  if (!stat || pages === null) return null;
  return {
    pid,
    ppid: stat.ppid,
    cpuMs: (stat.cpuTicks * 1000) / units.ticksPerSecond,
    rssBytes: pages * units.pageBytes,
  };
}
