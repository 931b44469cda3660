import type { RunInfo } from '../../../src-preload/contract/runs';
import { err, ok, type Result } from '../../../src-preload/contract/result';
import type { RunRecord } from '../ports/runs';
import type { SessionService } from '../sessions/session-service';
import type { MonitorFeed } from './monitor-feed';
import type { ProtocolSender } from './protocol';
import { publicRun, type RunBook } from './run-book';
import { isWorkingState } from './run-states';

export interface HoldsHost {
  book: RunBook;
  feed: MonitorFeed;
  sessions: Pick<SessionService, 'get' | 'restart'>;
  notice(level: 'info' | 'warning' | 'error', message: string): void;
  progress(runId: string): void;
  askToIntegrate(runId: string): void;
  sendMainPrompt(runId: string): void;
}

/** Every session of a run (MainAI, MonitorAI, workers). */
export const sessionIdsOf = (run: RunInfo): string[] => [run.mainSessionId, run.monitorSessionId, ...run.workerSessionIds].filter((x): x is string => x !== null);

/**
 * Holding a run and letting it go: the person's or MonitorAI's pause, the
 * core's freeze of a run whose MainAI stalled, and resume/thaw back to the
 * state the run was in (restarting sessions that died meanwhile).
 */
export class RunHolds {
  constructor(private readonly h: HoldsHost) {}

  pause(runId: string, reason: string, by: ProtocolSender, sessionId: string | null = null, correlationId: string | null = null): Result<RunInfo> {
    const run = this.h.book.need(runId);
    if (!run.ok) return run;
    if (run.value.state === 'paused') return ok(publicRun(run.value));
    if (!isWorkingState(run.value.state) && run.value.state !== 'frozen' && run.value.state !== 'error') {
      return err('invalid_state', `Run ${runId} is ${run.value.state}; only a working run can be paused.`);
    }
    const resumeState = isWorkingState(run.value.state) ? run.value.state : (run.value.resumeState ?? 'executing');
    const r = this.h.book.setState(runId, 'paused', { resumeState, reason }, correlationId);
    if (!r.ok) return r;
    this.h.feed.protocol(runId, 'pause', by, sessionId, { reason }, correlationId);
    return ok(publicRun(r.value));
  }

  /**
   * MainAI stopped responding (the core's monitor saw its session stall): the
   * run is `frozen` (MISSION.md) until MainAI moves again (`thaw`) or the person
   * pauses, resumes or stops it. Workers finish what they hold; MonitorAI is told.
   */
  freeze(runId: string, reason: string): Result<RunInfo> {
    const run = this.h.book.need(runId);
    if (!run.ok) return run;
    if (run.value.state === 'frozen') return ok(publicRun(run.value));
    if (!isWorkingState(run.value.state)) return err('invalid_state', `Run ${runId} is ${run.value.state}; only a working run can freeze.`);
    const r = this.h.book.setState(runId, 'frozen', { resumeState: run.value.state, reason });
    if (!r.ok) return r;
    this.h.feed.protocol(runId, 'status_update', 'core', run.value.mainSessionId, { status: 'frozen', reason });
    this.h.notice('warning', `Run "${run.value.name}": MainAI stopped responding (${reason}); the run is frozen until it moves again.`);
    return ok(publicRun(r.value));
  }

  /** MainAI moves again: a frozen run goes back to where it was. */
  thaw(runId: string): Result<RunInfo> {
    const run = this.h.book.need(runId);
    if (!run.ok) return run;
    if (run.value.state !== 'frozen') return ok(publicRun(run.value));
    const to = run.value.resumeState && isWorkingState(run.value.resumeState) ? run.value.resumeState : 'executing';
    const r = this.h.book.setState(runId, to, { resumeState: null, reason: null });
    if (!r.ok) return r;
    this.h.feed.protocol(runId, 'status_update', 'core', run.value.mainSessionId, { status: to, reason: 'MainAI responds again' });
    this.h.progress(runId);
    return ok(publicRun(this.h.book.run(runId) as RunRecord));
  }

  resume(runId: string, reason: string, by: ProtocolSender, sessionId: string | null = null, correlationId: string | null = null): Result<RunInfo> {
    const run = this.h.book.need(runId);
    if (!run.ok) return run;
    if (run.value.state !== 'paused' && run.value.state !== 'frozen' && run.value.state !== 'error') {
      return err('invalid_state', `Run ${runId} is ${run.value.state}, not paused.`);
    }
    if (!run.value.mainSessionId) return err('invalid_state', `Run ${runId} never started its sessions (${run.value.reason ?? 'no reason recorded'}); start a new run.`);
    // Sessions that died meanwhile (the app restarted, MainAI exited) start again; Claude resumes its conversation.
    const restarted: string[] = [];
    for (const id of sessionIdsOf(run.value)) {
      const rt = this.h.sessions.get(id);
      if (!rt.ok || rt.value.isLive) continue;
      const r = this.h.sessions.restart(id, correlationId);
      if (!r.ok) return err(r.error.code, `Could not restart ${rt.value.record.name}: ${r.error.message}`);
      restarted.push(id);
    }
    const to = run.value.resumeState && isWorkingState(run.value.resumeState) ? run.value.resumeState : 'executing';
    const r = this.h.book.setState(runId, to, { resumeState: null, reason: null }, correlationId);
    if (!r.ok) return r;
    this.h.feed.protocol(runId, 'resume', by, sessionId, { reason, restarted }, correlationId);
    // Paused while integrating: MainAI's complete_run may have been refused meanwhile, so ask again
    // (a second answer after a first that got through is refused harmlessly: the run is completed).
    if (to === 'integrating') this.h.askToIntegrate(runId);
    if (run.value.mainSessionId && restarted.includes(run.value.mainSessionId) && this.h.book.tasksOf(runId).length === 0) this.h.sendMainPrompt(runId);
    this.h.feed.schedule(runId);
    this.h.progress(runId);
    return ok(publicRun(this.h.book.run(runId) as RunRecord));
  }
}
