import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/compose';
import { waitFor } from '../fixtures/core-harness';
import { apiOf } from '../fixtures/ops/api-client';
import { DEMO_RUN_ENV } from '../fixtures/orchestration/run-helpers';
import { startTestCore } from '../fixtures/test-core';

/**
 * Runs, tasks and recovery through the control API, as a script or a bot
 * drives them: demo agents in every role, real ptys, the real HTTP server.
 */
let core: Core;
let api: ReturnType<typeof apiOf>;
let viewer: string;
let operator: string;
const dirs: string[] = [];

beforeAll(async () => {
  process.env.DUAL_ORCH_MONITOR_DIGEST_MS = '0';
  core = await startTestCore('dorch-ops-runs-');
  api = apiOf(core);
  viewer = await api.tokenFor('viewer');
  operator = await api.tokenFor('operator');
}, 30_000);
afterAll(async () => {
  await core?.shutdown();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const demoRun = (request: string) => {
  const root = mkdtempSync(join(tmpdir(), 'dorch-api-run-'));
  dirs.push(root);
  return { request, profiles: { main: 'demo', monitor: 'demo', worker: 'demo' }, maxWorkers: 2, workspace: { kind: 'folders', root }, env: DEMO_RUN_ENV };
};

async function runState(id: string): Promise<string> {
  const r = await api.call('GET', `/api/v1/runs/${id}`, viewer);
  return r.body.run.state as string;
}

describe('runs over the control API', () => {
  it('a viewer cannot start a run; an operator can, and the run, its timeline and report read back', async () => {
    const refused = await api.call('POST', '/api/v1/runs', viewer, demoRun('alpha'));
    expect(refused.status).toBe(403);
    expect((await api.call('GET', '/api/v1/runs', viewer)).body).toEqual([]);

    const created = await api.call('POST', '/api/v1/runs', operator, demoRun('alpha; beta'));
    expect(created.status).toBe(201);
    const id = created.body.run.id as string;
    await waitFor('the run to complete', async () => (await runState(id)) === 'completed', 60_000);

    const detail = await api.call('GET', `/api/v1/runs/${id}`, viewer);
    expect(detail.body.tasks.map((t: { title: string; state: string }) => [t.title, t.state])).toEqual([
      ['alpha', 'completed'],
      ['beta', 'completed'],
    ]);
    const timeline = await api.call('GET', `/api/v1/runs/${id}/timeline?limit=1000`, viewer);
    expect(timeline.body.map((e: { type: string }) => e.type)).toContain('protocol.task_analysis_complete');
    const report = await api.call('GET', `/api/v1/runs/${id}/report`, viewer);
    expect(report.body.report.tasks.map((t: { outcome: string }) => t.outcome)).toEqual(['completed', 'completed']);
    expect(report.body.markdown).toContain('2 (2 completed, 0 failed, 0 skipped)');
  }, 90_000);

  it('refuses bad input with the field at fault and changes nothing', async () => {
    const before = (await api.call('GET', '/api/v1/runs', viewer)).body.length as number;
    const empty = await api.call('POST', '/api/v1/runs', operator, { ...demoRun('x'), request: '   ' });
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body)).toContain('request');
    const tooMany = await api.call('POST', '/api/v1/runs', operator, { ...demoRun('x'), maxWorkers: 99 });
    expect(tooMany.status).toBe(400);
    expect((await api.call('GET', '/api/v1/runs', viewer)).body).toHaveLength(before);
    expect((await api.call('POST', '/api/v1/tasks/t_unknown00000/retry', operator, {})).status).toBe(404);
    expect((await api.call('POST', '/api/v1/runs/r_unknown00000/pause', operator, {})).status).toBe(404);
  });

  it('an operator pauses and stops a run; a stopped run refuses to pause', async () => {
    const created = await api.call('POST', '/api/v1/runs', operator, { ...demoRun('one; two; three; four'), env: {}, maxWorkers: 1 });
    const id = created.body.run.id as string;
    const paused = await api.call('POST', `/api/v1/runs/${id}/pause`, operator, { reason: 'maintenance window' });
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({ state: 'paused', reason: 'maintenance window' });
    const stopped = await api.call('POST', `/api/v1/runs/${id}/stop`, operator, {});
    expect(stopped.status).toBe(200);
    await waitFor('the run to stop', async () => (await runState(id)) === 'stopped', 30_000);
    const again = await api.call('POST', `/api/v1/runs/${id}/pause`, operator, {});
    expect(again.status).toBe(409);
  }, 60_000);
});

describe('recovery over the control API', () => {
  it('restarts a session through the recovery endpoint and records the action; a viewer may only read', async () => {
    const created = await api.call('POST', '/api/v1/sessions', operator, { profileId: 'demo', name: 'api-recover' });
    const sessionId = created.body.id as string;
    const request = { strategy: 'restart_session', sessionId, reason: 'from a script' };
    expect((await api.call('POST', '/api/v1/recovery', viewer, request)).status).toBe(403);
    const done = await api.call('POST', '/api/v1/recovery', operator, request);
    expect(done.status).toBe(200);
    expect(done.body.strategy).toBe('restart_session');
    await waitFor('the restarted session to run', async () => {
      const s = await api.call('GET', `/api/v1/sessions/${sessionId}`, viewer);
      return s.body.state === 'running' && s.body.restartCount === 1;
    }, 30_000);
    const events = await api.call('GET', `/api/v1/health/events?sessionId=${sessionId}`, viewer);
    expect(events.status).toBe(200);
    expect(events.body.some((e: { type: string }) => e.type.startsWith('recovery.'))).toBe(true);
    const health = await api.call('GET', '/api/v1/health/overview', viewer);
    expect(health.body.sessions.some((s: { sessionId: string }) => s.sessionId === sessionId)).toBe(true);
    expect((await api.call('POST', '/api/v1/recovery', operator, { strategy: 'explode', sessionId })).status).toBe(400);
  }, 60_000);
});

describe('task submissions by signed webhook', () => {
  let msgNo = 0;
  const send = async (data: Record<string, unknown>) => {
    const admin = await api.tokenFor('admin', `hook-admin-${++msgNo}`);
    const secret = (await api.call('GET', '/api/v1/webhooks/inbound-secret', admin)).body.secret as string;
    const body = JSON.stringify({ type: 'task.submit', data });
    const id = `msg_task_${msgNo}`;
    const at = new Date();
    // The standardwebhooks library signs, as a sender's would.
    const headers = { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': new Webhook(secret).sign(id, at, body) };
    const r = await fetch(`${api.base}/api/v1/webhooks/inbound`, { method: 'POST', headers, body });
    return { status: r.status, body: (await r.json()) as { result?: { taskId?: string }; error?: { message: string } } };
  };

  it('queues a task into a live run, where a worker takes it; refuses unknown and finished runs with the reason', async () => {
    // A task that keeps failing (automatic recovery off) keeps the run working while a task is submitted.
    const created = await api.call('POST', '/api/v1/runs', operator, { ...demoRun('alpha fail-always'), autoRecovery: false, maxWorkers: 1 });
    const id = created.body.run.id as string;
    await waitFor('the plan', async () => (await api.call('GET', `/api/v1/runs/${id}`, viewer)).body.tasks.length === 1, 30_000);

    const queued = await send({ runId: id, title: 'beta from CI', description: 'write beta' });
    expect(queued.status).toBe(202);
    const taskId = queued.body.result?.taskId as string;
    expect(taskId).toMatch(/^t_/);
    await waitFor('the submitted task to complete', async () => {
      const d = await api.call('GET', `/api/v1/runs/${id}`, viewer);
      return d.body.tasks.find((t: { id: string; state: string }) => t.id === taskId)?.state === 'completed';
    }, 60_000);

    const unknown = await send({ runId: 'r_nosuchrun00', title: 'x' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error?.message).toContain('r_nosuchrun00');
    await api.call('POST', `/api/v1/runs/${id}/stop`, operator, {});
    await waitFor('the run to stop', async () => (await runState(id)) === 'stopped', 30_000);
    const late = await send({ runId: id, title: 'too late' });
    expect(late.status).toBe(422);
    expect(late.body.error?.message).toContain('takes no more tasks');
  }, 120_000);
});
