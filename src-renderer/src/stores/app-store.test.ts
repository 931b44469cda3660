import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../../src-preload/contract/session';
import { createAppStore } from './app-store';
import { selectOpenIds, selectPastIds } from './selectors';

const CORE_START = 1_000_000;

/**
 * Only the fields the store and selectors read; the rest of SessionInfo grows
 * with the contract (activity, approval mode, …) and does not matter here.
 */
function session(id: string, patch: Partial<SessionInfo> = {}): SessionInfo {
  const base = {
    id, name: id, profileId: 'shell', role: 'none', command: 'sh', args: [], cwd: '/tmp', env: {},
    state: 'running', pid: 1, exitCode: null, exitSignal: null, cols: 80, rows: 24,
    createdAt: CORE_START + 1, startedAt: CORE_START + 2, endedAt: null, restartCount: 0, live: true, lastError: null,
  } satisfies Partial<SessionInfo>;
  return { ...base, ...patch } as SessionInfo;
}

function storeWithCore() {
  const store = createAppStore({ state: 'open', attempt: 0, retryAt: null });
  store.getState().setAppInfo({
    name: 'Dual Orchestrator', version: '0', host: 'browser', platform: 'linux', dataDir: '/d', workspaceDir: '/d/w',
    coreId: 'c', startedAt: CORE_START, limitations: [],
  });
  return store;
}

describe('app store', () => {
  it('orders sessions by creation and splits grid from history', () => {
    const store = storeWithCore();
    const old = session('s_old000', { createdAt: 10, startedAt: 11, live: false, state: 'exited', exitCode: 0 });
    store.getState().setSessions([session('s_b00000', { createdAt: CORE_START + 5 }), old, session('s_a00000')]);
    const s = store.getState();
    expect(s.sessions.order).toEqual(['s_old000', 's_a00000', 's_b00000']);
    expect(selectOpenIds(s)).toEqual(['s_a00000', 's_b00000']);
    expect(selectPastIds(s)).toEqual(['s_old000']);
  });

  it('keeps a session that ended during this run in the grid until its pane is closed', () => {
    const store = storeWithCore();
    store.getState().setSessions([session('s_a00000')]);
    store.getState().sessionChanged(session('s_a00000', { live: false, state: 'crashed', exitCode: 1 }));
    expect(selectOpenIds(store.getState())).toEqual(['s_a00000']);
    store.getState().closePane('s_a00000');
    expect(selectOpenIds(store.getState())).toEqual([]);
    expect(selectPastIds(store.getState())).toEqual(['s_a00000']);
  });

  it('a restarted session comes back to the grid', () => {
    const store = storeWithCore();
    store.getState().setSessions([session('s_a00000', { live: false, state: 'exited' })]);
    store.getState().closePane('s_a00000');
    store.getState().sessionChanged(session('s_a00000', { live: true, state: 'starting' }));
    expect(selectOpenIds(store.getState())).toEqual(['s_a00000']);
  });

  it('reopening an old session from history shows it in the grid and focuses it', () => {
    const store = storeWithCore();
    store.getState().setSessions([session('s_old000', { createdAt: 1, startedAt: 2, live: false, state: 'exited' })]);
    store.getState().openPane('s_old000');
    expect(selectOpenIds(store.getState())).toEqual(['s_old000']);
    expect(store.getState().ui.focusedId).toBe('s_old000');
  });

  it('removal clears every reference', () => {
    const store = storeWithCore();
    store.getState().setSessions([session('s_a00000')]);
    store.getState().focus('s_a00000');
    store.getState().setSearchOpen('s_a00000', true);
    store.getState().sessionRemoved('s_a00000');
    const s = store.getState();
    expect(s.sessions.order).toEqual([]);
    expect(s.ui.focusedId).toBeNull();
    expect(s.ui.searchOpen).toEqual({});
  });

  it('toggleMaximize switches between single and grid for the same pane', () => {
    const store = storeWithCore();
    store.getState().toggleMaximize('s_a00000');
    expect(store.getState().ui).toMatchObject({ layout: 'single', focusedId: 's_a00000' });
    store.getState().toggleMaximize('s_a00000');
    expect(store.getState().ui.layout).toBe('grid');
  });

  it('keeps only the latest notices', () => {
    const store = storeWithCore();
    for (let i = 0; i < 10; i++) store.getState().notify('error', `e${i}`);
    expect(store.getState().notices.map((n) => n.message)).toEqual(['e6', 'e7', 'e8', 'e9']);
  });
});
