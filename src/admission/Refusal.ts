/**
 * A request refused before any work, and what its caller is told: 503 `OVERLOADED` (the gateway
 * is saturated) or 429 `RATE_LIMITED` (this caller or app sent too much), with when to retry.
 */
export interface Refusal {
  readonly code: 'OVERLOADED' | 'RATE_LIMITED';
  /** Sent as `Retry-After`, whole seconds (≥ 1). */
  readonly retryAfterSeconds: number;
  /** Safe to show to the caller. */
  readonly message: string;
}
