import type { Terminal } from '@xterm/xterm';
import { benchWrite } from './bench-write';
import { bufferText, screenText } from './buffer-text';
import type { TerminalManager } from './terminal-manager';

/**
 * Test and benchmark hooks on window.__dualOrch (harmless in production:
 * read-only views of what is already on screen).
 */
export interface DualOrchTestApi {
  /** The xterm showing this session, if a pane has it. */
  terminal(sessionId: string): Terminal | undefined;
  /** The visible screen's lines joined by '\n' (right-trimmed), '' if no terminal. */
  screenText(sessionId: string): string;
  /** Scrollback + screen, same format. */
  bufferText(sessionId: string): string;
  /** Stream position reached: { epoch, nextOffset } once attached, else null. */
  position(sessionId: string): { epoch: number; nextOffset: number } | null;
  /** Whether the view renders with WebGL (false → DOM renderer). */
  usesWebgl(sessionId: string): boolean;
  /**
   * Fires from xterm's write callback for every `terminal.data` chunk once
   * parsed; `chars` is what was written (a push partly covered by the
   * snapshot counts only its new part). Returns an unsubscribe function.
   */
  onParsed(listener: (sessionId: string, chars: number, data: string) => void): () => void;
  /**
   * Benchmark baseline: ms for a fresh xterm in this page (same options and
   * renderer as the views) to parse `chunks`, with no transport involved.
   */
  benchWrite(chunks: string[]): Promise<number>;
}

declare global {
  interface Window {
    __dualOrch?: DualOrchTestApi;
  }
}

export function installInstrumentation(manager: TerminalManager): () => void {
  const api: DualOrchTestApi = {
    terminal: (id) => manager.view(id)?.term,
    screenText: (id) => {
      const v = manager.view(id);
      return v ? screenText(v.term) : '';
    },
    bufferText: (id) => {
      const v = manager.view(id);
      return v ? bufferText(v.term) : '';
    },
    position: (id) => manager.view(id)?.position() ?? null,
    usesWebgl: (id) => manager.view(id)?.hasWebgl ?? false,
    onParsed: (listener) => manager.onParsed(listener),
    benchWrite: (chunks) => benchWrite(chunks, manager.webglUsable),
  };
  window.__dualOrch = api;
  return () => {
    if (window.__dualOrch === api) delete window.__dualOrch;
  };
}
