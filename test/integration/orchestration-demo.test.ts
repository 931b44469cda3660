/**
 * Issue 4 end to end with the demo agent in every role (no model): the real
 * core (composeCore), real ptys, the agent-tools route over HTTP, SQLite.
 * The demo agent answers the orchestrator's prompts with the same tools a
 * Claude session calls (resources/demo-agent/orchestrated.mjs).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/compose';
import type { CreateRunInput } from '../../src-preload/contract/runs';
import { waitFor } from '../fixtures/core-harness';
import { DEMO_RUN_ENV, indexOf, timeline, waitForRun, runTestCores } from '../fixtures/orchestration/run-helpers';

const cores = runTestCores();
const core = (dataDir?: string): Promise<Core> => cores.start('dorch-orch-', dataDir ? { dataDir } : {});
const tempDir = (): string => cores.folder('dorch-run-');

function demoRun(request: string, root: string, patch: Partial<CreateRunInput> = {}): CreateRunInput {
  return {
    request,
    profiles: { main: 'demo', monitor: 'demo', worker: 'demo' },
    maxWorkers: 2,
    workspace: { kind: 'folders', root },
    env: DEMO_RUN_ENV,
    ...patch,
  };
}

describe('orchestration with demo agents', () => {
  it('MainAI plans 3 tasks, 2 workers drain them, the third goes to whoever finished first, MainAI integrates', async () => {
    const c = await core();
    const root = tempDir();
    const created = c.runs.create(demoRun('alpha; beta; gamma', root));
    if (!created.ok) throw new Error(created.error.message);
    const runId = created.value.run.id;
    const done = await waitForRun(c, runId, 'the run to complete', (d) => d.run.state === 'completed');
    expect(done.tasks.map((t) => [t.title, t.state, t.attempts])).toEqual([
      ['alpha', 'completed', 1],
      ['beta', 'completed', 1],
      ['gamma', 'completed', 1],
    ]);
    expect(done.run.workerSessionIds).toHaveLength(2);
    const [t1, t2, t3] = done.tasks;
    // The stay loop: the third task went to the worker whose first task ended first.
    const first = (t1!.endedAt as number) <= (t2!.endedAt as number) ? t1! : t2!;
    expect(t3!.workerSessionId).toBe(first.workerSessionId);
    for (const t of done.tasks) {
      const n = done.run.workerSessionIds.indexOf(t.workerSessionId as string) + 1;
      expect(existsSync(join(root, `worker_${n}`, `${t.id}.md`))).toBe(true);
    }
    const report = c.runs.report(runId);
    if (!report.ok) throw new Error(report.error.message);
    expect(report.value.report.tasks.map((t) => t.outcome)).toEqual(['completed', 'completed', 'completed']);
    expect(report.value.markdown).toContain('3 (3 completed, 0 failed, 0 skipped)');
    expect(readFileSync(join(root, 'run-report.md'), 'utf8')).toBe(report.value.markdown);
    expect(JSON.parse(readFileSync(join(root, 'run-report.json'), 'utf8'))).toEqual(report.value.report);

    const events = timeline(c, runId);
    const types = events.map((e) => e.type);
    expect(types).toContain('protocol.task_analysis_complete');
    expect(types.filter((t) => t === 'protocol.worker_spawned')).toHaveLength(2);
    expect(types.filter((t) => t === 'task.completed')).toHaveLength(3);
    const analysis = events.find((e) => e.type === 'protocol.task_analysis_complete')!;
    expect(analysis).toMatchObject({ sender: 'main_ai', sessionId: done.run.mainSessionId, data: { runId, task_count: 3 } });
    expect(typeof analysis.correlationId).toBe('string');
    // Every assignment of a task follows the completion it waited for: never more than 2 at once.
    expect(indexOf(events, (e) => e.type === 'task.assigned' && (e.data as { taskId: string }).taskId === t3!.id)).toBeGreaterThan(
      indexOf(events, (e) => e.type === 'task.completed'),
    );
    // Completing the run stops its sessions.
    await waitFor('the run sessions to stop', () => [done.run.mainSessionId!, done.run.monitorSessionId!, ...done.run.workerSessionIds].every((id) => {
      const rt = c.sessions.get(id);
      return rt.ok && !rt.value.isLive;
    }));
  }, 90_000);

  it('a failed task reaches MonitorAI as worker_error; its retry suggestion is applied and the task completes', async () => {
    const c = await core();
    const root = tempDir();
    const created = c.runs.create(demoRun('alpha fail-once; beta', root));
    if (!created.ok) throw new Error(created.error.message);
    const runId = created.value.run.id;
    const done = await waitForRun(c, runId, 'the run to complete', (d) => d.run.state === 'completed');
    expect(done.tasks.map((t) => [t.state, t.attempts])).toEqual([
      ['completed', 2],
      ['completed', 1],
    ]);
    const events = timeline(c, runId);
    const taskId = done.tasks[0]!.id;
    const of = (type: string, from = 0) => indexOf(events, (e) => e.type === type && ((e.data as { taskId?: string; task_id?: string }).taskId ?? (e.data as { task_id?: string }).task_id) === taskId, from);
    const failed = of('task.failed');
    const workerError = of('protocol.worker_error');
    const suggestion = of('protocol.recovery_suggestion');
    const retried = of('task.retried');
    const reassigned = of('task.assigned', retried);
    const completed = of('task.completed');
    expect([failed, workerError, suggestion, retried, reassigned, completed].every((i) => i >= 0)).toBe(true);
    expect(failed).toBeLessThan(workerError);
    expect(workerError).toBeLessThan(suggestion);
    expect(suggestion).toBeLessThan(retried);
    expect(retried).toBeLessThan(reassigned);
    expect(reassigned).toBeLessThan(completed);
    expect(events[suggestion]).toMatchObject({ sender: 'monitor_ai', sessionId: done.run.monitorSessionId, data: { strategy: 'retry' } });
    // Backoff: the retry waited 1 s (the first step) before the task was handed out again.
    const notBefore = (events[retried]!.data as { notBefore: number }).notBefore;
    expect(notBefore - events[failed]!.ts).toBeGreaterThanOrEqual(1_000);
    expect(events[reassigned]!.ts).toBeGreaterThanOrEqual(notBefore);
  }, 90_000);

  it('pause holds every assignment until resume; then the run completes', async () => {
    const c = await core();
    const root = tempDir();
    const created = c.runs.create(demoRun('one; two; three', root, { maxWorkers: 1 }));
    if (!created.ok) throw new Error(created.error.message);
    const runId = created.value.run.id;
    let paused = false;
    // MonitorAI's pause_run, through the agent-tools registry as the monitor session calls it.
    const sub = c.runs.onAssigned.event(() => {
      if (paused) return;
      paused = true;
      const monitorId = c.runs.book.run(runId)!.monitorSessionId!;
      void c.agentTools.call({ sessionId: monitorId, role: 'monitor', correlationId: 'test-pause' }, 'pause_run', { reason: 'test: hold on' });
    });
    await waitForRun(c, runId, 'the first task to complete while paused', (d) => d.run.state === 'paused' && d.tasks[0]!.state === 'completed');
    sub.dispose();
    const held = c.runs.detail(runId);
    expect(held.ok && held.value.tasks.slice(1).map((t) => t.state)).toEqual(['queued', 'queued']);
    const monitorId = c.runs.book.run(runId)!.monitorSessionId!;
    const resumed = await c.agentTools.call({ sessionId: monitorId, role: 'monitor', correlationId: 'test-resume' }, 'resume_run', {});
    expect(resumed.ok).toBe(true);
    await waitForRun(c, runId, 'the run to complete', (d) => d.run.state === 'completed');
    const events = timeline(c, runId);
    const pause = indexOf(events, (e) => e.type === 'protocol.pause');
    const resume = indexOf(events, (e) => e.type === 'protocol.resume');
    expect(pause).toBeGreaterThan(0);
    expect(resume).toBeGreaterThan(pause);
    expect(events.slice(pause, resume).filter((e) => e.type === 'task.assigned')).toEqual([]);
    expect(events[pause]).toMatchObject({ sender: 'monitor_ai', correlationId: 'test-pause', data: { reason: 'test: hold on' } });
  }, 90_000);

  it('the app stops mid-run and starts again: the run comes back paused and resumes to completion', async () => {
    const dataDir = tempDir();
    const root = tempDir();
    const a = await core(dataDir);
    const created = a.runs.create(demoRun('one; two; three; four', root, { maxWorkers: 1 }));
    if (!created.ok) throw new Error(created.error.message);
    const runId = created.value.run.id;
    await waitForRun(a, runId, 'the first task to complete', (d) => d.tasks.some((t) => t.state === 'completed'));
    await cores.stop(a);

    const b = await core(dataDir);
    const back = b.runs.detail(runId);
    if (!back.ok) throw new Error(back.error.message);
    expect(back.value.run.state).toBe('paused');
    expect(back.value.run.reason).toMatch(/stopped while this run was working/);
    expect(back.value.tasks.filter((t) => t.state === 'completed').length).toBeGreaterThanOrEqual(1);
    expect(back.value.tasks.every((t) => t.state === 'completed' || t.state === 'queued')).toBe(true);
    const resumed = await b.handlers['runs.resume']({ runId }, { clientId: 'c_test', correlationId: 'r_resume', push: () => undefined });
    expect(resumed.ok).toBe(true);
    const done = await waitForRun(b, runId, 'the resumed run to complete', (d) => d.run.state === 'completed');
    expect(done.tasks.map((t) => t.state)).toEqual(['completed', 'completed', 'completed', 'completed']);
    // The same sessions (ids) were restarted, not new ones.
    expect(done.run.mainSessionId).toBe(created.value.run.mainSessionId);
  }, 120_000);

  it('worktrees: each worker works in its own git worktree on its own branch', async () => {
    const c = await core();
    const repo = tempDir();
    const git = (...args: string[]) => execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8' }).trim();
    git('init', '-q', '-b', 'main');
    writeFileSync(join(repo, 'README.md'), '# repo\n');
    git('add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'commit', '-qm', 'init');
    const root = join(tempDir(), 'run');
    const created = c.runs.create(demoRun('alpha; beta', root, { workspace: { kind: 'worktrees', repo } }));
    if (!created.ok) throw new Error(created.error.message);
    const runId = created.value.run.id;
    expect(created.value.run.workspaceRoot).toMatch(new RegExp(`runs[\\\\/]${runId}$`));
    const done = await waitForRun(c, runId, 'the run to complete', (d) => d.run.state === 'completed');
    const wsRoot = done.run.workspaceRoot;
    const branches = git('branch', '--list', `dorch/${runId}/*`).split('\n').map((b) => b.replace(/^[*+]?\s*/, ''));
    expect(branches.sort()).toEqual([`dorch/${runId}/worker_1`, `dorch/${runId}/worker_2`]);
    for (const t of done.tasks) {
      const n = done.run.workerSessionIds.indexOf(t.workerSessionId as string) + 1;
      const dir = join(wsRoot, `worker_${n}`);
      expect(existsSync(join(dir, 'README.md'))).toBe(true); // a checkout of the repository
      expect(existsSync(join(dir, `${t.id}.md`))).toBe(true);
    }
    const bad = c.runs.create(demoRun('x', join(tempDir(), 'r'), { workspace: { kind: 'worktrees', repo: tempDir() } }));
    expect(!bad.ok && bad.error).toMatchObject({ code: 'bad_input', message: expect.stringMatching(/Cannot use .* for worktrees/) });
  }, 90_000);
});
