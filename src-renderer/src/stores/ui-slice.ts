export type LayoutMode = 'grid' | 'single';
export type MainTab = 'terminals' | 'runs' | 'approvals' | 'decisions' | 'history' | 'policy' | 'locks' | 'health' | 'settings';
export type DialogKind = 'new-session' | 'new-run';

export interface UiState {
  readonly layout: LayoutMode;
  readonly focusedId: string | null;
  readonly dialog: DialogKind | null;
  readonly tab: MainTab;
  /** Ended sessions the person opened again from the history (shown in the grid). */
  readonly opened: Readonly<Record<string, true>>;
  /** Ended sessions whose pane the person closed. */
  readonly closed: Readonly<Record<string, true>>;
  /** Panes whose search bar is open. */
  readonly searchOpen: Readonly<Record<string, true>>;
  readonly historySelectedId: string | null;
  /** Panes whose screen-debug panel is open. */
  readonly debugOpen: Readonly<Record<string, true>>;
  /** The inbox's keyboard selection. */
  readonly approvalSelectedId: string | null;
  /** The run shown in the runs view. */
  readonly runSelectedId: string | null;
}

export const initialUi: UiState = {
  layout: 'grid',
  focusedId: null,
  dialog: null,
  tab: 'terminals',
  opened: {},
  closed: {},
  searchOpen: {},
  historySelectedId: null,
  debugOpen: {},
  approvalSelectedId: null,
  runSelectedId: null,
};

export function withFlag(map: Readonly<Record<string, true>>, id: string, on: boolean): Readonly<Record<string, true>> {
  if (on === (map[id] === true)) return map;
  const next = { ...map };
  if (on) next[id] = true;
  else delete next[id];
  return next;
}
