import { describe, expect, it } from 'vitest';
import { gridColumns } from './grid-columns';

describe('gridColumns', () => {
  it('one pane fills the area', () => {
    expect(gridColumns(0, 2000)).toBe(1);
    expect(gridColumns(1, 2000)).toBe(1);
  });

  it('up to three side by side when wide enough', () => {
    expect(gridColumns(2, 1400)).toBe(2);
    expect(gridColumns(3, 1400)).toBe(3);
    expect(gridColumns(3, 1000)).toBe(2);
  });

  it('near-square beyond three', () => {
    expect(gridColumns(4, 1400)).toBe(2);
    expect(gridColumns(6, 1400)).toBe(3);
    expect(gridColumns(9, 1400)).toBe(3);
    expect(gridColumns(10, 2000)).toBe(4);
  });

  it('never narrower than the minimum pane width', () => {
    expect(gridColumns(4, 500)).toBe(1);
    expect(gridColumns(12, 900)).toBe(2);
  });
});
