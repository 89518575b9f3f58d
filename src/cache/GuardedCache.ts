import type { Keyv } from 'keyv';
import { LRUCache } from 'lru-cache';
import { describeError } from '../errors/index.ts';
import { raceTimeout } from '../resilience/index.ts';

/** Options of {@link GuardedCache}. */
export interface GuardedCacheOptions {
  /** The shared store (Keyv over Redis, or in-memory). */
  readonly keyv: Keyv;
  /** Longest wait for one shared-store call; longer counts as a miss, ms. */
  readonly timeoutMs: number;
  /** After a failure or timeout, the shared store is skipped for this long, ms. */
  readonly retryAfterMs: number;
  /** Entries of the in-process LRU (the last level). */
  readonly lruMaxEntries: number;
  /** Clock, ms. Default `Date.now`. */
  readonly now?: () => number;
  /** Told of each change of the shared store's health (not of each failed call). Default: one line on stderr. */
  readonly onHealthChange?: (healthy: boolean, reason: string) => void;
}

/**
 * A two-level cache that never blocks or throws: every call to the shared Keyv store is bounded by
 * `timeoutMs` and a timeout or error counts as a miss (Keyv/Redis can hang while Redis is down or
 * black-holed: RELIABILITY.md §1), after which the shared store is skipped for `retryAfterMs` and
 * then tried again. An in-process LRU keeps every value written here, as the last level. Health
 * changes are logged once per change, not per call.
 */
export class GuardedCache {
  readonly #keyv: Keyv;
  readonly #timeoutMs: number;
  readonly #retryAfterMs: number;
  readonly #now: () => number;
  /** The last level; values are boxed because lru-cache stores no `null`. */
  readonly #lru: LRUCache<string, { readonly value: unknown }>;
  readonly #onHealthChange: (healthy: boolean, reason: string) => void;
  #healthy = true;
  #skipUntil = 0;

  constructor(options: GuardedCacheOptions) {
    this.#keyv = options.keyv;
    this.#timeoutMs = options.timeoutMs;
    this.#retryAfterMs = options.retryAfterMs;
    this.#now = options.now ?? Date.now;
    // ttlResolution 0: ask the injected clock on every read instead of caching real time for 1 ms.
    this.#lru = new LRUCache({ max: options.lruMaxEntries, ttlResolution: 0, perf: { now: this.#now } });
    this.#onHealthChange = options.onHealthChange ?? logHealth;
    // Keyv re-emits the store's errors; without a listener an 'error' event would crash the process.
    this.#keyv.on('error', () => undefined);
  }

  /** Whether the shared store answered its last call. */
  get healthy(): boolean {
    return this.#healthy;
  }

  /** The value in the in-process level only (no I/O). */
  getLocal<T>(key: string): T | undefined {
    return this.#lru.get(key)?.value as T | undefined;
  }

  /**
   * The values of both levels: `shared` from the store (undefined on miss, error, timeout or while
   * skipped) and `local` from the in-process LRU. Never rejects; waits at most `timeoutMs`.
   */
  async getBoth<T>(key: string): Promise<{ shared: T | undefined; local: T | undefined }> {
    const local = this.#lru.get(key)?.value as T | undefined;
    const shared = (await this.#guard(() => this.#keyv.get(key))) as T | undefined;
    return { shared: shared ?? undefined, local };
  }

  /** The shared value, else the local one. Never rejects; waits at most `timeoutMs`. */
  async get<T>(key: string): Promise<T | undefined> {
    const { shared, local } = await this.getBoth<T>(key);
    return shared ?? local;
  }

  /** Stores `value` in both levels for `ttlMs`; resolves false when the shared store did not take it. Never rejects. */
  async set(key: string, value: unknown, ttlMs: number): Promise<boolean> {
    this.#lru.set(key, { value }, { ttl: ttlMs });
    return (await this.#guard(() => this.#keyv.set(key, value, ttlMs))) === true;
  }

  async #guard<T>(operation: () => Promise<T>): Promise<T | undefined> {
    if (this.#now() < this.#skipUntil) return undefined;
    // The shared timeout race: an answer already on the socket wins over a late timer.
    const outcome = await raceTimeout(operation, this.#timeoutMs);
    if (outcome.kind === 'timeout' || outcome.kind === 'aborted') {
      this.#fail(`no answer within ${this.#timeoutMs} ms`);
      return undefined;
    }
    if (outcome.kind === 'error') {
      this.#fail(describeError(outcome.error));
      return undefined;
    }
    if (!this.#healthy) {
      this.#healthy = true;
      this.#onHealthChange(true, 'answering again');
    }
    return outcome.value;
  }

  #fail(reason: string): void {
    this.#skipUntil = this.#now() + this.#retryAfterMs;
    if (this.#healthy) {
      this.#healthy = false;
      this.#onHealthChange(false, reason);
    }
  }
}


function logHealth(healthy: boolean, reason: string): void {
  if (healthy) console.warn(`cache: the shared store is ${reason}`);
  else console.warn(`cache: the shared store is unavailable (${reason}); serving from the in-process cache and pricing meanwhile`);
}
