/**
 * Issue 4 "bad input": every wrong call is a clear tool error that changes
 * nothing, and MainAI dying mid-run loses nothing. The agents are demo agents
 * slowed down (start-up 6 s) so they stay silent while the test makes the
 * calls itself, through the agent-tools registry, as each session would.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/compose';
import type { AgentToolContext } from '../../src-main/core/agent-tools/registry';
import type { Role } from '../../src-preload/contract/session';
import { waitFor } from '../fixtures/core-harness';
import { timeline } from '../fixtures/orchestration/run-helpers';
import { startTestCore } from '../fixtures/test-core';
import { REPO_ROOT } from '../fixtures/app-process';
import { AGENT_TOKEN_ENV, AGENT_URL_ENV } from '../../src-main/core/agent-tools/agent-launch';

const DORCH = join(REPO_ROOT, 'resources', 'cli', 'dorch.mjs');

/** The dorch CLI as an agent without MCP runs it inside its session. */
function dorch(sessionId: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { PATH: process.env.PATH ?? '', [AGENT_URL_ENV]: `http://127.0.0.1:${c.web.port}`, [AGENT_TOKEN_ENV]: c.agentTokens.tokenFor(sessionId) ?? '' };
  return new Promise((resolve) => {
    execFile(process.execPath, [DORCH, ...args], { env, timeout: 15_000 }, (e, stdout, stderr) => resolve({ code: e ? (typeof e.code === 'number' ? e.code : -1) : 0, stdout, stderr }));
  });
}

let c: Core;
let root: string;
beforeAll(() => {
  process.env.DUAL_ORCH_MONITOR_DIGEST_MS = '0';
});
afterEach(async () => {
  await c?.shutdown();
  rmSync(root, { recursive: true, force: true });
});

const ctx = (sessionId: string, role: Role, correlationId = 'a_test'): AgentToolContext => ({ sessionId, role, correlationId });

async function quietRun(): Promise<{ runId: string; main: string; monitor: string }> {
  c = await startTestCore('dorch-orch-bad-');
  root = mkdtempSync(join(tmpdir(), 'dorch-run-bad-'));
  const created = c.runs.create({
    request: 'alpha; beta',
    profiles: { main: 'demo', monitor: 'demo', worker: 'demo' },
    maxWorkers: 2,
    workspace: { kind: 'folders', root },
    // 300 ms × 20: the agents reach their prompt only after the test is done talking for them.
    env: { DEMO_AGENT_SPEED: '20' },
  });
  if (!created.ok) throw new Error(created.error.message);
  return { runId: created.value.run.id, main: created.value.run.mainSessionId!, monitor: created.value.run.monitorSessionId! };
}

describe('orchestration bad input', () => {
  it('refuses empty plans, unknown ids, double completion and foreign tools, changing nothing', async () => {
    const { runId, main } = await quietRun();
    const call = (sessionId: string, role: Role, tool: string, input: unknown) => c.agentTools.call(ctx(sessionId, role), tool, input);

    const empty = await call(main, 'main', 'analysis_complete', { tasks: [] });
    expect(empty.ok).toBe(false);
    if (!empty.ok) {
      expect(empty.error.code).toBe('bad_input');
      expect(empty.error.message).toMatch(/at least one task/);
    }
    expect(c.runs.detail(runId).ok && c.runs.book.tasksOf(runId)).toEqual([]);

    const plan = await call(main, 'main', 'analysis_complete', { tasks: [{ title: 'alpha' }, { title: 'beta' }] });
    expect(plan.ok).toBe(true);
    const again = await call(main, 'main', 'analysis_complete', { tasks: [{ title: 'gamma' }] });
    expect(!again.ok && again.error.code).toBe('conflict');
    expect(c.runs.book.tasksOf(runId)).toHaveLength(2);

    const spawned = await call(main, 'main', 'spawn_worker', { count: 1 });
    if (!spawned.ok) throw new Error(spawned.error.message);
    const worker = (spawned.value as { workerIds: string[] }).workerIds[0]!;
    const [t1, t2] = c.runs.book.tasksOf(runId);
    // The stay loop already gave the idle worker the first task.
    expect(c.runs.book.task(t1!.id)).toMatchObject({ state: 'assigned', workerSessionId: worker });

    const unknownWorker = await call(main, 'main', 'assign_task', { taskId: t2!.id, workerId: 's_nosuchworker' });
    expect(!unknownWorker.ok && unknownWorker.error).toMatchObject({ code: 'not_found', message: expect.stringMatching(/No worker s_nosuchworker/) });
    const unknownTask = await call(main, 'main', 'assign_task', { taskId: 't_nosuchtask', workerId: worker });
    expect(!unknownTask.ok && unknownTask.error.code).toBe('not_found');
    const badShape = await call(main, 'main', 'assign_task', { taskId: 'nope', workerId: worker });
    expect(!badShape.ok && badShape.error.code).toBe('bad_input');
    const busy = await call(main, 'main', 'assign_task', { taskId: t2!.id, workerId: worker });
    expect(!busy.ok && busy.error.message).toMatch(/busy with task/);
    const unknownRead = await call(main, 'main', 'read_worker_output', { workerId: 's_nosuchworker' });
    expect(!unknownRead.ok && unknownRead.error.code).toBe('not_found');

    // A worker may not use MainAI's tools: forbidden, recorded, nothing changed.
    const foreign = await call(worker, 'worker', 'analysis_complete', { tasks: [{ title: 'mine' }] });
    expect(!foreign.ok && foreign.error).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/role "worker" may not call analysis_complete/) });
    expect(c.runs.book.tasksOf(runId)).toHaveLength(2);

    const notMine = await call(worker, 'worker', 'complete_task', { taskId: t2!.id, summary: 'x' });
    expect(!notMine.ok && notMine.error.code).toBe('forbidden');
    const unknownComplete = await call(worker, 'worker', 'complete_task', { taskId: 't_nosuchtask', summary: 'x' });
    expect(!unknownComplete.ok && unknownComplete.error.code).toBe('not_found');
    const first = await call(worker, 'worker', 'complete_task', { summary: 'first result', files: ['a.txt'] });
    expect(first.ok).toBe(true);
    const twice = await call(worker, 'worker', 'complete_task', { taskId: t1!.id, summary: 'second result' });
    expect(!twice.ok && twice.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/already completed/) });
    expect(c.runs.book.task(t1!.id)?.result).toEqual({ summary: 'first result', files: ['a.txt'] });

    const early = await call(main, 'main', 'complete_run', { summary: 'too soon' });
    expect(!early.ok && early.error.code).toBe('conflict');
    expect(c.runs.book.run(runId)?.state).not.toBe('completed');

    c.store.events.flush();
    const calls = c.sessions.events({ sessionId: worker, afterSeq: 0, limit: 1_000 }).filter((e) => e.type === 'agent_tool.called');
    expect(calls.map((e) => (e.data as { outcome: string }).outcome)).toEqual(['forbidden', 'forbidden', 'not_found', 'ok', 'conflict']);
    expect(calls.every((e) => e.correlationId === 'a_test')).toBe(true);
    expect(timeline(c, runId).filter((e) => e.type === 'task.completed')).toHaveLength(1);
  }, 60_000);

  it('MainAI exiting mid-run pauses the run, tells MonitorAI and the person, and loses nothing', async () => {
    const { runId, main, monitor } = await quietRun();
    const notices: string[] = [];
    c.runs.onNotice.event((n) => notices.push(`${n.level}: ${n.message}`));
    await c.agentTools.call(ctx(main, 'main'), 'analysis_complete', { tasks: [{ title: 'alpha' }, { title: 'beta' }] });
    const before = c.runs.book.tasksOf(runId);
    expect(c.sessions.kill(main).ok).toBe(true);
    const run = await waitFor('the run to pause', () => (c.runs.book.run(runId)?.state === 'paused' ? c.runs.book.run(runId) : null));
    expect(run!.reason).toMatch(/MainAI (crashed|exited).*mid-run/);
    expect(run!.resumeState).toBe('spawning_workers');
    expect(notices.some((n) => /^error: .*MainAI .* the run is paused/.test(n))).toBe(true);
    const critical = timeline(c, runId).find((e) => e.type === 'protocol.critical_error');
    expect(critical).toMatchObject({ sender: 'core', sessionId: main, data: { error: expect.stringMatching(/MainAI/) } });
    // MonitorAI is told: a digest naming the error waits for it to reach its prompt.
    expect(c.runs.delivery.pending(monitor)).toBeGreaterThanOrEqual(2);
    expect(c.runs.book.tasksOf(runId)).toEqual(before);

    const resumed = c.runs.resume(runId, 'test', 'person');
    expect(resumed.ok).toBe(true);
    await waitFor('MainAI to run again', () => {
      const rt = c.sessions.get(main);
      return rt.ok && rt.value.isLive;
    });
    expect(c.runs.book.run(runId)?.state).toBe('spawning_workers');
  }, 60_000);

  it('the dorch CLI does the same for agents without MCP: progress, complete, and role limits', async () => {
    const { runId, main } = await quietRun();
    await c.agentTools.call(ctx(main, 'main'), 'analysis_complete', { tasks: [{ title: 'alpha' }] });
    const spawned = await c.agentTools.call(ctx(main, 'main'), 'spawn_worker', {});
    if (!spawned.ok) throw new Error(spawned.error.message);
    const worker = (spawned.value as { workerIds: string[] }).workerIds[0]!;
    const [task] = c.runs.book.tasksOf(runId);

    const progress = await dorch(worker, 'task', 'progress', 'half way');
    expect(progress).toMatchObject({ code: 0, stdout: 'progress recorded\n' });
    expect(c.runs.book.task(task!.id)).toMatchObject({ state: 'running', progress: 'half way' });
    const foreign = await dorch(worker, 'call', 'spawn_worker', '{}');
    expect(foreign.code).toBe(1);
    expect(foreign.stderr).toMatch(/forbidden: Sessions with role "worker" may not call spawn_worker/);
    const done = await dorch(worker, 'task', 'complete', '--summary', 'wrote two files', '--file', 'a.txt', '--file', 'b.txt');
    expect(done).toMatchObject({ code: 0, stdout: `task ${task!.id} completed\n` });
    expect(c.runs.book.task(task!.id)?.result).toEqual({ summary: 'wrote two files', files: ['a.txt', 'b.txt'] });
    const health = await dorch(c.runs.book.run(runId)!.monitorSessionId!, 'call', 'read_health_digest', '{}', '--json');
    const digest = JSON.parse(health.stdout) as { value: { sessions: { sessionId: string; role: string; state: string }[] } };
    expect(digest.value.sessions.map((s) => s.role)).toEqual(['main', 'monitor', 'worker']);
    expect(digest.value.sessions.every((s) => s.state === 'running')).toBe(true);
    const status = await dorch(main, 'run', 'status', 'integrating soon');
    expect(status.code).toBe(0);
    expect(timeline(c, runId).find((e) => e.type === 'protocol.status_update')).toMatchObject({ sender: 'main_ai', data: { status: 'integrating soon' } });
    // MainAI's tool calls double as its heartbeat (throttled).
    expect(timeline(c, runId).filter((e) => e.type === 'protocol.heartbeat')).toHaveLength(1);
  }, 60_000);
});
