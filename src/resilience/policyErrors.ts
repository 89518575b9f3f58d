import { BrokenCircuitError, BulkheadRejectedError, TaskCancelledError } from 'cockatiel';
import { GatewayError, isGatewayError } from '../errors/index.ts';

/**
 * Whether the breaker counts `error` as a failure of the service: what the error table blames on
 * the service or on the deadline (timeouts included). What blames the caller (any 4xx the request
 * caused: 400, 404, 413, 414, 422, 431, INVALID_ARGUMENT, ...) or the gateway never does.
 */
export function countsAgainstBreaker(error: unknown): boolean {
  if (error instanceof TaskCancelledError) return true;
  if (!isGatewayError(error) || isBulkheadRejection(error)) return false;
  switch (error.blame) {
    case 'service':
    case 'deadline':
      return true;
    case 'client':
    case 'none':
      return false;
  }
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
