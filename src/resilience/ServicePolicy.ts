import {
  BulkheadPolicy,
  CircuitBreakerPolicy,
  CircuitState,
  TimeoutStrategy,
  bulkhead,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
} from 'cockatiel';
import type { DeadlineConfig, ServicePolicyConfig } from '../config/index.ts';
import { GatewayError, isGatewayError } from '../errors/index.ts';
import type { CallOptions } from '../transport/types.ts';
import { JitteredBackoff } from './JitteredBackoff.ts';
import { countsAgainstBreaker, isBulkheadRejection, toPolicyError } from './policyErrors.ts';
import { RetryBudget } from './RetryBudget.ts';
import { SlidingWindowBreaker } from './SlidingWindowBreaker.ts';

/** A breaker's state, as readiness and logs show it. */
export type BreakerState = 'closed' | 'open' | 'half-open' | 'isolated';

/** Options of {@link ServicePolicy}. */
export interface ServicePolicyOptions {
  readonly service: string;
  readonly policy: ServicePolicyConfig;
  readonly deadline: DeadlineConfig;
  /** Clock, ms since the epoch. Default `Date.now` (cockatiel's breaker reads `Date.now` itself). */
  readonly now?: () => number;
  /** Random source for backoff jitter. Default `Math.random`. */
  readonly random?: () => number;
  /** Told of every breaker state change. Default: one line on stderr. */
  readonly onBreakerState?: (service: string, state: BreakerState) => void;
}

/** One attempt, given its own options: the attempt's deadline and signal, and the instances tried so far. */
export type Attempt<T> = (options: CallOptions) => Promise<T>;

const stateNames: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'isolated',
};

/**
 * Every call policy of one upstream service, composed with cockatiel, outermost first:
 *
 * 1. **retry** (idempotent calls only; at most `maxAttempts` attempts; only after
 *    `SERVICE_UNAVAILABLE`; backoff `backoffBaseMs × 2^n ± 20 %`; only while the service's
 *    {@link RetryBudget} allows and the backoff still leaves `minAttemptMs` before the deadline);
 * 2. **bulkhead** (at most `bulkheadMaxConcurrent` attempts in flight, no queue: rejected at once
 *    as `SERVICE_UNAVAILABLE`, never retried);
 * 3. **circuit breaker** (cockatiel's, deciding with a {@link SlidingWindowBreaker} over
 *    `breakerWindowMs`; opens when at least `breakerMinCalls` calls saw at least
 *    `breakerFailureRatio` failures, timeouts included, never the caller's faults (4xx: the
 *    error table's `blame`); a
 *    half-open probe after `breakerOpenMs`, growing ×2 to `breakerMaxOpenMs`; open → `CIRCUIT_OPEN`);
 * 4. **timeout** per attempt: `min(time left − marginMs, attemptCapMs)`, also handed to the
 *    transport as the attempt's deadline (gRPC deadline, HTTP abort, `x-deadline-ms`). No attempt
 *    starts with less than `minAttemptMs` left.
 *
 * The breaker, bulkhead and budget are shared by every call to the service; retry and timeout are
 * per call. The transport is told to make one attempt per call (`triedInstances`), so retries
 * happen here only, preferring an instance not tried yet.
 */
export class ServicePolicy {
  readonly service: string;
  readonly #policy: ServicePolicyConfig;
  readonly #deadline: DeadlineConfig;
  readonly #now: () => number;
  readonly #budget: RetryBudget;
  readonly #backoff: JitteredBackoff;
  readonly #bulkhead: BulkheadPolicy;
  readonly #breaker: CircuitBreakerPolicy;

  constructor(options: ServicePolicyOptions) {
    const { service, policy } = options;
    this.service = service;
    this.#policy = policy;
    this.#deadline = options.deadline;
    this.#now = options.now ?? Date.now;
    this.#budget = new RetryBudget({
      ratio: policy.retryBudgetRatio,
      minPerSecond: policy.retryBudgetMinPerSecond,
      ttlMs: policy.retryBudgetTtlMs,
      now: this.#now,
    });
    this.#backoff = new JitteredBackoff({ initialMs: policy.backoffBaseMs, ...(options.random ? { random: options.random } : {}) });
    this.#bulkhead = bulkhead(policy.bulkheadMaxConcurrent, 0);
    this.#breaker = circuitBreaker(handleWhen(countsAgainstBreaker), {
      halfOpenAfter: new JitteredBackoff({
        initialMs: policy.breakerOpenMs,
        maxMs: policy.breakerMaxOpenMs,
        ...(options.random ? { random: options.random } : {}),
      }),
      breaker: new SlidingWindowBreaker({
        windowMs: policy.breakerWindowMs,
        minCalls: policy.breakerMinCalls,
        failureRatio: policy.breakerFailureRatio,
        now: this.#now,
      }),
    });
    const onState = options.onBreakerState ?? logBreakerState;
    this.#breaker.onStateChange((state) => onState(service, stateNames[state]));
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
   * Runs `attempt` under every policy. Rejects with a `GatewayError` naming the service: the last
   * attempt's error, `CIRCUIT_OPEN`, `SERVICE_UNAVAILABLE` (bulkhead full) or `DEADLINE_EXCEEDED`.
   */
  async execute<T>(attempt: Attempt<T>, options: CallOptions): Promise<T> {
    this.#budget.deposit();
    const maxAttempts = options.idempotent ? this.#policy.maxAttempts : 1;
    const triedInstances = new Set<string>();
    let made = 0;
    const run = async (): Promise<T> => {
      made += 1;
      return this.#attempt(attempt, options, triedInstances);
    };
    if (maxAttempts <= 1) return run();
    const policy = retry(
      handleWhen((error) => made < maxAttempts && this.#mayRetry(error, options, made)),
      { maxAttempts: maxAttempts - 1, backoff: this.#backoff },
    );
    return policy.execute(run, options.signal);
  }

  #mayRetry(error: unknown, options: CallOptions, made: number): boolean {
    // The error table says what is retryable (today SERVICE_UNAVAILABLE only; never a client's fault).
    if (!isGatewayError(error) || !error.retryable || isBulkheadRejection(error)) return false;
    if (options.signal?.aborted) return false;
    const leftAfterBackoff = options.deadline - this.#now() - this.#backoff.upperBoundMs(made - 1);
    if (leftAfterBackoff < this.#deadline.minAttemptMs) return false;
    return this.#budget.tryWithdraw();
  }

  async #attempt<T>(attempt: Attempt<T>, options: CallOptions, triedInstances: Set<string>): Promise<T> {
    const started = this.#now();
    const left = options.deadline - started;
    if (left < this.#deadline.minAttemptMs) {
      throw new GatewayError('DEADLINE_EXCEEDED', `No time left to call ${this.service} within the deadline.`, { service: this.service });
    }
    const attemptMs = Math.max(1, Math.min(left - this.#deadline.marginMs, this.#policy.attemptCapMs));
    try {
      return await this.#bulkhead.execute(
        ({ signal: bulkheadSignal }) =>
          this.#breaker.execute(
            ({ signal: breakerSignal }) =>
              timeout(attemptMs, TimeoutStrategy.Aggressive).execute(
                ({ signal }) => attempt({ ...options, deadline: started + attemptMs, signal, triedInstances }),
                breakerSignal,
              ),
            bulkheadSignal,
          ),
        options.signal,
      );
    } catch (error) {
      throw toPolicyError(error, this.service, attemptMs);
    }
  }
}

function logBreakerState(service: string, state: BreakerState): void {
  console.warn(`circuit breaker of ${service}: ${state}`);
}
