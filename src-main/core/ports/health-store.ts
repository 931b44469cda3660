import type { HealthSample, HealthSettings } from '../../../src-preload/contract/health';

/** Health samples for the graphs, and the health settings; the SQLite adapter is src-main/store/health-repo.ts. */
export interface HealthRepo {
  /** Writes one tick's samples in one transaction. */
  appendSamples(samples: readonly HealthSample[]): void;
  /** Oldest first from sinceTs, at most limit (the newest ones when more match). */
  samples(filter: { sessionId?: string; sinceTs: number; limit: number }): HealthSample[];
  /** Drops samples older than ts; returns how many. */
  prune(beforeTs: number): number;
  loadSettings(): HealthSettings | null;
  saveSettings(settings: HealthSettings): void;
}

/** The in-memory HealthRepo for unit tests. */
export function createMemoryHealthRepo(): HealthRepo & { readonly rows: HealthSample[] } {
  const rows: HealthSample[] = [];
  let settings: HealthSettings | null = null;
  return {
    rows,
    appendSamples: (s) => void rows.push(...s),
    samples: ({ sessionId, sinceTs, limit }) => rows.filter((r) => r.ts >= sinceTs && (!sessionId || r.sessionId === sessionId)).slice(-limit),
    prune(beforeTs) {
      const keep = rows.filter((r) => r.ts >= beforeTs);
      const n = rows.length - keep.length;
      rows.splice(0, rows.length, ...keep);
      return n;
    },
    loadSettings: () => settings,
    saveSettings: (s) => void (settings = s),
  };
}
