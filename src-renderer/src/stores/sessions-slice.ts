import type { SessionInfo } from '../../../src-preload/contract/session';

/** Sessions by id plus their display order (creation time, oldest first). */
export interface SessionsState {
  readonly byId: Readonly<Record<string, SessionInfo>>;
  readonly order: readonly string[];
  /** sessions.list has answered at least once. */
  readonly loaded: boolean;
}

export const emptySessions: SessionsState = { byId: {}, order: [], loaded: false };

const byCreation = (byId: Readonly<Record<string, SessionInfo>>) => (a: string, b: string) =>
  (byId[a]?.createdAt ?? 0) - (byId[b]?.createdAt ?? 0) || a.localeCompare(b);

export function replaceAll(list: readonly SessionInfo[]): SessionsState {
  const byId: Record<string, SessionInfo> = {};
  for (const s of list) byId[s.id] = s;
  return { byId, order: Object.keys(byId).sort(byCreation(byId)), loaded: true };
}

export function upsert(state: SessionsState, info: SessionInfo): SessionsState {
  const known = state.byId[info.id] !== undefined;
  const byId = { ...state.byId, [info.id]: info };
  return { ...state, byId, order: known ? state.order : [...state.order, info.id].sort(byCreation(byId)) };
}

export function remove(state: SessionsState, id: string): SessionsState {
  if (state.byId[id] === undefined) return state;
  const byId = { ...state.byId };
  delete byId[id];
  return { ...state, byId, order: state.order.filter((x) => x !== id) };
}
