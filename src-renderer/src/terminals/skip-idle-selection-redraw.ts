import type { Terminal } from '@xterm/xterm';

type Point = [number, number] | undefined;

interface RenderServiceInternals {
  _selectionState?: { start: Point; end: Point; columnSelectMode: boolean };
  handleSelectionChanged(start: Point, end: Point, columnSelectMode: boolean): void;
}

/**
 * xterm 6 refreshes the selection on every scroll, and its DOM renderer
 * answers each refresh by re-rendering every row — with no selection at all.
 * A scrolling flood thus rendered the whole pane twice per frame (measured:
 * 205 ms of 3 s of page time in these redraws against 131 ms for the real
 * renders). When there was no selection and still is none there is nothing
 * to redraw, so that call is skipped; any real selection change goes through.
 *
 * This reaches into xterm internals (pinned @xterm/xterm 6.0.0): if they are
 * not there, nothing is patched and xterm behaves as shipped. Returns false then.
 */
export function skipIdleSelectionRedraw(term: Terminal): boolean {
  const service = (term as unknown as { _core?: { _renderService?: RenderServiceInternals } })._core?._renderService;
  const state = service?._selectionState;
  if (!service || !state || typeof service.handleSelectionChanged !== 'function') return false;
  const original = service.handleSelectionChanged.bind(service);
  service.handleSelectionChanged = (start, end, columnSelectMode) => {
    const idle = !start && !end && !state.start && !state.end;
    if (idle) return;
    original(start, end, columnSelectMode);
  };
  return true;
}
