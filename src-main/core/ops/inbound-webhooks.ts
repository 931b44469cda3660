import { z } from 'zod';
import type { Clock } from '../ports/clock';
import type { OpsMetrics } from './metrics';
import type { SeenWebhookRepo } from './ports';
import { verifyWebhook, WEBHOOK_TOLERANCE_S, type WebhookHeaders, type WebhookRejectReason } from './webhook-signature';

/** Largest inbound webhook body: task submissions are text, not uploads. */
export const WEBHOOK_MAX_BODY_BYTES = 256 * 1024;
/** Seen ids older than twice the tolerance cannot be replayed (their timestamp is refused first). */
const SEEN_KEEP_MS = 2 * WEBHOOK_TOLERANCE_S * 1000;
const PRUNE_EVERY_MS = 60_000;

/** What a signed inbound webhook may ask for. */
export const InboundWebhookBody = z
  .object({
    type: z.enum(['task.submit', 'run.request']),
    data: z.record(z.string(), z.unknown()),
  })
  .strict();
export type InboundWebhookBody = z.infer<typeof InboundWebhookBody>;

export type InboundOutcome =
  | { ok: true; messageId: string; body: InboundWebhookBody }
  | { ok: false; status: 400 | 401 | 409 | 413; reason: WebhookRejectReason | 'too_large' | 'bad_body'; message: string };

export interface InboundDeps {
  clock: Clock;
  secret: string;
  seen: SeenWebhookRepo;
  metrics?: Pick<OpsMetrics, 'webhookVerifications'>;
}

/**
 * Verifies an inbound Standard Webhooks request: size, headers, timestamp
 * (±300 s), signature, then that its id was not seen before. Only a verified
 * id is remembered, so a forged request cannot burn a real sender's id.
 */
export class InboundWebhooks {
  private lastPrune = 0;
  constructor(private readonly deps: InboundDeps) {}

  get secret(): string {
    return this.deps.secret;
  }

  check(headers: WebhookHeaders, rawBody: string): InboundOutcome {
    const out = this.decide(headers, rawBody);
    this.deps.metrics?.webhookVerifications.inc({ outcome: out.ok ? 'accepted' : out.reason });
    return out;
  }

  private decide(headers: WebhookHeaders, rawBody: string): InboundOutcome {
    if (Buffer.byteLength(rawBody, 'utf8') > WEBHOOK_MAX_BODY_BYTES) {
      return { ok: false, status: 413, reason: 'too_large', message: `Body larger than ${WEBHOOK_MAX_BODY_BYTES} bytes.` };
    }
    const now = this.deps.clock.now();
    const v = verifyWebhook(this.deps.secret, headers, rawBody, now);
    if (!v.ok) return { ok: false, status: v.reason === 'missing_headers' || v.reason === 'bad_timestamp' ? 400 : 401, reason: v.reason, message: v.message };
    if (now - this.lastPrune > PRUNE_EVERY_MS) {
      this.lastPrune = now;
      this.deps.seen.forgetBefore(now - SEEN_KEEP_MS);
    }
    if (!this.deps.seen.remember(v.id, now)) {
      return { ok: false, status: 409, reason: 'replayed', message: `webhook-id ${v.id} was already received.` };
    }
    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch {
      return { ok: false, status: 400, reason: 'bad_body', message: 'The body is not JSON.' };
    }
    const body = InboundWebhookBody.safeParse(json);
    if (!body.success) return { ok: false, status: 400, reason: 'bad_body', message: `Invalid body: ${z.prettifyError(body.error)}` };
    return { ok: true, messageId: v.id, body: body.data };
  }
}
