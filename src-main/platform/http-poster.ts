import type { HttpPoster } from '../core/ops/outbound-webhooks';

/** Outbound webhook POSTs with Node's fetch; a slow receiver is cut off after the timeout. */
export const fetchPoster: HttpPoster = {
  async post(url, headers, body, timeoutMs) {
    const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    // The receiver's answer body is not ours to keep; drain it so the connection is reused.
    await res.arrayBuffer().catch(() => undefined);
    return { status: res.status };
  },
};
