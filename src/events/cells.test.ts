import { describe, expect, it } from 'vitest';
import { cellOf, cellsNear } from './cells.ts';

describe('cells', () => {
  it('names a point by the south-west corner of its 0.02° cell', () => {
    expect(cellOf(38.7223, -9.1393)).toBe('38.72_-9.14');
    expect(cellOf(38.72, -9.14)).toBe('38.72_-9.14');
    expect(cellOf(38.7399, -9.1201)).toBe('38.72_-9.14');
    expect(cellOf(38.74, -9.12)).toBe('38.74_-9.12');
    expect(cellOf(-0.001, 0.001)).toBe('-0.02_0.00');
  });

  it('gives the cell and its 8 neighbours, the cell first', () => {
    const near = cellsNear(38.7223, -9.1393);
    expect(near).toHaveLength(9);
    expect(new Set(near).size).toBe(9);
    expect(near[0]).toBe('38.72_-9.14');
    expect(near).toEqual(expect.arrayContaining(['38.70_-9.16', '38.74_-9.12', '38.72_-9.16', '38.70_-9.14']));
    // A pickup just across the cell's edge is still near.
    expect(near).toContain(cellOf(38.7401, -9.1393));
  });
});
