import type { ApprovalInfo } from '../../../src-preload/contract/approvals';
import { isRunOver } from '../../../src-preload/contract/runs';
import type { SessionInfo } from '../../../src-preload/contract/session';
import type { AppState } from './app-store';

/**
 * Is this session's pane in the grid? Live sessions always; ended ones when
 * they ran during this core's lifetime (so a crash stays visible with its
 * last output) or were reopened, unless the person closed the pane. Older
 * ones belong to the history.
 */
export function isPaneOpen(state: Pick<AppState, 'ui' | 'appInfo'>, s: SessionInfo): boolean {
  if (s.live) return true;
  if (state.ui.opened[s.id]) return true;
  if (state.ui.closed[s.id]) return false;
  const since = state.appInfo?.startedAt;
  if (since === undefined) return false;
  return s.createdAt >= since || (s.startedAt !== null && s.startedAt >= since);
}

/** Ids of the panes in the grid, in creation order (use with a shallow-equal hook). */
export function selectOpenIds(state: AppState): string[] {
  return state.sessions.order.filter((id) => {
    const s = state.sessions.byId[id];
    return s !== undefined && isPaneOpen(state, s);
  });
}

/** Ended sessions not in the grid, most recent first (use with a shallow-equal hook). */
export function selectPastIds(state: AppState): string[] {
  return state.sessions.order
    .filter((id) => {
      const s = state.sessions.byId[id];
      return s !== undefined && !isPaneOpen(state, s);
    })
    .reverse();
}

export const selectSession =
  (id: string) =>
  (state: AppState): SessionInfo | undefined =>
    state.sessions.byId[id];

/** The session's oldest pending approval (an agent shows one prompt at a time). */
export const selectPendingFor =
  (sessionId: string) =>
  (state: AppState): ApprovalInfo | undefined =>
    state.approvals.pending.find((a) => a.sessionId === sessionId);

export const selectPendingCount = (state: AppState): number => state.approvals.pending.length;

/** Runs still going (not completed or stopped): the count on the Runs tab. */
export function selectActiveRunCount(state: AppState): number {
  let n = 0;
  for (const id of state.runs.order) {
    const r = state.runs.byId[id];
    if (r && !isRunOver(r.state)) n++;
  }
  return n;
}
