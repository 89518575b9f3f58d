import type { IBackoff, IBackoffFactory } from 'cockatiel';

/** Options of {@link JitteredBackoff}. */
export interface JitteredBackoffOptions {
  /** First delay, ms. */
  readonly initialMs: number;
  /** Largest delay before jitter, ms. Default: no cap. */
  readonly maxMs?: number;
  /** Each delay is multiplied by a random factor in [1 − jitter, 1 + jitter]. Default 0.2 (gRPC's ±20 %). */
  readonly jitter?: number;
  /** Random source in [0, 1). Default `Math.random`. */
  readonly random?: () => number;
}

/**
 * The gateway's one exponential backoff: the `n`-th delay is `initialMs × 2^n`, capped at `maxMs`,
 * ±`jitter`, from an injected random source. The call pipeline's retries read {@link delayMs};
 * the breaker's growing open time uses it as a cockatiel backoff factory ({@link next}).
 * Cockatiel's own `ExponentialBackoff` uses decorrelated jitter, whose first delay is not the
 * documented base; this one gives exactly "25 ms, ×2, ±20 %".
 */
export class JitteredBackoff implements IBackoffFactory<unknown> {
  readonly #initialMs: number;
  readonly #maxMs: number;
  readonly #jitter: number;
  readonly #random: () => number;

  constructor(options: JitteredBackoffOptions) {
    if (!(options.initialMs >= 0)) throw new RangeError(`JitteredBackoff: initialMs must be >= 0, got ${options.initialMs}`);
    const jitter = options.jitter ?? 0.2;
    if (!(jitter >= 0 && jitter < 1)) throw new RangeError(`JitteredBackoff: jitter must be in [0, 1), got ${jitter}`);
    this.#initialMs = options.initialMs;
    this.#maxMs = options.maxMs ?? Number.POSITIVE_INFINITY;
    this.#jitter = jitter;
    this.#random = options.random ?? Math.random;
  }

  /** The longest the `n`-th delay (0-based) can be, jitter included, ms. */
  upperBoundMs(n: number): number {
    return Math.min(this.#maxMs, this.#initialMs * 2 ** n) * (1 + this.#jitter);
  }

  /** The `n`-th delay (0-based), jitter drawn now, ms. */
  delayMs(n: number): number {
    const raw = Math.min(this.#maxMs, this.#initialMs * 2 ** n);
    return Math.max(0, raw * (1 + this.#jitter * (2 * this.#random() - 1)));
  }

  /** The first delay as a cockatiel backoff (each `next()` the following one). */
  next(): IBackoff<unknown> {
    return this.#step(0);
  }

  #step(n: number): IBackoff<unknown> {
    return { duration: this.delayMs(n), next: () => this.#step(n + 1) };
  }
}
