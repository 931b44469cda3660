/** Narrower than this and an agent's TUI wraps badly (~50 columns at 13 px). */
export const MIN_PANE_WIDTH_PX = 420;

/**
 * How many columns the terminal grid uses for `count` panes in a container
 * `widthPx` wide: up to three side by side (terminals like width), then a
 * near-square arrangement, never narrower than MIN_PANE_WIDTH_PX.
 */
export function gridColumns(count: number, widthPx: number, minPaneWidthPx = MIN_PANE_WIDTH_PX): number {
  if (count <= 1) return 1;
  const fit = Math.max(1, Math.floor(widthPx / minPaneWidthPx));
  const wanted = count <= 3 ? count : Math.ceil(Math.sqrt(count));
  return Math.max(1, Math.min(fit, wanted));
}
