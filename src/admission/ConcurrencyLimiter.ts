import { AimdLimit, type AimdLimitOptions } from './AimdLimit.ts';

/** Options of {@link ConcurrencyLimiter}. */
export interface ConcurrencyLimiterOptions extends AimdLimitOptions {
  /** Clock, ms. Default `performance.now`. */
  readonly now?: () => number;
}

/** A held slot; {@link ConcurrencySlot.release} frees it (only the first call counts). */
export interface ConcurrencySlot {
  /** The request's own work starts now (e.g. its body has arrived): its latency is measured from here, not from admission. */
  restartClock(): void;
  /** Frees the slot and feeds the request's latency to the limit; `dropped`: it failed from overload. */
  release(outcome: { readonly dropped: boolean }): void;
}

/**
 * Requests in flight against an adaptive {@link AimdLimit}: {@link tryAcquire} hands out a slot
 * while fewer than `limit` are held, else refuses at once (no queue: a queued request would only
 * wait for the answer its client has stopped waiting for). Releasing feeds the limit.
 */
export class ConcurrencyLimiter {
  readonly #limit: AimdLimit;
  readonly #now: () => number;
  #inFlight = 0;

  constructor(options: ConcurrencyLimiterOptions) {
    this.#limit = new AimdLimit(options);
    this.#now = options.now ?? (() => performance.now());
  }

  /** The current limit, requests in flight. */
  get limit(): number {
    return this.#limit.limit;
  }

  /** Requests holding a slot now. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** A slot, or undefined when `limit` requests are already in flight. */
  tryAcquire(): ConcurrencySlot | undefined {
    if (this.#inFlight >= this.#limit.limit) return undefined;
    this.#inFlight += 1;
    const inFlight = this.#inFlight;
    let started = this.#now();
    let released = false;
    return {
      restartClock: () => {
        if (!released) started = this.#now();
      },
      release: ({ dropped }) => {
        if (released) return;
        released = true;
        this.#inFlight -= 1;
        this.#limit.onSample({ latencyMs: this.#now() - started, inFlight, dropped });
      },
    };
  }
}
