import { useEffect } from 'react';
import { useAppStoreApi } from '../stores/store-context';

/**
 * Shortcuts that work when no terminal has the keyboard (inside a terminal,
 * the terminal's own key handler takes them first).
 */
export function useGlobalKeys(): void {
  const store = useAppStoreApi();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = store.getState();
      if (e.defaultPrevented || s.ui.dialog !== null) return;
      if (e.key === 'Enter' && e.shiftKey && (e.ctrlKey || e.metaKey) && s.ui.focusedId !== null) {
        e.preventDefault();
        s.toggleMaximize(s.ui.focusedId);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}
