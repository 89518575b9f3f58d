import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeadlineConfig, ServicePolicyConfig } from '../config/index.ts';
import { GatewayError } from '../errors/index.ts';
import type { CallOptions } from '../transport/types.ts';
import { ServicePolicy, type BreakerState } from './ServicePolicy.ts';

const policy: ServicePolicyConfig = {
  attemptCapMs: 1_000,
  maxAttempts: 2,
  backoffBaseMs: 25,
  retryBudgetRatio: 0.2,
  retryBudgetMinPerSecond: 0,
  retryBudgetTtlMs: 10_000,
  breakerWindowMs: 10_000,
  breakerMinCalls: 20,
  breakerFailureRatio: 0.5,
  breakerOpenMs: 5_000,
  breakerMaxOpenMs: 60_000,
  bulkheadMaxConcurrent: 100,
};
const deadline: DeadlineConfig = { marginMs: 50, minAttemptMs: 100 };

const unavailable = () => new GatewayError('SERVICE_UNAVAILABLE', 'svc is unavailable.', { service: 'svc' });
const serverError = () => new GatewayError('UPSTREAM_ERROR', 'svc answered with an error.', { service: 'svc' });

function create(overrides: Partial<ServicePolicyConfig> = {}, states: BreakerState[] = []) {
  return new ServicePolicy({ service: 'svc', policy: { ...policy, ...overrides }, deadline, random: () => 0.5, onBreakerState: (_s, state) => states.push(state) });
}
const read = (ms = 1_000): CallOptions => ({ deadline: Date.now() + ms, idempotent: true });

async function failure(promise: Promise<unknown>): Promise<GatewayError> {
  const error = await promise.then(() => undefined, (reason: unknown) => reason);
  expect(error).toBeInstanceOf(GatewayError);
  return error as GatewayError;
}

beforeEach(() => {
  vi.useFakeTimers({ now: 1_700_000_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ServicePolicy', () => {
  it('gives each attempt min(time left − 50 ms margin, cap) as its deadline, and a signal', async () => {
    const seen: CallOptions[] = [];
    const svc = create({ attemptCapMs: 800 });
    await svc.execute(async (options) => seen.push(options), read(600));
    await svc.execute(async (options) => seen.push(options), read(3_000));
    expect(seen[0]!.deadline - Date.now()).toBe(550);
    expect(seen[1]!.deadline - Date.now()).toBe(800);
    expect(seen[0]!.signal).toBeInstanceOf(AbortSignal);
    expect(seen[0]!.triedInstances).toBeInstanceOf(Set);
  });

  it('starts no attempt with less than 100 ms left', async () => {
    const attempt = vi.fn(async () => 'ok');
    expect((await failure(create().execute(attempt, read(99)))).code).toBe('DEADLINE_EXCEEDED');
    expect(attempt).not.toHaveBeenCalled();
  });

  it('times an attempt out even when the call ignores its signal, and says DEADLINE_EXCEEDED', async () => {
    const pending = failure(create({ attemptCapMs: 300 }).execute(() => new Promise(() => undefined), read()));
    await vi.advanceTimersByTimeAsync(300);
    const error = await pending;
    expect(error.code).toBe('DEADLINE_EXCEEDED');
    expect(error.service).toBe('svc');
  });

  it('retries an idempotent call once after SERVICE_UNAVAILABLE, after a 25 ms ±20 % backoff', async () => {
    const times: number[] = [];
    const attempt = vi.fn(async () => {
      times.push(Date.now());
      if (times.length === 1) throw unavailable();
      return 'second';
    });
    const pending = create({ retryBudgetMinPerSecond: 10 }).execute(attempt, read());
    await vi.advanceTimersByTimeAsync(30);
    await expect(pending).resolves.toBe('second');
    expect(attempt).toHaveBeenCalledTimes(2);
    expect(times[1]! - times[0]!).toBe(25); // random 0.5 → no jitter
  });

  it('makes at most 2 attempts, never retries writes or other errors', async () => {
    const svc = create({ retryBudgetMinPerSecond: 10 });
    const always = vi.fn(async () => {
      throw unavailable();
    });
    const pending = failure(svc.execute(always, read()));
    await vi.advanceTimersByTimeAsync(100);
    expect((await pending).code).toBe('SERVICE_UNAVAILABLE');
    expect(always).toHaveBeenCalledTimes(2);

    const write = vi.fn(async () => {
      throw unavailable();
    });
    await failure(svc.execute(write, { deadline: Date.now() + 1_000, idempotent: false }));
    expect(write).toHaveBeenCalledTimes(1);

    const broken = vi.fn(async () => {
      throw serverError();
    });
    expect((await failure(svc.execute(broken, read()))).code).toBe('UPSTREAM_ERROR');
    expect(broken).toHaveBeenCalledTimes(1);
  });

  it('does not retry when the backoff would leave less than 100 ms', async () => {
    const attempt = vi.fn(async () => {
      throw unavailable();
    });
    await failure(create({ retryBudgetMinPerSecond: 10 }).execute(attempt, read(120)));
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('keeps retries within the budget: 20 % of calls plus the floor', async () => {
    const svc = create({ retryBudgetRatio: 0.2, retryBudgetMinPerSecond: 0.1, breakerMinCalls: 10_000 }); // floor: 1 retry per 10 s
    let attempts = 0;
    const flaky = async () => {
      attempts += 1;
      throw unavailable();
    };
    for (let i = 0; i < 50; i += 1) {
      const pending = failure(svc.execute(flaky, read()));
      await vi.advanceTimersByTimeAsync(40);
      await pending;
    }
    // 50 calls: at most 0.2 × 50 + 1 = 11 retries.
    expect(attempts - 50).toBeLessThanOrEqual(11);
    expect(attempts - 50).toBeGreaterThanOrEqual(9);
  });

  it('opens the breaker at ≥ 50 % failures over ≥ 20 calls, answers CIRCUIT_OPEN without calling, probes after 5 s, closes on success', async () => {
    const states: BreakerState[] = [];
    const svc = create({ maxAttempts: 1 }, states);
    const failing = vi.fn(async () => {
      throw serverError();
    });
    for (let i = 0; i < 20; i += 1) await failure(svc.execute(failing, read()));
    expect(svc.breakerState).toBe('open');
    expect(failing).toHaveBeenCalledTimes(20);

    const error = await failure(svc.execute(failing, read()));
    expect(error.code).toBe('CIRCUIT_OPEN');
    expect(error.service).toBe('svc');
    expect(failing).toHaveBeenCalledTimes(20);

    await vi.advanceTimersByTimeAsync(4_000);
    expect((await failure(svc.execute(failing, read()))).code).toBe('CIRCUIT_OPEN');
    await vi.advanceTimersByTimeAsync(1_001);
    const healthy = vi.fn(async () => 'fresh');
    await expect(svc.execute(healthy, read())).resolves.toBe('fresh');
    expect(svc.breakerState).toBe('closed');
    expect(states).toEqual(['open', 'half-open', 'closed']);
  });

  it('counts timeouts as failures, and not client errors', async () => {
    const svc = create({ maxAttempts: 1, attemptCapMs: 200 });
    const notFound = async () => {
      throw new GatewayError('NOT_FOUND', 'no such thing', { service: 'svc' });
    };
    for (let i = 0; i < 30; i += 1) await failure(svc.execute(notFound, read()));
    expect(svc.breakerState).toBe('closed');
    for (let i = 0; i < 20; i += 1) {
      const pending = failure(svc.execute(() => new Promise(() => undefined), read()));
      await vi.advanceTimersByTimeAsync(200);
      await pending;
    }
    expect(svc.breakerState).toBe('open');
  });

  it('rejects at once past the bulkhead limit, without queueing or retrying', async () => {
    const svc = create({ bulkheadMaxConcurrent: 2, retryBudgetMinPerSecond: 10 });
    const release: Array<() => void> = [];
    const slow = () => new Promise<string>((resolve) => release.push(() => resolve('done')));
    const first = svc.execute(slow, read());
    const second = svc.execute(slow, read());
    await vi.advanceTimersByTimeAsync(0);
    const third = vi.fn(slow);
    const error = await failure(svc.execute(third, read()));
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.message).toMatch(/in flight/);
    expect(third).not.toHaveBeenCalled();
    release.forEach((fn) => fn());
    await expect(Promise.all([first, second])).resolves.toEqual(['done', 'done']);
  });
});
