import type { ResourceLockState } from '../../../src-preload/contract/locks';

/**
 * The core's lock table as last read with `locks.list`. The core pushes only
 * which resources changed (`locks.changed`), so the whole list is re-read and
 * replaced; nothing here is merged.
 */
export interface LocksState {
  readonly list: readonly ResourceLockState[];
  /** locks.list has answered at least once. */
  readonly loaded: boolean;
}

export const emptyLocks: LocksState = { list: [], loaded: false };

const byResource = (a: ResourceLockState, b: ResourceLockState) => (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0);

/** Rows sorted by resource name so a refresh never reshuffles the table. */
export function replaceLocks(list: readonly ResourceLockState[]): LocksState {
  return { list: [...list].sort(byResource), loaded: true };
}
