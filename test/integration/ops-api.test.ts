import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/compose';
import { startTestCore } from '../fixtures/test-core';
import { apiOf } from '../fixtures/ops/api-client';

/**
 * Contract tests of the control API: every documented endpoint, called with
 * no token and with each role; then the behaviour a caller relies on.
 */
type Role = 'viewer' | 'operator' | 'admin';
const RANK: Record<Role, number> = { viewer: 1, operator: 2, admin: 3 };

let core: Core;
let api: ReturnType<typeof apiOf>;
const tokens = {} as Record<Role, string>;
let sessionId: string;

async function until<T>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  core = await startTestCore('dorch-ops-api-');
  api = apiOf(core);
  for (const r of ['viewer', 'operator', 'admin'] as const) tokens[r] = await api.tokenFor(r);
  const created = await api.call('POST', '/api/v1/sessions', tokens.operator, { profileId: 'demo', args: ['--speed', '0.1'], name: 'api-demo' });
  expect(created.status).toBe(201);
  sessionId = created.body.id;
}, 30_000);
afterAll(async () => {
  await core?.shutdown();
});

/** Every operation of the OpenAPI document with a call that exercises its access check. */
function requestFor(method: string, path: string): { path: string; body?: unknown } {
  const placeholder = path.includes('/sessions/') ? 's_nonexistent0' : path.includes('/approvals/') ? 'a_nonexistent0' : path.includes('/accounts/') ? 'acct_nonexistent0' : path.includes('/runs/') ? 'r_nonexistent0' : path.includes('/tasks/') ? 't_nonexistent0' : 'wht_nonexistent0';
  const p = path.replace('{id}', placeholder);
  const bodies: Record<string, unknown> = {
    'POST /api/v1/sessions': { profileId: 'nope' },
    'POST /api/v1/sessions/{id}/input': { data: 'x' },
    'POST /api/v1/sessions/{id}/resize': { cols: 80, rows: 24 },
    'POST /api/v1/approvals/{id}/decision': { decision: 'approve' },
    'POST /api/v1/locks/force-release': { resource: 'repo:nothing-held' },
    'POST /api/v1/accounts': { name: '' },
    'POST /api/v1/webhooks/targets': { url: 'not a url' },
  };
  const key = `${method} ${path}`;
  return key in bodies ? { path: p, body: bodies[key] } : method === 'GET' ? { path: p } : { path: p, body: {} };
}

describe('control API access', () => {
  it('documents every route in OpenAPI 3.1 with its required role, and each role gets exactly its access', async () => {
    const doc = await api.call('GET', '/api/v1/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    const ops: { method: string; path: string; role: string }[] = [];
    for (const [path, methods] of Object.entries(doc.body.paths as Record<string, Record<string, { 'x-required-role': string }>>)) {
      for (const [m, op] of Object.entries(methods)) ops.push({ method: m.toUpperCase(), path, role: op['x-required-role'] });
    }
    // The surface the issue asks for is all there.
    const listed = ops.map((o) => `${o.method} ${o.path}`);
    for (const must of [
      'GET /api/v1/sessions', 'POST /api/v1/sessions', 'POST /api/v1/sessions/{id}/input', 'POST /api/v1/sessions/{id}/resize',
      'GET /api/v1/sessions/{id}/screen', 'POST /api/v1/sessions/{id}/stop', 'POST /api/v1/sessions/{id}/restart', 'POST /api/v1/sessions/{id}/kill',
      'GET /api/v1/approvals', 'POST /api/v1/approvals/{id}/decision', 'GET /api/v1/locks', 'GET /api/v1/events', 'GET /api/v1/health',
      'GET /api/v1/accounts', 'POST /api/v1/accounts', 'DELETE /api/v1/accounts/{id}', 'GET /api/v1/stream', 'GET /api/v1/stream/ws',
      'GET /api/v1/stream/clients', 'POST /api/v1/webhooks/inbound', 'GET /metrics',
      'GET /api/v1/runs', 'POST /api/v1/runs', 'GET /api/v1/runs/{id}', 'POST /api/v1/runs/{id}/stop', 'POST /api/v1/runs/{id}/pause',
      'POST /api/v1/runs/{id}/resume', 'GET /api/v1/runs/{id}/timeline', 'GET /api/v1/runs/{id}/report', 'POST /api/v1/tasks/{id}/retry',
      'POST /api/v1/tasks/{id}/skip', 'POST /api/v1/tasks/{id}/reassign', 'POST /api/v1/recovery', 'GET /api/v1/health/overview',
    ]) expect(listed).toContain(must);

    for (const op of ops) {
      if (op.role === 'public' || op.role === 'webhook-signature' || op.path === '/api/v1/stream/ws') continue;
      const { path, body } = requestFor(op.method, op.path);
      const anon = await api.call(op.method, path, null, body);
      expect(anon.status, `${op.method} ${op.path} without a token`).toBe(401);
      expect(anon.body.error.details.reason).toBe('missing_token');
      for (const role of ['viewer', 'operator', 'admin'] as const) {
        if (op.path === '/api/v1/stream') continue; // an open stream: checked in ops-stream.test.ts
        const r = await api.call(op.method, path, tokens[role], body);
        const allowed = RANK[role] >= RANK[op.role as Role];
        if (allowed) expect(r.status, `${op.method} ${op.path} as ${role}`).not.toBe(403);
        else {
          expect(r.status, `${op.method} ${op.path} as ${role}`).toBe(403);
          expect(r.body.error.details.reason).toBe('forbidden_role');
        }
        expect(r.status, `${op.method} ${op.path} as ${role}`).not.toBe(401);
      }
    }
  }, 60_000);

  it('refuses garbage, foreign and revoked tokens with the reason, and counts each refusal', async () => {
    expect((await api.call('GET', '/api/v1/sessions', 'garbage')).body.error.details.reason).toBe('malformed_token');
    const forged = tokens.viewer.slice(0, -4) + (tokens.viewer.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect((await api.call('GET', '/api/v1/sessions', forged)).body.error.details.reason).toBe('bad_signature');
    const temp = await api.tokenFor('viewer', 'temp');
    expect((await api.call('GET', '/api/v1/sessions', temp)).status).toBe(200);
    const list = await api.call('GET', '/api/v1/accounts', tokens.admin);
    const id = (list.body as { id: string; name: string }[]).find((a) => a.name === 'temp')!.id;
    expect((await api.call('DELETE', `/api/v1/accounts/${id}`, tokens.admin)).body.revokedAt).toBeTypeOf('number');
    const after = await api.call('GET', '/api/v1/sessions', temp);
    expect(after.status).toBe(401);
    expect(after.body.error.details.reason).toBe('revoked');
    const metrics = await api.call('GET', '/metrics', tokens.viewer);
    expect(metrics.body).toMatch(/dorch_api_denied_total\{reason="revoked"\} [1-9]/);
    expect(metrics.body).toMatch(/dorch_api_denied_total\{reason="forbidden_role"\} [1-9]/);
  });

  it('accepts the browser UI token (the printed URL) as admin', async () => {
    expect((await api.call('GET', '/api/v1/accounts', api.uiToken)).status).toBe(200);
  });
});

describe('control API behaviour', () => {
  it('drives a session: screen text, input, resize, stop, restart, kill — with correlation ids in the events', async () => {
    const screen = await until('demo prompt', async () => {
      const r = await api.call('GET', `/api/v1/sessions/${sessionId}/screen`, tokens.viewer);
      return r.body.lines?.some((l: string) => l.includes('>')) ? r : null;
    });
    expect(screen.body).toMatchObject({ sessionId, live: true });
    const typed = await api.call('POST', `/api/v1/sessions/${sessionId}/input`, tokens.operator, { data: 'echo via-api\r' });
    expect(typed.status).toBe(200);
    await until('echo on screen', async () => {
      const r = await api.call('GET', `/api/v1/sessions/${sessionId}/screen`, tokens.viewer);
      return (r.body.lines as string[]).filter((l) => l.includes('via-api')).length >= 2;
    });
    const m = await api.call('GET', '/metrics', tokens.viewer);
    expect(m.body).toMatch(new RegExp(`dorch_pty_output_chars_by_session_total\\{core_id="${sessionId}"\\} [1-9]`));
    expect(m.body).toMatch(/dorch_sessions\{role="none",state="running"\} 1/);
    expect((await api.call('POST', `/api/v1/sessions/${sessionId}/resize`, tokens.operator, { cols: 100, rows: 30 })).status).toBe(200);
    expect((await api.call('POST', `/api/v1/sessions/${sessionId}/resize`, tokens.operator, { cols: 1, rows: 30 })).status).toBe(400);

    const stop = await api.call('POST', `/api/v1/sessions/${sessionId}/stop`, tokens.operator, {}, { 'x-correlation-id': 'corr-test-stop-1' });
    expect(stop.status).toBe(200);
    expect(stop.headers.get('x-correlation-id')).toBe('corr-test-stop-1');
    await until('session ended', async () => {
      const r = await api.call('GET', `/api/v1/sessions/${sessionId}`, tokens.viewer);
      return ['exited', 'crashed'].includes(r.body.state);
    });
    const events = await api.call('GET', `/api/v1/events?sessionId=${sessionId}&type=session.stop_requested`, tokens.viewer);
    expect(events.body.events[0]).toMatchObject({ type: 'session.stop_requested', correlationId: 'corr-test-stop-1' });

    const restarted = await api.call('POST', `/api/v1/sessions/${sessionId}/restart`, tokens.operator, {});
    expect(restarted.status).toBe(200);
    await until('running again', async () => (await api.call('GET', `/api/v1/sessions/${sessionId}`, tokens.viewer)).body.state === 'running');
    expect((await api.call('POST', `/api/v1/sessions/${sessionId}/kill`, tokens.operator, {})).status).toBe(200);
    expect((await api.call('POST', '/api/v1/sessions/s_unknown00/stop', tokens.operator, {})).status).toBe(404);
    expect((await api.call('POST', '/api/v1/sessions', tokens.operator, { profileId: 'nope' })).body.error.code).toBe('bad_input');
  }, 60_000);

  it('pages through events by seq and filters by type and time', async () => {
    for (let i = 0; i < 25; i++) core.sessions.event('test.paging', null, { i });
    const seen: number[] = [];
    let after = 0;
    for (;;) {
      const r = await api.call('GET', `/api/v1/events?type=test.paging&limit=10&afterSeq=${after}`, tokens.viewer);
      seen.push(...r.body.events.map((e: { data: { i: number } }) => e.data.i));
      if (r.body.nextAfterSeq === null) break;
      after = r.body.nextAfterSeq;
    }
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => i));
    const future = await api.call('GET', `/api/v1/events?since=${Date.now() + 60_000}`, tokens.viewer);
    expect(future.body.events).toEqual([]);
    const iso = await api.call('GET', `/api/v1/events?type=test.paging&until=${encodeURIComponent(new Date(Date.now() + 1000).toISOString())}&limit=1000`, tokens.viewer);
    expect(iso.body.events).toHaveLength(25);
    expect((await api.call('GET', '/api/v1/events?since=yesterday', tokens.viewer)).status).toBe(400);
  });

  it('starts, reads and stops a run of demo agents, and takes recovery actions', async () => {
    const root = mkdtempSync(join(tmpdir(), 'dorch-ops-run-'));
    const created = await api.call('POST', '/api/v1/runs', tokens.operator, {
      request: 'one; two', name: 'api-run', profiles: { main: 'demo', monitor: 'demo', worker: 'demo' }, maxWorkers: 1,
      workspace: { kind: 'folders', root }, env: { DEMO_AGENT_SPEED: '20' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const runId = created.body.run.id as string;
    expect((await api.call('GET', '/api/v1/runs', tokens.viewer)).body.map((r: { id: string }) => r.id)).toContain(runId);
    expect((await api.call('GET', `/api/v1/runs/${runId}`, tokens.viewer)).body.run).toMatchObject({ id: runId, name: 'api-run' });
    expect((await api.call('GET', `/api/v1/runs/${runId}/timeline?limit=50`, tokens.viewer)).status).toBe(200);
    expect((await api.call('POST', `/api/v1/runs/${runId}/stop`, tokens.viewer, { reason: 'no' })).status).toBe(403);
    const stopped = await api.call('POST', `/api/v1/runs/${runId}/stop`, tokens.operator, { reason: 'done testing' });
    expect(stopped.body).toMatchObject({ state: 'stopped', reason: 'done testing' });
    expect((await api.call('POST', '/api/v1/tasks/t_nonexistent0/retry', tokens.operator, {})).status).toBe(404);

    const live = await api.call('POST', '/api/v1/sessions', tokens.operator, { profileId: 'demo', name: 'recover-me' });
    const act = await api.call('POST', '/api/v1/recovery', tokens.operator, { strategy: 'interrupt', sessionId: live.body.id, reason: 'api test' });
    expect(act.status, JSON.stringify(act.body)).toBe(200);
    expect(act.body).toMatchObject({ strategy: 'interrupt' });
    expect((await api.call('POST', '/api/v1/recovery', tokens.operator, { strategy: 'teleport', sessionId: live.body.id })).status).toBe(400);
    expect((await api.call('GET', '/api/v1/health/overview', tokens.viewer)).status).toBe(200);
    expect((await api.call('POST', '/api/v1/health/mode', tokens.operator, { mode: 'off' })).status).toBe(403);
    expect((await api.call('POST', `/api/v1/sessions/${live.body.id}/kill`, tokens.operator, {})).status).toBe(200);
  }, 60_000);

  it('reports health, approvals and locks', async () => {
    const h = await api.call('GET', '/api/v1/health', tokens.viewer);
    expect(h.body).toMatchObject({ status: expect.any(String), app: { coreId: core.info.coreId } });
    expect(h.body.sessions.total).toBeGreaterThan(0);
    expect((await api.call('GET', '/api/v1/approvals', tokens.viewer)).body).toEqual([]);
    expect((await api.call('POST', '/api/v1/approvals/a_nonexistent0/decision', tokens.operator, { decision: 'deny' })).status).toBe(404);
    await core.locks.acquire({ resource: 'repo:/ops-test', owner: 's_holder01', ttlMs: 60_000 });
    const locks = await api.call('GET', '/api/v1/locks', tokens.viewer);
    expect(JSON.stringify(locks.body)).toContain('repo:/ops-test');
    const released = await api.call('POST', '/api/v1/locks/force-release', tokens.operator, { resource: 'repo:/ops-test', reason: 'test' });
    expect(released.status).toBe(200);
    expect((await api.call('GET', '/healthz')).body).toEqual({ ok: true });
  });
});
