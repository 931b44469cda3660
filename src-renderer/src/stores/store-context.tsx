import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { AppState, AppStore } from './app-store';

const StoreContext = createContext<AppStore | null>(null);

export function StoreProvider({ store, children }: { store: AppStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useAppStoreApi(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore outside StoreProvider'); // a wiring bug
  return store;
}

/** Reads one slice; re-renders only when it changes (Object.is). */
export function useAppStore<T>(selector: (s: AppState) => T): T {
  return useStore(useAppStoreApi(), selector);
}

/** For selectors that build arrays or objects: compares shallowly so React does not loop. */
export function useAppStoreShallow<T>(selector: (s: AppState) => T): T {
  return useStore(useAppStoreApi(), useShallow(selector));
}
