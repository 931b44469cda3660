import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/compose';
import { newWebhookSecret } from '../../src-main/core/ops/webhook-signature';
import { apiOf } from '../fixtures/ops/api-client';
import { startTestCore } from '../fixtures/test-core';

// The standardwebhooks npm library is the independent signer (inbound) and verifier (outbound).
let core: Core;
let api: ReturnType<typeof apiOf>;
let admin: string;
let signer: Webhook;
let msgNo = 0;

beforeAll(async () => {
  core = await startTestCore('dorch-ops-hooks-');
  api = apiOf(core);
  admin = await api.tokenFor('admin');
  const secret = (await api.call('GET', '/api/v1/webhooks/inbound-secret', admin)).body.secret as string;
  expect(secret).toMatch(/^whsec_/);
  signer = new Webhook(secret);
});
afterAll(async () => {
  await core?.shutdown();
});

function signed(body: string, o: { id?: string; at?: Date; with?: Webhook } = {}): Record<string, string> {
  const id = o.id ?? `msg_it_${++msgNo}`;
  const at = o.at ?? new Date();
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': (o.with ?? signer).sign(id, at, body),
  };
}

async function post(body: string, headers: Record<string, string>): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const r = await fetch(`${api.base}/api/v1/webhooks/inbound`, { method: 'POST', headers, body });
  return { status: r.status, body: await r.json() };
}

/**
 * A time `s` seconds off, in whole seconds (the header's unit) rounded away
 * from now, so it is still that far off when the server reads its clock.
 */
const skewed = (s: number): Date => new Date(((s > 0 ? Math.ceil(Date.now() / 1000) : Math.floor(Date.now() / 1000)) + s) * 1000);

const task = JSON.stringify({ type: 'task.submit', data: { title: 'Fix the build', text: 'npm test fails ✗' } });

describe('inbound webhooks', () => {
  it('accepts a valid signed task submission and records it as an event', async () => {
    const h = signed(task);
    const r = await post(task, h);
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ accepted: true, messageId: h['webhook-id'] });
    const ev = await api.call('GET', '/api/v1/events?type=webhook.received', admin);
    expect(ev.body.events.at(-1)).toMatchObject({ data: { type: 'task.submit', messageId: h['webhook-id'], data: { title: 'Fix the build' } } });
  });

  it.each([
    ['tampered body', () => ({ body: task.replace('Fix', 'Rm'), headers: signed(task) }), 401, 'bad_signature'],
    ['wrong secret', () => ({ body: task, headers: signed(task, { with: new Webhook(newWebhookSecret(randomBytes)) }) }), 401, 'bad_signature'],
    ['timestamp 301 s old', () => ({ body: task, headers: signed(task, { at: skewed(-301) }) }), 401, 'timestamp_too_old'],
    ['timestamp 301 s ahead', () => ({ body: task, headers: signed(task, { at: skewed(301) }) }), 401, 'timestamp_too_new'],
    ['missing headers', () => ({ body: task, headers: { 'content-type': 'application/json' } }), 400, 'missing_headers'],
    ['body that is not a task', () => {
      const b = JSON.stringify({ type: 'rm -rf', data: {} });
      return { body: b, headers: signed(b) };
    }, 400, 'bad_body'],
  ])('rejects a %s with a clear error', async (_name, make, status, reason) => {
    const { body, headers } = make();
    const r = await post(body, headers);
    expect(r.status).toBe(status);
    expect(r.body.error.details.reason).toBe(reason);
    expect(r.body.error.message.length).toBeGreaterThan(10);
  });

  it('starts a run from a signed run request, and refuses an invalid one with the reason', async () => {
    const root = mkdtempSync(join(tmpdir(), 'dorch-ops-hook-run-'));
    const body = JSON.stringify({
      type: 'run.request',
      data: { request: 'one; two', name: 'from-webhook', profiles: { main: 'demo', monitor: 'demo', worker: 'demo' }, maxWorkers: 1, workspace: { kind: 'folders', root }, env: { DEMO_AGENT_SPEED: '20' } },
    });
    const r = await post(body, signed(body));
    expect(r.status).toBe(202);
    expect(r.body.result.run).toMatchObject({ name: 'from-webhook' });
    await core.runs.shutdown(r.body.result.run.id, 'test over', 'person');
    const bad = JSON.stringify({ type: 'run.request', data: { request: '' } });
    const refused = await post(bad, signed(bad));
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('bad_input');
  }, 30_000);

  it('rejects a replayed id', async () => {
    const h = signed(task, { id: 'msg_replay_1' });
    expect((await post(task, h)).status).toBe(202);
    const again = await post(task, h);
    expect(again.status).toBe(409);
    expect(again.body.error.details.reason).toBe('replayed');
  });

  it('rejects an oversized body before verifying it', async () => {
    const big = JSON.stringify({ type: 'task.submit', data: { text: 'x'.repeat(300 * 1024) } });
    const r = await post(big, signed(big));
    expect(r.status).toBe(413);
    expect(r.body.error.details.reason).toBe('too_large');
    const m = await api.call('GET', '/metrics', admin);
    for (const o of ['accepted', 'bad_signature', 'timestamp_too_old', 'replayed', 'too_large', 'missing_headers']) {
      expect(m.body).toMatch(new RegExp(`dorch_webhook_verifications_total\\{outcome="${o}"\\} [1-9]`));
    }
  });
});

describe('outbound webhooks', () => {
  let server: Server;
  const received: { headers: Record<string, string>; body: string }[] = [];
  let failFirst = 1;
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        received.push({ headers: req.headers as Record<string, string>, body });
        res.statusCode = failFirst-- > 0 ? 503 : 204;
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('signs escalations so the reference library verifies them, retries a failure and records each delivery', async () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const t = await api.call('POST', '/api/v1/webhooks/targets', admin, { url, kinds: ['escalation', 'run.completed'] });
    expect(t.status).toBe(201);
    const lib = new Webhook(t.body.secret);
    core.sessions.event('recovery.escalated', null, { reason: 'restarts exhausted' });
    const start = Date.now();
    while (received.length < 2 && Date.now() - start < 20_000) await new Promise((r) => setTimeout(r, 25));
    expect(received).toHaveLength(2);
    for (const r of received) expect(lib.verify(r.body, r.headers)).toMatchObject({ type: 'escalation', data: { type: 'recovery.escalated' } });
    expect(received[0]!.headers['webhook-id']).toBe(received[1]!.headers['webhook-id']);
    let d: any; // eslint-disable-line @typescript-eslint/no-explicit-any
    while (Date.now() - start < 20_000) {
      d = (await api.call('GET', '/api/v1/webhooks/deliveries', admin)).body[0];
      if (d?.status === 'delivered') break;
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(d).toMatchObject({ status: 'delivered', attempts: 2, lastHttpStatus: 204, kind: 'escalation' });
  }, 30_000);
});
