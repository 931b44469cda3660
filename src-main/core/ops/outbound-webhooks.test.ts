import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import type { ApprovalInfo } from '../../../src-preload/contract/approvals';
import type { StoredEvent } from '../../../src-preload/contract/events';
import { newId } from '../../lib/ids';
import { silentLogger } from '../../lib/logger';
import { createFakeClock } from '../ports/fake-clock';
import { createMemoryOpsRepo } from './memory-ops-repo';
import { backoffMs, MAX_DELIVERY_ATTEMPTS, OutboundWebhooks, type HttpPoster } from './outbound-webhooks';
import { newWebhookSecret } from './webhook-signature';

function setup(statuses: number[]) {
  const clock = createFakeClock(Date.now());
  const repo = createMemoryOpsRepo();
  const secret = newWebhookSecret(randomBytes);
  repo.targets.insert({ id: 'wht_target1', url: 'http://127.0.0.1:1/hook', kinds: ['escalation', 'run.completed'], secret, createdAt: clock.now() });
  const calls: { headers: Record<string, string>; body: string }[] = [];
  const http: HttpPoster = {
    post: async (_url, headers, body) => {
      calls.push({ headers, body });
      return { status: statuses.shift() ?? 200 };
    },
  };
  const out = new OutboundWebhooks({ clock, repo, http, logger: silentLogger, newId: (p) => newId(p), pendingApprovals: () => [], random: () => 0.5, retryBaseMs: 1_000 });
  return { clock, repo, secret, calls, out };
}
const event = (seq: number, type: string): StoredEvent => ({ seq, ts: 0, type, sender: 'core', sessionId: null, correlationId: null, data: { why: 'x' } });

describe('outbound webhooks', () => {
  it('delivers escalations and run completions signed so the reference library verifies them', async () => {
    const { clock, calls, secret, out, repo } = setup([]);
    out.observe([event(1, 'recovery.escalated'), event(2, 'session.started'), event(3, 'run.completed')]);
    await clock.advanceAsync(0);
    expect(calls).toHaveLength(2);
    const lib = new Webhook(secret);
    for (const c of calls) expect(lib.verify(c.body, c.headers)).toHaveProperty('type');
    expect(JSON.parse(calls[0]!.body)).toMatchObject({ type: 'escalation', data: { seq: 1 } });
    expect(repo.deliveries.list(10).every((d) => d.status === 'delivered' && d.attempts === 1)).toBe(true);
  });

  it('retries with backoff under the same webhook-id, recording each attempt', async () => {
    const { clock, calls, out, repo } = setup([500, 503]);
    out.observe([event(7, 'run.failed')]);
    await clock.advanceAsync(0);
    expect(repo.deliveries.list(1)[0]).toMatchObject({ status: 'pending', attempts: 1, lastHttpStatus: 500 });
    await clock.advanceAsync(backoffMs(1, 1_000, () => 0.5));
    expect(repo.deliveries.list(1)[0]).toMatchObject({ status: 'pending', attempts: 2, lastHttpStatus: 503 });
    await clock.advanceAsync(backoffMs(2, 1_000, () => 0.5));
    expect(repo.deliveries.list(1)[0]).toMatchObject({ status: 'delivered', attempts: 3, lastHttpStatus: 200 });
    expect(new Set(calls.map((c) => c.headers['webhook-id'])).size).toBe(1);
  });

  it('gives up after the last attempt and does not notify the same event twice', async () => {
    const { clock, out, repo } = setup(Array(20).fill(500));
    out.observe([event(9, 'escalation.raised')]);
    out.observe([event(9, 'escalation.raised')]);
    for (let i = 0; i < MAX_DELIVERY_ATTEMPTS; i++) await clock.advanceAsync(60 * 60_000);
    const all = repo.deliveries.list(10);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ status: 'failed', attempts: MAX_DELIVERY_ATTEMPTS });
  });

  it('announces a prompt pending longer than the threshold, once', async () => {
    const clock = createFakeClock(Date.now());
    const repo = createMemoryOpsRepo();
    repo.targets.insert({ id: 'wht_target2', url: 'http://127.0.0.1:1/hook', kinds: ['approval.pending_too_long'], secret: newWebhookSecret(randomBytes), createdAt: clock.now() });
    const bodies: string[] = [];
    const pending = [{ id: 'a_pending01', status: 'pending', detectedAt: clock.now() }] as unknown as ApprovalInfo[];
    const out = new OutboundWebhooks({
      clock, repo, logger: silentLogger, newId: (p) => newId(p), pendingApprovals: () => pending, approvalAlertAfterMs: 60_000,
      http: { post: async (_u, _h, body) => (bodies.push(body), { status: 200 }) },
    });
    await clock.advanceAsync(55_000);
    expect(bodies).toHaveLength(0);
    await clock.advanceAsync(30_000);
    expect(bodies).toHaveLength(1);
    expect(JSON.parse(bodies[0]!)).toMatchObject({ type: 'approval.pending_too_long', data: { approval: { id: 'a_pending01' } } });
    await clock.advanceAsync(60_000);
    expect(bodies).toHaveLength(1);
    out.dispose();
  });

  it('backoff grows exponentially and stays capped', () => {
    expect(backoffMs(1, 1_000, () => 1)).toBe(1_000);
    expect(backoffMs(4, 1_000, () => 1)).toBe(8_000);
    expect(backoffMs(4, 1_000, () => 0)).toBe(4_000);
    expect(backoffMs(40, 1_000, () => 1)).toBe(30 * 60_000);
  });
});
