import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_SIZE, fitToDisplays, loadWindowState, MIN_WINDOW_SIZE, saveWindowState, type WindowState } from './window-state';

const primary = { x: 0, y: 0, width: 1920, height: 1040 };
const second = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('fitToDisplays', () => {
  it('centres the default size on the primary display the first time', () => {
    const s = fitToDisplays(null, [primary], primary);
    expect(s.bounds).toEqual({ x: 260, y: 70, width: DEFAULT_WINDOW_SIZE.width, height: DEFAULT_WINDOW_SIZE.height });
    expect(s.maximized).toBe(false);
  });

  it('restores saved bounds that are on a display', () => {
    const saved: WindowState = { bounds: { x: 2000, y: 100, width: 1600, height: 1000 }, maximized: true, fullScreen: false };
    expect(fitToDisplays(saved, [primary, second], primary)).toEqual(saved);
  });

  it('re-centres a window whose monitor was unplugged, keeping maximized', () => {
    const saved: WindowState = { bounds: { x: 2000, y: 100, width: 1600, height: 1000 }, maximized: true, fullScreen: false };
    const s = fitToDisplays(saved, [primary], primary);
    expect(s.bounds.x).toBeGreaterThanOrEqual(0);
    expect(s.bounds.x + s.bounds.width).toBeLessThanOrEqual(1920);
    expect(s.maximized).toBe(true);
  });

  it('clamps a window larger than its display and keeps the title bar reachable', () => {
    const saved: WindowState = { bounds: { x: 10, y: -50, width: 5000, height: 3000 }, maximized: false, fullScreen: false };
    const s = fitToDisplays(saved, [primary], primary);
    expect(s.bounds).toEqual({ x: 10, y: 0, width: 1920, height: 1040 });
  });

  it('never goes below the minimum size', () => {
    const saved: WindowState = { bounds: { x: 10, y: 10, width: 120, height: 120 }, maximized: false, fullScreen: false };
    const s = fitToDisplays(saved, [primary], primary);
    expect(s.bounds.width).toBe(MIN_WINDOW_SIZE.width);
    expect(s.bounds.height).toBe(MIN_WINDOW_SIZE.height);
  });
});

describe('loadWindowState / saveWindowState', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('round-trips through a JSON file', () => {
    dir = mkdtempSync(join(tmpdir(), 'dorch-ws-'));
    const file = join(dir, 'sub', 'window-state.json');
    const state: WindowState = { bounds: { x: 1, y: 2, width: 900, height: 600 }, maximized: false, fullScreen: true };
    saveWindowState(file, state);
    expect(loadWindowState(file)).toEqual(state);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(state);
  });

  it('treats missing, damaged or malformed files as no saved state', () => {
    dir = mkdtempSync(join(tmpdir(), 'dorch-ws-'));
    expect(loadWindowState(join(dir, 'none.json'))).toBeNull();
    const file = join(dir, 'w.json');
    writeFileSync(file, '{"bounds":{"x":1', 'utf8');
    expect(loadWindowState(file)).toBeNull();
    writeFileSync(file, JSON.stringify({ bounds: { x: 'a', y: 0, width: 1, height: 1 } }), 'utf8');
    expect(loadWindowState(file)).toBeNull();
    writeFileSync(file, 'null', 'utf8');
    expect(loadWindowState(file)).toBeNull();
  });
});
