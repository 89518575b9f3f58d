import { describe, expect, it } from 'vitest';
import { RetryBudget } from './RetryBudget.ts';

describe('RetryBudget', () => {
  it('allows ratio × calls + minPerSecond × ttl retries within the window, and forgets old traffic', () => {
    let now = 0;
    const budget = new RetryBudget({ ratio: 0.2, minPerSecond: 1, ttlMs: 10_000, now: () => now });
    for (let i = 0; i < 100; i += 1) budget.deposit();
    let granted = 0;
    while (budget.tryWithdraw()) granted += 1;
    expect(granted).toBe(30); // 0.2 × 100 + 1 × 10
    now = 10_500; // every bucket aged out
    expect(budget.available()).toBe(10);
  });

  it('validates its options, naming them', () => {
    expect(() => new RetryBudget({ ratio: 2, minPerSecond: 0, ttlMs: 1_000 })).toThrow(/ratio/);
    expect(() => new RetryBudget({ ratio: 0.2, minPerSecond: -1, ttlMs: 1_000 })).toThrow(/minPerSecond/);
  });
});
