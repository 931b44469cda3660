import { describe, expect, it } from 'vitest';
import { parseWin32Processes } from './win32-parse';

// Written by hand in the format Windows PowerShell 5.1 prints for WIN32_PROCESS_QUERY (not recorded
// on Windows: none was available; replace with a real capture when one is), trimmed to
// a session tree: Idle, System, explorer → WindowsTerminal → OpenConsole,
// pwsh → node (the agent) and a protected process that reports nulls.
const WINDOWS_JSON =
  '\uFEFF[{"ProcessId":0,"ParentProcessId":0,"KernelModeTime":1759843750000,"UserModeTime":0,"WorkingSetSize":8192},' +
  '{"ProcessId":4,"ParentProcessId":0,"KernelModeTime":21875000,"UserModeTime":0,"WorkingSetSize":143360},' +
  '{"ProcessId":6148,"ParentProcessId":6084,"KernelModeTime":181718750,"UserModeTime":315625000,"WorkingSetSize":187121664},' +
  '{"ProcessId":9320,"ParentProcessId":6148,"KernelModeTime":2343750,"UserModeTime":10312500,"WorkingSetSize":98525184},' +
  '{"ProcessId":11240,"ParentProcessId":9320,"KernelModeTime":156250,"UserModeTime":312500,"WorkingSetSize":14680064},' +
  '{"ProcessId":12804,"ParentProcessId":9320,"KernelModeTime":1093750,"UserModeTime":4531250,"WorkingSetSize":88342528},' +
  '{"ProcessId":13016,"ParentProcessId":12804,"KernelModeTime":7656250,"UserModeTime":52500000,"WorkingSetSize":251658240},' +
  '{"ProcessId":692,"ParentProcessId":600,"KernelModeTime":null,"UserModeTime":null,"WorkingSetSize":null}]\r\n';

describe('parseWin32Processes', () => {
  it('converts 100 ns times to ms and keeps the working set in bytes', () => {
    const result = parseWin32Processes(WINDOWS_JSON);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toHaveLength(8);
    expect(result.value.find((r) => r.pid === 13016)).toEqual({
      pid: 13016,
      ppid: 12804,
      cpuMs: (7_656_250 + 52_500_000) / 10_000,
      rssBytes: 251_658_240,
    });
    // Protected processes report nulls: counted as zero, not dropped.
    expect(result.value.find((r) => r.pid === 692)).toEqual({ pid: 692, ppid: 600, cpuMs: 0, rssBytes: 0 });
  });

  it('accepts a single object and an empty answer', () => {
    const one = parseWin32Processes('{"ProcessId":5,"ParentProcessId":1,"KernelModeTime":10000,"UserModeTime":20000,"WorkingSetSize":4096}');
    expect(one).toEqual({ ok: true, value: [{ pid: 5, ppid: 1, cpuMs: 3, rssBytes: 4096 }] });
    expect(parseWin32Processes('  \r\n')).toEqual({ ok: true, value: [] });
  });

  it('reports output that is not JSON as unavailable', () => {
    const result = parseWin32Processes('Get-CimInstance : Access denied');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('unavailable');
  });
});
