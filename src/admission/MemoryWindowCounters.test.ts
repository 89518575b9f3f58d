import { describe, expect, it } from 'vitest';
import { MemoryWindowCounters } from './MemoryWindowCounters.ts';

describe('MemoryWindowCounters', () => {
  it('allows the limit per sliding window, counts a refused request nowhere, and frees budget as the previous window decays', async () => {
    let now = 60_000 * 100;
    const counters = new MemoryWindowCounters({ maxKeys: 100, now: () => now });
    const user = { key: 'u', limit: 10, windowMs: 60_000 };
    const app = { key: 'app', limit: 1_000, windowMs: 1_000 };
    for (let i = 0; i < 10; i += 1) expect(await counters.consume([user, app])).toEqual({ allowed: true });
    const refused = await counters.consume([app, user]);
    expect(refused).toMatchObject({ allowed: false, index: 1 });
    // The rest of this minute, then 10 % of the next (10 × 0.9 + 1 ≤ 10).
    expect(refused.allowed === false && refused.retryAfterMs).toBeCloseTo(60_000 + 6_000);

    // The refused request used none of the app's budget either: 10 counted, not 11.
    now += 500;
    const appOnly = new Array(990).fill(app);
    expect(await counters.consume(appOnly)).toEqual({ allowed: true });
    expect(await counters.consume([app])).toMatchObject({ allowed: false });

    now += 60_000 + 5_000; // 5 s into the next minute: 10 × (1 − 1/12) = 9.17 + 1 > 10.
    expect(await counters.consume([user])).toMatchObject({ allowed: false });
    now += 1_500; // 6.5 s in: 10 × 0.89 + 1 ≤ 10.
    expect(await counters.consume([user])).toEqual({ allowed: true });
  });

  it('keeps memory bounded: idle keys are dropped after two windows, and never more than maxKeys are held', () => {
    let now = 1_000_000;
    const counters = new MemoryWindowCounters({ maxKeys: 50, now: () => now });
    for (let i = 0; i < 40; i += 1) counters.consumeNow([{ key: `old-${i}`, limit: 5, windowMs: 1_000 }]);
    expect(counters.size).toBe(40);
    now += 2_000; // both of their windows are over
    for (let i = 0; i < 40; i += 1) counters.consumeNow([{ key: `new-${i}`, limit: 5, windowMs: 1_000 }]);
    expect(counters.size).toBe(40);
    for (let i = 0; i < 500; i += 1) counters.consumeNow([{ key: `burst-${i}`, limit: 5, windowMs: 1_000 }]);
    expect(counters.size).toBe(50);
  });

  it('names the option and the value it rejects', () => {
    expect(() => new MemoryWindowCounters({ maxKeys: 0 })).toThrow(/maxKeys .* got 0/);
  });
});
