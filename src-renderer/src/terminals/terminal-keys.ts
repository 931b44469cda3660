import type { Terminal } from '@xterm/xterm';
import { canReadClipboard, copyText, readText } from './clipboard';
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
        // Without the Clipboard API, let the browser's own paste event reach xterm (it brackets pastes too).
        if (!canReadClipboard()) return false;
        ev.preventDefault();
        void readText().then((r) => {
          // term.paste applies bracketed-paste mode when the program asked for it.
          if (r.ok) {
            if (r.text) term.paste(r.text);
          } else {
            deps.notify('warning', 'Clipboard reading is blocked for this page: allow it in the browser, or right-click → Paste.');
          }
        });
        return false;
      default:
        ev.preventDefault();
        deps.onShortcut(shortcut);
        return false;
    }
  };
}
