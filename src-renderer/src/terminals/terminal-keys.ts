import type { Terminal } from '@xterm/xterm';
import { copyText } from './clipboard';
import { terminalShortcut, type TerminalShortcut } from './key-bindings';

export interface TerminalKeyDeps {
  term: Terminal;
  isMac: boolean;
  onShortcut(shortcut: Exclude<TerminalShortcut, 'copy' | 'paste'>): void;
  notify(level: 'warning', message: string): void;
}

/**
 * The handler for xterm's attachCustomKeyEventHandler: returns false for the
 * keys the app takes (xterm then ignores them), true for everything else.
 */
export function createKeyHandler(deps: TerminalKeyDeps): (ev: KeyboardEvent) => boolean {
  const { term } = deps;
  return (ev) => {
    const shortcut = terminalShortcut(ev, deps.isMac);
    if (!shortcut) return true;
    if (ev.type !== 'keydown') return false;
    switch (shortcut) {
      case 'copy': {
        ev.preventDefault();
        const text = term.getSelection();
        if (text) void copyText(text).then((ok) => ok || deps.notify('warning', 'Could not copy: the browser blocked clipboard access.'));
        return false;
      }
      case 'paste':
        // Leave the default alone: the browser's own paste (no permission prompt, works in Electron,
        // in http pages and on every OS) fires a paste event on xterm's textarea, and xterm's handler
        // is term.paste(): line endings normalised, bracketed when the program asked for it.
        // The async Clipboard API would ask for clipboard-read, which the desktop host denies.
        return false;
      default:
        ev.preventDefault();
        deps.onShortcut(shortcut);
        return false;
    }
  };
}
