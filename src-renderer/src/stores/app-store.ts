import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApprovalInfo } from '../../../src-preload/contract/approvals';
import type { AppInfo } from '../../../src-preload/contract/channels';
import type { ResourceLockState } from '../../../src-preload/contract/locks';
import type { RunInfo, TaskInfo } from '../../../src-preload/contract/runs';
import type { ProfileInfo, SessionInfo } from '../../../src-preload/contract/session';
import type { ConnectionInfo } from '../ipc/renderer-api';
import { applyChange, emptyApprovals, forgetSession, replaceHistory, replacePending, type ApprovalsState } from './approvals-slice';
import { emptyLocks, replaceLocks, type LocksState } from './locks-slice';
import { MAX_NOTICES, type Notice, type NoticeLevel } from './notices-slice';
import { emptyRuns, replaceRuns, setRunDetail, upsertRun, upsertTask, type RunsState } from './runs-slice';
import { emptySessions, remove, replaceAll, upsert, type SessionsState } from './sessions-slice';
import { initialUi, withFlag, type DialogKind, type LayoutMode, type MainTab, type UiState } from './ui-slice';

export interface AppState {
  readonly sessions: SessionsState;
  readonly profiles: readonly ProfileInfo[];
  readonly appInfo: AppInfo | null;
  readonly connection: ConnectionInfo;
  readonly ui: UiState;
  readonly notices: readonly Notice[];
  readonly approvals: ApprovalsState;
  readonly locks: LocksState;
  readonly runs: RunsState;

  setSessions(list: readonly SessionInfo[]): void;
  sessionChanged(info: SessionInfo): void;
  sessionRemoved(id: string): void;
  setProfiles(list: readonly ProfileInfo[]): void;
  setAppInfo(info: AppInfo): void;
  setConnection(info: ConnectionInfo): void;
  setPendingApprovals(list: readonly ApprovalInfo[]): void;
  setApprovalHistory(list: readonly ApprovalInfo[]): void;
  approvalChanged(info: ApprovalInfo): void;
  selectApproval(id: string | null): void;
  setDebugOpen(id: string, open: boolean): void;
  setLocks(list: readonly ResourceLockState[]): void;
  setRuns(list: readonly RunInfo[]): void;
  runChanged(run: RunInfo): void;
  taskChanged(task: TaskInfo): void;
  setRunDetail(run: RunInfo, tasks: readonly TaskInfo[]): void;
  selectRun(id: string | null): void;

  setLayout(mode: LayoutMode): void;
  focus(id: string | null): void;
  /** Shows `id` alone (single) or back in the grid. */
  toggleMaximize(id: string): void;
  openDialog(kind: DialogKind): void;
  closeDialog(): void;
  setTab(tab: MainTab): void;
  openPane(id: string): void;
  closePane(id: string): void;
  setSearchOpen(id: string, open: boolean): void;
  selectHistory(id: string | null): void;
  notify(level: NoticeLevel, message: string): void;
  dismissNotice(id: number): void;
}

export type AppStore = StoreApi<AppState>;

/**
 * One store per page, built in the composition root (main.tsx) and handed to
 * React through context — no module-level singleton (DESIGN.md §8.6).
 */
export function createAppStore(initialConnection: ConnectionInfo): AppStore {
  let noticeSeq = 0;
  return createStore<AppState>()((set) => {
    const ui = (patch: (u: UiState) => Partial<UiState>) => set((s) => ({ ui: { ...s.ui, ...patch(s.ui) } }));
    return {
      sessions: emptySessions,
      profiles: [],
      appInfo: null,
      connection: initialConnection,
      ui: initialUi,
      notices: [],
      approvals: emptyApprovals,
      locks: emptyLocks,
      runs: emptyRuns,

      setSessions: (list) => set({ sessions: replaceAll(list) }),
      sessionChanged: (info) =>
        set((s) => {
          const before = s.sessions.byId[info.id];
          // A session that comes back to life (restart from history) returns to the grid.
          const revived = info.live && before !== undefined && !before.live;
          return {
            sessions: upsert(s.sessions, info),
            ui: revived || before === undefined ? { ...s.ui, closed: withFlag(s.ui.closed, info.id, false) } : s.ui,
          };
        }),
      sessionRemoved: (id) =>
        set((s) => ({
          sessions: remove(s.sessions, id),
          approvals: forgetSession(s.approvals, id),
          ui: {
            ...s.ui,
            focusedId: s.ui.focusedId === id ? null : s.ui.focusedId,
            historySelectedId: s.ui.historySelectedId === id ? null : s.ui.historySelectedId,
            opened: withFlag(s.ui.opened, id, false),
            closed: withFlag(s.ui.closed, id, false),
            searchOpen: withFlag(s.ui.searchOpen, id, false),
            debugOpen: withFlag(s.ui.debugOpen, id, false),
          },
        })),
      setProfiles: (list) => set({ profiles: list }),
      setAppInfo: (info) => set({ appInfo: info }),
      setConnection: (info) => set({ connection: info }),
      setPendingApprovals: (list) => set((s) => ({ approvals: replacePending(s.approvals, list) })),
      setApprovalHistory: (list) => set((s) => ({ approvals: replaceHistory(s.approvals, list) })),
      approvalChanged: (info) => set((s) => ({ approvals: applyChange(s.approvals, info) })),
      selectApproval: (approvalSelectedId) => ui(() => ({ approvalSelectedId })),
      setDebugOpen: (id, open) => ui((u) => ({ debugOpen: withFlag(u.debugOpen, id, open) })),
      setLocks: (list) => set({ locks: replaceLocks(list) }),
      setRuns: (list) => set((s) => ({ runs: replaceRuns(s.runs, list) })),
      runChanged: (run) => set((s) => ({ runs: upsertRun(s.runs, run) })),
      taskChanged: (task) => set((s) => ({ runs: upsertTask(s.runs, task) })),
      setRunDetail: (run, tasks) => set((s) => ({ runs: setRunDetail(s.runs, run, tasks) })),
      selectRun: (runSelectedId) => ui(() => ({ runSelectedId })),

      setLayout: (layout) => ui(() => ({ layout })),
      focus: (focusedId) => ui(() => ({ focusedId })),
      toggleMaximize: (id) =>
        ui((u) => (u.layout === 'single' && u.focusedId === id ? { layout: 'grid' } : { layout: 'single', focusedId: id, tab: 'terminals' })),
      openDialog: (dialog) => ui(() => ({ dialog })),
      closeDialog: () => ui(() => ({ dialog: null })),
      setTab: (tab) => ui(() => ({ tab })),
      openPane: (id) => ui((u) => ({ opened: withFlag(u.opened, id, true), closed: withFlag(u.closed, id, false), focusedId: id, tab: 'terminals' })),
      closePane: (id) =>
        ui((u) => ({
          closed: withFlag(u.closed, id, true),
          opened: withFlag(u.opened, id, false),
          focusedId: u.focusedId === id ? null : u.focusedId,
        })),
      setSearchOpen: (id, open) => ui((u) => ({ searchOpen: withFlag(u.searchOpen, id, open) })),
      selectHistory: (historySelectedId) => ui(() => ({ historySelectedId })),
      notify: (level, message) =>
        set((s) => ({ notices: [...s.notices, { id: ++noticeSeq, level, message }].slice(-MAX_NOTICES) })),
      dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
    };
  });
}
