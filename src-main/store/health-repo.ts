import { HealthSettings, type HealthSample } from '../../src-preload/contract/health';
import type { HealthRepo } from '../core/ports/health-store';
import { writeTx, type Db } from './database';

interface SampleRow {
  ts: number;
  session_id: string;
  cpu_pct: number | null;
  rss_bytes: number | null;
  out_rate: number;
  hb_age_ms: number | null;
  anomaly: number;
  pending: number;
}

const toSample = (r: SampleRow): HealthSample => ({
  ts: r.ts,
  sessionId: r.session_id,
  cpuPct: r.cpu_pct,
  rssBytes: r.rss_bytes,
  outRate: r.out_rate,
  heartbeatAgeMs: r.hb_age_ms,
  anomaly: r.anomaly,
  pendingApprovals: r.pending,
});

/** The HealthRepo port over better-sqlite3; statements prepared once, one transaction per tick. */
export function createSqliteHealthRepo(db: Db): HealthRepo {
  const insert = db.prepare(
    'INSERT INTO health_samples (ts, session_id, cpu_pct, rss_bytes, out_rate, hb_age_ms, anomaly, pending) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const bySession = db.prepare('SELECT * FROM health_samples WHERE session_id = ? AND ts >= ? ORDER BY ts DESC LIMIT ?');
  const all = db.prepare('SELECT * FROM health_samples WHERE ts >= ? ORDER BY ts DESC LIMIT ?');
  const prune = db.prepare('DELETE FROM health_samples WHERE ts < ?');
  const getSettings = db.prepare('SELECT json FROM health_settings WHERE id = 1');
  const putSettings = db.prepare('INSERT INTO health_settings (id, json) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET json = excluded.json');
  return {
    appendSamples(samples) {
      if (samples.length === 0) return;
      writeTx(db, () => {
        for (const s of samples) insert.run(s.ts, s.sessionId, s.cpuPct, s.rssBytes, Math.round(s.outRate), s.heartbeatAgeMs, s.anomaly, s.pendingApprovals);
      });
    },
    samples({ sessionId, sinceTs, limit }) {
      const rows = (sessionId ? bySession.all(sessionId, sinceTs, limit) : all.all(sinceTs, limit)) as SampleRow[];
      return rows.reverse().map(toSample);
    },
    prune: (beforeTs) => prune.run(beforeTs).changes,
    loadSettings() {
      const row = getSettings.get() as { json: string } | undefined;
      if (!row) return null;
      // A settings row this build cannot read (hand-edited, older shape) falls back to the defaults rather than failing the start.
      const parsed = HealthSettings.safeParse(JSON.parse(row.json));
      return parsed.success ? parsed.data : null;
    },
    saveSettings: (s) => void putSettings.run(JSON.stringify(s)),
  };
}
