import { describe, expect, it } from 'vitest';
import { ConcurrencyLimiter } from './ConcurrencyLimiter.ts';

describe('ConcurrencyLimiter', () => {
  it('refuses at the limit, frees a slot once however often it is released, and learns from latency on the injected clock', () => {
    let now = 0;
    const limiter = new ConcurrencyLimiter({ minLimit: 2, maxLimit: 4, initialLimit: 2, latencyThresholdMs: 300, backoffRatio: 0.5, now: () => now });
    const first = limiter.tryAcquire()!;
    const second = limiter.tryAcquire()!;
    expect(limiter.tryAcquire()).toBeUndefined();
    expect(limiter.inFlight).toBe(2);

    now += 100;
    first.release({ dropped: false });
    first.release({ dropped: false });
    expect(limiter.inFlight).toBe(1);
    // Fast, with the limit in use: +1.
    expect(limiter.limit).toBe(3);

    now += 400; // second took 500 ms: slow → ×0.5, floored at the minimum.
    second.release({ dropped: false });
    expect(limiter.inFlight).toBe(0);
    expect(limiter.limit).toBe(2);
  });
});
