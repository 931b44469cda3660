/**
 * Inbound webhook verification through the real HTTP endpoint of the built
 * app: 10 000 validly signed deliveries (signed by the standardwebhooks npm
 * library) and 10 000 invalid ones (tampered body, wrong secret, timestamp
 * 301 s old or ahead, missing headers, replayed id), 20 in flight at a time.
 * Run: npx electron-vite build && npx tsx test/bench/webhooks.ts
 * Prints figures, then one `BENCH {json}` line. Bounded: a few tens of seconds.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Webhook } from 'standardwebhooks';
import { newWebhookSecret } from '../../src-main/core/ops/webhook-signature';
import { printBench, round } from './support/lib';
import { postWebhook, signedTask, startOpsApp } from './support/ops';

const VALID = Number(process.env.BENCH_WEBHOOKS_N ?? 10_000);
const INVALID = VALID;
const IN_FLIGHT = 20;

async function pool<T>(items: readonly T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

async function main(): Promise<void> {
  const ops = await startOpsApp('dorch-bench-hooks-');
  try {
    const origin = ops.app.origin;
    const stranger = new Webhook(newWebhookSecret(randomBytes));
    const valid = Array.from({ length: VALID }, (_, i) => signedTask(ops.signer, `task ${i}`));
    const replayOf = valid.slice(0, Math.ceil(INVALID / 6));
    const kinds = ['tampered', 'wrong_secret', 'too_old', 'too_new', 'missing', 'replayed'] as const;
    // Built at send time, in whole seconds rounded away from now: 301 s off must still be 301 s off when it arrives.
    const makeInvalid = (i: number) => {
      const kind = kinds[i % kinds.length]!;
      const w = signedTask(ops.signer, `bad ${i}`);
      switch (kind) {
        case 'tampered':
          return { kind, w: { ...w, body: w.body.replace('bad', 'BAD') } };
        case 'wrong_secret':
          return { kind, w: signedTask(stranger, `bad ${i}`) };
        case 'too_old':
          return { kind, w: signedTask(ops.signer, `bad ${i}`, new Date((Math.floor(Date.now() / 1000) - 301) * 1000)) };
        case 'too_new':
          return { kind, w: signedTask(ops.signer, `bad ${i}`, new Date((Math.ceil(Date.now() / 1000) + 301) * 1000)) };
        case 'missing':
          return { kind, w: { headers: { 'content-type': 'application/json' }, body: w.body } };
        case 'replayed':
          return { kind, w: replayOf[Math.floor(i / kinds.length) % replayOf.length]! };
      }
    };
    let accepted = 0;
    const t0 = performance.now();
    await pool(valid, IN_FLIGHT, async (w) => {
      if ((await postWebhook(origin, w)) === 202) accepted++;
    });
    const validMs = performance.now() - t0;
    let rejected = 0;
    const wronglyAccepted: Record<string, number> = {};
    const t1 = performance.now();
    await pool(Array.from({ length: INVALID }, (_, i) => i), IN_FLIGHT, async (i) => {
      const { kind, w } = makeInvalid(i);
      const status = await postWebhook(origin, w);
      if (status >= 400 && status < 500) rejected++;
      else wronglyAccepted[kind] = (wronglyAccepted[kind] ?? 0) + 1;
    });
    const invalidMs = performance.now() - t1;
    const figures = {
      name: 'webhooks',
      valid_verified_pct: round((100 * accepted) / VALID, 3),
      invalid_rejected_pct: round((100 * rejected) / INVALID, 3),
      valid_per_s: round(VALID / (validMs / 1000), 0),
      invalid_per_s: round(INVALID / (invalidMs / 1000), 0),
      valid_n: VALID,
      invalid_n: INVALID,
    };
    console.log(`valid: ${accepted}/${VALID} accepted (${figures.valid_per_s}/s); invalid: ${rejected}/${INVALID} rejected (${figures.invalid_per_s}/s)`);
    if (Object.keys(wronglyAccepted).length > 0) console.log('invalid but not rejected:', wronglyAccepted);
    printBench(figures);
  } finally {
    await ops.app.stop();
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
