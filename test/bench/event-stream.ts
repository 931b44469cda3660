/**
 * Live event stream under load, against the built app in its own process:
 * 100 SSE clients for 60 s while two demo agents work (activity events) and
 * signed webhooks arrive 20 times a second (one event each). Every second a
 * random client is dropped and reconnects at once with its client id and
 * Last-Event-ID, as an EventSource would.
 *
 * - heartbeat delay: client receive time − the server time the heartbeat
 *   carries (same machine, same clock); MISSION.md: mean < 1 s; target p99 < 50 ms.
 * - reconnect success: reconnects answered 200 with a hello within 5 s.
 * - events missed: after the producers stop, each client's received seqs are
 *   compared with the store (GET /api/v1/events): missing or duplicated.
 *
 * Run: npx electron-vite build && npx tsx test/bench/event-stream.ts
 * (BENCH_EVENT_STREAM_S shortens the run). Ends with one `BENCH {json}` line.
 */
import { SseClient } from '../fixtures/ops/sse-client';
import { percentile, printBench, round } from './support/lib';
import { postWebhook, signedTask, startOpsApp, type OpsApp } from './support/ops';

const CLIENTS = Number(process.env.BENCH_EVENT_STREAM_CLIENTS ?? 100);
const DURATION_S = Number(process.env.BENCH_EVENT_STREAM_S ?? 60);
const WEBHOOK_EVERY_MS = 50;
const WORK_EVERY_MS = 3_000;
const DROP_EVERY_MS = 1_000;
const RECONNECT_TIMEOUT_MS = 5_000;
const SETTLE_TIMEOUT_MS = 15_000;

interface Client {
  id: string;
  conn: SseClient;
  seqs: number[];
  delays: number[];
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function allEventSeqs(ops: OpsApp, afterSeq: number): Promise<number[]> {
  const out: number[] = [];
  let after = afterSeq;
  for (;;) {
    const r = await ops.get(`/api/v1/events?afterSeq=${after}&limit=1000`);
    out.push(...(r.body.events as { seq: number }[]).map((e) => e.seq));
    if (r.body.nextAfterSeq === null) return out;
    after = r.body.nextAfterSeq as number;
  }
}

async function open(ops: OpsApp, c: Pick<Client, 'id' | 'seqs' | 'delays'>, lastEventId: number): Promise<SseClient | null> {
  const conn = await SseClient.open(`${ops.app.origin}/api/v1/stream?clientId=${c.id}`, {
    authorization: `Bearer ${ops.viewer}`,
    'last-event-id': String(lastEventId),
  }).catch(() => null);
  if (!conn || conn.status !== 200) return null;
  let hello = false;
  conn.onMessage((m) => {
    if (m.event === 'hello') hello = true;
    else if (m.event === 'event') c.seqs.push(Number(m.id));
    else if (m.event === 'heartbeat') c.delays.push(m.receivedAt - (JSON.parse(m.data) as { serverTime: number }).serverTime);
  });
  const start = Date.now();
  while (!hello && Date.now() - start < RECONNECT_TIMEOUT_MS) await sleep(10);
  return hello ? conn : null;
}

async function main(): Promise<void> {
  const ops = await startOpsApp('dorch-bench-stream-');
  const sessions: string[] = [];
  try {
    const origin = ops.app.origin;
    for (let i = 0; i < 2; i++) {
      sessions.push(await ops.startDemo(`stream-${i}`, ['--speed', '0.2']));
    }
    const baseline = (await allEventSeqs(ops, 0)).at(-1) ?? 0;
    const clients: Client[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const c = { id: `bench-${i.toString().padStart(3, '0')}`, seqs: [] as number[], delays: [] as number[] };
      const conn = await open(ops, c, baseline);
      if (!conn) throw new Error(`client ${c.id} could not connect`);
      clients.push({ ...c, conn });
    }
    console.log(`${CLIENTS} clients connected; running ${DURATION_S} s`);

    let stop = false;
    let webhooksSent = 0;
    const producers = [
      (async () => {
        while (!stop) {
          if ((await postWebhook(origin, signedTask(ops.signer, `event ${webhooksSent}`))) === 202) webhooksSent++;
          await sleep(WEBHOOK_EVERY_MS);
        }
      })(),
      (async () => {
        while (!stop) {
          for (const id of sessions) {
            await fetch(`${origin}/api/v1/sessions/${id}/input`, {
              method: 'POST',
              headers: { authorization: `Bearer ${ops.admin}`, 'content-type': 'application/json' },
              body: JSON.stringify({ data: 'work 1\r' }),
            });
          }
          await sleep(WORK_EVERY_MS);
        }
      })(),
    ];
    let reconnects = 0;
    let reconnectOk = 0;
    const dropper = (async () => {
      while (!stop) {
        await sleep(DROP_EVERY_MS);
        if (stop) break;
        const c = clients[Math.floor(Math.random() * clients.length)]!;
        c.conn.close();
        reconnects++;
        const conn = await open(ops, c, c.seqs.at(-1) ?? baseline);
        if (conn) {
          reconnectOk++;
          c.conn = conn;
        }
      }
    })();
    await sleep(DURATION_S * 1_000);
    stop = true;
    await Promise.all([...producers, dropper]);

    const truth = await allEventSeqs(ops, baseline);
    const last = truth.at(-1) ?? baseline;
    const settleStart = Date.now();
    while (clients.some((c) => (c.seqs.at(-1) ?? baseline) < last) && Date.now() - settleStart < SETTLE_TIMEOUT_MS) await sleep(50);
    let missed = 0;
    let duplicated = 0;
    const truthSet = new Set(truth);
    for (const c of clients) {
      const got = new Set(c.seqs);
      duplicated += c.seqs.length - got.size;
      for (const s of truthSet) if (!got.has(s)) missed++;
      c.conn.close();
    }
    const delays = clients.flatMap((c) => c.delays);
    const mean = delays.reduce((a, b) => a + b, 0) / Math.max(1, delays.length);
    const figures = {
      name: 'event-stream',
      heartbeat_mean_ms: round(mean, 2),
      heartbeat_p99_ms: round(percentile(delays, 99), 2),
      reconnect_success_pct: round(reconnects === 0 ? 100 : (100 * reconnectOk) / reconnects, 2),
      events_missed: missed,
      events_duplicated: duplicated,
      clients: CLIENTS,
      duration_s: DURATION_S,
      events_total: truth.length,
      reconnects,
      heartbeats: delays.length,
    };
    console.log(
      `heartbeats: ${delays.length}, mean delay ${figures.heartbeat_mean_ms} ms, p99 ${figures.heartbeat_p99_ms} ms; ` +
        `reconnects ${reconnectOk}/${reconnects}; ${truth.length} events, ${missed} missed, ${duplicated} duplicated (over all clients)`,
    );
    printBench(figures);
  } finally {
    await ops.app.stop();
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
