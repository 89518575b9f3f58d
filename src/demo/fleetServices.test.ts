import { describe, expect, it } from 'vitest';
import { DEFAULT_INSTANCE_COUNTS, parseInstanceCounts } from './fleetServices.ts';

describe('parseInstanceCounts', () => {
  it('overrides the defaults (2 drivers, 2 pricing, 1 of the rest)', () => {
    expect(parseInstanceCounts('')).toEqual(DEFAULT_INSTANCE_COUNTS);
    expect(parseInstanceCounts('drivers=3, pricing=0')).toEqual({ ...DEFAULT_INSTANCE_COUNTS, drivers: 3, pricing: 0 });
  });

  it('names the bad entry', () => {
    expect(() => parseInstanceCounts('drivers=3,taxis=2')).toThrow(/taxis=2/);
    expect(() => parseInstanceCounts('drivers=-1')).toThrow(/drivers=-1/);
    expect(() => parseInstanceCounts('drivers=99')).toThrow(/0\.\.16/);
  });
});
