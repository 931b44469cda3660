/**
 * orchestration-overhead (issue 4): 200 tiny tasks through 8 demo-agent
 * workers in one run, the core in this process (so its CPU is this
 * process's), the agents as real processes in real ptys calling the tools
 * over the agent-tools HTTP route. Figures:
 *   tasks_per_s            tasks completed per second, first assignment → last completion
 *   core_cpu_ms_per_task   this process's CPU over that window / tasks
 *   next_assign_p50/p99_ms a worker's completion → its next task assigned (the stay loop; target p99 < 50 ms)
 *   next_delivery_p50/p99_ms completion → the next task typed into that worker's terminal (waits for its prompt)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestCore } from '../fixtures/test-core';
import { percentile, printBench, round, waitUntil } from './support/lib';

const TASKS = 200;
const WORKERS = 8;
/** Demo delays × this: a task's simulated second of work takes 20 ms, so the figures are the orchestration's. */
const DEMO_SPEED = '0.02';

async function main(): Promise<void> {
  process.env.DUAL_ORCH_MONITOR_DIGEST_MS = '0';
  const root = mkdtempSync(join(tmpdir(), 'dorch-bench-run-'));
  const core = await startTestCore('dorch-bench-orch-');
  try {
    const completedAt = new Map<string, number>(); // worker → when its last task completed (performance.now)
    const assignGaps: number[] = [];
    const deliveryGaps: number[] = [];
    let first = 0;
    let last = 0;
    let cpuStart: NodeJS.CpuUsage | null = null;
    let done = 0;
    core.runs.onAssigned.event(({ workerId }) => {
      const now = performance.now();
      if (!cpuStart) {
        cpuStart = process.cpuUsage();
        first = now;
      }
      const c = completedAt.get(workerId);
      if (c !== undefined) assignGaps.push(now - c);
    });
    core.runs.book.onTaskChanged.event((t) => {
      const now = performance.now();
      if (t.state === 'completed' && t.workerSessionId) {
        completedAt.set(t.workerSessionId, now);
        done++;
        last = now;
      }
      if (t.state === 'running' && t.workerSessionId) {
        const c = completedAt.get(t.workerSessionId);
        if (c !== undefined) deliveryGaps.push(now - c);
      }
    });
    const request = Array.from({ length: TASKS }, (_, i) => `task ${i + 1}`).join('; ');
    const created = core.runs.create({
      request,
      profiles: { main: 'demo', monitor: 'demo', worker: 'demo' },
      maxWorkers: WORKERS,
      workspace: { kind: 'folders', root },
      env: { DEMO_AGENT_SPEED: DEMO_SPEED },
    });
    if (!created.ok) throw new Error(created.error.message);
    const runId = created.value.run.id;
    await waitUntil(`${TASKS} tasks completed`, () => done >= TASKS, 300_000);
    const cpu = process.cpuUsage(cpuStart ?? undefined);
    const seconds = (last - first) / 1_000;
    await waitUntil('the run to complete', () => core.runs.book.run(runId)?.state === 'completed', 60_000);
    const cpuMs = (cpu.user + cpu.system) / 1_000;
    const figures = {
      name: 'orchestration-overhead',
      tasks: TASKS,
      workers: WORKERS,
      tasks_per_s: round(TASKS / seconds),
      core_cpu_ms_per_task: round(cpuMs / TASKS),
      next_assign_p50_ms: round(percentile(assignGaps, 50), 3),
      next_assign_p99_ms: round(percentile(assignGaps, 99), 3),
      next_delivery_p50_ms: round(percentile(deliveryGaps, 50)),
      next_delivery_p99_ms: round(percentile(deliveryGaps, 99)),
    };
    console.log(`${TASKS} tasks through ${WORKERS} demo workers in ${round(seconds)} s; core CPU ${round(cpuMs)} ms`);
    console.log(`completion → next assignment: p50 ${figures.next_assign_p50_ms} ms, p99 ${figures.next_assign_p99_ms} ms (target p99 < 50 ms; ${assignGaps.length} samples)`);
    console.log(`completion → next task typed into the worker: p50 ${figures.next_delivery_p50_ms} ms, p99 ${figures.next_delivery_p99_ms} ms`);
    printBench(figures);
  } finally {
    await core.shutdown();
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
