/**
 * Whom a failure blames; the breaker, outlier detection and retries read this column, never lists
 * of codes of their own:
 * - `client`: the caller's request (bad, unknown, too large, conflicting). Never retried (the type
 *   of the table forbids `retryable: true`), never counted against a service or an instance (an
 *   instance answering it works: outlier detection counts it as a success).
 * - `service`: the service failed (refused, reset, 5xx, UNAVAILABLE): counts against its breaker
 *   and, for outlier detection, against the instance.
 * - `deadline`: no answer in time: counts against the breaker (slow is failing), not against the
 *   instance (the caller's budget may have been the short one).
 * - `none`: the gateway's own refusal or fault (open breaker, no instance, overload, bug): counts
 *   against nothing.
 */
export type Blame = 'client' | 'service' | 'deadline' | 'none';

/** One row of {@link errorCodes}: a client's fault is never retryable. */
type ErrorCodeEntry =
  | { readonly status: number; readonly retryable: false; readonly blame: 'client'; readonly message: string }
  | { readonly status: number; readonly retryable: boolean; readonly blame: Exclude<Blame, 'client'>; readonly message: string };

/**
 * Every error code the gateway puts in `extensions.code` or an HTTP error body, with its default
 * message, HTTP status, whether a read that failed with it may be retried elsewhere, and whom it
 * blames ({@link Blame}). Classify a new code here, once; nothing else keeps lists of codes.
 */
export const errorCodes = {
  BAD_REQUEST: { status: 400, retryable: false, blame: 'client', message: 'The request is malformed.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, retryable: false, blame: 'client', message: 'Send application/json.' },
  PAYLOAD_TOO_LARGE: { status: 413, retryable: false, blame: 'client', message: 'The request body is too large.' },
  UNAUTHENTICATED: { status: 401, retryable: false, blame: 'client', message: 'A valid bearer token is required.' },
  FORBIDDEN: { status: 403, retryable: false, blame: 'client', message: 'This token is not valid for this client.' },
  NOT_FOUND: { status: 404, retryable: false, blame: 'client', message: 'Not found.' },
  LEASE_NOT_FOUND: { status: 404, retryable: false, blame: 'client', message: 'The registry lease is unknown or expired; register again.' },
  CONFLICT: { status: 409, retryable: false, blame: 'client', message: 'The request conflicts with the current state.' },
  // A service's 413/414/431: what we sent it (usually an argument, e.g. an id in the URL) was too large.
  UPSTREAM_REJECTED_REQUEST: { status: 400, retryable: false, blame: 'client', message: 'A service refused the request as too large; send smaller arguments.' },
  SERVICE_UNAVAILABLE: { status: 503, retryable: true, blame: 'service', message: 'A service is unavailable.' },
  NO_INSTANCES: { status: 503, retryable: false, blame: 'none', message: 'No live instance of the service is known.' },
  UPSTREAM_ERROR: { status: 502, retryable: false, blame: 'service', message: 'A service answered with an error.' },
  DEADLINE_EXCEEDED: { status: 504, retryable: false, blame: 'deadline', message: 'The request deadline was exceeded.' },
  CIRCUIT_OPEN: { status: 503, retryable: false, blame: 'none', message: 'The service is failing; calls are paused.' },
  INTERNAL_SERVER_ERROR: { status: 500, retryable: false, blame: 'none', message: 'Internal error.' },
  // The marker a field with a fallback reports (src/resilience/fallback); the edge moves it to
  // `extensions.degraded` and never sends it as an error, so its status is that of the answer.
  DEGRADED: { status: 200, retryable: false, blame: 'none', message: 'A field served its fallback.' },
  // Refusals before execution (src/limits, src/admission): the caller's request, never a service's fault.
  BAD_USER_INPUT: { status: 400, retryable: false, blame: 'client', message: 'An argument is not valid.' },
  GRAPHQL_PARSE_FAILED: { status: 400, retryable: false, blame: 'client', message: 'The GraphQL document cannot be parsed.' },
  // Apollo Server's own codes, kept here so that every code a client can see has one row.
  GRAPHQL_VALIDATION_FAILED: { status: 400, retryable: false, blame: 'client', message: 'The operation is not valid against this client\'s schema.' },
  OPERATION_RESOLUTION_FAILURE: { status: 400, retryable: false, blame: 'client', message: 'The document has no operation of that name (or several and no name).' },
  TOKEN_LIMIT_EXCEEDED: { status: 400, retryable: false, blame: 'client', message: 'The document has too many tokens.' },
  DEPTH_LIMIT_EXCEEDED: { status: 400, retryable: false, blame: 'client', message: 'The operation is nested too deeply.' },
  ALIAS_LIMIT_EXCEEDED: { status: 400, retryable: false, blame: 'client', message: 'The operation has too many aliases.' },
  DIRECTIVE_LIMIT_EXCEEDED: { status: 400, retryable: false, blame: 'client', message: 'The operation has too many directives.' },
  ROOT_FIELD_LIMIT_EXCEEDED: { status: 400, retryable: false, blame: 'client', message: 'The operation selects too many root fields.' },
  SELECTION_LIMIT_EXCEEDED: { status: 400, retryable: false, blame: 'client', message: 'A selection set has too many distinct fields.' },
  INTROSPECTION_DEPTH_EXCEEDED: { status: 400, retryable: false, blame: 'client', message: 'The introspection query is nested too deeply.' },
  // Automatic persisted queries (Apollo's protocol): a hash nobody registered answers 200 as Apollo
  // Server does, so Apollo Client's link resends it with the query text.
  PERSISTED_QUERY_NOT_SUPPORTED: { status: 400, retryable: false, blame: 'client', message: 'PersistedQueryNotSupported' },
  COST_LIMIT_EXCEEDED: { status: 400, retryable: false, blame: 'client', message: 'The operation would cost more than allowed.' },
  QUERY_PLANNING_FAILED: { status: 400, retryable: false, blame: 'client', message: 'The operation cannot be planned.' },
  // Trusted documents (src/server/resolveDocumentRequest.ts): an app names a published document by id.
  PERSISTED_QUERY_REQUIRED: { status: 400, retryable: false, blame: 'client', message: 'This endpoint runs trusted documents only: send a documentId, not a query.' },
  // A trusted document id, or an automatic persisted query's hash, nobody published or registered (an APQ client then resends the text).
  PERSISTED_QUERY_NOT_FOUND: { status: 400, retryable: false, blame: 'client', message: 'No published document or registered query has this id.' },
  PERSISTED_QUERY_RETIRED: { status: 400, retryable: false, blame: 'client', message: 'The app version this document belongs to is retired; update the app.' },
  // GraphQL over HTTP: a GET carries queries only (a mutation or subscription needs POST).
  METHOD_NOT_ALLOWED: { status: 405, retryable: false, blame: 'client', message: 'GET carries queries only; send mutations with POST.' },
  RESPONSE_TOO_LARGE: { status: 400, retryable: false, blame: 'client', message: 'The answer would be larger than allowed; ask for less.' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, retryable: false, blame: 'client', message: 'This Idempotency-Key was used for a different request.' },
  REQUEST_TIMEOUT: { status: 408, retryable: false, blame: 'client', message: 'The request body did not arrive in time.' },
  TOO_MANY_SUBSCRIPTIONS: { status: 429, retryable: false, blame: 'client', message: 'Too many live subscriptions; complete one first.' },
  RATE_LIMITED: { status: 429, retryable: false, blame: 'client', message: 'Too many requests; retry after the time in Retry-After.' },
  OVERLOADED: { status: 503, retryable: false, blame: 'none', message: 'The gateway is saturated; retry after the time in Retry-After.' },
  // Before the gateway is first ready (every client composed, every service with a known instance).
  NOT_READY: { status: 503, retryable: false, blame: 'none', message: 'The gateway is starting; retry after the time in Retry-After.' },
} as const satisfies Record<string, ErrorCodeEntry>;

/** A stable error code. */
export type ErrorCode = keyof typeof errorCodes;
