import type { StoredEvent } from '../../../src-preload/contract/events';
import type { ApprovalInfo } from '../../../src-preload/contract/approvals';
import type { OutboundKind, WebhookDelivery } from '../../../src-preload/contract/ops';
import type { Disposable } from '../../lib/disposable';
import type { Logger } from '../../lib/logger';
import type { Clock, TimerHandle } from '../ports/clock';
import type { OpsMetrics } from './metrics';
import type { DeliveryRecord, OpsRepo, OutboundMessage } from './ports';
import { signWebhook } from './webhook-signature';

/** A delivery is tried at most this many times (first try included), then marked failed. */
export const MAX_DELIVERY_ATTEMPTS = 8;
/** Backoff before retry n (1-based): base·2^(n-1), capped; full jitter keeps many receivers from being hit in step. */
export const RETRY_BASE_MS = 2_000;
export const RETRY_CAP_MS = 30 * 60_000;
/** A receiver gets this long to answer one attempt. */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** A pending approval older than this is announced (once) to the targets that asked for it. */
export const APPROVAL_ALERT_AFTER_MS = 5 * 60_000;
const APPROVAL_SCAN_MS = 5_000;

/** Event types that mean "a person must step in" (health/recovery write these). */
export const ESCALATION_EVENT = /(^escalation\.|\.escalated$|^recovery\.escalat)/;
/** Event types that mean a run ended (orchestration writes these). */
export const RUN_DONE_EVENT = /^run\.(completed|finished|failed|cancelled)$/;

export interface HttpPoster {
  post(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<{ status: number }>;
}

export interface OutboundDeps {
  clock: Clock;
  repo: OpsRepo;
  http: HttpPoster;
  logger: Logger;
  newId(prefix: string): string;
  pendingApprovals(): readonly ApprovalInfo[];
  random?: () => number;
  metrics?: Pick<OpsMetrics, 'webhookDeliveries'>;
  retryBaseMs?: number;
  approvalAlertAfterMs?: number;
}

/**
 * Outbound notifications: escalations, approvals waiting too long and run
 * completions, each signed per Standard Webhooks, recorded as a delivery and
 * retried with capped exponential backoff. The webhook-id stays the same
 * across attempts so a receiver can drop duplicates.
 */
export class OutboundWebhooks implements Disposable {
  private readonly timers = new Map<string, TimerHandle>();
  private readonly announced = new Set<string>();
  private readonly scan: TimerHandle;
  private disposed = false;

  constructor(private readonly deps: OutboundDeps) {
    for (const d of deps.repo.deliveries.pending()) this.schedule(d, Math.max(0, (d.nextAttemptAt ?? 0) - deps.clock.now()));
    this.scan = deps.clock.setInterval(() => this.scanApprovals(), APPROVAL_SCAN_MS);
  }

  /** Feed from the event store (subscribed by the composition root). */
  observe(batch: readonly StoredEvent[]): void {
    for (const e of batch) {
      if (ESCALATION_EVENT.test(e.type)) this.notify({ kind: 'escalation', dedupeKey: `ev:${e.seq}`, data: e });
      else if (RUN_DONE_EVENT.test(e.type)) this.notify({ kind: 'run.completed', dedupeKey: `ev:${e.seq}`, data: e });
    }
  }

  notify(msg: OutboundMessage): WebhookDelivery[] {
    if (this.announced.has(msg.dedupeKey)) return [];
    this.announced.add(msg.dedupeKey);
    const now = this.deps.clock.now();
    const out: WebhookDelivery[] = [];
    for (const t of this.deps.repo.targets.list()) {
      if (!t.kinds.includes(msg.kind)) continue;
      const messageId = this.deps.newId('msg');
      const payload = JSON.stringify({ type: msg.kind, timestamp: new Date(now).toISOString(), data: msg.data });
      const d: DeliveryRecord = {
        id: this.deps.newId('dlv'), targetId: t.id, kind: msg.kind, messageId, attempts: 0, status: 'pending',
        lastHttpStatus: null, lastError: null, createdAt: now, nextAttemptAt: now, deliveredAt: null, payload,
      };
      this.deps.repo.deliveries.insert(d);
      this.schedule(d, 0);
      const { payload: _p, ...info } = d;
      out.push(info);
    }
    return out;
  }

  dispose(): void {
    this.disposed = true;
    this.scan.cancel();
    for (const t of this.timers.values()) t.cancel();
    this.timers.clear();
  }

  private scanApprovals(): void {
    const limit = this.deps.approvalAlertAfterMs ?? APPROVAL_ALERT_AFTER_MS;
    const now = this.deps.clock.now();
    for (const a of this.deps.pendingApprovals()) {
      if (a.status === 'pending' && now - a.detectedAt >= limit) {
        this.notify({ kind: 'approval.pending_too_long', dedupeKey: `approval:${a.id}`, data: { approval: a, waitingMs: now - a.detectedAt } });
      }
    }
  }

  private schedule(d: DeliveryRecord, delayMs: number): void {
    if (this.disposed) return;
    this.timers.get(d.id)?.cancel();
    this.timers.set(d.id, this.deps.clock.setTimeout(() => void this.attempt(d), delayMs));
  }

  private async attempt(d: DeliveryRecord): Promise<void> {
    this.timers.delete(d.id);
    const target = this.deps.repo.targets.list().find((t) => t.id === d.targetId);
    if (!target) {
      this.deps.repo.deliveries.update(d.id, { status: 'failed', lastError: 'target removed', nextAttemptAt: null });
      return;
    }
    const tsS = Math.floor(this.deps.clock.now() / 1000);
    const headers = {
      'content-type': 'application/json',
      'webhook-id': d.messageId,
      'webhook-timestamp': String(tsS),
      'webhook-signature': signWebhook(target.secret, d.messageId, tsS, d.payload),
      'user-agent': 'dual-orchestrator-webhooks',
    };
    d.attempts += 1;
    let status: number | null = null;
    let error: string | null = null;
    try {
      status = (await this.deps.http.post(target.url, headers, d.payload, DELIVERY_TIMEOUT_MS)).status;
      if (status < 200 || status > 299) error = `HTTP ${status}`;
    } catch (e) {
      error = (e as Error).message;
    }
    if (this.disposed) return;
    const now = this.deps.clock.now();
    if (error === null) {
      d.status = 'delivered';
      this.deps.repo.deliveries.update(d.id, { attempts: d.attempts, status: 'delivered', lastHttpStatus: status, lastError: null, nextAttemptAt: null, deliveredAt: now });
      this.deps.metrics?.webhookDeliveries.inc({ outcome: 'delivered' });
      return;
    }
    if (d.attempts >= MAX_DELIVERY_ATTEMPTS) {
      d.status = 'failed';
      this.deps.repo.deliveries.update(d.id, { attempts: d.attempts, status: 'failed', lastHttpStatus: status, lastError: error, nextAttemptAt: null });
      this.deps.metrics?.webhookDeliveries.inc({ outcome: 'failed' });
      this.deps.logger.warn('webhook delivery gave up', { deliveryId: d.id, targetId: d.targetId, attempts: d.attempts, error });
      return;
    }
    const delay = backoffMs(d.attempts, this.deps.retryBaseMs ?? RETRY_BASE_MS, this.deps.random ?? Math.random);
    this.deps.repo.deliveries.update(d.id, { attempts: d.attempts, lastHttpStatus: status, lastError: error, nextAttemptAt: now + delay });
    this.deps.metrics?.webhookDeliveries.inc({ outcome: 'retry' });
    this.schedule(d, delay);
  }
}

/** Retry delay after `attempts` failed tries: half fixed, half jitter, of base·2^(attempts-1), capped. */
export function backoffMs(attempts: number, baseMs: number, random: () => number): number {
  const ceiling = Math.min(RETRY_CAP_MS, baseMs * 2 ** (attempts - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export type { OutboundKind };
