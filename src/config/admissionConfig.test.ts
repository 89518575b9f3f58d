import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './loadConfig.ts';

describe('admission configuration', () => {
  it('has defaults that leave ordinary use alone, and reads the rate limits\' Redis from the cache variables', () => {
    const { admission } = loadConfig({ REDIS_URL: 'redis://127.0.0.1:6390', CACHE_NAMESPACE: 'blue' });
    expect(admission).toEqual({
      concurrency: { maxInFlight: 40, minInFlight: 8, initialInFlight: 16, latencyMs: 300, backoffRatio: 0.9 },
      eventLoop: { p99Ms: 500, windows: 3, windowMs: 1_000 },
      rateLimits: {
        userPerMinute: 600,
        anonymousPerMinute: 1_200,
        clientPerSecond: 5_000,
        mutationPerMinute: 120,
        mutationFieldPerMinute: { requestRide: 20 },
        store: { redisUrl: 'redis://127.0.0.1:6390', namespace: 'blue', timeoutMs: 50, retryAfterMs: 1_000, connectTimeoutMs: 500, maxLocalKeys: 100_000 },
      },
    });
  });

  it('turns each part off with 0, and lets unset bounds follow the set ones', () => {
    const off = loadConfig({ ADMISSION_MAX_IN_FLIGHT: '0', ADMISSION_EVENT_LOOP_P99_MS: '0', RATE_LIMIT_USER_PER_MIN: '0', RATE_LIMIT_REQUEST_RIDE_PER_MIN: '0' }).admission;
    expect(off.concurrency.maxInFlight).toBe(0);
    expect(off.eventLoop.p99Ms).toBe(0);
    expect(off.rateLimits.userPerMinute).toBe(0);
    expect(off.rateLimits.mutationFieldPerMinute).toEqual({ requestRide: 0 });
    expect(loadConfig({ ADMISSION_MAX_IN_FLIGHT: '5' }).admission.concurrency).toMatchObject({ maxInFlight: 5, minInFlight: 5, initialInFlight: 5 });
    expect(loadConfig({ ADMISSION_MIN_IN_FLIGHT: '100' }).admission.concurrency).toMatchObject({ maxInFlight: 100, minInFlight: 100, initialInFlight: 100 });
  });

  it('names the variable and the value it rejects', () => {
    expect(() => loadConfig({ ADMISSION_MAX_IN_FLIGHT: '' })).toThrow(/ADMISSION_MAX_IN_FLIGHT="": must be a whole number/);
    expect(() => loadConfig({ RATE_LIMIT_USER_PER_MIN: '-5' })).toThrow(/RATE_LIMIT_USER_PER_MIN="-5"/);
    expect(() => loadConfig({ ADMISSION_MIN_IN_FLIGHT: '50', ADMISSION_MAX_IN_FLIGHT: '10' })).toThrow(/ADMISSION_MIN_IN_FLIGHT="50": must not exceed ADMISSION_MAX_IN_FLIGHT \(10\)/);
    expect(() => loadConfig({ ADMISSION_INITIAL_IN_FLIGHT: '100' })).toThrow(/ADMISSION_INITIAL_IN_FLIGHT="100": must be within 8..40/);
    expect(() => loadConfig({ ADMISSION_BACKOFF_RATIO: '1.5' })).toThrow(ConfigError);
    expect(() => loadConfig({ ADMISSION_EVENT_LOOP_WINDOW_MS: '100' })).toThrow(/ADMISSION_EVENT_LOOP_WINDOW_MS="100": must be at least 250/);
  });
});
