/**
 * The run channels of the contract over the browser-mode WebSocket (what the
 * run view uses): every answer and push parses with its contract schema, so
 * the renderer can trust the shapes; person actions (pause, retry, skip,
 * stop) go through the same handlers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/compose';
import { invokeSchemas, pushSchemas } from '../../src-preload/contract/channels';
import { waitFor } from '../fixtures/core-harness';
import { DEMO_RUN_ENV, waitForRun } from '../fixtures/orchestration/run-helpers';
import { startTestCore } from '../fixtures/test-core';
import { WsClient } from '../fixtures/ws-client';

let c: Core;
let client: WsClient;
const dirs: string[] = [];
beforeAll(() => {
  process.env.DUAL_ORCH_MONITOR_DIGEST_MS = '0';
});
afterEach(async () => {
  client?.close();
  await c?.shutdown();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function ask<C extends keyof typeof invokeSchemas>(channel: C, input: unknown): Promise<unknown> {
  const r = await client.request(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error?.code}: ${r.error?.message}`);
  return invokeSchemas[channel].output.parse(r.value);
}

describe('run channels over the WebSocket', () => {
  it('create → pushes → pause → task actions → report → stop, every shape per the contract', async () => {
    c = await startTestCore('dorch-orch-api-');
    client = await WsClient.open(c.web.url);
    const root = mkdtempSync(join(tmpdir(), 'dorch-run-api-'));
    dirs.push(root);
    const bad = await client.request('runs.create', { request: '', profiles: { main: 'demo' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_input' } });

    const created = (await ask('runs.create', {
      request: 'one fail-always; two; three',
      name: 'API run',
      profiles: { main: 'demo', monitor: 'demo', worker: 'demo' },
      maxWorkers: 1,
      workspace: { kind: 'folders', root },
      env: DEMO_RUN_ENV,
      autoRecovery: false,
    })) as { run: { id: string; name: string; autoRecovery: boolean } };
    expect(created.run).toMatchObject({ name: 'API run', autoRecovery: false });
    const runId = created.run.id;
    expect(((await ask('runs.list', {})) as { id: string }[]).map((r) => r.id)).toContain(runId);

    // The first task fails every attempt; without automatic recovery it waits for the person.
    await waitFor('task 1 to fail', () => c.runs.book.tasksOf(runId)[0]?.state === 'failed', 60_000);
    const t1 = c.runs.book.tasksOf(runId)[0]!;
    const retried = (await ask('tasks.retry', { taskId: t1.id, reason: 'try again' })) as { state: string; notBefore: number | null };
    expect(retried.state).toBe('queued');
    expect(retried.notBefore).not.toBeNull();
    await waitFor('task 1 to fail again', () => {
      const t = c.runs.book.task(t1.id);
      return t?.state === 'failed' && t.attempts === 2;
    }, 60_000);
    // While task 1 waits for a decision the run cannot end: pause and resume are certain to apply.
    const paused = (await ask('runs.pause', { runId, reason: 'coffee' })) as { state: string; reason: string };
    expect(paused).toMatchObject({ state: 'paused', reason: 'coffee' });
    const resumed = (await ask('runs.resume', { runId })) as { state: string };
    expect(resumed.state).not.toBe('paused');
    const skipped = (await ask('tasks.skip', { taskId: t1.id })) as { state: string };
    expect(skipped.state).toBe('skipped');
    const again = await client.request('tasks.skip', { taskId: t1.id });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const unknown = await client.request('tasks.retry', { taskId: 't_nosuchtask' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });


    await waitForRun(c, runId, 'the run to complete', (d) => d.run.state === 'completed');
    const detail = (await ask('runs.get', { runId })) as { tasks: { state: string }[] };
    expect(detail.tasks.map((t) => t.state)).toEqual(['skipped', 'completed', 'completed']);
    const tl = (await ask('runs.timeline', { runId })) as { type: string; seq: number }[];
    expect(tl.map((e) => e.type)).toEqual(expect.arrayContaining(['run.created', 'protocol.task_analysis_complete', 'protocol.worker_error', 'task.skipped', 'protocol.pause', 'protocol.resume', 'run.completed']));
    const tail = (await ask('runs.timeline', { runId, afterSeq: tl[tl.length - 2]!.seq })) as unknown[];
    expect(tail).toHaveLength(1);
    const report = (await ask('runs.report', { runId, format: 'markdown' })) as { markdown: string; report: { tasks: { outcome: string }[] } };
    expect(report.report.tasks.map((t) => t.outcome)).toEqual(['skipped', 'completed', 'completed']);
    expect(report.markdown).toMatch(/^# Run report: API run/);
    const stopped = (await ask('runs.stop', { runId })) as { state: string };
    expect(stopped.state).toBe('completed');

    // Pushes: every run.changed / task.changed parses; the last says completed.
    const runPushes = client.pushes.filter((p) => p.channel === 'run.changed').map((p) => pushSchemas['run.changed'].parse(p.payload));
    const taskPushes = client.pushes.filter((p) => p.channel === 'task.changed').map((p) => pushSchemas['task.changed'].parse(p.payload));
    expect(runPushes.filter((r) => r.id === runId).at(-1)?.state).toBe('completed');
    expect(taskPushes.some((t) => t.state === 'skipped')).toBe(true);
    const notices = client.pushes.filter((p) => p.channel === 'app.notice').map((p) => pushSchemas['app.notice'].parse(p.payload));
    expect(notices.some((n) => /completed/.test(n.message))).toBe(true);
  }, 120_000);

  it('stopping a run shuts its sessions down gracefully and keeps its unfinished tasks queued', async () => {
    c = await startTestCore('dorch-orch-api-');
    client = await WsClient.open(c.web.url);
    const root = mkdtempSync(join(tmpdir(), 'dorch-run-api-'));
    dirs.push(root);
    const created = (await ask('runs.create', {
      request: 'one; two',
      profiles: { main: 'demo', monitor: 'demo', worker: 'demo' },
      workspace: { kind: 'folders', root },
      env: { DEMO_AGENT_SPEED: '20' },
    })) as { run: { id: string; mainSessionId: string; monitorSessionId: string } };
    const runId = created.run.id;
    const stopped = (await ask('runs.stop', { runId, reason: 'changed my mind' })) as { state: string; reason: string; endedAt: number };
    expect(stopped).toMatchObject({ state: 'stopped', reason: 'changed my mind' });
    for (const id of [created.run.mainSessionId, created.run.monitorSessionId]) {
      const rt = c.sessions.get(id);
      expect(rt.ok && rt.value.record.state).toBe('exited');
    }
    const resume = await client.request('runs.resume', { runId });
    expect(resume).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
  }, 60_000);
});
