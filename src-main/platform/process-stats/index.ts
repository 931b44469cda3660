import type { ProcessStats } from '../../core/ports/process-stats';
import type { Result } from '../../../src-preload/contract/result';
import { ok } from '../../../src-preload/contract/result';
import { createHostSampler } from './host';
import { readLinuxUnits, scanProc, type LinuxUnits } from './linux';
import { parsePsOutput } from './ps-parse';
import { runFile, type RunFile } from './run-file';
import { buildTrees, type ProcRow } from './tree';
import { parseWin32Processes, WIN32_PROCESS_QUERY } from './win32-parse';

/** ps answers in tens of ms; a hung ps must not stall the monitor's tick for long. */
const PS_TIMEOUT_MS = 5_000;
/** PowerShell's cold start alone can take seconds on a loaded machine. */
const POWERSHELL_TIMEOUT_MS = 15_000;

export interface ProcessStatsDeps {
  readonly platform: NodeJS.Platform;
  /** The data folder: host() reports the disk it lives on. */
  readonly dataDir: string;
  /** Injected for tests with recorded output; defaults to execFile without a shell. */
  readonly run?: RunFile;
  readonly now?: () => number;
  /** Linux only: where procfs is mounted. */
  readonly procRoot?: string;
}

/** The ProcessStats adapter for this OS: /proc on Linux, CIM on Windows, ps elsewhere (macOS, BSDs). */
export function createProcessStats(deps: ProcessStatsDeps): ProcessStats {
  const run = deps.run ?? runFile;
  const now = deps.now ?? Date.now;
  const snapshot = snapshotFor(deps.platform, run, deps.procRoot ?? '/proc');
  return {
    async sampleTrees(rootPids) {
      if (rootPids.length === 0) return ok(new Map());
      const sampledAt = now();
      const rows = await snapshot();
      if (!rows.ok) return rows;
      return ok(buildTrees(rows.value, rootPids, sampledAt));
    },
    host: createHostSampler({ platform: deps.platform, dataDir: deps.dataDir, now }),
  };
}

type Snapshot = () => Promise<Result<ProcRow[]>>;

function snapshotFor(platform: NodeJS.Platform, run: RunFile, procRoot: string): Snapshot {
  if (platform === 'linux') {
    let units: Promise<LinuxUnits> | undefined;
    return async () => scanProc(await (units ??= readLinuxUnits(run)), procRoot);
  }
  if (platform === 'win32') {
    return async () => {
      const out = await run(
        'powershell.exe',
        ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', WIN32_PROCESS_QUERY],
        POWERSHELL_TIMEOUT_MS,
      );
      return out.ok ? parseWin32Processes(out.value) : out;
    };
  }
  return async () => {
    const out = await run('ps', ['-A', '-o', 'pid=,ppid=,rss=,time='], PS_TIMEOUT_MS);
    return out.ok ? ok(parsePsOutput(out.value)) : out;
  };
}
