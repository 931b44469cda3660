import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Window bounds remembered between starts in <data>/window-state.json.
 * No electron import: the caller passes the displays' work areas, so the
 * "is it still on a screen?" rule is unit tested.
 */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
  fullScreen: boolean;
}

export const DEFAULT_WINDOW_SIZE = { width: 1400, height: 900 } as const;
/** Smaller than this and the session list plus one terminal no longer fit. */
export const MIN_WINDOW_SIZE = { width: 800, height: 500 } as const;
/** A restored window must show at least this much of itself on some display, or it is re-centred. */
const MIN_VISIBLE_PX = 100;

const isFiniteInt = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < 1e6;

/** Reads the saved state; a missing, unreadable or malformed file means "no saved state". */
export function loadWindowState(file: string): WindowState | null {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null; // first start, or a damaged file: the defaults are the right answer
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as { bounds?: Partial<Rect>; maximized?: unknown; fullScreen?: unknown };
  const b = r.bounds;
  if (!b || !isFiniteInt(b.x) || !isFiniteInt(b.y) || !isFiniteInt(b.width) || !isFiniteInt(b.height)) return null;
  return {
    bounds: { x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height) },
    maximized: r.maximized === true,
    fullScreen: r.fullScreen === true,
  };
}

/** Writes atomically (temp file + rename) so a crash mid-write never leaves half a file. */
export function saveWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(state, null, 2), 'utf8');
  renameSync(tmp, file);
}

function overlap(a: Rect, b: Rect): { w: number; h: number } {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { w: Math.max(0, w), h: Math.max(0, h) };
}

/**
 * Bounds to open with: the saved ones if a usable part of the window is on
 * a current display (monitors get unplugged), clamped to that display's size;
 * otherwise the default size centred on the primary work area.
 */
export function fitToDisplays(saved: WindowState | null, workAreas: readonly Rect[], primary: Rect): WindowState {
  const centred = (width: number, height: number): Rect => ({
    x: Math.round(primary.x + (primary.width - width) / 2),
    y: Math.round(primary.y + (primary.height - height) / 2),
    width,
    height,
  });
  const defaultSize = {
    width: Math.max(MIN_WINDOW_SIZE.width, Math.min(DEFAULT_WINDOW_SIZE.width, primary.width)),
    height: Math.max(MIN_WINDOW_SIZE.height, Math.min(DEFAULT_WINDOW_SIZE.height, primary.height)),
  };
  if (!saved) return { bounds: centred(defaultSize.width, defaultSize.height), maximized: false, fullScreen: false };

  const host = workAreas.find((area) => {
    const o = overlap(saved.bounds, area);
    return o.w >= MIN_VISIBLE_PX && o.h >= MIN_VISIBLE_PX;
  });
  if (!host) return { ...saved, bounds: centred(defaultSize.width, defaultSize.height) };

  const width = Math.max(MIN_WINDOW_SIZE.width, Math.min(saved.bounds.width, host.width));
  const height = Math.max(MIN_WINDOW_SIZE.height, Math.min(saved.bounds.height, host.height));
  // Keep the title bar reachable: never above the work area's top edge.
  const y = Math.max(host.y, saved.bounds.y);
  return { ...saved, bounds: { x: saved.bounds.x, y, width, height } };
}
