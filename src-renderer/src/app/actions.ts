import type { ApprovalDecision, ApprovalInfo, ApprovalMode } from '../../../src-preload/contract/approvals';
import type { InvokeInput } from '../../../src-preload/contract/channels';
import type { StoredEvent } from '../../../src-preload/contract/events';
import type { ReleaseOutcome } from '../../../src-preload/contract/locks';
import type { RunDetail, RunInfo, TaskInfo } from '../../../src-preload/contract/runs';
import type { AppError, Result } from '../../../src-preload/contract/result';
import type { SessionInfo } from '../../../src-preload/contract/session';
import type { RendererApi } from '../ipc/renderer-api';
import type { AppStore } from '../stores/app-store';
import type { TerminalManager } from '../terminals/terminal-manager';

/**
 * What the person can do, as functions the features call. Each one invokes
 * the core and applies the answer to the store at once (the push that
 * follows carries the same record); failures become notices unless the
 * caller shows them itself (the new-session dialog does, inline).
 */
export interface Actions {
  createSession(input: InvokeInput<'sessions.create'>): Promise<Result<SessionInfo>>;
  stop(id: string): Promise<void>;
  kill(id: string): Promise<void>;
  restart(id: string): Promise<void>;
  rename(id: string, name: string): Promise<Result<SessionInfo>>;
  forget(id: string): Promise<void>;
  closePane(id: string): void;
  /** Answers a pending approval; the caller shows a refusal inline (e.g. the prompt left the screen). */
  decide(approvalId: string, decision: ApprovalDecision): Promise<Result<ApprovalInfo>>;
  setMode(id: string, mode: ApprovalMode): Promise<void>;
  loadApprovalHistory(): Promise<void>;
  /** Re-reads every held or awaited resource (the locks view and each locks.changed push). */
  loadLocks(): Promise<void>;
  /** Takes a lease away from its holder; the core records who did it and why. The caller shows a refusal inline. */
  forceRelease(resource: string, reason?: string): Promise<Result<ReleaseOutcome>>;
  /** Starts a run (MainAI and MonitorAI sessions); the dialog shows a refusal inline. */
  createRun(input: InvokeInput<'runs.create'>): Promise<Result<RunDetail>>;
  loadRuns(): Promise<void>;
  /** Reads one run with all its tasks (opening it in the runs view). */
  loadRun(runId: string): Promise<void>;
  stopRun(runId: string): Promise<void>;
  pauseRun(runId: string): Promise<void>;
  resumeRun(runId: string): Promise<void>;
  /** The run's protocol messages after `afterSeq`, oldest first; [] when the core refuses (shown as a notice). */
  runTimeline(runId: string, afterSeq: number): Promise<StoredEvent[]>;
  /** The integrated result as Markdown, or null (refusal shown as a notice). */
  runReport(runId: string): Promise<{ markdown: string; json: string } | null>;
  taskAction(action: 'retry' | 'reassign' | 'skip', taskId: string): Promise<Result<TaskInfo>>;
  /** Loads app info, profiles and sessions (at start and after every reconnect). */
  refresh(): Promise<void>;
}

/** The timeline asks for this many messages per page (the contract allows up to 1 000). */
const TIMELINE_PAGE = 500;

/** Closed approvals the decisions view asks for (the contract allows up to 1 000). */
const APPROVAL_HISTORY_LIMIT = 200;

export function createActions(api: RendererApi, store: AppStore, terminals: TerminalManager): Actions {
  const s = () => store.getState();
  const fail = (what: string, e: AppError) => {
    // unavailable while disconnected: the banner already says so.
    if (e.code !== 'unavailable' || s().connection.state === 'open') s().notify('error', `${what}: ${e.message}`);
  };
  const sessionCall = async (channel: 'sessions.stop' | 'sessions.kill' | 'sessions.restart', what: string, id: string) => {
    const r = await api.invoke(channel, { sessionId: id });
    if (r.ok) s().sessionChanged(r.value);
    else fail(what, r.error);
  };
  const runCall = async (channel: 'runs.stop' | 'runs.pause' | 'runs.resume', what: string, runId: string) => {
    const r = await api.invoke(channel, { runId });
    if (r.ok) s().runChanged(r.value as RunInfo);
    else fail(what, r.error);
  };
  const loadRuns = async () => {
    const r = await api.invoke('runs.list', {});
    if (r.ok) s().setRuns(r.value);
    else fail('Could not load the runs', r.error);
  };
  const loadLocks = async () => {
    const r = await api.invoke('locks.list', {});
    if (r.ok) s().setLocks(r.value);
    else fail('Could not load the locks', r.error);
  };

  return {
    async createSession(input) {
      const r = await api.invoke('sessions.create', input);
      if (r.ok) {
        s().sessionChanged(r.value);
        s().focus(r.value.id);
      }
      return r;
    },
    stop: (id) => sessionCall('sessions.stop', 'Stop failed', id),
    kill: (id) => sessionCall('sessions.kill', 'Kill failed', id),
    restart: async (id) => {
      s().openPane(id);
      await sessionCall('sessions.restart', 'Restart failed', id);
    },
    async rename(id, name) {
      const r = await api.invoke('sessions.rename', { sessionId: id, name });
      if (r.ok) s().sessionChanged(r.value);
      else fail('Rename failed', r.error);
      return r;
    },
    async forget(id) {
      const r = await api.invoke('sessions.forget', { sessionId: id });
      if (r.ok) {
        terminals.disposeSession(id);
        s().sessionRemoved(id);
      } else fail('Could not remove the session', r.error);
    },
    closePane(id) {
      terminals.disposeSession(id);
      s().closePane(id);
    },
    async decide(approvalId, decision) {
      const r = await api.invoke('approvals.decide', { approvalId, decision });
      if (r.ok) s().approvalChanged(r.value);
      return r;
    },
    async setMode(id, mode) {
      const r = await api.invoke('sessions.setMode', { sessionId: id, mode });
      if (r.ok) s().sessionChanged(r.value);
      else fail('Could not change the approval mode', r.error);
    },
    async loadApprovalHistory() {
      const r = await api.invoke('approvals.history', { limit: APPROVAL_HISTORY_LIMIT });
      if (r.ok) s().setApprovalHistory(r.value);
      else fail('Could not load the decisions', r.error);
    },
    loadLocks,
    async forceRelease(resource, reason) {
      const r = await api.invoke('locks.forceRelease', reason ? { resource, reason } : { resource });
      // Re-read even on failure: a conflict usually means the table we showed was stale.
      void loadLocks();
      return r;
    },
    async createRun(input) {
      const r = await api.invoke('runs.create', input);
      if (r.ok) {
        s().setRunDetail(r.value.run, r.value.tasks);
        s().selectRun(r.value.run.id);
      }
      return r;
    },
    loadRuns,
    async loadRun(runId) {
      const r = await api.invoke('runs.get', { runId });
      if (r.ok) s().setRunDetail(r.value.run, r.value.tasks);
      else fail('Could not load the run', r.error);
    },
    stopRun: (runId) => runCall('runs.stop', 'Stopping the run failed', runId),
    pauseRun: (runId) => runCall('runs.pause', 'Pausing the run failed', runId),
    resumeRun: (runId) => runCall('runs.resume', 'Resuming the run failed', runId),
    async runTimeline(runId, afterSeq) {
      const r = await api.invoke('runs.timeline', { runId, afterSeq, limit: TIMELINE_PAGE });
      if (r.ok) return r.value;
      fail('Could not load the run timeline', r.error);
      return [];
    },
    async runReport(runId) {
      const r = await api.invoke('runs.report', { runId, format: 'markdown' });
      if (r.ok) return { markdown: r.value.markdown, json: JSON.stringify(r.value.report, null, 2) };
      fail('Could not build the run report', r.error);
      return null;
    },
    async taskAction(action, taskId) {
      const channel = action === 'retry' ? 'tasks.retry' : action === 'reassign' ? 'tasks.reassign' : 'tasks.skip';
      const r = await api.invoke(channel, { taskId });
      if (r.ok) s().taskChanged(r.value);
      return r;
    },
    async refresh() {
      const [info, profiles, sessions, approvals] = await Promise.all([
        api.invoke('app.info', {}),
        api.invoke('profiles.list', {}),
        api.invoke('sessions.list', {}),
        api.invoke('approvals.list', {}),
      ]);
      // Runs load beside, not inside, the first paint: the terminals do not wait for them.
      void loadRuns();
      if (info.ok) s().setAppInfo(info.value);
      else fail('Could not load app info', info.error);
      if (profiles.ok) s().setProfiles(profiles.value);
      else fail('Could not load agent profiles', profiles.error);
      if (sessions.ok) s().setSessions(sessions.value);
      else fail('Could not load sessions', sessions.error);
      if (approvals.ok) s().setPendingApprovals(approvals.value);
      else fail('Could not load pending approvals', approvals.error);
    },
  };
}
