import { describe, expect, it } from 'vitest';
import { ok, err, type Result } from '../../../src-preload/contract/result';
import type { SessionInfo } from '../../../src-preload/contract/session';
import type { AgentState } from '../../../src-preload/contract/activity';
import { Emitter } from '../../lib/disposable';
import { silentLogger } from '../../lib/logger';
import { createFakeClock } from '../ports/fake-clock';
import type { SessionRecord } from '../ports/store';
import type { SessionRuntime } from '../sessions/session-runtime';
import { MemoryRunRepo } from './memory-run-repo';
import { Orchestrator, type RunSessions } from './orchestrator';

/** Sessions as the orchestrator sees them, with no processes: the test decides when an agent is idle. */
class FakeRuntime {
  activity: AgentState = 'starting';
  live = true;
  readonly writes: string[] = [];
  constructor(public record: SessionRecord) {}
  get isLive(): boolean {
    return this.live;
  }
  info(): SessionInfo {
    return { ...this.record, live: this.live, pid: null, activity: { state: this.activity, source: 'process', since: 0, ruleId: null } };
  }
  write(d: string): Result<void> {
    this.writes.push(d);
    return ok(undefined);
  }
  whenExited(): Promise<void> {
    return Promise.resolve();
  }
  screenText(): null {
    return null;
  }
}

class FakeSessions {
  readonly rts = new Map<string, FakeRuntime>();
  readonly onExited = new Emitter<SessionRecord>();
  readonly onChanged = new Emitter<SessionInfo>();
  private n = 0;
  create(input: { role: SessionRecord['role']; name?: string; cwd?: string; profileId: SessionRecord['profileId'] }): Result<SessionInfo> {
    const id = `s_fake${String(++this.n).padStart(4, '0')}`;
    const rec = { id, name: input.name ?? id, role: input.role, profileId: input.profileId, cwd: input.cwd ?? '/', state: 'running' } as SessionRecord;
    const rt = new FakeRuntime(rec);
    this.rts.set(id, rt);
    return ok(rt.info());
  }
  get(id: string): Result<SessionRuntime> {
    const rt = this.rts.get(id);
    return rt ? ok(rt as unknown as SessionRuntime) : err('not_found', id);
  }
  stop(id: string): Result<SessionInfo> {
    const rt = this.rts.get(id)!;
    rt.live = false;
    rt.record = { ...rt.record, state: 'exited' };
    this.onExited.fire(rt.record);
    return ok(rt.info());
  }
  readonly restarts: string[] = [];
  restart(id: string): Result<SessionInfo> {
    this.restarts.push(id);
    const rt = this.rts.get(id)!;
    rt.live = true;
    rt.record = { ...rt.record, state: 'running' };
    return ok(rt.info());
  }
  setActivity(id: string, a: AgentState): void {
    const rt = this.rts.get(id)!;
    rt.activity = a;
    this.onChanged.fire(rt.info());
  }
}

function setup(monitorDigestMs = 0) {
  const clock = createFakeClock();
  const sessions = new FakeSessions();
  const repo = new MemoryRunRepo();
  const o = new Orchestrator({
    clock,
    sessions: sessions as unknown as RunSessions,
    repo,
    events: { append: (e) => repo.append(e), flush: () => undefined },
    workspaces: { defaultRoot: (id) => `/runs/${id}`, check: () => ok(undefined), prepare: (_r, f) => ok(`/runs/x/${f}`), writeFile: (p) => ok(p), join: (...p) => p.join('/') },
    prompts: { main: 'plan {{request}}', monitor: 'watch', worker: 'do {{taskId}} #{{attempt}}', integrate: 'integrate {{outcome}}' },
    logger: silentLogger,
    monitorDigestMs,
  });
  const created = o.create({ request: 'r', profiles: { main: 'demo', monitor: 'demo', worker: 'demo' }, maxWorkers: 3 });
  if (!created.ok) throw new Error(created.error.message);
  const runId = created.value.run.id;
  const plan = (n: number) => {
    const r = o.tasks.recordAnalysis(runId, Array.from({ length: n }, (_, i) => ({ title: `t${i + 1}`, description: '' })), null, null);
    if (!r.ok) throw new Error(r.error.message);
    return r.value.map((t) => t.id);
  };
  const spawn = (n: number) => {
    const r = o.spawnWorkers(runId, n);
    if (!r.ok) throw new Error(r.error.message);
    return r.value.workerIds;
  };
  const states = () => o.book.tasksOf(runId).map((t) => `${t.state}${t.workerSessionId ? `@${t.workerSessionId.slice(-1)}` : ''}`);
  return { clock, sessions, repo, o, runId, plan, spawn, states };
}

describe('Orchestrator (fake sessions, fake clock)', () => {
  it('N workers drain M > N tasks: a completion hands the freed worker the next task at once', () => {
    const t = setup();
    const ids = t.plan(5);
    const [w1, w2] = t.spawn(2);
    expect(t.states()).toEqual([`assigned@${w1!.slice(-1)}`, `assigned@${w2!.slice(-1)}`, 'queued', 'queued', 'queued']);
    expect(t.o.tasks.complete(ids[1]!, w2!, { summary: 'ok', files: [] }, null).ok).toBe(true);
    // Same tick, no clock advance: the stay loop.
    expect(t.o.book.task(ids[2]!)).toMatchObject({ state: 'assigned', workerSessionId: w2 });
    expect(t.o.book.run(t.runId)?.state).toBe('executing');
    for (const [i, w] of [[0, w1], [2, w2], [3, w1], [4, w2]] as const) {
      if (t.o.book.task(ids[i]!)?.state !== 'assigned') t.o.assign(t.runId, ids[i]!, w!, null, 'main_ai');
      expect(t.o.tasks.complete(ids[i]!, w!, { summary: 'ok', files: [] }, null).ok).toBe(true);
    }
    expect(t.o.book.run(t.runId)?.state).toBe('integrating');
  });

  it('retries back off 1 s, 2 s on the clock; the third failure is final', () => {
    const t = setup();
    const [id] = t.plan(1);
    const [w] = t.spawn(1);
    expect(t.o.tasks.fail(id!, w!, 'boom', null).ok).toBe(true);
    const r1 = t.o.tasks.suggestRecovery(t.runId, id!, 'retry', 'transient', null, null);
    expect(r1.ok && r1.value.applied).toBe(true);
    t.clock.advance(999);
    expect(t.o.book.task(id!)?.state).toBe('queued');
    t.clock.advance(1);
    expect(t.o.book.task(id!)).toMatchObject({ state: 'assigned', attempts: 2 });
    t.o.tasks.fail(id!, w!, 'boom', null);
    t.o.retryTask(id!, 'again');
    t.clock.advance(1_999);
    expect(t.o.book.task(id!)?.state).toBe('queued');
    t.clock.advance(1);
    expect(t.o.book.task(id!)?.attempts).toBe(3);
    t.o.tasks.fail(id!, w!, 'boom', null);
    const last = t.o.retryTask(id!, 'once more');
    expect(!last.ok && last.error.message).toMatch(/used all 3 attempts/);
    // A task out of attempts counts as ended: the run moves on to integration.
    expect(t.o.book.run(t.runId)?.state).toBe('integrating');
  });

  it('MonitorAI\'s restart strategy restarts the worker on the task and requeues the task, with no worker_error for the exit', () => {
    const t = setup();
    const [id] = t.plan(1);
    const [w] = t.spawn(1);
    const r = t.o.tasks.suggestRecovery(t.runId, id!, 'restart', 'stuck in a loop', null, null);
    expect(r.ok && r.value.applied).toBe(true);
    expect(t.sessions.restarts).toEqual([w]);
    expect(t.o.book.task(id!)).toMatchObject({ state: 'queued', workerSessionId: null });
    t.sessions.onExited.fire({ ...t.sessions.rts.get(w!)!.record, state: 'exited' });
    expect(t.repo.events.filter((e) => e.type === 'protocol.worker_error')).toEqual([]);
    t.clock.advance(1_000);
    expect(t.o.book.task(id!)).toMatchObject({ state: 'assigned', workerSessionId: w, attempts: 2 });
    const again = t.o.tasks.suggestRecovery(t.runId, id!, 'skip', 'give up', null, null);
    expect(again.ok).toBe(true);
    const late = t.o.tasks.suggestRecovery(t.runId, id!, 'restart', 'too late', null, null);
    expect(!late.ok && late.error.code).toBe('conflict');
  });

  it('pause holds assignments; resume hands them out; an optimization hint lowers parallelism', () => {
    const t = setup();
    const ids = t.plan(4);
    expect(t.o.pause(t.runId, 'wait', 'monitor_ai').ok).toBe(true);
    t.spawn(3);
    expect(t.states().every((s) => s === 'queued')).toBe(true);
    expect(t.o.setParallelism(t.runId, 1, 'high CPU', null, null).ok).toBe(true);
    expect(t.o.resume(t.runId, 'go', 'monitor_ai').ok).toBe(true);
    expect(t.states().filter((s) => s.startsWith('assigned'))).toHaveLength(1);
    expect(t.o.setParallelism(t.runId, 99, 'cool again', null, null).ok && t.o.book.run(t.runId)?.parallelism).toBe(3);
    expect(t.states().filter((s) => s.startsWith('assigned'))).toHaveLength(3);
    const types = t.repo.events.map((e) => e.type);
    expect(types.indexOf('protocol.pause')).toBeLessThan(types.indexOf('protocol.resume'));
    expect(t.repo.events.find((e) => e.type === 'protocol.optimization_hint')).toMatchObject({ sender: 'monitor_ai', data: { hint: 'high CPU', parallelism: 1 } });
    expect(ids).toHaveLength(4);
  });

  it('a run MonitorAI paused itself is reported paused on the next scheduled digest, even with no news, and only once', () => {
    const DIGEST_MS = 3_000;
    const t = setup(DIGEST_MS);
    const monitorId = t.o.book.run(t.runId)!.monitorSessionId!;
    const monitor = t.sessions.rts.get(monitorId)!;
    t.sessions.setActivity(monitorId, 'idle');
    const digests = () => monitor.writes.filter((w) => w.startsWith('[orchestrator digest]'));
    t.plan(2);
    // The scheduled digest goes out with the plan as news, the run still working...
    t.clock.advance(DIGEST_MS);
    expect(digests()).toHaveLength(1);
    expect(digests()[0]).not.toMatch(/is paused/);
    // ...then MonitorAI pauses the run: its own message, not news.
    expect(t.o.pause(t.runId, 'checking the plan', 'monitor_ai').ok).toBe(true);
    t.clock.advance(DIGEST_MS);
    expect(digests()).toHaveLength(2);
    expect(digests()[1]).toMatch(/is paused/);
    t.clock.advance(3 * DIGEST_MS);
    expect(digests()).toHaveLength(2);
  });

  it('types a task only when its worker is idle, text and Enter as separate writes; then marks it running', () => {
    const t = setup();
    const [id] = t.plan(1);
    const [w] = t.spawn(1);
    const rt = t.sessions.rts.get(w!)!;
    t.clock.advance(1_000);
    expect(rt.writes).toEqual([]);
    t.sessions.setActivity(w!, 'idle');
    expect(rt.writes).toEqual([`do ${id} #1`]);
    t.clock.advance(30);
    expect(rt.writes).toEqual([`do ${id} #1`, '\r']);
    expect(t.o.book.task(id!)?.state).toBe('running');
  });

  it('a worker that exits mid-task fails its task and raises worker_error; MainAI exiting pauses the run (a restart does not)', async () => {
    const t = setup();
    const [id] = t.plan(2);
    const [w] = t.spawn(1);
    const notices: string[] = [];
    t.o.onNotice.event((n) => notices.push(n.message));
    t.sessions.rts.get(w!)!.live = false;
    t.sessions.onExited.fire({ ...t.sessions.rts.get(w!)!.record, state: 'crashed', lastError: 'Exited with code 1' });
    expect(t.o.book.task(id!)).toMatchObject({ state: 'failed', error: expect.stringMatching(/crashed/) });
    expect(t.repo.events.some((e) => e.type === 'protocol.worker_error')).toBe(true);
    const main = t.o.book.run(t.runId)!.mainSessionId!;
    // A restart (still live right after the exit) is no failure.
    t.sessions.onExited.fire({ ...t.sessions.rts.get(main)!.record, state: 'exited', exitCode: 0 });
    await Promise.resolve();
    expect(t.o.book.run(t.runId)?.state).toBe('executing');
    t.sessions.rts.get(main)!.live = false;
    t.sessions.onExited.fire({ ...t.sessions.rts.get(main)!.record, state: 'exited', exitCode: 0 });
    await Promise.resolve();
    expect(t.o.book.run(t.runId)).toMatchObject({ state: 'paused', reason: expect.stringMatching(/MainAI exited/) });
    expect(notices.some((n) => /MainAI exited/.test(n))).toBe(true);
  });

  it('boot brings an unfinished run back paused with its active tasks requeued', () => {
    const t = setup();
    t.plan(2);
    t.spawn(1);
    const again = new Orchestrator({
      clock: t.clock,
      sessions: new FakeSessions() as unknown as RunSessions,
      repo: t.repo,
      events: { append: (e) => t.repo.append(e), flush: () => undefined },
      workspaces: { defaultRoot: (id) => id, check: () => ok(undefined), prepare: (_r, f) => ok(f), writeFile: (p) => ok(p), join: (...p) => p.join('/') },
      prompts: { main: '', monitor: '', worker: '', integrate: '' },
      logger: silentLogger,
    });
    again.boot();
    expect(again.book.run(t.runId)).toMatchObject({ state: 'paused', resumeState: 'executing' });
    expect(again.book.tasksOf(t.runId).map((x) => x.state)).toEqual(['queued', 'queued']);
  });
});
