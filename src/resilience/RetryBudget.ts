/** Options of {@link RetryBudget}. */
export interface RetryBudgetOptions {
  /** Retries allowed per call made, 0..1 (Finagle's default 0.2). */
  readonly ratio: number;
  /** Retries allowed per second whatever the traffic (Finagle's default 10). */
  readonly minPerSecond: number;
  /** Window the counts are kept for, ms (Finagle's default 10 000). */
  readonly ttlMs: number;
  /** Clock, ms. Default `Date.now`. */
  readonly now?: () => number;
}

const BUCKETS = 10;

/**
 * A Finagle-style retry budget for one service: over the last `ttlMs`, retries may be at most
 * `ratio × calls + minPerSecond × ttlMs / 1000`. Cockatiel has no budget shared across calls (its
 * retry policy only limits attempts per call), hence this small class. Counts live in 10 buckets
 * of `ttlMs / 10` each, so old traffic ages out smoothly.
 */
export class RetryBudget {
  readonly #ratio: number;
  readonly #reserve: number;
  readonly #bucketMs: number;
  readonly #now: () => number;
  readonly #calls = new Array<number>(BUCKETS).fill(0);
  readonly #retries = new Array<number>(BUCKETS).fill(0);
  /** Index of the newest bucket's period (`floor(now / bucketMs)`). */
  #period = Number.NEGATIVE_INFINITY;

  constructor(options: RetryBudgetOptions) {
    if (!(options.ratio >= 0 && options.ratio <= 1)) throw new RangeError(`RetryBudget: ratio must be in [0, 1], got ${options.ratio}`);
    if (!(options.minPerSecond >= 0)) throw new RangeError(`RetryBudget: minPerSecond must be >= 0, got ${options.minPerSecond}`);
    if (!(options.ttlMs >= BUCKETS)) throw new RangeError(`RetryBudget: ttlMs must be >= ${BUCKETS}, got ${options.ttlMs}`);
    this.#ratio = options.ratio;
    this.#reserve = (options.minPerSecond * options.ttlMs) / 1000;
    this.#bucketMs = options.ttlMs / BUCKETS;
    this.#now = options.now ?? Date.now;
  }

  /** Records one call (first attempts only). */
  deposit(): void {
    this.#calls[this.#rotate()]! += 1;
  }

  /** Takes one retry from the budget; false (and nothing taken) when the budget is spent. */
  tryWithdraw(): boolean {
    const index = this.#rotate();
    const calls = sum(this.#calls);
    const retries = sum(this.#retries);
    if (retries + 1 > this.#ratio * calls + this.#reserve) return false;
    this.#retries[index]! += 1;
    return true;
  }

  /** Retries still allowed right now (rounded down). */
  available(): number {
    this.#rotate();
    return Math.max(0, Math.floor(this.#ratio * sum(this.#calls) + this.#reserve - sum(this.#retries)));
  }

  /** Moves the window to now, zeroing buckets that aged out; returns the current bucket's index. */
  #rotate(): number {
    const period = Math.floor(this.#now() / this.#bucketMs);
    if (!Number.isFinite(this.#period)) {
      this.#period = period;
    } else if (period !== this.#period) {
      const stale = Math.min(BUCKETS, Math.max(0, period - this.#period));
      for (let i = 1; i <= stale; i += 1) {
        const index = mod(this.#period + i, BUCKETS);
        this.#calls[index] = 0;
        this.#retries[index] = 0;
      }
      this.#period = period;
    }
    return mod(period, BUCKETS);
  }
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

function mod(value: number, n: number): number {
  return ((value % n) + n) % n;
}
