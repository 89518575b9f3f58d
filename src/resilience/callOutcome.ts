import type { GatewayError } from '../errors/index.ts';
import type { CallOutcome } from '../registry/index.ts';

/**
 * What a failed attempt says about its instance, for outlier detection, read from the error
 * table's `blame` column: `failure` when it blames the service (refused, reset, 5xx, gRPC
 * UNAVAILABLE/INTERNAL); `success` when it blames the caller's request (400, 404, 409, 413, 414,
 * 422, 431, INVALID_ARGUMENT, NOT_FOUND, ...: the instance answered, it works); `neutral` for
 * deadlines and cancellations (`aborted`), which may be the caller's budget rather than the
 * instance's fault, and for the gateway's own refusals.
 */
export function callOutcome(error: GatewayError, aborted: boolean): CallOutcome {
  if (aborted) return 'neutral';
  switch (error.blame) {
    case 'service':
      return 'failure';
    case 'client':
      return 'success';
    case 'deadline':
    case 'none':
      return 'neutral';
  }
}
