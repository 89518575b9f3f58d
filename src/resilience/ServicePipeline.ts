import { BulkheadRejectedError, CircuitBreakerPolicy, CircuitState, circuitBreaker, handleWhen } from 'cockatiel';
import type { DeadlineConfig, ServicePolicyConfig } from '../config/index.ts';
import { GatewayError, isGatewayError } from '../errors/index.ts';
import type { Discovery, ServiceInstance } from '../registry/index.ts';
import type { CallOptions, ServiceClient, Transport } from '../transport/index.ts';
import { callOutcome } from './callOutcome.ts';
import { JitteredBackoff } from './JitteredBackoff.ts';
import { countsAgainstBreaker, isBulkheadRejection, toPolicyError } from './policyErrors.ts';
import { raceTimeout } from './raceTimeout.ts';
import { RetryBudget } from './RetryBudget.ts';
import { SlidingWindowBreaker } from './SlidingWindowBreaker.ts';

/** A breaker's state, as readiness and logs show it. */
export type BreakerState = 'closed' | 'open' | 'half-open' | 'isolated';

/** Options of {@link ServicePipeline}. */
export interface ServicePipelineOptions<Req> {
  /** Makes one attempt on a given instance (`RestClient`, `GrpcClient`); names the service. */
  readonly transport: Transport<Req>;
  /** The live view that picks each attempt's instance and hears how it went (outlier detection). */
  readonly discovery: Discovery;
  /** The service's settings (`ATTEMPT_TIMEOUT_MS`, `RETRY_*`, `BREAKER_*`, `BULKHEAD_MAX_CONCURRENT`, with per-service overrides). */
  readonly policy: ServicePolicyConfig;
  /** Deadline margin and least time to start an attempt (`DEADLINE_MARGIN_MS`, `MIN_ATTEMPT_MS`). */
  readonly deadline: DeadlineConfig;
  /** Clock, ms since the epoch. Default `Date.now` (cockatiel's breaker reads `Date.now` itself). */
  readonly now?: () => number;
  /** Random source in [0, 1) for backoff jitter. Default `Math.random`. */
  readonly random?: () => number;
  /** Told of every breaker state change. Default: one line on stderr. */
  readonly onBreakerState?: (service: string, state: BreakerState) => void;
}

const stateNames: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'isolated',
};

/**
 * The one call pipeline of an upstream service: a `ServiceClient` that runs every call through, in
 * this order, outermost first:
 *
 * 1. **request deadline**: no attempt starts with less than `minAttemptMs` left
 *    (`DEADLINE_EXCEEDED`), nor after the caller aborted;
 * 2. **retry**: idempotent calls only, at most `maxAttempts` attempts, only after a retryable error
 *    (the error table: `SERVICE_UNAVAILABLE`), never after a bulkhead rejection; backoff
 *    `backoffBaseMs × 2^n ± 20 %`, only while the service's {@link RetryBudget} allows and the
 *    longest backoff still leaves `minAttemptMs`; a retry prefers an instance not tried yet;
 * 3. **bulkhead**: at most `bulkheadMaxConcurrent` attempts in flight, no queue (rejected at once
 *    as `SERVICE_UNAVAILABLE`);
 * 4. **circuit breaker** (cockatiel's, deciding with a {@link SlidingWindowBreaker}): opens when at
 *    least `breakerMinCalls` calls in `breakerWindowMs` saw at least `breakerFailureRatio` failures
 *    (what the error table blames on the service or the deadline, never the caller's 4xx); a
 *    half-open probe after `breakerOpenMs`, growing ×2 to `breakerMaxOpenMs`; open → `CIRCUIT_OPEN`;
 * 5. **pick** an instance with discovery (`NO_INSTANCES` when none), counted in flight by its
 *    picker, and report the outcome to outlier detection (`callOutcome`);
 * 6. **per-attempt timeout** `min(time left − marginMs, attemptCapMs)`: a timer cleared on success,
 *    the attempt's signal aborted only on timeout or the caller's abort (`DEADLINE_EXCEEDED`);
 * 7. the **transport**: one attempt on that instance with that signal and deadline.
 *
 * The breaker, bulkhead and budget are shared by every call to the service; retry and timeout are
 * per call. Rejects with a `GatewayError` naming the service.
 */
export class ServicePipeline<Req> implements ServiceClient<Req> {
  readonly service: string;
  readonly #transport: Transport<Req>;
  readonly #discovery: Discovery;
  readonly #policy: ServicePolicyConfig;
  readonly #deadline: DeadlineConfig;
  readonly #now: () => number;
  readonly #budget: RetryBudget;
  readonly #backoff: JitteredBackoff;
  readonly #breaker: CircuitBreakerPolicy;
  readonly #unsubscribe: () => void;
  /** Attempts in flight, for the bulkhead. */
  #inFlight = 0;

  constructor(options: ServicePipelineOptions<Req>) {
    const { transport, policy } = options;
    const service = transport.service;
    this.service = service;
    this.#transport = transport;
    this.#discovery = options.discovery;
    this.#policy = policy;
    this.#deadline = options.deadline;
    this.#now = options.now ?? Date.now;
    const random = options.random === undefined ? {} : { random: options.random };
    this.#budget = new RetryBudget({
      ratio: policy.retryBudgetRatio,
      minPerSecond: policy.retryBudgetMinPerSecond,
      ttlMs: policy.retryBudgetTtlMs,
      now: this.#now,
    });
    this.#backoff = new JitteredBackoff({ initialMs: policy.backoffBaseMs, ...random });
    this.#breaker = circuitBreaker(handleWhen(countsAgainstBreaker), {
      halfOpenAfter: new JitteredBackoff({ initialMs: policy.breakerOpenMs, maxMs: policy.breakerMaxOpenMs, ...random }),
      breaker: new SlidingWindowBreaker({
        windowMs: policy.breakerWindowMs,
        minCalls: policy.breakerMinCalls,
        failureRatio: policy.breakerFailureRatio,
        now: this.#now,
      }),
    });
    const onState = options.onBreakerState ?? logBreakerState;
    this.#breaker.onStateChange((state) => onState(service, stateNames[state]));
    // The transport may keep state per address (gRPC channels): tell it which addresses are live.
    const retain = transport.retain?.bind(transport);
    this.#unsubscribe =
      retain === undefined
        ? () => undefined
        : options.discovery.subscribe((snapshot) => retain(new Set((snapshot.services.get(service) ?? []).map((instance) => instance.address))));
  }

  /** The breaker's current state. */
  get breakerState(): BreakerState {
    return stateNames[this.#breaker.state];
  }

  /** Retries the budget still allows right now. */
  get retriesAvailable(): number {
    return this.#budget.available();
  }

  /**
   * Runs `request` through every stage. Rejects with a `GatewayError` naming the service: the last
   * attempt's error, `CIRCUIT_OPEN`, `SERVICE_UNAVAILABLE` (bulkhead full), `NO_INSTANCES` or
   * `DEADLINE_EXCEEDED`.
   */
  async call<Res>(request: Req, options: CallOptions): Promise<Res> {
    this.#budget.deposit();
    const maxAttempts = options.idempotent ? this.#policy.maxAttempts : 1;
    const tried = new Set<string>();
    for (let made = 1; ; made += 1) {
      try {
        return await this.#attempt<Res>(request, options, tried);
      } catch (error) {
        if (made >= maxAttempts || !this.#mayRetry(error, options, made)) throw error;
      }
      await this.#sleep(this.#backoff.delayMs(made - 1), options.signal);
    }
  }

  /** Stops telling the transport about fleet changes. */
  close(): void {
    this.#unsubscribe();
  }

  #mayRetry(error: unknown, options: CallOptions, made: number): boolean {
    // The error table says what is retryable (today SERVICE_UNAVAILABLE only; never a client's fault).
    if (!isGatewayError(error) || !error.retryable || isBulkheadRejection(error)) return false;
    if (options.signal?.aborted) return false;
    const leftAfterBackoff = options.deadline - this.#now() - this.#backoff.upperBoundMs(made - 1);
    if (leftAfterBackoff < this.#deadline.minAttemptMs) return false;
    return this.#budget.tryWithdraw();
  }

  /** Request deadline, bulkhead and breaker around one attempt. */
  async #attempt<Res>(request: Req, options: CallOptions, tried: Set<string>): Promise<Res> {
    if (options.signal?.aborted) throw cancelled(this.service, options.signal.reason);
    const started = this.#now();
    const left = options.deadline - started;
    if (left < this.#deadline.minAttemptMs) {
      throw new GatewayError('DEADLINE_EXCEEDED', `No time left to call ${this.service} within the deadline.`, { service: this.service });
    }
    const attemptMs = Math.max(1, Math.min(left - this.#deadline.marginMs, this.#policy.attemptCapMs));
    if (this.#inFlight >= this.#policy.bulkheadMaxConcurrent) {
      throw toPolicyError(new BulkheadRejectedError(this.#policy.bulkheadMaxConcurrent, 0), this.service, attemptMs);
    }
    this.#inFlight += 1;
    try {
      return await this.#breaker.execute(() => this.#onInstance<Res>(request, options, tried, started + attemptMs, attemptMs));
    } catch (error) {
      throw toPolicyError(error, this.service, attemptMs);
    } finally {
      this.#inFlight -= 1;
    }
  }

  /** Pick, per-attempt timeout and transport; the outcome goes to outlier detection. */
  async #onInstance<Res>(request: Req, options: CallOptions, tried: Set<string>, deadline: number, attemptMs: number): Promise<Res> {
    const instance = this.#pick(options, tried);
    tried.add(instance.id);
    const picker = this.#discovery.picker(this.service);
    picker.onStart(instance.id);
    let outcome;
    try {
      outcome = await raceTimeout(
        (signal) => this.#transport.attempt<Res>(request, { address: instance.address, metadata: instance.metadata, deadline, signal }),
        attemptMs,
        { ...(options.signal === undefined ? {} : { signal: options.signal }), timeoutReason: () => this.#timedOut(attemptMs) },
      );
    } finally {
      picker.onEnd(instance.id);
    }
    switch (outcome.kind) {
      case 'value':
        this.#discovery.report(this.service, instance.id, 'success');
        return outcome.value;
      case 'timeout':
        // Neutral for outlier detection: the budget may have been the caller's, not the instance's fault.
        throw this.#timedOut(attemptMs);
      case 'aborted':
        throw cancelled(this.service, options.signal?.reason);
      case 'error': {
        const failure = isGatewayError(outcome.error)
          ? outcome.error
          : new GatewayError('UPSTREAM_ERROR', `${this.service} failed.`, { service: this.service, cause: outcome.error });
        this.#discovery.report(this.service, instance.id, callOutcome(failure, false));
        throw failure;
      }
    }
  }

  /** An instance not tried yet when there is one, any otherwise; `NO_INSTANCES` when none is known. */
  #pick(options: CallOptions, tried: ReadonlySet<string>): ServiceInstance {
    const protocol = this.#transport.protocol;
    const instance =
      this.#discovery.pick(this.service, protocol, tried, options.affinityKey) ??
      (tried.size > 0 ? this.#discovery.pick(this.service, protocol, undefined, options.affinityKey) : undefined);
    if (instance === undefined) throw new GatewayError('NO_INSTANCES', `No live instance of ${this.service} is known.`, { service: this.service });
    return instance;
  }

  #timedOut(attemptMs: number): GatewayError {
    return new GatewayError('DEADLINE_EXCEEDED', `${this.service} did not answer within ${Math.round(attemptMs)} ms.`, { service: this.service });
  }

  /** Waits `ms` before a retry; the caller's abort ends the wait with `DEADLINE_EXCEEDED`. */
  #sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(cancelled(this.service, signal.reason));
        return;
      }
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(cancelled(this.service, signal?.reason));
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}

/** The caller cancelled: its reason when that is already a gateway error, else `DEADLINE_EXCEEDED`. */
function cancelled(service: string, reason: unknown): GatewayError {
  if (isGatewayError(reason)) return reason;
  return new GatewayError('DEADLINE_EXCEEDED', `The call to ${service} was cancelled.`, { service, cause: reason });
}

function logBreakerState(service: string, state: BreakerState): void {
  console.warn(`circuit breaker of ${service}: ${state}`);
}
