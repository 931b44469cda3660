/** The terminal shortcuts the app takes before xterm sees the key. */
export type TerminalShortcut = 'copy' | 'paste' | 'toggle-maximize' | 'search';

/** The fields of a KeyboardEvent the decision needs (testable without a DOM). */
export interface KeyLike {
  readonly type: string;
  readonly key: string;
  readonly code: string;
  readonly ctrlKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
  readonly metaKey: boolean;
}

/**
 * Which shortcut, if any, a key event is. Ctrl+C / Ctrl+V stay with the
 * terminal (interrupt, literal-next, Claude Code's image paste); copy and
 * paste are Ctrl+Shift+C / Ctrl+Shift+V as in VS Code and GNOME Terminal,
 * plus Cmd+C / Cmd+V on macOS where Cmd never reaches the pty anyway.
 */
export function terminalShortcut(ev: KeyLike, isMac: boolean): TerminalShortcut | null {
  if (ev.altKey) return null;
  const letter = ev.code.startsWith('Key') ? ev.code.slice(3).toLowerCase() : ev.key.toLowerCase();
  const ctrlShift = ev.ctrlKey && ev.shiftKey && !ev.metaKey;
  const cmd = isMac && ev.metaKey && !ev.ctrlKey;
  if ((ctrlShift || (cmd && ev.shiftKey)) && ev.key === 'Enter') return 'toggle-maximize';
  if (ctrlShift && letter === 'c') return 'copy';
  if (ctrlShift && letter === 'v') return 'paste';
  if (ctrlShift && letter === 'f') return 'search';
  if (cmd && !ev.shiftKey && letter === 'c') return 'copy';
  if (cmd && !ev.shiftKey && letter === 'v') return 'paste';
  if (cmd && !ev.shiftKey && letter === 'f') return 'search';
  return null;
}
