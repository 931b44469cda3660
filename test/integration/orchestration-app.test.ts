/**
 * The whole app as a person runs it (the built browser-mode server in its own
 * process, screens parsed in the screen worker): a demo run is started over
 * the WebSocket, the app is quit with SIGTERM mid-run and started again on
 * the same data folder; the run is there, paused with the reason, and
 * resuming it finishes the work.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freshDataDir, startApp, type RunningApp } from '../fixtures/app-process';
import { DEMO_RUN_ENV } from '../fixtures/orchestration/run-helpers';
import { WsClient } from '../fixtures/ws-client';

const apps: RunningApp[] = [];
const clients: WsClient[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const a of apps.splice(0)) await a.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function open(dataDir: string): Promise<WsClient> {
  const app = await startApp(dataDir, [], { DUAL_ORCH_MONITOR_DIGEST_MS: '0' });
  apps.push(app);
  const c = await WsClient.open(app.url);
  clients.push(c);
  return c;
}

type Detail = { run: { state: string; reason: string | null }; tasks: { state: string }[] };

async function detail(c: WsClient, runId: string): Promise<Detail> {
  const r = await c.request('runs.get', { runId });
  if (!r.ok) throw new Error(r.error?.message);
  return r.value as Detail;
}

async function until(c: WsClient, runId: string, what: string, pred: (d: Detail) => boolean, timeoutMs = 60_000): Promise<Detail> {
  const start = Date.now();
  for (;;) {
    const d = await detail(c, runId);
    if (pred(d)) return d;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(d)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('a run in the app process', () => {
  it('survives quitting the app mid-run and completes after resume', async () => {
    const dataDir = freshDataDir('dorch-orch-app-');
    const root = mkdtempSync(join(tmpdir(), 'dorch-run-app-'));
    dirs.push(dataDir, root);
    const a = await open(dataDir);
    const created = await a.request('runs.create', {
      request: 'one; two; three; four',
      profiles: { main: 'demo', monitor: 'demo', worker: 'demo' },
      maxWorkers: 1,
      workspace: { kind: 'folders', root },
      env: DEMO_RUN_ENV,
    });
    if (!created.ok) throw new Error(created.error?.message);
    const runId = created.value.run.id as string;
    await until(a, runId, 'the first task to complete', (d) => d.tasks.some((t) => t.state === 'completed'));
    expect(a.pushes.some((p) => p.channel === 'task.changed')).toBe(true);
    await apps[0]!.stop();
    apps.splice(0, 1);

    const b = await open(dataDir);
    const back = await detail(b, runId);
    expect(back.run.state).toBe('paused');
    expect(back.run.reason).toMatch(/stopped while this run was/);
    const resumed = await b.request('runs.resume', { runId });
    expect(resumed.ok).toBe(true);
    const done = await until(b, runId, 'the resumed run to complete', (d) => d.run.state === 'completed');
    expect(done.tasks.map((t) => t.state)).toEqual(['completed', 'completed', 'completed', 'completed']);
    const report = await b.request('runs.report', { runId });
    expect(report.ok && (report.value.markdown as string)).toContain('4 (4 completed, 0 failed, 0 skipped)');
  }, 120_000);
});
