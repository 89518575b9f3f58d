import { describe, expect, it } from 'vitest';
import { BenchOptionError, parseBenchOptions } from './BenchOptions.ts';

describe('parseBenchOptions', () => {
  it('compares A, B, C and D at 0 and 5 ms by default', () => {
    const options = parseBenchOptions([]);
    expect(options.systems).toEqual(['A', 'B', 'C', 'D']);
    expect(options.latencies).toEqual([0, 5]);
    expect(options.plain || options.gatewaysBenchmark).toBe(false);
  });

  it('runs plain mode as P against B and C at 0 ms, unless told otherwise', () => {
    expect(parseBenchOptions(['--plain'])).toMatchObject({ plain: true, systems: ['B', 'C', 'P'], latencies: [0], connections: 10 });
    expect(parseBenchOptions(['--plain', '--latency', '5', '--systems', 'A,P'])).toMatchObject({ systems: ['A', 'P'], latencies: [5] });
  });

  it('runs the public gateways benchmark through P, B and C, 5 s per measurement, unless told otherwise', () => {
    expect(parseBenchOptions(['--gateways-benchmark'])).toMatchObject({ gatewaysBenchmark: true, systems: ['B', 'C', 'P'], latencies: [0], duration: 5, connections: 10 });
    expect(parseBenchOptions(['--gateways-benchmark', '--duration', '2', '--systems', 'b,c'])).toMatchObject({ systems: ['B', 'C'], duration: 2 });
    expect(() => parseBenchOptions(['--gateways-benchmark', '--systems', 'A,P'])).toThrow(/runs P, B and C only; got A/);
  });

  it('lets P join the default comparison, and refuses two modes at once', () => {
    expect(parseBenchOptions(['--systems', 'A,P']).systems).toEqual(['A', 'P']);
    expect(() => parseBenchOptions(['--plain', '--fault'])).toThrow(BenchOptionError);
    expect(() => parseBenchOptions(['--systems', 'A,X'])).toThrow(/--systems takes A,B,C,D,P/);
  });
});
