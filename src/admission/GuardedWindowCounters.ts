import { raceTimeout } from '../resilience/index.ts';
import type { MemoryWindowCounters } from './MemoryWindowCounters.ts';
import type { WindowCheck, WindowCounters, WindowVerdict } from './WindowCounters.ts';
import { describeError } from '../errors/index.ts';

/** Options of {@link GuardedWindowCounters}; validated once in the constructor. */
export interface GuardedWindowCountersOptions {
  /** The shared counters (Redis); may hang or reject. */
  readonly shared: WindowCounters;
  /** This process's counters: they decide while the shared ones fail, and count what the shared ones admitted. */
  readonly local: MemoryWindowCounters;
  /** Longest wait for one shared call, ms (> 0; the gateway's `CACHE_TIMEOUT_MS`, 50). */
  readonly timeoutMs: number;
  /** After a failure the shared counters are skipped this long, ms (≥ 0; `CACHE_RETRY_AFTER_MS`, 1 000). */
  readonly retryAfterMs: number;
  /** Clock, ms. Default `Date.now`. */
  readonly now?: () => number;
  /** Told of each change of the shared counters' health (not of each call). Default: one line on stderr. */
  readonly onHealthChange?: (healthy: boolean, reason: string) => void;
}

/**
 * Rate-limit counters that never block or throw, as {@link GuardedCache} does for the price
 * cache (Redis can hang while down or black-holed: RELIABILITY.md §1): each shared call is bounded
 * by `timeoutMs`; a timeout or error makes this process's counters decide (each replica then
 * allows the whole limit on its own: looser, never an error) and skips the shared ones for
 * `retryAfterMs`. Health changes are logged once per change. What the shared counters admit is
 * counted locally too, so a fallback starts from this process's share of the window, not from 0.
 */
export class GuardedWindowCounters implements WindowCounters {
  readonly #shared: WindowCounters;
  readonly #local: MemoryWindowCounters;
  readonly #timeoutMs: number;
  readonly #retryAfterMs: number;
  readonly #now: () => number;
  readonly #onHealthChange: (healthy: boolean, reason: string) => void;
  #healthy = true;
  #skipUntil = 0;

  constructor(options: GuardedWindowCountersOptions) {
    if (!(options.timeoutMs > 0)) throw new TypeError(`GuardedWindowCounters: timeoutMs must be > 0, got ${options.timeoutMs}.`);
    if (!(options.retryAfterMs >= 0)) throw new TypeError(`GuardedWindowCounters: retryAfterMs must be ≥ 0, got ${options.retryAfterMs}.`);
    this.#shared = options.shared;
    this.#local = options.local;
    this.#timeoutMs = options.timeoutMs;
    this.#retryAfterMs = options.retryAfterMs;
    this.#now = options.now ?? Date.now;
    this.#onHealthChange = options.onHealthChange ?? logHealth;
  }

  /** Whether the shared counters answered their last call. */
  get healthy(): boolean {
    return this.#healthy;
  }

  /** Never rejects; waits at most `timeoutMs`. */
  async consume(checks: readonly WindowCheck[]): Promise<WindowVerdict> {
    if (this.#now() < this.#skipUntil) return this.#local.consumeNow(checks);
    // The shared timeout race: an answer already on the socket wins over a late timer.
    const outcome = await raceTimeout(() => this.#shared.consume(checks), this.#timeoutMs);
    if (outcome.kind === 'timeout' || outcome.kind === 'aborted') return this.#fallBack(`no answer within ${this.#timeoutMs} ms`, checks);
    if (outcome.kind === 'error') return this.#fallBack(describeError(outcome.error), checks);
    if (!this.#healthy) {
      this.#healthy = true;
      this.#onHealthChange(true, 'answering again');
    }
    if (outcome.value.allowed) this.#local.record(checks);
    return outcome.value;
  }

  #fallBack(reason: string, checks: readonly WindowCheck[]): WindowVerdict {
    this.#skipUntil = this.#now() + this.#retryAfterMs;
    if (this.#healthy) {
      this.#healthy = false;
      this.#onHealthChange(false, reason);
    }
    return this.#local.consumeNow(checks);
  }
}


function logHealth(healthy: boolean, reason: string): void {
  if (healthy) console.warn(`rate limits: Redis is ${reason}; counting in Redis again`);
  else console.warn(`rate limits: Redis is unavailable (${reason}); counting in this process meanwhile (each replica allows the whole limit)`);
}
