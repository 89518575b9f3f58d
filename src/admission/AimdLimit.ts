/** Options of {@link AimdLimit}; validated once in the constructor. */
export interface AimdLimitOptions {
  /** The limit never falls below this, requests in flight (≥ 1). */
  readonly minLimit: number;
  /** The limit never rises above this, requests in flight (≥ `minLimit`). */
  readonly maxLimit: number;
  /** The limit at start (within `minLimit`..`maxLimit`). */
  readonly initialLimit: number;
  /** A request that took longer than this is a congestion signal, ms (> 0). */
  readonly latencyThresholdMs: number;
  /** Multiplier applied on each congestion signal (0 < ratio < 1; Netflix's default 0.9). */
  readonly backoffRatio: number;
}

/** What a finished request tells the limit. */
export interface AimdSample {
  /** How long the request took, ms. */
  readonly latencyMs: number;
  /** Requests in flight when it started, itself included. */
  readonly inFlight: number;
  /** It failed in a way that signals overload (deadline exceeded, 5xx), whatever its latency. */
  readonly dropped: boolean;
}

/**
 * An additive-increase / multiplicative-decrease concurrency limit, after Netflix
 * concurrency-limits' `AIMDLimit`: each request slower than `latencyThresholdMs` (or dropped)
 * multiplies the limit by `backoffRatio`; each other one adds 1 when it ran with in-flight at least
 * half the limit (the limit was in use, so it may be too low), never beyond `maxLimit`. Decreases
 * act per sample like Netflix's: a burst of slow answers shrinks the limit quickly, and additive
 * increases bring it back one request at a time. The limit is fractional inside and floored out.
 */
export class AimdLimit {
  readonly #min: number;
  readonly #max: number;
  readonly #thresholdMs: number;
  readonly #ratio: number;
  #limit: number;

  constructor(options: AimdLimitOptions) {
    const { minLimit, maxLimit, initialLimit, latencyThresholdMs, backoffRatio } = options;
    if (!Number.isInteger(minLimit) || minLimit < 1) throw new TypeError(`AimdLimit: minLimit must be a whole number ≥ 1, got ${minLimit}.`);
    if (!Number.isInteger(maxLimit) || maxLimit < minLimit) {
      throw new TypeError(`AimdLimit: maxLimit must be a whole number ≥ minLimit (${minLimit}), got ${maxLimit}.`);
    }
    if (!Number.isInteger(initialLimit) || initialLimit < minLimit || initialLimit > maxLimit) {
      throw new TypeError(`AimdLimit: initialLimit must be a whole number within ${minLimit}..${maxLimit}, got ${initialLimit}.`);
    }
    if (!(latencyThresholdMs > 0)) throw new TypeError(`AimdLimit: latencyThresholdMs must be > 0, got ${latencyThresholdMs}.`);
    if (!(backoffRatio > 0 && backoffRatio < 1)) throw new TypeError(`AimdLimit: backoffRatio must be within (0, 1), got ${backoffRatio}.`);
    this.#min = minLimit;
    this.#max = maxLimit;
    this.#thresholdMs = latencyThresholdMs;
    this.#ratio = backoffRatio;
    this.#limit = initialLimit;
  }

  /** The current limit, requests in flight. */
  get limit(): number {
    return Math.floor(this.#limit);
  }

  /** Adjusts the limit from one finished request; returns the new limit. */
  onSample(sample: AimdSample): number {
    if (sample.dropped || sample.latencyMs > this.#thresholdMs) {
      this.#limit = Math.max(this.#min, this.#limit * this.#ratio);
    } else if (sample.inFlight * 2 >= this.#limit) {
      this.#limit = Math.min(this.#max, this.#limit + 1);
    }
    return this.limit;
  }
}
