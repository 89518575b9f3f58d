import { GraphQLError } from 'graphql';
import { isGatewayError, type ErrorCode, type GatewayError } from '../errors/index.ts';

/** Upstream failures a declared fallback answers; any other error (bad input, not found, bugs) propagates. */
export const fallbackCodes: ReadonlySet<ErrorCode> = new Set([
  'SERVICE_UNAVAILABLE',
  'NO_INSTANCES',
  'UPSTREAM_ERROR',
  'DEADLINE_EXCEEDED',
  'CIRCUIT_OPEN',
]);

/** The upstream failure behind `error` (itself, or a GraphQL error's original error), when it is one a fallback answers. */
export function upstreamFailure(error: unknown): GatewayError | undefined {
  const cause = error instanceof GraphQLError ? error.originalError : error;
  return isGatewayError(cause) && fallbackCodes.has(cause.code) ? cause : undefined;
}
