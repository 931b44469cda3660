/**
 * monitor-overhead: the core's CPU spent on health monitoring per monitored
 * session, with 32 demo agents idling at their prompts (issue 5; target
 * < 0.5 % of a core per session). The core runs in this process; its CPU is
 * measured in alternating windows with the monitor sampling (one tick a
 * second, the app's default) and stopped, and the difference is the
 * monitor's. Agents' own CPU is not counted (they are child processes).
 */
import type { Core } from '../../src-main/compose';
import { startTestCore } from '../fixtures/test-core';
import { printBench, round, waitUntil } from './support/lib';

const SESSIONS = 32;
/** Start-up work (JIT, first screens, first samples) settles first. */
const SETTLE_MS = 5_000;
const WINDOW_MS = 10_000;
/** Alternating on/off windows; the median difference resists other load on a shared machine. */
const ROUNDS = 3;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function cpuPct(ms: number): Promise<number> {
  const before = process.cpuUsage();
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, ms));
  const used = process.cpuUsage(before);
  return ((used.user + used.system) / 1_000 / (performance.now() - t0)) * 100;
}

async function main(): Promise<void> {
  const core: Core = await startTestCore('dorch-bench-monitor-');
  try {
    const ids: string[] = [];
    for (let i = 0; i < SESSIONS; i++) {
      const r = core.sessions.create({ profileId: 'demo', role: 'worker', args: [], env: {}, cols: 120, rows: 32, approvalMode: 'manual' });
      if (!r.ok) throw new Error(r.error.message);
      ids.push(r.value.id);
    }
    await waitUntil('every demo agent at its prompt', () => core.sessions.list().filter((s) => s.activity.state === 'idle').length === SESSIONS, 120_000);
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const on: number[] = [];
    const off: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      core.health.monitor.start();
      on.push(await cpuPct(WINDOW_MS));
      core.health.monitor.stop();
      off.push(await cpuPct(WINDOW_MS));
    }
    core.health.monitor.start();
    const diffs = on.map((v, i) => v - (off[i] ?? 0));
    const perSession = Math.max(0, median(diffs)) / SESSIONS;
    const samples = core.health.monitor.overview().sessions.filter((h) => h.lastSample !== null).length;
    console.log(`core CPU with the monitor: ${on.map((v) => round(v, 3)).join(', ')} % · without: ${off.map((v) => round(v, 3)).join(', ')} % (windows of ${WINDOW_MS} ms)`);
    console.log(`monitor: ${round(median(diffs), 3)} % of a core for ${SESSIONS} sessions (${samples} sampled) → ${round(perSession, 4)} % per session (target < 0.5)`);
    printBench({
      name: 'monitor-overhead',
      sessions: SESSIONS,
      sample_interval_ms: core.health.config.sampleIntervalMs,
      monitor_cpu_pct_total: round(median(diffs), 3),
      cpu_pct_per_session: round(perSession, 4),
      core_cpu_pct_with_monitor: round(median(on), 3),
      core_cpu_pct_without_monitor: round(median(off), 3),
    });
  } finally {
    await core.shutdown();
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
