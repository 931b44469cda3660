import { describe, expect, it } from 'vitest';
import { SampleSeries } from './series';

const s = (ts: number, sessionId: string, cpuPct: number | null, rssBytes = 2 * 1024 ** 2) => ({ ts, sessionId, cpuPct, rssBytes, outRate: 0, heartbeatAgeMs: 1500, anomaly: 0, pendingApprovals: 0 });

describe('sample series', () => {
  it('aligns sessions on tick timestamps, with gaps as null, in graph units', () => {
    const series = new SampleSeries();
    series.add([s(1_000, 'a', 1), s(1_000, 'b', 5), s(2_000, 'a', 2)]);
    expect(series.aligned('cpuPct', ['a', 'b'])).toEqual([[1, 2], [1, 2], [5, null]]);
    expect(series.aligned('rssBytes', ['a'])[1]).toEqual([2, 2]);
    expect(series.aligned('heartbeatAgeMs', ['b'])[1]).toEqual([1.5]);
  });

  it('keeps a bounded window and merges history with live ticks without duplicates', () => {
    const series = new SampleSeries(3);
    series.add([s(5_000, 'a', 5)]);
    series.load([s(1_000, 'a', 1), s(2_000, 'a', 2), s(3_000, 'a', 3), s(4_000, 'a', 4)]);
    expect(series.aligned('cpuPct', ['a'])[0]).toEqual([3, 4, 5]);
    series.add([s(5_000, 'a', 9), s(6_000, 'a', 6)]);
    expect(series.aligned('cpuPct', ['a'])).toEqual([[4, 5, 6], [4, 5, 6]]);
    expect(series.count()).toBe(3);
  });
});
