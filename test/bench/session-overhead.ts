/**
 * session-overhead: main-process RSS and CPU per idle session with 32
 * sessions open (issue 2). Target: < 15 MB and < 1 % of a core per session.
 * The agents are demo agents idling at their prompt; their own processes are
 * not counted — this measures what the app's core pays per session.
 */
import { freshDataDir, startApp } from '../fixtures/app-process';
import { WsClient } from '../fixtures/ws-client';
import { printBench, processStats, round, waitUntil } from './support/lib';

const SESSIONS = 32;
/** Let start-up work (JIT, first screens saved) finish before measuring. */
const SETTLE_MS = 4_000;
const MEASURE_MS = 10_000;

async function main(): Promise<void> {
  const app = await startApp(freshDataDir('dorch-bench-'));
  const pid = app.proc.pid!;
  try {
    const client = await WsClient.open(app.url);
    client.keepPushes = false;
    await new Promise((r) => setTimeout(r, 1_000));
    const base = processStats(pid);
    const ids: string[] = [];
    const prompts = new Set<string>();
    client.onTerminalData = (d) => {
      if (d.data.includes('>')) prompts.add(d.sessionId);
    };
    for (let i = 0; i < SESSIONS; i++) {
      const r = await client.request('sessions.create', { profileId: 'demo', cols: 120, rows: 32 });
      if (!r.ok) throw new Error(r.error?.message);
      ids.push(r.value.id);
      // Each view attached, as a window showing all of them would be.
      await client.request('terminal.attach', { sessionId: r.value.id });
    }
    await waitUntil('every demo agent at its prompt', () => prompts.size === SESSIONS, 60_000);
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const before = processStats(pid);
    const t0 = Date.now();
    await new Promise((r) => setTimeout(r, MEASURE_MS));
    const after = processStats(pid);
    const elapsed = Date.now() - t0;
    const rssPerSession = (after.rssBytes - base.rssBytes) / SESSIONS / (1024 * 1024);
    const cpuPct = ((after.cpuMs - before.cpuMs) / elapsed) * 100;
    console.log(`main process: RSS ${round(base.rssBytes / 1048576)} MB with no sessions → ${round(after.rssBytes / 1048576)} MB with ${SESSIONS}`);
    console.log(`CPU over ${elapsed} ms idle: ${round(cpuPct, 3)} % of a core in total`);
    console.log(`per session: ${round(rssPerSession)} MB RSS (target < 15), ${round(cpuPct / SESSIONS, 4)} % CPU (target < 1)`);
    client.close();
    printBench({ name: 'session-overhead', sessions: SESSIONS, rss_mb_per_session: round(rssPerSession), cpu_pct_per_session: round(cpuPct / SESSIONS, 4) });
  } finally {
    await app.stop();
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
