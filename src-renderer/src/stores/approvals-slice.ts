import type { ApprovalInfo } from '../../../src-preload/contract/approvals';

/** Closed approvals kept for the decisions view (the core keeps the full log). */
export const HISTORY_KEEP = 200;

/**
 * Pending approvals in detection order, plus the closed ones seen or loaded,
 * newest first. The core's `approval.changed` push drives both: pending →
 * shown in the inbox; any other status → out of the inbox, into the history.
 */
export interface ApprovalsState {
  readonly pending: readonly ApprovalInfo[];
  readonly history: readonly ApprovalInfo[];
  /** approvals.history has answered at least once. */
  readonly historyLoaded: boolean;
}

export const emptyApprovals: ApprovalsState = { pending: [], history: [], historyLoaded: false };

const byDetection = (a: ApprovalInfo, b: ApprovalInfo) => a.detectedAt - b.detectedAt || a.id.localeCompare(b.id);
const newestFirst = (a: ApprovalInfo, b: ApprovalInfo) => (b.decidedAt ?? b.detectedAt) - (a.decidedAt ?? a.detectedAt) || b.id.localeCompare(a.id);

export function replacePending(state: ApprovalsState, list: readonly ApprovalInfo[]): ApprovalsState {
  const closed = new Set(state.history.map((a) => a.id));
  return { ...state, pending: list.filter((a) => a.status === 'pending' && !closed.has(a.id)).sort(byDetection) };
}

export function replaceHistory(state: ApprovalsState, list: readonly ApprovalInfo[]): ApprovalsState {
  const byId = new Map<string, ApprovalInfo>();
  // Pushes that arrived while the list was loading are at least as fresh as the loaded copy.
  for (const a of [...list, ...state.history]) byId.set(a.id, a);
  return { ...state, history: [...byId.values()].sort(newestFirst).slice(0, HISTORY_KEEP), historyLoaded: true };
}

export function applyChange(state: ApprovalsState, info: ApprovalInfo): ApprovalsState {
  const others = state.pending.filter((a) => a.id !== info.id);
  if (info.status === 'pending') {
    // A late pending push for something already closed must not bring it back.
    if (state.history.some((a) => a.id === info.id)) return state;
    return { ...state, pending: [...others, info].sort(byDetection) };
  }
  const history = [info, ...state.history.filter((a) => a.id !== info.id)].sort(newestFirst).slice(0, HISTORY_KEEP);
  return { ...state, pending: others, history };
}

export function forgetSession(state: ApprovalsState, sessionId: string): ApprovalsState {
  const pending = state.pending.filter((a) => a.sessionId !== sessionId);
  return pending.length === state.pending.length ? state : { ...state, pending };
}
