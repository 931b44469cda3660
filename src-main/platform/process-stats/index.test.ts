import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { err, ok } from '../../../src-preload/contract/result';
import { createProcessStats } from './index';
import type { RunFile } from './run-file';

function recordingRun(stdout: string): { run: RunFile; calls: { command: string; args: readonly string[] }[] } {
  const calls: { command: string; args: readonly string[] }[] = [];
  return {
    calls,
    run: async (command, args) => {
      calls.push({ command, args });
      return ok(stdout);
    },
  };
}

describe('createProcessStats', () => {
  it('Windows: one PowerShell CIM query per sample, no profile, non-interactive; roots share it', async () => {
    const { run, calls } = recordingRun(
      '[{"ProcessId":100,"ParentProcessId":4,"KernelModeTime":10000,"UserModeTime":30000,"WorkingSetSize":1000},' +
        '{"ProcessId":101,"ParentProcessId":100,"KernelModeTime":0,"UserModeTime":20000,"WorkingSetSize":500},' +
        '{"ProcessId":200,"ParentProcessId":4,"KernelModeTime":0,"UserModeTime":0,"WorkingSetSize":7}]',
    );
    const stats = createProcessStats({ platform: 'win32', dataDir: os.tmpdir(), run, now: () => 42 });
    const result = await stats.sampleTrees([100, 200, 300]);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.command).toBe('powershell.exe');
    expect(calls[0]?.args).toEqual(expect.arrayContaining(['-NoProfile', '-NonInteractive', '-Command']));
    expect(calls[0]?.args.at(-1)).toContain('Get-CimInstance -ClassName Win32_Process');
    expect(result.ok && [...result.value.values()]).toEqual([
      { rootPid: 100, pids: [100, 101], cpuMsTotal: 6, rssBytes: 1500, sampledAt: 42 },
      { rootPid: 200, pids: [200], cpuMsTotal: 0, rssBytes: 7, sampledAt: 42 },
    ]);
  });

  it('macOS: one ps call per sample without a shell', async () => {
    const { run, calls } = recordingRun('  512     1 2048   1:00.50\n  513   512 1024   0:00.25\n');
    const stats = createProcessStats({ platform: 'darwin', dataDir: os.tmpdir(), run, now: () => 1 });
    const result = await stats.sampleTrees([512]);
    expect(calls).toEqual([{ command: 'ps', args: ['-A', '-o', 'pid=,ppid=,rss=,time='] }]);
    expect(result.ok && result.value.get(512)).toEqual({
      rootPid: 512,
      pids: [512, 513],
      cpuMsTotal: 60_750,
      rssBytes: 3 * 1024 * 1024,
      sampledAt: 1,
    });
  });

  it('a failed snapshot is an unavailable error, not a throw', async () => {
    const stats = createProcessStats({
      platform: 'darwin',
      dataDir: os.tmpdir(),
      run: async () => err('unavailable', 'ps failed: ENOENT'),
    });
    const result = await stats.sampleTrees([1]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('unavailable');
  });

  it('Linux: a missing procfs is an unavailable error', async () => {
    const stats = createProcessStats({
      platform: 'linux',
      dataDir: os.tmpdir(),
      procRoot: '/nonexistent-proc',
      run: async () => ok('100\n'),
    });
    const result = await stats.sampleTrees([1]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('unavailable');
  });
});
