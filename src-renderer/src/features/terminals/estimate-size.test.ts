import { describe, expect, it } from 'vitest';
import { estimateTerminalSize } from './estimate-size';

const cell = { width: 7.8, height: 15 };

describe('estimateTerminalSize', () => {
  it('one pane takes the whole area', () => {
    const s = estimateTerminalSize({ areaWidth: 1200, areaHeight: 800, paneCount: 1, single: false, cell })!;
    expect(s.cols).toBe(Math.floor((1200 - 22) / 7.8));
    expect(s.rows).toBe(Math.floor((800 - 35) / 15));
  });

  it('four panes split the area two by two', () => {
    const s = estimateTerminalSize({ areaWidth: 1200, areaHeight: 800, paneCount: 4, single: false, cell })!;
    expect(s.cols).toBe(Math.floor(((1200 - 1) / 2 - 22) / 7.8));
    expect(s.rows).toBe(Math.floor(((800 - 1) / 2 - 35) / 15));
  });

  it('single layout shows the new pane full size whatever the count', () => {
    expect(estimateTerminalSize({ areaWidth: 1200, areaHeight: 800, paneCount: 6, single: true, cell })).toEqual(
      estimateTerminalSize({ areaWidth: 1200, areaHeight: 800, paneCount: 1, single: false, cell }),
    );
  });

  it('no estimate without a laid-out area or a measured cell', () => {
    expect(estimateTerminalSize({ areaWidth: 0, areaHeight: 800, paneCount: 1, single: false, cell })).toBeNull();
    expect(estimateTerminalSize({ areaWidth: 1200, areaHeight: 800, paneCount: 1, single: false, cell: { width: 0, height: 0 } })).toBeNull();
  });
});
