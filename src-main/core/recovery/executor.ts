import type { RecoveryOutcome } from '../../../src-preload/contract/health';
import { err, ok, type Result } from '../../../src-preload/contract/result';
import type { ProcessSignals } from '../ports/process-signals';
import type { RunControl } from '../ports/run-control';
import type { SessionService } from '../sessions/session-service';
import type { RecoveryActor, RecoveryStep } from './strategies';

/** The keys an interrupt sends: Esc stops Claude's turn; Ctrl-C is the universal one. */
const INTERRUPT_KEYS = { esc: '\x1b', ctrl_c: '\x03' } as const;

export interface ExecutorDeps {
  sessions: SessionService;
  runControl: RunControl;
  signals: ProcessSignals;
  /** Empties a session's working folder; refuses folders the app did not create. */
  cleanWorkspace(cwd: string): Result<void>;
}

/**
 * Applies one recovery step to one session and records it (recovery.action
 * with strategy, reason, outcome and who asked). Session-level steps act on
 * the SessionService; task- and run-level ones go through RunControl, which
 * answers honestly when no run owns the session.
 */
export class RecoveryExecutor {
  private readonly paused = new Set<string>();

  constructor(private readonly deps: ExecutorDeps) {}

  isPaused(sessionId: string): boolean {
    return this.paused.has(sessionId);
  }

  async apply(sessionId: string, s: RecoveryStep, by: RecoveryActor, reason: string, correlationId: string | null = null): Promise<Result<RecoveryOutcome>> {
    let r: Result<string>;
    try {
      r = await this.run(sessionId, s, reason);
    } catch (e) {
      r = err('internal', (e as Error).message);
    }
    this.deps.sessions.event(
      'recovery.action',
      sessionId,
      { strategy: s.strategy, step: s, by, reason, outcome: r.ok ? 'ok' : 'failed', detail: r.ok ? r.value : r.error.message },
      correlationId,
    );
    return r.ok ? ok({ strategy: s.strategy, outcome: r.value }) : r;
  }

  private async run(sessionId: string, s: RecoveryStep, reason: string): Promise<Result<string>> {
    const { sessions, runControl } = this.deps;
    const rt = sessions.get(sessionId);
    if (!rt.ok) return rt;
    const task = (): Result<{ taskId: string }> => {
      const t = runControl.currentTask(sessionId);
      return t ? ok(t) : err('invalid_state', 'This session has no task (no run owns it).');
    };
    const run = (): Result<string> => {
      const id = runControl.runOf(sessionId);
      return id ? ok(id) : err('invalid_state', 'This session belongs to no run.');
    };
    switch (s.strategy) {
      case 'interrupt': {
        const w = rt.value.write(INTERRUPT_KEYS[s.key]);
        return w.ok ? ok(`sent ${s.key === 'esc' ? 'Esc' : 'Ctrl-C'}`) : w;
      }
      case 'restart_session': {
        this.resumeIfPaused(sessionId);
        if (rt.value.isLive) {
          // A hung agent ignores a polite stop: end the tree now, then start again (the restart resumes Claude's conversation).
          sessions.kill(sessionId);
          await rt.value.whenExited();
        }
        if (s.cleanWorkspace) {
          const c = this.deps.cleanWorkspace(rt.value.record.cwd);
          if (!c.ok) return c;
        }
        const r = sessions.restart(sessionId);
        return r.ok ? ok(s.cleanWorkspace ? 'restarted with a clean workspace' : 'restarted') : r;
      }
      case 'retry_task':
      case 'reassign_task':
      case 'skip_task': {
        const t = task();
        if (!t.ok) return t;
        const fn = s.strategy === 'retry_task' ? runControl.retryTask : s.strategy === 'reassign_task' ? runControl.reassignTask : runControl.skipTask;
        const r = fn.call(runControl, t.value.taskId, reason);
        return r.ok ? ok(`${s.strategy.replace('_task', '')} task ${t.value.taskId}`) : r;
      }
      case 'pause':
      case 'resume': {
        const runId = runControl.runOf(sessionId);
        if (runId) {
          const r = s.strategy === 'pause' ? runControl.pauseRun(runId, reason) : runControl.resumeRun(runId, reason);
          if (!r.ok) return r;
        }
        const pid = rt.value.info().pid;
        if (pid === null) return runId ? ok(`${s.strategy}d run ${runId}`) : err('invalid_state', 'This session is not running.');
        const r = s.strategy === 'pause' ? this.deps.signals.pauseTree(pid) : this.deps.signals.resumeTree(pid);
        if (!r.ok) return r;
        if (s.strategy === 'pause') this.paused.add(sessionId);
        else this.paused.delete(sessionId);
        return ok(s.strategy === 'pause' ? 'paused' : 'resumed');
      }
      case 'kill': {
        this.resumeIfPaused(sessionId);
        const r = sessions.kill(sessionId);
        return r.ok ? ok('killed') : r;
      }
      case 'shutdown_run': {
        const id = run();
        if (!id.ok) return id;
        const r = await runControl.shutdownRun(id.value, reason);
        return r.ok ? ok(`shut down run ${id.value}`) : r;
      }
    }
  }

  /** A stopped process cannot exit on a signal it never gets to handle: continue it first. */
  private resumeIfPaused(sessionId: string): void {
    if (!this.paused.delete(sessionId)) return;
    const pid = this.deps.sessions.get(sessionId);
    const p = pid.ok ? pid.value.info().pid : null;
    if (p !== null) this.deps.signals.resumeTree(p);
  }

  forget(sessionId: string): void {
    this.paused.delete(sessionId);
  }
}
