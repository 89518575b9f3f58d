import { CircuitState } from 'cockatiel';
import { describe, expect, it } from 'vitest';
import { SlidingWindowBreaker } from './SlidingWindowBreaker.ts';

const closed = CircuitState.Closed;

describe('SlidingWindowBreaker', () => {
  it('opens at ≥ 50 % failures once the window has ≥ minCalls calls', () => {
    let now = 0;
    const breaker = new SlidingWindowBreaker({ windowMs: 10_000, minCalls: 4, failureRatio: 0.5, now: () => now });
    breaker.success(closed);
    breaker.success(closed);
    expect(breaker.failure(closed)).toBe(false); // 3 calls: too few
    now += 100;
    expect(breaker.failure(closed)).toBe(true); // 2 of 4
  });

  it('forgets calls older than the window even after a quiet spell (cockatiel’s SamplingBreaker does not)', () => {
    let now = 0;
    const breaker = new SlidingWindowBreaker({ windowMs: 10_000, minCalls: 20, failureRatio: 0.5, now: () => now });
    for (let i = 0; i < 100; i += 1) breaker.success(closed);
    now += 11_000;
    let opened = false;
    for (let i = 0; i < 20 && !opened; i += 1) opened = breaker.failure(closed);
    expect(opened).toBe(true);
  });

  it('a success in half-open clears the window; a failure there reopens', () => {
    const breaker = new SlidingWindowBreaker({ windowMs: 1_000, minCalls: 3, failureRatio: 0.5, now: () => 0 });
    for (let i = 0; i < 3; i += 1) breaker.failure(closed);
    breaker.success(CircuitState.HalfOpen);
    expect(breaker.failure(closed)).toBe(false); // 2 calls since the reset: too few
    expect(breaker.failure(CircuitState.HalfOpen)).toBe(true);
  });
});
