import { describe, expect, it } from 'vitest';
import { loadConfig } from './loadConfig.ts';

describe('resilience and cache configuration', () => {
  it('has the documented defaults, per service where they differ', () => {
    const { resilience, cache } = loadConfig({});
    expect(resilience.deadline).toEqual({ marginMs: 50, minAttemptMs: 100 });
    expect(resilience.services.catalog).toEqual({
      attemptCapMs: 1_000,
      maxAttempts: 2,
      backoffBaseMs: 25,
      retryBudgetRatio: 0.2,
      retryBudgetMinPerSecond: 10,
      retryBudgetTtlMs: 10_000,
      breakerWindowMs: 10_000,
      breakerMinCalls: 20,
      breakerFailureRatio: 0.5,
      breakerOpenMs: 5_000,
      breakerMaxOpenMs: 60_000,
      bulkheadMaxConcurrent: 100,
    });
    expect(resilience.services.pricing.attemptCapMs).toBe(800);
    expect(resilience.services.recommendations.attemptCapMs).toBe(400);
    expect(cache).toMatchObject({ redisUrl: undefined, namespace: 'ride-bff', timeoutMs: 50, priceTtlMs: 86_400_000 });
  });

  it('takes a common value, and a per-service one over it', () => {
    const { resilience } = loadConfig({ BREAKER_OPEN_MS: '2000', BREAKER_OPEN_MS_PRICING: '1000', ATTEMPT_TIMEOUT_MS_PRICING: '300' });
    expect(resilience.services.catalog.breakerOpenMs).toBe(2_000);
    expect(resilience.services.pricing.breakerOpenMs).toBe(1_000);
    expect(resilience.services.pricing.attemptCapMs).toBe(300);
  });

  it('names the variable and the value it rejects', () => {
    expect(() => loadConfig({ BREAKER_FAILURE_RATIO: '1.5' })).toThrow(/BREAKER_FAILURE_RATIO="1.5"/);
    expect(() => loadConfig({ RETRY_MAX_ATTEMPTS_TRIPS: 'many' })).toThrow(/RETRY_MAX_ATTEMPTS_TRIPS="many"/);
    expect(() => loadConfig({ REDIS_URL: 'http://x' })).toThrow(/REDIS_URL="http:\/\/x"/);
  });
});
