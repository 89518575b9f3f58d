import { BrokenCircuitError, BulkheadRejectedError, TaskCancelledError } from 'cockatiel';
import { GatewayError, isGatewayError, type ErrorCode } from '../errors/index.ts';

/** Failures that count against a service's circuit breaker: it did not answer, or answered with a server error. */
export const breakerFailureCodes: ReadonlySet<ErrorCode> = new Set(['SERVICE_UNAVAILABLE', 'UPSTREAM_ERROR', 'DEADLINE_EXCEEDED']);

/** Whether the breaker counts `error` as a failure of the service (timeouts included). */
export function countsAgainstBreaker(error: unknown): boolean {
  if (error instanceof TaskCancelledError) return true;
  return isGatewayError(error) && breakerFailureCodes.has(error.code) && !isBulkheadRejection(error);
}

/** Whether `error` is the bulkhead turning a call away (never retried, never counted by the breaker). */
export function isBulkheadRejection(error: unknown): boolean {
  return isGatewayError(error) && error.cause instanceof BulkheadRejectedError;
}

/**
 * Turns what cockatiel throws into the gateway's errors, naming the service: an open breaker →
 * `CIRCUIT_OPEN`, a full bulkhead → `SERVICE_UNAVAILABLE`, a timed-out attempt →
 * `DEADLINE_EXCEEDED`. Gateway errors pass through; anything else is `UPSTREAM_ERROR`.
 */
export function toPolicyError(error: unknown, service: string, attemptMs: number): GatewayError {
  if (isGatewayError(error)) return error;
  if (error instanceof BrokenCircuitError) {
    return new GatewayError('CIRCUIT_OPEN', `${service} is failing; calls to it are paused.`, { service, cause: error });
  }
  if (error instanceof BulkheadRejectedError) {
    return new GatewayError('SERVICE_UNAVAILABLE', `Too many calls to ${service} in flight.`, { service, cause: error });
  }
  if (error instanceof TaskCancelledError) {
    return new GatewayError('DEADLINE_EXCEEDED', `${service} did not answer within ${Math.round(attemptMs)} ms.`, { service, cause: error });
  }
  return new GatewayError('UPSTREAM_ERROR', `${service} failed.`, { service, cause: error });
}
