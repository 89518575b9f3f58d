import { describe, expect, it } from 'vitest';
import { AimdLimit } from './AimdLimit.ts';

const options = { minLimit: 4, maxLimit: 20, initialLimit: 10, latencyThresholdMs: 300, backoffRatio: 0.9 };

describe('AimdLimit', () => {
  it('adds 1 per fast answer while at least half the limit was in use, up to the maximum', () => {
    const limit = new AimdLimit(options);
    expect(limit.onSample({ latencyMs: 50, inFlight: 5, dropped: false })).toBe(11);
    // Little in use: the limit is not what holds requests back, so it stays.
    expect(limit.onSample({ latencyMs: 50, inFlight: 2, dropped: false })).toBe(11);
    for (let i = 0; i < 50; i += 1) limit.onSample({ latencyMs: 50, inFlight: 20, dropped: false });
    expect(limit.limit).toBe(20);
  });

  it('multiplies by the backoff ratio per slow or dropped answer, down to the minimum', () => {
    const limit = new AimdLimit(options);
    expect(limit.onSample({ latencyMs: 301, inFlight: 10, dropped: false })).toBe(9);
    expect(limit.onSample({ latencyMs: 10, inFlight: 10, dropped: true })).toBe(8); // 8.1
    for (let i = 0; i < 50; i += 1) limit.onSample({ latencyMs: 1_000, inFlight: 10, dropped: false });
    expect(limit.limit).toBe(4);
    // And it climbs back one answer at a time.
    expect(limit.onSample({ latencyMs: 20, inFlight: 4, dropped: false })).toBe(5);
  });

  it('names the option and the value it rejects', () => {
    expect(() => new AimdLimit({ ...options, minLimit: 0 })).toThrow(/minLimit .* got 0/);
    expect(() => new AimdLimit({ ...options, maxLimit: 3 })).toThrow(/maxLimit .* got 3/);
    expect(() => new AimdLimit({ ...options, initialLimit: 21 })).toThrow(/initialLimit .*4\.\.20, got 21/);
    expect(() => new AimdLimit({ ...options, latencyThresholdMs: 0 })).toThrow(/latencyThresholdMs .* got 0/);
    expect(() => new AimdLimit({ ...options, backoffRatio: 1 })).toThrow(/backoffRatio .* got 1/);
  });
});
