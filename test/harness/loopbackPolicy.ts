import type { DeadlineConfig, ServicePolicyConfig } from '../../src/config/index.ts';

/**
 * A call policy for tests on loopback: a 1 s attempt cap, one retry that the budget never stops, a
 * breaker that never opens and a bulkhead out of the way. A test overrides what it is about.
 */
export function loopbackPolicy(overrides: Partial<ServicePolicyConfig> = {}): ServicePolicyConfig {
  return {
    attemptCapMs: 1_000,
    maxAttempts: 2,
    backoffBaseMs: 10,
    retryBudgetRatio: 1,
    retryBudgetMinPerSecond: 100,
    retryBudgetTtlMs: 10_000,
    breakerWindowMs: 60_000,
    breakerMinCalls: 1_000,
    breakerFailureRatio: 0.5,
    breakerOpenMs: 60_000,
    breakerMaxOpenMs: 60_000,
    bulkheadMaxConcurrent: 100,
    ...overrides,
  };
}

/** The deadline settings those tests share: 50 ms margin, 100 ms least attempt. */
export const loopbackDeadline: DeadlineConfig = { marginMs: 50, minAttemptMs: 100 };
