/**
 * Every error code the gateway puts in `extensions.code` or an HTTP error body, with its default
 * message, HTTP status and whether a read that failed with it may be retried elsewhere.
 */
export const errorCodes = {
  BAD_REQUEST: { status: 400, retryable: false, message: 'The request is malformed.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, retryable: false, message: 'Send application/json.' },
  PAYLOAD_TOO_LARGE: { status: 413, retryable: false, message: 'The request body is too large.' },
  UNAUTHENTICATED: { status: 401, retryable: false, message: 'A valid bearer token is required.' },
  FORBIDDEN: { status: 403, retryable: false, message: 'This token is not valid for this client.' },
  NOT_FOUND: { status: 404, retryable: false, message: 'Not found.' },
  LEASE_NOT_FOUND: { status: 404, retryable: false, message: 'The registry lease is unknown or expired; register again.' },
  CONFLICT: { status: 409, retryable: false, message: 'The request conflicts with the current state.' },
  SERVICE_UNAVAILABLE: { status: 503, retryable: true, message: 'A service is unavailable.' },
  NO_INSTANCES: { status: 503, retryable: false, message: 'No live instance of the service is known.' },
  UPSTREAM_ERROR: { status: 502, retryable: false, message: 'A service answered with an error.' },
  DEADLINE_EXCEEDED: { status: 504, retryable: false, message: 'The request deadline was exceeded.' },
  CIRCUIT_OPEN: { status: 503, retryable: false, message: 'The service is failing; calls are paused.' },
  INTERNAL_SERVER_ERROR: { status: 500, retryable: false, message: 'Internal error.' },
  // Refusals before execution (src/limits, src/admission): the caller's request, never a service's fault.
  BAD_USER_INPUT: { status: 400, retryable: false, message: 'An argument is not valid.' },
  GRAPHQL_PARSE_FAILED: { status: 400, retryable: false, message: 'The GraphQL document cannot be parsed.' },
  TOKEN_LIMIT_EXCEEDED: { status: 400, retryable: false, message: 'The document has too many tokens.' },
  DEPTH_LIMIT_EXCEEDED: { status: 400, retryable: false, message: 'The operation is nested too deeply.' },
  ALIAS_LIMIT_EXCEEDED: { status: 400, retryable: false, message: 'The operation has too many aliases.' },
  DIRECTIVE_LIMIT_EXCEEDED: { status: 400, retryable: false, message: 'The operation has too many directives.' },
  ROOT_FIELD_LIMIT_EXCEEDED: { status: 400, retryable: false, message: 'The operation selects too many root fields.' },
  SELECTION_LIMIT_EXCEEDED: { status: 400, retryable: false, message: 'A selection set has too many distinct fields.' },
  INTROSPECTION_DEPTH_EXCEEDED: { status: 400, retryable: false, message: 'The introspection query is nested too deeply.' },
  COST_LIMIT_EXCEEDED: { status: 400, retryable: false, message: 'The operation would cost more than allowed.' },
  QUERY_PLANNING_FAILED: { status: 400, retryable: false, message: 'The operation cannot be planned.' },
  RESPONSE_TOO_LARGE: { status: 400, retryable: false, message: 'The answer would be larger than allowed; ask for less.' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, retryable: false, message: 'This Idempotency-Key was used for a different request.' },
  REQUEST_TIMEOUT: { status: 408, retryable: false, message: 'The request body did not arrive in time.' },
  RATE_LIMITED: { status: 429, retryable: false, message: 'Too many requests; retry after the time in Retry-After.' },
  OVERLOADED: { status: 503, retryable: false, message: 'The gateway is saturated; retry after the time in Retry-After.' },
} as const satisfies Record<string, { status: number; retryable: boolean; message: string }>;

/** A stable error code. */
export type ErrorCode = keyof typeof errorCodes;
