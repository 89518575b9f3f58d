import { describe, expect, it } from 'vitest';
import { JitteredBackoff } from './JitteredBackoff.ts';

describe('JitteredBackoff', () => {
  it('doubles from the first delay up to the cap, ±20 % from the injected random source', () => {
    const middle = new JitteredBackoff({ initialMs: 25, maxMs: 100, random: () => 0.5 });
    expect([0, 1, 2, 3, 4].map((n) => middle.delayMs(n))).toEqual([25, 50, 100, 100, 100]);
    const low = new JitteredBackoff({ initialMs: 100, random: () => 0 });
    const high = new JitteredBackoff({ initialMs: 100, random: () => 0.999_999 });
    expect(low.delayMs(0)).toBeCloseTo(80);
    expect(high.delayMs(0)).toBeCloseTo(120);
    expect(high.upperBoundMs(1)).toBeCloseTo(240);
  });

  it('walks the same delays as a cockatiel backoff', () => {
    const backoff = new JitteredBackoff({ initialMs: 5_000, maxMs: 60_000, random: () => 0.5 });
    const first = backoff.next();
    expect([first.duration, first.next(undefined).duration, first.next(undefined).next(undefined).duration]).toEqual([5_000, 10_000, 20_000]);
  });

  it('names the option and the value it refuses', () => {
    expect(() => new JitteredBackoff({ initialMs: -1 })).toThrow(/initialMs must be >= 0, got -1/);
    expect(() => new JitteredBackoff({ initialMs: 1, jitter: 1 })).toThrow(/jitter must be in \[0, 1\), got 1/);
  });
});
