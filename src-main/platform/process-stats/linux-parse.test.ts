import { describe, expect, it } from 'vitest';
import { parseGetconfInt, parseProcStat, parseStatmResidentPages } from './linux-parse';

// Recorded from a Linux 6.x build machine (`cat /proc/<pid>/stat`).
const STAT_INIT =
  '1 (process_api) S 0 0 0 0 -1 4194560 208822 129078270 0 4772 663 1674 486446 64264 20 0 13 0 23 41529344 2817 18446744073709551615 1 1 0 0 0 0 0 4096 1256 0 0 0 17 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n';
const STAT_CAT =
  '30505 (cat) R 30503 30503 29694 0 -1 4194304 103 0 0 0 0 0 0 0 20 0 1 0 677574 3133440 415 18446744073709551615 93935384690688 93935384710569 140732746998784 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0 93935384726576 93935384728192 93935682453504 140732747000546 140732747000566 140732747000566 140732747001835 0\n';
// A command name may contain spaces and ')' (prctl PR_SET_NAME): only the last ')' ends it.
const STAT_TRICKY_NAME =
  '4242 (a) b (c) d) S 4200 4242 4200 34816 4242 4194304 500 0 0 0 1234 56 0 0 20 0 1 0 700000 10000000 900 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0\n';

describe('parseProcStat', () => {
  it('reads ppid and utime + stime after the last parenthesis', () => {
    expect(parseProcStat(STAT_INIT)).toEqual({ ppid: 0, cpuTicks: 663 + 1674 });
    expect(parseProcStat(STAT_CAT)).toEqual({ ppid: 30503, cpuTicks: 0 });
    expect(parseProcStat(STAT_TRICKY_NAME)).toEqual({ ppid: 4200, cpuTicks: 1234 + 56 });
  });

  it('rejects text that is not a stat line', () => {
    expect(parseProcStat('')).toBeNull();
    expect(parseProcStat('1 (init) S')).toBeNull();
  });
});

describe('parseStatmResidentPages', () => {
  it('reads the resident field', () => {
    expect(parseStatmResidentPages('765 424 395 5 0 123 0\n')).toBe(424);
  });
  it('rejects malformed text', () => {
    expect(parseStatmResidentPages('')).toBeNull();
    expect(parseStatmResidentPages('765')).toBeNull();
  });
});

describe('parseGetconfInt', () => {
  it('parses an integer and falls back otherwise', () => {
    expect(parseGetconfInt('100\n', 1)).toBe(100);
    expect(parseGetconfInt('undefined\n', 100)).toBe(100);
    expect(parseGetconfInt('', 4096)).toBe(4096);
  });
});
