import type { Terminal } from '@xterm/xterm';
import { describe, expect, it } from 'vitest';
import { skipIdleSelectionRedraw } from './skip-idle-selection-redraw';

/** The shape of xterm 6's render service that the patch relies on, recording the renderer calls it makes. */
function fakeTerminal() {
  const redraws: unknown[] = [];
  const service = {
    _selectionState: { start: undefined as [number, number] | undefined, end: undefined as [number, number] | undefined, columnSelectMode: false },
    handleSelectionChanged(start: [number, number] | undefined, end: [number, number] | undefined, columnSelectMode: boolean) {
      this._selectionState.start = start;
      this._selectionState.end = end;
      this._selectionState.columnSelectMode = columnSelectMode;
      redraws.push([start, end]);
    },
  };
  return { term: { _core: { _renderService: service } } as unknown as Terminal, service, redraws };
}

describe('skipIdleSelectionRedraw', () => {
  it('skips the full redraw when there was no selection and still is none (every scroll of a flood)', () => {
    const { term, service, redraws } = fakeTerminal();
    expect(skipIdleSelectionRedraw(term)).toBe(true);
    service.handleSelectionChanged(undefined, undefined, false);
    service.handleSelectionChanged(undefined, undefined, false);
    expect(redraws).toEqual([]);
  });

  it('lets every real selection change through, including clearing one', () => {
    const { term, service, redraws } = fakeTerminal();
    skipIdleSelectionRedraw(term);
    service.handleSelectionChanged([0, 1], [5, 1], false);
    service.handleSelectionChanged([0, 1], [5, 1], false); // scrolled with a selection: redraw
    service.handleSelectionChanged(undefined, undefined, false);
    expect(redraws).toEqual([
      [[0, 1], [5, 1]],
      [[0, 1], [5, 1]],
      [undefined, undefined],
    ]);
  });

  it('leaves a terminal without those internals alone', () => {
    expect(skipIdleSelectionRedraw({} as Terminal)).toBe(false);
  });
});
