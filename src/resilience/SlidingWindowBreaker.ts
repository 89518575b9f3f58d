import { CircuitState, type IBreaker } from 'cockatiel';

/** Options of {@link SlidingWindowBreaker}. */
export interface SlidingWindowBreakerOptions {
  /** Window the calls are counted over, ms (default 10 000). */
  readonly windowMs: number;
  /** Buckets the window is split into (default 10). */
  readonly buckets?: number;
  /** Calls the window needs before the breaker may open (default 20). */
  readonly minCalls: number;
  /** Share of failed calls, 0..1, at or above which it opens (default 0.5). */
  readonly failureRatio: number;
  /** Clock, ms. Default `Date.now`. */
  readonly now?: () => number;
}

/**
 * When cockatiel's `CircuitBreakerPolicy` should open: at least `minCalls` calls in the last
 * `windowMs`, of which at least `failureRatio` failed. Cockatiel's own `SamplingBreaker` rotates
 * one bucket per call, so after a quiet spell its window still holds samples far older than the
 * window (a burst of failures after a busy, healthy minute then never opens it); this one drops
 * every bucket that aged out, whatever the traffic. In half-open, a success clears the window and
 * a failure reopens.
 */
export class SlidingWindowBreaker implements IBreaker {
  readonly #bucketMs: number;
  readonly #minCalls: number;
  readonly #failureRatio: number;
  readonly #now: () => number;
  readonly #successes: number[];
  readonly #failures: number[];
  #period = Number.NaN;

  constructor(options: SlidingWindowBreakerOptions) {
    const buckets = options.buckets ?? 10;
    if (!(options.windowMs >= buckets)) throw new RangeError(`SlidingWindowBreaker: windowMs must be >= ${buckets}, got ${options.windowMs}`);
    if (!(options.failureRatio > 0 && options.failureRatio <= 1)) {
      throw new RangeError(`SlidingWindowBreaker: failureRatio must be in (0, 1], got ${options.failureRatio}`);
    }
    if (!(Number.isInteger(options.minCalls) && options.minCalls >= 1)) {
      throw new RangeError(`SlidingWindowBreaker: minCalls must be a positive integer, got ${options.minCalls}`);
    }
    this.#bucketMs = options.windowMs / buckets;
    this.#minCalls = options.minCalls;
    this.#failureRatio = options.failureRatio;
    this.#now = options.now ?? Date.now;
    this.#successes = new Array<number>(buckets).fill(0);
    this.#failures = new Array<number>(buckets).fill(0);
  }

  /** For cockatiel's `toJSON()`: the counts per bucket. */
  get state(): unknown {
    return { period: this.#period, successes: [...this.#successes], failures: [...this.#failures] };
  }

  set state(value: unknown) {
    const saved = value as { period: number; successes: number[]; failures: number[] };
    this.#period = saved.period;
    saved.successes.forEach((count, i) => (this.#successes[i] = count));
    saved.failures.forEach((count, i) => (this.#failures[i] = count));
  }

  success(state: CircuitState): void {
    if (state === CircuitState.HalfOpen) this.#reset();
    this.#successes[this.#rotate()]! += 1;
  }

  failure(state: CircuitState): boolean {
    this.#failures[this.#rotate()]! += 1;
    if (state !== CircuitState.Closed) return true;
    const failures = sum(this.#failures);
    const total = failures + sum(this.#successes);
    return total >= this.#minCalls && failures >= this.#failureRatio * total;
  }

  #reset(): void {
    this.#successes.fill(0);
    this.#failures.fill(0);
  }

  /** Drops the buckets that aged out; returns the current bucket's index. */
  #rotate(): number {
    const n = this.#successes.length;
    const period = Math.floor(this.#now() / this.#bucketMs);
    if (Number.isNaN(this.#period) || period - this.#period >= n) {
      this.#reset();
    } else {
      for (let p = this.#period + 1; p <= period; p += 1) {
        const index = ((p % n) + n) % n;
        this.#successes[index] = 0;
        this.#failures[index] = 0;
      }
    }
    this.#period = Math.max(period, Number.isNaN(this.#period) ? period : this.#period);
    return ((period % n) + n) % n;
  }
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
