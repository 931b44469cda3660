/**
 * Control API throughput and latency with autocannon against the built app
 * (browser mode, its own process): a read endpoint (GET /api/v1/sessions with
 * two demo sessions) and event queries (GET /api/v1/events, 100 per page,
 * over a store seeded with signed webhooks), each with a viewer JWT so the
 * token check is part of every request.
 * Run: npx electron-vite build && npx tsx test/bench/api.ts
 * Prints figures, then one `BENCH {json}` line. Bounded: about 30 s.
 */
import autocannon from 'autocannon';
import { printBench, round } from './support/lib';
import { postWebhook, signedTask, startOpsApp } from './support/ops';

const DURATION_S = Number(process.env.BENCH_API_S ?? 10);
const CONNECTIONS = 10;
const SEED_EVENTS = 2_000;

async function run(url: string, token: string): Promise<autocannon.Result> {
  return autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, headers: { authorization: `Bearer ${token}` } });
}

async function main(): Promise<void> {
  const ops = await startOpsApp('dorch-bench-api-');
  try {
    const origin = ops.app.origin;
    for (let i = 0; i < 2; i++) await ops.startDemo(`bench-${i}`);
    for (let i = 0; i < SEED_EVENTS; i += 20) {
      await Promise.all(Array.from({ length: 20 }, (_, j) => postWebhook(origin, signedTask(ops.signer, `seed ${i + j}`))));
    }
    const read = await run(`${origin}/api/v1/sessions`, ops.viewer);
    const events = await run(`${origin}/api/v1/events?limit=100&afterSeq=100`, ops.viewer);
    for (const [name, r] of [['read', read], ['events', events]] as const) {
      console.log(`${name}: ${round(r.requests.average, 0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, non-2xx ${r.non2xx}, errors ${r.errors}`);
      if (r.non2xx > 0 || r.errors > 0) throw new Error(`${name}: ${r.non2xx} non-2xx answers and ${r.errors} errors`);
    }
    printBench({
      name: 'api',
      read_rps: round(read.requests.average, 0),
      read_p99_ms: read.latency.p99,
      events_rps: round(events.requests.average, 0),
      events_p99_ms: events.latency.p99,
      connections: CONNECTIONS,
      duration_s: DURATION_S,
    });
  } finally {
    await ops.app.stop();
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
