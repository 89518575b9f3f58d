import type { ErrorCode } from '../errors/index.ts';

/**
 * HTTP status → gateway error code for a REST upstream's non-2xx answer; unlisted statuses are
 * `UPSTREAM_ERROR`. Statuses the request caused map to codes the error table blames on the client
 * (never counted by the breaker or outlier detection, never retried); 401/403/408 stay
 * `UPSTREAM_ERROR`: they are about the gateway's credentials or connection, not the caller's input.
 */
export const restStatusTable: Readonly<Record<number, ErrorCode>> = Object.freeze({
  400: 'BAD_REQUEST',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  // Too large for the service: a body (413), a URL (414, e.g. a 20 KB id in a query string) or
  // headers (431, what Node answers when the request line and headers pass its 16 KB limit).
  413: 'UPSTREAM_REJECTED_REQUEST',
  414: 'UPSTREAM_REJECTED_REQUEST',
  422: 'BAD_REQUEST',
  431: 'UPSTREAM_REJECTED_REQUEST',
  429: 'SERVICE_UNAVAILABLE',
  503: 'SERVICE_UNAVAILABLE',
});

/** Connection-level failures (Node and undici error codes): the instance could not be reached → `SERVICE_UNAVAILABLE`. */
export const restConnectionErrorCodes: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** The gateway error code for a REST upstream's HTTP status (2xx is not an error and is not mapped). */
export function restStatusToCode(status: number): ErrorCode {
  return restStatusTable[status] ?? 'UPSTREAM_ERROR';
}
