import type { GatewayError } from '../errors/index.ts';
import type { CallOutcome } from '../registry/index.ts';

/**
 * What a failed attempt says about its instance, for outlier detection: `failure` for connection
 * refused/reset, HTTP 5xx/503 and gRPC UNAVAILABLE/INTERNAL (`SERVICE_UNAVAILABLE`,
 * `UPSTREAM_ERROR`); `success` for answers about the caller's request (`NOT_FOUND`, `BAD_REQUEST`,
 * `CONFLICT`: the instance works); `neutral` for deadlines and cancellations (`aborted`), which may
 * be the caller's budget rather than the instance's fault, and for anything else.
 */
export function callOutcome(error: GatewayError, aborted: boolean): CallOutcome {
  if (aborted) return 'neutral';
  switch (error.code) {
    case 'SERVICE_UNAVAILABLE':
    case 'UPSTREAM_ERROR':
      return 'failure';
    case 'NOT_FOUND':
    case 'BAD_REQUEST':
    case 'CONFLICT':
      return 'success';
    default:
      return 'neutral';
  }
}
