/**
 * The one call pipeline, driven stage by stage under fake timers, over a real discovery view (an
 * in-memory instance store, round robin) and a scripted transport that records each attempt.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeadlineConfig, ServicePolicyConfig } from '../config/index.ts';
import { GatewayError } from '../errors/index.ts';
import { Discovery, InstanceStore, OutlierDetector, RoundRobinPicker } from '../registry/index.ts';
import type { AttemptTarget, CallOptions, Transport } from '../transport/index.ts';
import { ServicePipeline, type BreakerState } from './ServicePipeline.ts';

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

/** What the instance at an address does with one attempt. */
type Behaviour = (target: AttemptTarget) => Promise<unknown>;

const refused = () => new GatewayError('SERVICE_UNAVAILABLE', 'svc is unavailable.', { service: 'svc' });
const serverError = () => new GatewayError('UPSTREAM_ERROR', 'svc answered with an error.', { service: 'svc' });
/** The two instances' addresses. */
const A = 'a.test:1';
const B = 'b.test:2';
const ok: Behaviour = async (target) => `answer from ${target.address}`;

/**
 * A pipeline for `svc` over instances `svc-1` (address `A`) and `svc-2` (address `B`), picked in
 * turn; each attempt runs `behaviour` and is recorded with its target.
 */
function create(behaviour: Behaviour | Record<string, Behaviour>, overrides: Partial<ServicePolicyConfig> = {}, instances = [A, B]) {
  const store = new InstanceStore();
  instances.forEach((address, index) => store.register({ service: 'svc', id: `svc-${index + 1}`, address, protocol: 'http' }));
  const outliers = new OutlierDetector({ consecutiveFailures: 3 });
  const discovery = new Discovery(store, { createPicker: () => new RoundRobinPicker(), outlierDetector: outliers });
  const attempts: AttemptTarget[] = [];
  const transport: Transport<string> = {
    service: 'svc',
    protocol: 'http',
    attempt: async <Res,>(_request: string, target: AttemptTarget): Promise<Res> => {
      attempts.push(target);
      const run = typeof behaviour === 'function' ? behaviour : behaviour[target.address] ?? ok;
      return (await run(target)) as Res;
    },
  };
  const states: BreakerState[] = [];
  const pipeline = new ServicePipeline({
    transport,
    discovery,
    policy: { ...policy, ...overrides },
    deadline,
    random: () => 0.5,
    onBreakerState: (_service, state) => states.push(state),
  });
  return { pipeline, attempts, states, discovery, addresses: () => attempts.map((target) => target.address) };
}

const read = (ms = 1_000): CallOptions => ({ deadline: Date.now() + ms, idempotent: true });
const write = (ms = 1_000): CallOptions => ({ deadline: Date.now() + ms, idempotent: false });
const never: Behaviour = () => new Promise(() => undefined);

async function failure(promise: Promise<unknown>): Promise<GatewayError> {
  const error = await promise.then(
    () => new Error('expected the call to fail'),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(GatewayError);
  return error as GatewayError;
}

beforeEach(() => {
  vi.useFakeTimers({ now: 1_700_000_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ServicePipeline', () => {
  it('retries a read refused by one instance on the other one, after a 25 ms ±20 % backoff', async () => {
    const times: number[] = [];
    const { pipeline, addresses } = create(
      async (target) => {
        times.push(Date.now());
        return target.address === A ? Promise.reject(refused()) : ok(target);
      },
      { retryBudgetMinPerSecond: 10 },
    );
    const pending = pipeline.call('GET /x', read());
    await vi.advanceTimersByTimeAsync(30);
    await expect(pending).resolves.toBe(`answer from ${B}`);
    expect(addresses()).toEqual([A, B]);
    // random 0.5 → no jitter: the second attempt starts 25 ms after the first.
    expect(times[1]! - times[0]!).toBe(25);
  });

  it('never retries a write, nor an error the table does not call retryable', async () => {
    const { pipeline, addresses } = create({ [A]: async () => Promise.reject(refused()), [B]: async () => Promise.reject(serverError()) }, { retryBudgetMinPerSecond: 10 });
    expect((await failure(pipeline.call('POST /x', write()))).code).toBe('SERVICE_UNAVAILABLE');
    expect(addresses()).toEqual([A]);
    expect((await failure(pipeline.call('GET /x', read()))).code).toBe('UPSTREAM_ERROR');
    expect(addresses()).toEqual([A, B]);
  });

  it('makes at most maxAttempts attempts, then answers the last error', async () => {
    const { pipeline, addresses } = create(async () => Promise.reject(refused()), { retryBudgetMinPerSecond: 10 });
    const pending = failure(pipeline.call('GET /x', read()));
    await vi.advanceTimersByTimeAsync(100);
    expect((await pending).code).toBe('SERVICE_UNAVAILABLE');
    expect(addresses()).toEqual([A, B]);
  });

  it('stops retrying once the budget is spent: 20 % of calls plus the floor', async () => {
    // Floor: 0.1/s over 10 s = 1 retry; then 0.2 per call made.
    const { pipeline, attempts } = create(async () => Promise.reject(refused()), { retryBudgetMinPerSecond: 0.1, breakerMinCalls: 10_000 });
    for (let i = 0; i < 50; i += 1) {
      const pending = failure(pipeline.call('GET /x', read()));
      await vi.advanceTimersByTimeAsync(40);
      await pending;
    }
    // 50 calls: at most 0.2 × 50 + 1 = 11 retries.
    expect(attempts.length - 50).toBeLessThanOrEqual(11);
    expect(attempts.length - 50).toBeGreaterThanOrEqual(9);
    expect(pipeline.retriesAvailable).toBe(0);
  });

  it('opens the breaker at ≥ 50 % failures over ≥ 20 calls, answers CIRCUIT_OPEN without an attempt, probes after 5 s, closes on success', async () => {
    let healthy = false;
    const { pipeline, attempts, states } = create(async (target) => (healthy ? `fresh from ${target.address}` : Promise.reject(serverError())), { maxAttempts: 1 });
    for (let i = 0; i < 20; i += 1) await failure(pipeline.call('GET /x', read()));
    expect(pipeline.breakerState).toBe('open');
    expect(attempts).toHaveLength(20);

    const error = await failure(pipeline.call('GET /x', read()));
    expect(error.code).toBe('CIRCUIT_OPEN');
    expect(error.service).toBe('svc');
    expect(attempts).toHaveLength(20);

    await vi.advanceTimersByTimeAsync(4_000);
    expect((await failure(pipeline.call('GET /x', read()))).code).toBe('CIRCUIT_OPEN');
    await vi.advanceTimersByTimeAsync(1_001);
    healthy = true;
    await expect(pipeline.call('GET /x', read())).resolves.toMatch(/^fresh/);
    expect(pipeline.breakerState).toBe('closed');
    expect(states).toEqual(['open', 'half-open', 'closed']);
  });

  it('starts no attempt with less than 100 ms left, and retries none whose backoff would leave less', async () => {
    const { pipeline, attempts } = create(async () => Promise.reject(refused()), { retryBudgetMinPerSecond: 10 });
    const tooShort = await failure(pipeline.call('GET /x', read(99)));
    expect(tooShort.code).toBe('DEADLINE_EXCEEDED');
    expect(tooShort.message).toMatch(/No time left to call svc/);
    expect(attempts).toHaveLength(0);

    await failure(pipeline.call('GET /x', read(120)));
    expect(attempts).toHaveLength(1);
  });

  it('gives each attempt min(time left − 50 ms margin, cap) as its deadline, and a signal not aborted on success', async () => {
    const { pipeline, attempts } = create(ok, { attemptCapMs: 800 });
    await pipeline.call('GET /x', read(600));
    await pipeline.call('GET /x', read(3_000));
    expect(attempts[0]!.deadline - Date.now()).toBe(550);
    expect(attempts[1]!.deadline - Date.now()).toBe(800);
    expect(attempts[0]!.signal.aborted).toBe(false);
    expect(attempts[1]!.signal.aborted).toBe(false);
  });

  it('times an attempt out even when the transport ignores its signal, aborts that signal, and says DEADLINE_EXCEEDED', async () => {
    const { pipeline, attempts } = create(never, { attemptCapMs: 300 });
    const pending = failure(pipeline.call('GET /x', read()));
    // The timer, then one setImmediate (an answer already on the socket would still win).
    await vi.advanceTimersByTimeAsync(301);
    const error = await pending;
    expect(error.code).toBe('DEADLINE_EXCEEDED');
    expect(error.service).toBe('svc');
    expect(attempts[0]!.signal.aborted).toBe(true);
    expect((attempts[0]!.signal.reason as GatewayError).code).toBe('DEADLINE_EXCEEDED');
  });

  it("stops at once when the caller aborts, with the caller's reason when it is a gateway error", async () => {
    const { pipeline, attempts } = create(never);
    const controller = new AbortController();
    const pending = failure(pipeline.call('GET /x', { ...read(), signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(10);
    controller.abort(new GatewayError('DEADLINE_EXCEEDED', 'The request deadline passed.'));
    const error = await pending;
    expect(error.message).toBe('The request deadline passed.');
    expect(attempts[0]!.signal.aborted).toBe(true);
    expect((await failure(pipeline.call('GET /x', { ...read(), signal: controller.signal }))).code).toBe('DEADLINE_EXCEEDED');
    expect(attempts).toHaveLength(1);
  });

  it('counts timeouts against the breaker, and not client errors', async () => {
    let mode: 'notFound' | 'silent' = 'notFound';
    const { pipeline } = create(
      async () => (mode === 'notFound' ? Promise.reject(new GatewayError('NOT_FOUND', 'no such thing', { service: 'svc' })) : never({} as AttemptTarget)),
      { maxAttempts: 1, attemptCapMs: 200 },
    );
    for (let i = 0; i < 30; i += 1) await failure(pipeline.call('GET /x', read()));
    expect(pipeline.breakerState).toBe('closed');
    mode = 'silent';
    for (let i = 0; i < 20; i += 1) {
      const pending = failure(pipeline.call('GET /x', read()));
      await vi.advanceTimersByTimeAsync(201);
      await pending;
    }
    expect(pipeline.breakerState).toBe('open');
  });

  it('rejects at once past the bulkhead limit, without queueing or retrying', async () => {
    const release: Array<() => void> = [];
    const { pipeline, attempts } = create(() => new Promise((resolve) => release.push(() => resolve('done'))), {
      bulkheadMaxConcurrent: 2,
      retryBudgetMinPerSecond: 10,
    });
    const first = pipeline.call('GET /x', read());
    const second = pipeline.call('GET /x', read());
    await vi.advanceTimersByTimeAsync(0);
    const error = await failure(pipeline.call('GET /x', read()));
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.message).toMatch(/in flight/);
    expect(attempts).toHaveLength(2);
    release.forEach((fn) => fn());
    await expect(Promise.all([first, second])).resolves.toEqual(['done', 'done']);
  });

  it('answers NO_INSTANCES without instances, and reports refusals to outlier detection', async () => {
    expect((await failure(create(ok, {}, []).pipeline.call('GET /x', read()))).code).toBe('NO_INSTANCES');

    const { pipeline, discovery } = create({ [A]: async () => Promise.reject(refused()) }, { maxAttempts: 1 });
    for (let i = 0; i < 6; i += 1) await pipeline.call('GET /x', read()).catch(() => undefined);
    // Three refusals in a row from `A` eject svc-1; `B` answered every time.
    expect(discovery.view()['svc']?.ejected).toEqual(['svc-1']);
  });
});
