/**
 * Issue 4 proven on the REAL Claude Code CLI (MainAI, MonitorAI and every
 * worker is `claude` in a pty) with the scripted model server: the agents
 * call the orchestrator's MCP tools, workers write files with Claude's own
 * Write tool (answered by the safety policy), and the core does the rest.
 * The four scenarios of the issue, at the core level; the UI drives the same
 * fixtures (test/fixtures/orchestration/claude-brains.ts) in Playwright.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/compose';
import type { RunDetail } from '../../src-preload/contract/runs';
import { RUN_POLICY_YAML, slug, type BrainsOptions } from '../fixtures/orchestration/claude-brains';
import { startScriptedRun, type ScriptedRun } from '../fixtures/orchestration/claude-run';
import { indexOf, timeline, waitForRun } from '../fixtures/orchestration/run-helpers';
import { waitFor } from '../fixtures/core-harness';
import { startTestCore } from '../fixtures/test-core';

// A developer's real key must never reach the CLI under test (it would leave loopback).
delete process.env.ANTHROPIC_API_KEY;
delete process.env.CLAUDE_CONFIG_DIR;

/** Four Claude processes on a shared 2-core machine: generous, condition-based waits. */
const RUN_TIMEOUT_MS = 240_000;

const cores: Core[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
beforeAll(() => {
  process.env.DUAL_ORCH_MONITOR_DIGEST_MS = '0';
});
afterEach(async () => {
  for (const c of cores.splice(0)) await c.shutdown();
  for (const f of cleanups.splice(0).reverse()) await f();
});

interface Setup extends ScriptedRun {
  dataDir: string;
}

async function setup(o: BrainsOptions): Promise<Setup> {
  const run = await startScriptedRun(o);
  const dataDir = mkdtempSync(join(tmpdir(), 'dorch-core-claude-'));
  cleanups.push(async () => {
    await run.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return { ...run, dataDir };
}

async function core(s: Setup): Promise<Core> {
  const c = await startTestCore('dorch-orch-claude-', { dataDir: s.dataDir });
  cores.push(c);
  const set = c.handlers['policy.set']({ text: RUN_POLICY_YAML }, { clientId: 'c_test', correlationId: 'r_policy', push: () => undefined });
  const r = await set;
  if (!r.ok) throw new Error(r.error.message);
  return c;
}

function start(c: Core, s: Setup, request: string, maxWorkers: number): string {
  const created = c.runs.create({
    request,
    maxWorkers,
    workspace: { kind: 'folders', root: s.root },
    approvalMode: 'policy',
    env: s.claude.env,
  });
  if (!created.ok) throw new Error(created.error.message);
  return created.value.run.id;
}

async function finished(c: Core, s: Setup, runId: string, what = 'the run to complete'): Promise<RunDetail> {
  try {
    return await waitForRun(c, runId, what, (d) => d.run.state === 'completed', RUN_TIMEOUT_MS);
  } catch (e) {
    throw new Error(`${(e as Error).message}\nmodel log:\n${s.brains.log.join('\n')}\napprovals: ${JSON.stringify(c.approvals.list().map((a) => a.tool))}`, { cause: e });
  }
}

function expectFiles(s: Setup, d: RunDetail, titles: readonly string[]): void {
  for (const title of titles) {
    const t = d.tasks.find((x) => x.title === title)!;
    const n = d.run.workerSessionIds.indexOf(t.workerSessionId as string) + 1;
    const file = join(s.root, `worker_${n}`, `${slug(title)}.txt`);
    expect(existsSync(file), file).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(`${title}\n`);
    expect(t.result?.files).toEqual([`${slug(title)}.txt`]);
  }
}

describe('orchestration with the real Claude Code CLI', () => {
  it('1. "create 3 simple apps": MainAI plans 3 tasks and spawns 2 workers; the third task goes to whoever finishes first', async () => {
    const titles = ['app one', 'app two', 'app three'];
    const s = await setup({ tasks: titles, workers: 2 });
    const c = await core(s);
    const runId = start(c, s, 'Create 3 simple apps', 2);
    const d = await finished(c, s, runId);
    expect(d.tasks.map((t) => [t.title, t.state, t.attempts])).toEqual(titles.map((t) => [t, 'completed', 1]));
    expect(d.run.workerSessionIds).toHaveLength(2);
    const [t1, t2, t3] = d.tasks;
    const first = (t1!.endedAt as number) <= (t2!.endedAt as number) ? t1! : t2!;
    expect(t3!.workerSessionId).toBe(first.workerSessionId);
    expectFiles(s, d, titles);
    expect(d.run.summary).toBe('Integrated 3 tasks: app-one.txt, app-two.txt, app-three.txt.');
    const report = c.runs.report(runId);
    expect(report.ok && report.value.report.tasks.map((t) => t.outcome)).toEqual(['completed', 'completed', 'completed']);
    expect(existsSync(join(s.root, 'run-report.md'))).toBe(true);
    // The tools really went through MCP from the Claude sessions.
    const events = timeline(c, runId);
    expect(events.find((e) => e.type === 'protocol.task_analysis_complete')).toMatchObject({ sessionId: d.run.mainSessionId, data: { task_count: 3 } });
    expect(s.server.turnErrors).toEqual([]);
  }, 300_000);

  it('2. a worker fails → worker_error reaches MonitorAI → it suggests a retry → the task is retried and completes, in this order', async () => {
    const titles = ['app one', 'app two'];
    const s = await setup({ tasks: titles, workers: 1, failFirstAttempt: ['app one'] });
    const c = await core(s);
    const runId = start(c, s, 'Create 2 simple apps', 1);
    const d = await finished(c, s, runId);
    expect(d.tasks.map((t) => [t.state, t.attempts])).toEqual([
      ['completed', 2],
      ['completed', 1],
    ]);
    const events = timeline(c, runId);
    const id = d.tasks[0]!.id;
    const about = (type: string, from = 0) => indexOf(events, (e) => e.type === type && [(e.data as { taskId?: string }).taskId, (e.data as { task_id?: string }).task_id].includes(id), from);
    const order = [about('task.failed'), about('protocol.worker_error'), about('protocol.recovery_suggestion'), about('task.retried')];
    order.push(about('task.assigned', order[3]!), about('task.completed'));
    expect(order.every((i) => i >= 0), JSON.stringify(order)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(events[order[2]!]).toMatchObject({ sender: 'monitor_ai', sessionId: d.run.monitorSessionId, data: { strategy: 'retry' } });
    // MonitorAI learned of the error from the digest typed into its terminal.
    const asked = s.server.mainRequests().some((r) => r.rawBody.includes('[orchestrator digest]') && r.rawBody.includes('worker_error'));
    expect(asked).toBe(true);
    expectFiles(s, d, titles);
    expect(s.server.turnErrors).toEqual([]);
  }, 300_000);

  it('3. MonitorAI pauses, then resumes: no task is assigned while paused', async () => {
    let release!: () => void;
    const holdMain = new Promise<void>((r) => (release = r));
    const titles = ['app one', 'app two'];
    const s = await setup({ tasks: titles, workers: 1, monitorPauses: true, holdMain });
    const c = await core(s);
    const runId = start(c, s, 'Create 2 simple apps', 1);
    await waitForRun(c, runId, 'MonitorAI to pause the run', (d) => d.run.state === 'paused', RUN_TIMEOUT_MS);
    release();
    // MainAI plans and spawns its worker while paused; the worker comes up and waits for work.
    const held = await waitForRun(c, runId, 'the plan and a live worker', (d) => d.tasks.length === 2 && d.run.workerSessionIds.length === 1, RUN_TIMEOUT_MS);
    const worker = held.run.workerSessionIds[0]!;
    await waitFor('the worker to wait for input', () => {
      const rt = c.sessions.get(worker);
      return rt.ok && rt.value.info().activity.state === 'idle';
    }, RUN_TIMEOUT_MS);
    expect(c.runs.book.tasksOf(runId).map((t) => t.state)).toEqual(['queued', 'queued']);
    // The next digest tells MonitorAI the run is paused; it resumes it.
    expect(c.runs.sendDigest(runId)).toBe(true);
    const d = await finished(c, s, runId);
    const events = timeline(c, runId);
    const pause = indexOf(events, (e) => e.type === 'protocol.pause');
    const resume = indexOf(events, (e) => e.type === 'protocol.resume');
    expect(events[pause]).toMatchObject({ sender: 'monitor_ai' });
    expect(events[resume]).toMatchObject({ sender: 'monitor_ai' });
    expect(resume).toBeGreaterThan(pause);
    expect(events.slice(pause, resume).filter((e) => e.type === 'task.assigned')).toEqual([]);
    expect(events.slice(resume).filter((e) => e.type === 'task.assigned')).toHaveLength(2);
    expectFiles(s, d, titles);
    expect(s.server.turnErrors).toEqual([]);
  }, 300_000);

  it('4. the app stops mid-run and starts again: the run resumes (Claude conversations resumed) and completes', async () => {
    const titles = ['app one', 'app two', 'app three'];
    const s = await setup({ tasks: titles, workers: 1 });
    const a = await core(s);
    const runId = start(a, s, 'Create 3 simple apps', 1);
    await waitForRun(a, runId, 'the first task to complete', (d) => d.tasks.some((t) => t.state === 'completed'), RUN_TIMEOUT_MS);
    const before = a.runs.detail(runId);
    if (!before.ok) throw new Error(before.error.message);
    const mainAgentId = a.sessions.get(before.value.run.mainSessionId!);
    const agentSessionId = mainAgentId.ok ? mainAgentId.value.record.agentSessionId : null;
    await a.shutdown();
    cores.splice(cores.indexOf(a), 1);

    const b = await core(s);
    const back = b.runs.detail(runId);
    if (!back.ok) throw new Error(back.error.message);
    expect(back.value.run.state).toBe('paused');
    const resumed = await b.handlers['runs.resume']({ runId }, { clientId: 'c_test', correlationId: 'r_resume', push: () => undefined });
    expect(resumed.ok).toBe(true);
    const d = await finished(b, s, runId, 'the resumed run to complete');
    expect(d.tasks.map((t) => t.state)).toEqual(['completed', 'completed', 'completed']);
    expectFiles(s, d, titles);
    // MainAI came back with its own conversation (claude --resume <same id>).
    const main = b.sessions.get(d.run.mainSessionId!);
    expect(main.ok && main.value.record.agentSessionId).toBe(agentSessionId);
    expect(main.ok && main.value.record.restartCount).toBeGreaterThanOrEqual(1);
    expect(s.server.turnErrors).toEqual([]);
  }, 400_000);
});
