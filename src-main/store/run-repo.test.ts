import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskInfo } from '../../src-preload/contract/runs';
import type { RunRecord } from '../core/ports/runs';
import { openSqliteStore, type SqliteStore } from './sqlite-store';
import { createSqliteRunRepo } from './run-repo';

const dirs: string[] = [];
const stores: SqliteStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function open(file?: string): { store: SqliteStore; file: string } {
  const f = file ?? join(mkdtempSync(join(tmpdir(), 'run-repo-')), 'store.sqlite');
  if (!file) dirs.push(join(f, '..'));
  const r = openSqliteStore({ file: f });
  if (!r.ok) throw new Error(r.error.message);
  stores.push(r.value);
  return { store: r.value, file: f };
}

const run = (id: string, createdAt: number): RunRecord => ({
  id, name: id, request: 'r', state: 'executing', resumeState: null,
  profiles: { main: 'claude', monitor: 'claude', worker: 'claude' }, maxWorkers: 2, parallelism: 2,
  workspace: { kind: 'folders' }, workspaceRoot: '/w', approvalMode: 'manual', autoRecovery: true,
  mainSessionId: null, monitorSessionId: null, workerSessionIds: [], createdAt, endedAt: null, summary: null, reason: null, env: { A: '1' },
});
const task = (runId: string, index: number): TaskInfo => ({
  id: `t_${runId.slice(2)}${index}`, runId, index, title: `t${index}`, description: '', state: 'queued', attempts: 0,
  workerSessionId: null, avoidSessionId: null, createdAt: 0, assignedAt: null, endedAt: null, result: null, error: null, progress: null, notBefore: null,
});

describe('SQLite run repo (migration 004)', () => {
  it('keeps runs and tasks across a reopen, newest run first, tasks in plan order', () => {
    const { store, file } = open();
    const repo = createSqliteRunRepo(store.db, () => store.events.flush());
    repo.upsertRun(run('r_aaaaaa', 1));
    repo.upsertRun(run('r_bbbbbb', 2));
    repo.upsertTasks([task('r_aaaaaa', 2), task('r_aaaaaa', 1)]);
    repo.upsertRun({ ...run('r_aaaaaa', 1), state: 'paused', reason: 'why' });
    repo.upsertTasks([{ ...task('r_aaaaaa', 1), state: 'completed', result: { summary: 's', files: ['f'] } }]);
    store.close();
    stores.splice(0);
    const again = open(file).store;
    const repo2 = createSqliteRunRepo(again.db, () => again.events.flush());
    expect(repo2.listRuns(10).map((r) => r.id)).toEqual(['r_bbbbbb', 'r_aaaaaa']);
    expect(repo2.getRun('r_aaaaaa')).toMatchObject({ state: 'paused', reason: 'why', env: { A: '1' } });
    expect(repo2.tasksOf('r_aaaaaa').map((t) => [t.index, t.state, t.result])).toEqual([
      [1, 'completed', { summary: 's', files: ['f'] }],
      [2, 'queued', null],
    ]);
  });

  it('the timeline is the run\'s own protocol/task/run events, read through the partial index', () => {
    const { store } = open();
    const repo = createSqliteRunRepo(store.db, () => store.events.flush());
    const ev = (type: string, runId: string | null) => store.events.append({ ts: 1, type, sender: 'core', sessionId: null, correlationId: null, data: runId ? { runId } : {} });
    ev('protocol.pause', 'r_aaaaaa');
    ev('session.state', 'r_aaaaaa'); // not a run event type: not in the timeline
    ev('task.assigned', 'r_bbbbbb');
    ev('task.assigned', 'r_aaaaaa');
    ev('recovery.applied', 'r_aaaaaa');
    const t = repo.timeline('r_aaaaaa', 0, 100);
    expect(t.map((e) => e.type)).toEqual(['protocol.pause', 'task.assigned', 'recovery.applied']);
    expect(repo.timeline('r_aaaaaa', t[0]!.seq, 1).map((e) => e.type)).toEqual(['task.assigned']);
    const plan = store.db
      .prepare(`EXPLAIN QUERY PLAN SELECT * FROM events
        WHERE (type GLOB 'protocol.*' OR type GLOB 'task.*' OR type GLOB 'run.*' OR type GLOB 'recovery.*')
          AND json_extract(data_json, '$.runId') = ? AND seq > ? ORDER BY seq ASC LIMIT ?`)
      .all('r_aaaaaa', 0, 10) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INDEX events_run/);
  });
});
