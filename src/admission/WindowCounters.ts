/** One limit to count a request against: at most `limit` requests per `windowMs` under `key`. */
export interface WindowCheck {
  /** Namespaced counter key without its window index (`<ns>:rl:v1:user:passenger:r-0001`). */
  readonly key: string;
  /** Requests allowed per window (≥ 1). */
  readonly limit: number;
  /** Window length, ms (a minute or a second here). */
  readonly windowMs: number;
}

/** The outcome of {@link WindowCounters.consume}: allowed (and counted), or which check refused and for how long. */
export type WindowVerdict =
  | { readonly allowed: true }
  | {
      readonly allowed: false;
      /** Index in the checks of the first one over its limit. */
      readonly index: number;
      /** When that check would admit one more request, ms from now. */
      readonly retryAfterMs: number;
    };

/**
 * Sliding-window request counters. {@link consume} counts one request against every check if all
 * of them are under their limit, and against none otherwise (a refused request uses no budget).
 */
export interface WindowCounters {
  consume(checks: readonly WindowCheck[]): Promise<WindowVerdict>;
}
