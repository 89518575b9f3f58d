import { describe, expect, it } from 'vitest';
import type { Measurement } from '../measure/Measurement.ts';
import type { SystemId } from '../systems/SystemUnderTest.ts';
import { plainTargets } from './plainModeSections.ts';
import { latenciesOf, operationsOf, perRoundRatio, series } from './ratios.ts';
import type { PlainResults } from './resultFiles.ts';

function m(system: SystemId, round: number, requestsPerSecond: number, cpuPer1k: number, operation = 'PassengerHome', latencyMs = 0): Measurement {
  return {
    system,
    operation,
    latencyMs,
    round,
    requests: requestsPerSecond * 3,
    requestsPerSecond,
    p50: 10,
    p99: 20,
    cpuPer1k,
    cpuPer1kAll: cpuPer1k * 2,
    peakRss: 0,
    peakRssAll: 0,
    callsPerRequest: 0,
    callsByService: {},
    socketErrors: 0,
    non2xx: 0,
    errorBodies: 0,
    degradedBodies: 0,
  };
}

const rps = (x: Measurement): number => x.requestsPerSecond;

describe('per-round ratios', () => {
  const ms = [m('P', 2, 300, 2), m('B', 1, 100, 6), m('P', 1, 200, 2), m('B', 2, 100, 5), m('P', 3, 900, 1), m('C', 1, 150, 4), m('B', 5, 50, 5)];

  it('takes each round\'s ratio and the median over the rounds both systems ran', () => {
    // Rounds 1 and 2 have both P and B: 200/100 and 300/100; round 3 has no B, round 5 no P.
    expect(perRoundRatio(ms, 'P', 'B', 'PassengerHome', 0, rps)).toBe(2.5);
    expect(perRoundRatio(ms, 'B', 'P', 'PassengerHome', 0, (x) => x.cpuPer1k)).toBe(2.75);
    expect(perRoundRatio(ms, 'P', 'C', 'PassengerHome', 0, rps)).toBeCloseTo(200 / 150);
  });

  it('is NaN when no round has both, or another operation or latency is asked for', () => {
    expect(perRoundRatio(ms, 'P', 'D', 'PassengerHome', 0, rps)).toBeNaN();
    expect(perRoundRatio(ms, 'P', 'B', 'ProductDetails', 0, rps)).toBeNaN();
    expect(perRoundRatio(ms, 'P', 'B', 'PassengerHome', 5, rps)).toBeNaN();
  });

  it('orders a series by round and lists operations and latencies in the order they ran', () => {
    expect(series(ms, 'P', 'PassengerHome', 0).map((x) => x.round)).toEqual([1, 2, 3]);
    const mixed = [m('B', 1, 1, 1, 'ProductDetails', 5), m('B', 1, 1, 1, 'PassengerHome', 0), m('B', 1, 1, 1, 'ProductDetails', 0)];
    expect(operationsOf(mixed)).toEqual(['ProductDetails', 'PassengerHome']);
    expect(operationsOf(mixed, 0)).toEqual(['PassengerHome', 'ProductDetails']);
    expect(latenciesOf(mixed)).toEqual([5, 0]);
  });
});

describe('plain mode targets', () => {
  const results = (measurements: Measurement[]): PlainResults =>
    ({ kind: 'plain', machine: {} as PlainResults['machine'], options: {} as PlainResults['options'], checks: [], measurements }) as PlainResults;

  it('checks P against 1.5× and 2× B, against C, and CPU per request against both', () => {
    const list = plainTargets(results([m('P', 1, 180, 2), m('B', 1, 100, 4), m('C', 1, 200, 1.5)]));
    expect(list.map((t) => [t.what, t.measured, t.met])).toEqual([
      ['PassengerHome: P ≥ 1.5× B in req/s (plain mode, 0 ms)', '1.80×', true],
      ['PassengerHome: stretch, P ≥ 2× B in req/s (plain mode, 0 ms)', '1.80×', false],
      ['PassengerHome: P ≥ C in req/s (plain mode, 0 ms)', '0.90×', false],
      ["PassengerHome: P's gateway CPU per request below B's (plain mode, 0 ms)", "0.50× of B's", true],
      ["PassengerHome: P's gateway CPU per request below C's (plain mode, 0 ms)", "1.33× of C's", false],
    ]);
  });

  it('has nothing to say without P', () => {
    expect(plainTargets(results([m('B', 1, 100, 4)]))).toEqual([]);
    expect(plainTargets(undefined)).toEqual([]);
  });
});
