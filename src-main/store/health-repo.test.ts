import { describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { createSqliteHealthRepo } from './health-repo';

const sample = (ts: number, sessionId = 's_aaaaaaaa') => ({ ts, sessionId, cpuPct: 1.5, rssBytes: 1000, outRate: 10, heartbeatAgeMs: 5, anomaly: 0.2, pendingApprovals: 0 });

describe('sqlite health repo', () => {
  it('stores samples in batches, reads them oldest first per session, prunes by age', () => {
    const db = openDatabase({ file: ':memory:' });
    if (!db.ok) throw new Error(db.error.message);
    const repo = createSqliteHealthRepo(db.value);
    repo.appendSamples([sample(1), sample(2), sample(3, 's_bbbbbbbb')]);
    repo.appendSamples([sample(4)]);
    expect(repo.samples({ sessionId: 's_aaaaaaaa', sinceTs: 0, limit: 10 }).map((s) => s.ts)).toEqual([1, 2, 4]);
    expect(repo.samples({ sinceTs: 2, limit: 10 }).map((s) => s.ts)).toEqual([2, 3, 4]);
    // More than the limit: the newest ones, still oldest first.
    expect(repo.samples({ sinceTs: 0, limit: 2 }).map((s) => s.ts)).toEqual([3, 4]);
    expect(repo.samples({ sinceTs: 0, limit: 1 })[0]).toEqual(sample(4));
    expect(repo.prune(3)).toBe(2);
    expect(repo.samples({ sinceTs: 0, limit: 10 }).map((s) => s.ts)).toEqual([3, 4]);
  });

  it('keeps the settings, and ignores a row it cannot read', () => {
    const db = openDatabase({ file: ':memory:' });
    if (!db.ok) throw new Error(db.error.message);
    const repo = createSqliteHealthRepo(db.value);
    expect(repo.loadSettings()).toBeNull();
    const s = { defaultMode: 'auto' as const, sessionModes: { s_aaaaaaaa: 'off' as const }, stallMs: 5_000 };
    repo.saveSettings(s);
    expect(repo.loadSettings()).toEqual(s);
    db.value.prepare("UPDATE health_settings SET json = '{\"defaultMode\":\"weird\"}'").run();
    expect(repo.loadSettings()).toBeNull();
  });
});
