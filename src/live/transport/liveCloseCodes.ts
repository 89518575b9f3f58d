/**
 * Close codes of the gateway's live connections (WebSocket; SSE ends the stream with the same
 * meaning). 4401/4403/4408/4400/4409 are graphql-transport-ws's own.
 */
export const liveCloseCodes = {
  /** No, a malformed, an invalid or an expired token (HTTP 401). */
  unauthenticated: 4401,
  /** A token of another app (a passenger token on /driver/graphql) (HTTP 403). */
  forbidden: 4403,
  /** No connection_init within SUBSCRIPTION_INIT_TIMEOUT_MS. */
  initTimeout: 4408,
  /** Too slow a subscriber (its socket buffer past SUBSCRIPTION_MAX_BUFFERED_BYTES, or too many waiting events), or the gateway is full: reconnect later. */
  tryAgainLater: 1013,
  /** The gateway is stopping (SIGTERM): reconnect, to another replica. */
  serviceRestart: 1012,
} as const;
