import { describe, expect, it } from 'vitest';
import { parsePsOutput, parsePsTime } from './ps-parse';

// Written by hand in the format of macOS `ps -A -o pid=,ppid=,rss=,time=` (not recorded on a Mac:
// none was available; replace with a real capture when one is). macOS
// prints minutes past 59 without an hour field and pads pids to the column.
const MACOS_PS = `    1     0  41872 12:47.33
  318     1   9216   0:03.61
  512     1 180224 125:03.21
 4011   512  52480   0:41.08
 4012  4011   7840   0:00.02
 4013  4012 310272   2:15.90
`;

describe('parsePsTime', () => {
  it('reads macOS m:ss.ss including minutes past 59', () => {
    expect(parsePsTime('0:00.02')).toBe(20);
    expect(parsePsTime('12:47.33')).toBe((12 * 60 + 47.33) * 1000);
    expect(parsePsTime('125:03.21')).toBe(Math.round((125 * 60 + 3.21) * 1000));
  });
  it('reads procps [dd-]hh:mm:ss', () => {
    expect(parsePsTime('00:00:23')).toBe(23_000);
    expect(parsePsTime('01:02:03')).toBe((3600 + 120 + 3) * 1000);
    expect(parsePsTime('2-01:02:03.5')).toBe(((2 * 24 + 1) * 3600 + 120 + 3.5) * 1000);
  });
  it('rejects other text', () => {
    expect(parsePsTime('')).toBeNull();
    expect(parsePsTime('1:2:3:4')).toBeNull();
    expect(parsePsTime('abc')).toBeNull();
  });
});

describe('parsePsOutput', () => {
  it('turns every line into a row with rss in bytes', () => {
    const rows = parsePsOutput(MACOS_PS);
    expect(rows).toHaveLength(6);
    expect(rows[3]).toEqual({ pid: 4011, ppid: 512, rssBytes: 52480 * 1024, cpuMs: 41_080 });
    expect(rows[5]).toEqual({ pid: 4013, ppid: 4012, rssBytes: 310272 * 1024, cpuMs: 135_900 });
  });
  it('skips malformed lines and CRLF endings', () => {
    expect(parsePsOutput('  PID  PPID   RSS TIME\r\n  7 1 100 0:01.00\r\ngarbage\r\n')).toEqual([
      { pid: 7, ppid: 1, rssBytes: 102_400, cpuMs: 1000 },
    ]);
  });
});
