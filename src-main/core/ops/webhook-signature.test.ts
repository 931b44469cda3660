import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { newWebhookSecret, signWebhook, verifyWebhook } from './webhook-signature';

// The standardwebhooks npm library is the independent signer and verifier here.
const secret = newWebhookSecret(randomBytes);
const lib = new Webhook(secret);
const NOW = 1_800_000_000_000;

function libHeaders(id: string, atMs: number, body: string): Record<string, string> {
  return { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(atMs / 1000)), 'webhook-signature': lib.sign(id, new Date(atMs), body) };
}

describe('Standard Webhooks signatures', () => {
  it('accepts what the reference library signs', () => {
    const body = JSON.stringify({ type: 'task.submit', data: { text: 'héllo ✓' } });
    expect(verifyWebhook(secret, libHeaders('msg_1', NOW, body), body, NOW)).toMatchObject({ ok: true, id: 'msg_1' });
  });

  it('signs what the reference library verifies', () => {
    const body = '{"a":1}';
    const ts = Math.floor(Date.now() / 1000);
    const headers = { 'webhook-id': 'msg_2', 'webhook-timestamp': String(ts), 'webhook-signature': signWebhook(secret, 'msg_2', ts, body) };
    expect(lib.verify(body, headers)).toEqual({ a: 1 });
  });

  it('accepts one valid signature among several (key rotation)', () => {
    const body = '{}';
    const h = libHeaders('msg_3', NOW, body);
    h['webhook-signature'] = `v1,AAAA ${h['webhook-signature']}`;
    expect(verifyWebhook(secret, h, body, NOW).ok).toBe(true);
  });

  it.each([
    ['tampered body', (h: Record<string, string>) => ({ h, body: '{"a":2}', now: NOW }), 'bad_signature'],
    ['wrong secret', (_h: Record<string, string>) => {
      const other = new Webhook(newWebhookSecret(randomBytes));
      return { h: { ..._h, 'webhook-signature': other.sign('msg_x', new Date(NOW), '{"a":1}') }, body: '{"a":1}', now: NOW };
    }, 'bad_signature'],
    ['timestamp 301 s old', (h: Record<string, string>) => ({ h, body: '{"a":1}', now: NOW + 301_000 }), 'timestamp_too_old'],
    ['timestamp 301 s ahead', (h: Record<string, string>) => ({ h, body: '{"a":1}', now: NOW - 301_000 }), 'timestamp_too_new'],
    ['missing signature', (h: Record<string, string>) => ({ h: { ...h, 'webhook-signature': '' }, body: '{"a":1}', now: NOW }), 'missing_headers'],
    ['missing id', (h: Record<string, string>) => ({ h: { ...h, 'webhook-id': '' }, body: '{"a":1}', now: NOW }), 'missing_headers'],
    ['non-numeric timestamp', (h: Record<string, string>) => ({ h: { ...h, 'webhook-timestamp': 'soon' }, body: '{"a":1}', now: NOW }), 'bad_timestamp'],
  ])('rejects a %s', (_name, make, reason) => {
    const { h, body, now } = make(libHeaders('msg_x', NOW, '{"a":1}'));
    expect(verifyWebhook(secret, h, body, now)).toMatchObject({ ok: false, reason });
  });

  it('accepts timestamps at exactly ±300 s', () => {
    const body = '{}';
    expect(verifyWebhook(secret, libHeaders('m', NOW, body), body, NOW + 300_000).ok).toBe(true);
    expect(verifyWebhook(secret, libHeaders('m', NOW, body), body, NOW - 300_000).ok).toBe(true);
  });
});
