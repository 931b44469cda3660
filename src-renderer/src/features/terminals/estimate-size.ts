import { MAX_COLS, MAX_ROWS } from '../../../../src-preload/contract/session';
import { gridColumns } from './grid-columns';

/*
 * Mirrors of the pane CSS (styles/terminals.css) and xterm's fit rules: the
 * estimate only has to land close, the first fit corrects the rest.
 */
const PANE_HEADER_PX = 31;
const PANE_BODY_PAD_X_PX = 8;
const PANE_BODY_PAD_TOP_PX = 4;
/** FitAddon leaves room for the scrollbar. */
const SCROLLBAR_PX = 14;
const GRID_GAP_PX = 1;
/** Same floor as the grid's rows (TerminalArea). */
const MIN_ROW_HEIGHT_PX = 220;

export interface PaneGeometry {
  areaWidth: number;
  areaHeight: number;
  /** Panes in the grid once the new one is there. */
  paneCount: number;
  single: boolean;
  cell: { width: number; height: number };
}

/**
 * The terminal size a new session's pane will have, so its pty starts at
 * that size: an agent that draws its first screen at 120×32 and is resized a
 * moment later leaves reflowed debris in the scrollback.
 */
export function estimateTerminalSize(g: PaneGeometry): { cols: number; rows: number } | null {
  if (g.areaWidth <= 0 || g.areaHeight <= 0 || g.cell.width <= 0 || g.cell.height <= 0) return null;
  const cols = g.single ? 1 : gridColumns(g.paneCount, g.areaWidth);
  const rows = g.single ? 1 : Math.ceil(g.paneCount / cols);
  const paneWidth = (g.areaWidth - GRID_GAP_PX * (cols - 1)) / cols;
  const paneHeight = Math.max(MIN_ROW_HEIGHT_PX, (g.areaHeight - GRID_GAP_PX * (rows - 1)) / rows);
  const bodyWidth = paneWidth - PANE_BODY_PAD_X_PX - SCROLLBAR_PX;
  const bodyHeight = paneHeight - PANE_HEADER_PX - PANE_BODY_PAD_TOP_PX;
  return {
    cols: Math.min(MAX_COLS, Math.max(2, Math.floor(bodyWidth / g.cell.width))),
    rows: Math.min(MAX_ROWS, Math.max(1, Math.floor(bodyHeight / g.cell.height))),
  };
}
