import { Unicode11Addon } from '@xterm/addon-unicode11';
import { Terminal } from '@xterm/xterm';
import { MAX_COLS, MAX_ROWS } from '../../../src-preload/contract/session';
import { terminalOptions } from './terminal-options';

/** Scrollback of a saved screen preview (the core saves up to 5 000 lines). */
const PREVIEW_SCROLLBACK_LINES = 5_000;
const HIDE_CURSOR = '\x1b[?25l';

/**
 * Draws a saved screen (SerializeAddon output) into `container` with a
 * read-only xterm at the size it was captured. Always the DOM renderer: a
 * preview must not take one of the few WebGL contexts, and its text stays
 * selectable and readable by assistive tech. Returns the disposer.
 */
export function renderStaticScreen(container: HTMLElement, snapshot: string, cols: number, rows: number): () => void {
  const term = new Terminal(
    terminalOptions({
      cols: Math.min(MAX_COLS, Math.max(2, cols)),
      rows: Math.min(MAX_ROWS, Math.max(1, rows)),
      disableStdin: true,
      cursorBlink: false,
      scrollback: PREVIEW_SCROLLBACK_LINES,
    }),
  );
  const unicode = new Unicode11Addon();
  term.loadAddon(unicode);
  term.unicode.activeVersion = '11';
  term.open(container);
  term.write(snapshot + HIDE_CURSOR);
  return () => term.dispose();
}
