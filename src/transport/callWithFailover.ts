import { GatewayError, isGatewayError } from '../errors/index.ts';
import type { Protocol, ServiceInstance } from '../registry/index.ts';
import { callOutcome } from './callOutcome.ts';
import type { Discovery } from './Discovery.ts';
import type { CallOptions } from './types.ts';

/** What one attempt gets: its instance, and a signal that aborts at the deadline or on the caller's abort. */
export interface AttemptContext {
  readonly instance: ServiceInstance;
  /** Aborts when the deadline passes or the caller aborts. */
  readonly signal: AbortSignal;
  /** Absolute deadline, ms since the epoch. */
  readonly deadline: number;
  /** Milliseconds left to the deadline when the attempt started. */
  readonly remainingMs: number;
}

/** One upstream call to run with failover. */
export interface FailoverCall<T> {
  readonly service: string;
  readonly protocol: Protocol;
  readonly discovery: Discovery;
  readonly options: CallOptions;
  /** Clock, ms since the epoch. */
  readonly now: () => number;
  /** Least time left, in milliseconds, to start a retry. Default 100. */
  readonly minRetryBudgetMs?: number;
  /** Runs one attempt; rejects with a `GatewayError` (anything else becomes `UPSTREAM_ERROR`). */
  readonly attempt: (context: AttemptContext) => Promise<T>;
}

const MAX_TIMER_MS = 2_147_483_647;

/**
 * Runs `call.attempt` on an instance picked by discovery, bracketed by the picker's in-flight
 * counter, under the deadline. An idempotent call that failed with a retryable error
 * (`SERVICE_UNAVAILABLE`: refused, reset, 503, gRPC UNAVAILABLE) is tried ONCE more on a
 * different instance, immediately, if at least `minRetryBudgetMs` remain; non-idempotent calls
 * never are. Rejects with `NO_INSTANCES` when no instance is known, `DEADLINE_EXCEEDED` when the
 * deadline passes (or the caller aborts, unless the abort reason is itself a `GatewayError`).
 */
export async function callWithFailover<T>(call: FailoverCall<T>): Promise<T> {
  const { service, protocol, discovery, options, now } = call;
  const minRetryBudgetMs = call.minRetryBudgetMs ?? 100;
  // A caller that retries itself (src/resilience) passes its tried set: one attempt here.
  const callerRetries = options.triedInstances !== undefined;
  const tried = options.triedInstances ?? new Set<string>();
  const attempts = callerRetries ? 1 : 2;
  let lastError: GatewayError | undefined;

  for (let attempt = 0; attempt < attempts; attempt += 1) {
    if (options.signal?.aborted) throw cancelled(service, options.signal.reason);
    const remainingMs = options.deadline - now();
    if (remainingMs <= 0) throw lastError ?? deadlineExceeded(service);
    if (lastError !== undefined && remainingMs < minRetryBudgetMs) throw lastError;
    const instance =
      discovery.pick(service, protocol, tried, options.affinityKey) ??
      (callerRetries && tried.size > 0 ? discovery.pick(service, protocol, undefined, options.affinityKey) : undefined);
    if (instance === undefined) {
      throw lastError ?? new GatewayError('NO_INSTANCES', `No live instance of ${service} is known.`, { service });
    }
    tried.add(instance.id);

    const picker = discovery.picker(service);
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(deadlineExceeded(service));
    }, Math.min(remainingMs, MAX_TIMER_MS));
    const onCallerAbort = (): void => controller.abort(cancelled(service, options.signal?.reason));
    options.signal?.addEventListener('abort', onCallerAbort, { once: true });
    picker.onStart(instance.id);
    try {
      const result = await call.attempt({ instance, signal: controller.signal, deadline: options.deadline, remainingMs });
      discovery.report(service, instance.id, 'success');
      return result;
    } catch (error) {
      let failure: GatewayError;
      if (options.signal?.aborted) failure = cancelled(service, options.signal.reason);
      else if (timedOut || (isGatewayError(error) && error.code === 'DEADLINE_EXCEEDED')) failure = deadlineExceeded(service, error);
      else if (isGatewayError(error)) failure = error;
      else failure = new GatewayError('UPSTREAM_ERROR', `${service} failed.`, { service, cause: error });
      // Passive outlier detection: refused, reset, 5xx and UNAVAILABLE count against the instance.
      discovery.report(service, instance.id, callOutcome(failure, timedOut || options.signal?.aborted === true));
      if (!options.idempotent || !failure.retryable) throw failure;
      lastError = failure;
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onCallerAbort);
      picker.onEnd(instance.id);
    }
  }
  throw lastError ?? deadlineExceeded(service);
}

function deadlineExceeded(service: string, cause?: unknown): GatewayError {
  if (isGatewayError(cause) && cause.code === 'DEADLINE_EXCEEDED') return cause;
  return new GatewayError('DEADLINE_EXCEEDED', `${service} did not answer within the deadline.`, {
    service,
    ...(cause === undefined ? {} : { cause }),
  });
}

function cancelled(service: string, reason: unknown): GatewayError {
  if (isGatewayError(reason)) return reason;
  return new GatewayError('DEADLINE_EXCEEDED', `The call to ${service} was cancelled.`, { service, cause: reason });
}
