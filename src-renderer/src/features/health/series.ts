import type { HealthSample } from '../../../../src-preload/contract/health';

/** The graphed metrics, in the order the Health tab shows them. */
export const METRICS = ['cpuPct', 'rssBytes', 'outRate', 'heartbeatAgeMs', 'anomaly', 'pendingApprovals'] as const;
export type Metric = (typeof METRICS)[number];

export const METRIC_LABEL: Readonly<Record<Metric, string>> = {
  cpuPct: 'CPU %',
  rssBytes: 'Memory (MB)',
  outRate: 'Output (chars/s)',
  heartbeatAgeMs: 'Heartbeat age (s)',
  anomaly: 'Anomaly score',
  pendingApprovals: 'Pending approvals',
};

/** Values as graphed: memory in MB and heartbeat age in s read better than bytes and ms. */
const scale: Readonly<Record<Metric, (v: number) => number>> = {
  cpuPct: (v) => v,
  rssBytes: (v) => Math.round(v / 1024 ** 2),
  outRate: (v) => v,
  heartbeatAgeMs: (v) => Math.round(v / 100) / 10,
  anomaly: (v) => v,
  pendingApprovals: (v) => v,
};

/** Points kept per session: 30 min at one sample a second. Older points fall off (bounded memory). */
export const MAX_POINTS = 1_800;

/**
 * Health samples per session in plain arrays, outside React (DESIGN.md §8.8):
 * ticks append, charts read aligned columns for uPlot. Samples of one tick
 * share one timestamp, so sessions align on it.
 */
export class SampleSeries {
  private readonly bySession = new Map<string, HealthSample[]>();

  constructor(private readonly maxPoints = MAX_POINTS) {}

  add(samples: readonly HealthSample[]): void {
    for (const s of samples) {
      let list = this.bySession.get(s.sessionId);
      if (!list) {
        list = [];
        this.bySession.set(s.sessionId, list);
      }
      const last = list[list.length - 1];
      // History and live ticks can overlap after a reload: keep time order, no duplicates.
      if (last && s.ts <= last.ts) continue;
      list.push(s);
      if (list.length > this.maxPoints) list.splice(0, list.length - this.maxPoints);
    }
  }

  /** Replaces a session's points with history from the store (then live ticks continue it). */
  load(samples: readonly HealthSample[]): void {
    const grouped = new Map<string, HealthSample[]>();
    for (const s of samples) {
      const l = grouped.get(s.sessionId) ?? [];
      l.push(s);
      grouped.set(s.sessionId, l);
    }
    for (const [id, list] of grouped) {
      const live = (this.bySession.get(id) ?? []).filter((s) => s.ts > (list[list.length - 1]?.ts ?? 0));
      this.bySession.set(id, [...list, ...live].slice(-this.maxPoints));
    }
  }

  last(sessionId: string): HealthSample | undefined {
    const l = this.bySession.get(sessionId);
    return l?.[l.length - 1];
  }

  sessionIds(): string[] {
    return [...this.bySession.keys()];
  }

  count(sessionId?: string): number {
    if (sessionId) return this.bySession.get(sessionId)?.length ?? 0;
    let n = 0;
    for (const l of this.bySession.values()) n += l.length;
    return n;
  }

  /** uPlot's aligned data: [x in seconds, one column per session] with null where a session has no sample. */
  aligned(metric: Metric, sessionIds: readonly string[]): [number[], ...(number | null)[][]] {
    const xsSet = new Set<number>();
    for (const id of sessionIds) for (const s of this.bySession.get(id) ?? []) xsSet.add(s.ts);
    const xs = [...xsSet].sort((a, b) => a - b);
    const index = new Map(xs.map((x, i) => [x, i] as const));
    const cols = sessionIds.map((id) => {
      const col: (number | null)[] = new Array<number | null>(xs.length).fill(null);
      for (const s of this.bySession.get(id) ?? []) {
        const v = s[metric];
        const i = index.get(s.ts);
        if (i !== undefined) col[i] = v === null ? null : scale[metric](v);
      }
      return col;
    });
    return [xs.map((x) => x / 1000), ...cols];
  }
}
