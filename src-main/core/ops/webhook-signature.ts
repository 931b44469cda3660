import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Standard Webhooks (standardwebhooks.com) signing: HMAC-SHA256 over
 * `${webhook-id}.${webhook-timestamp}.${body}` with the base64 key after the
 * `whsec_` prefix; the signature header is a space-separated list of
 * `v1,<base64>` (several during key rotation).
 */

/** A request whose timestamp is further than this from our clock is refused (the spec's suggestion). */
export const WEBHOOK_TOLERANCE_S = 300;
export const SECRET_PREFIX = 'whsec_';

export type WebhookRejectReason = 'missing_headers' | 'bad_timestamp' | 'timestamp_too_old' | 'timestamp_too_new' | 'bad_signature' | 'replayed';

export interface WebhookHeaders {
  'webhook-id'?: string;
  'webhook-timestamp'?: string;
  'webhook-signature'?: string;
}

function keyOf(secret: string): Buffer {
  return Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
}

export function signWebhook(secret: string, msgId: string, timestampS: number, body: string): string {
  const mac = createHmac('sha256', keyOf(secret)).update(`${msgId}.${timestampS}.${body}`, 'utf8').digest('base64');
  return `v1,${mac}`;
}

export function newWebhookSecret(randomBytes: (n: number) => Buffer): string {
  return SECRET_PREFIX + randomBytes(24).toString('base64');
}

/**
 * Checks headers, timestamp skew and signature — in that order, so a replay
 * check (done by the caller after this passes) only ever sees authentic ids.
 */
export function verifyWebhook(
  secret: string,
  headers: WebhookHeaders,
  body: string,
  nowMs: number,
): { ok: true; id: string; timestampS: number } | { ok: false; reason: WebhookRejectReason; message: string } {
  const id = headers['webhook-id'];
  const ts = headers['webhook-timestamp'];
  const sig = headers['webhook-signature'];
  if (!id || !ts || !sig) {
    return { ok: false, reason: 'missing_headers', message: 'webhook-id, webhook-timestamp and webhook-signature are all required.' };
  }
  if (!/^\d{1,15}$/.test(ts)) return { ok: false, reason: 'bad_timestamp', message: 'webhook-timestamp must be Unix seconds.' };
  const timestampS = Number(ts);
  const nowS = Math.floor(nowMs / 1000);
  if (timestampS < nowS - WEBHOOK_TOLERANCE_S) {
    return { ok: false, reason: 'timestamp_too_old', message: `webhook-timestamp is more than ${WEBHOOK_TOLERANCE_S} s in the past.` };
  }
  if (timestampS > nowS + WEBHOOK_TOLERANCE_S) {
    return { ok: false, reason: 'timestamp_too_new', message: `webhook-timestamp is more than ${WEBHOOK_TOLERANCE_S} s in the future.` };
  }
  const expected = Buffer.from(signWebhook(secret, id, timestampS, body).slice(3), 'base64');
  for (const part of sig.split(' ')) {
    const [version, value] = part.split(',', 2);
    if (version !== 'v1' || !value) continue;
    const given = Buffer.from(value, 'base64');
    if (given.length === expected.length && timingSafeEqual(given, expected)) return { ok: true, id, timestampS };
  }
  return { ok: false, reason: 'bad_signature', message: 'No v1 signature matches the body with our secret.' };
}
