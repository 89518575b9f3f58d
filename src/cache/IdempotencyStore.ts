import { createHash } from 'node:crypto';
import type { GuardedCache } from './GuardedCache.ts';

/** Options of {@link IdempotencyStore}. */
export interface IdempotencyStoreOptions {
  /** How long a key is remembered, ms. */
  readonly ttlMs: number;
}

/** What {@link IdempotencyStore.once} needs to run a write once. */
export interface OnceCall<T> {
  /** Who and what the key is scoped to, e.g. `requestRide:r-0001`: the same key from another rider is another request. */
  readonly scope: string;
  /** The caller's `Idempotency-Key`. */
  readonly key: string;
  /** Performs the write. */
  readonly run: () => Promise<T>;
  /** The id to remember for a result. */
  readonly idOf: (result: T) => string;
  /** Looks a remembered id up again; `null`/`undefined` when it is gone (the write then runs again). */
  readonly recall: (id: string) => Promise<T | null | undefined>;
}

/**
 * Makes a write idempotent per `Idempotency-Key`: the first call runs it and remembers the result's
 * id (shared store and in-process LRU, `ttlMs`); a repeat answers the remembered result instead of
 * writing again. Concurrent repeats in this process share the first one's promise. Across gateway
 * processes racing on the same key, the service must also honour the key (the trips service does).
 */
export class IdempotencyStore {
  readonly #cache: GuardedCache;
  readonly #ttlMs: number;
  readonly #inFlight = new Map<string, Promise<unknown>>();

  constructor(cache: GuardedCache, options: IdempotencyStoreOptions) {
    this.#cache = cache;
    this.#ttlMs = options.ttlMs;
  }

  /** Runs `call.run` once per scope and key (see the class). Rejects with whatever the write rejects with. */
  once<T>(call: OnceCall<T>): Promise<T> {
    const cacheKey = `idem:v1:${digest(`${call.scope}\u0000${call.key}`)}`;
    const pending = this.#inFlight.get(cacheKey) as Promise<T> | undefined;
    if (pending) return pending;
    const promise = this.#runOnce(cacheKey, call).finally(() => this.#inFlight.delete(cacheKey));
    this.#inFlight.set(cacheKey, promise);
    return promise;
  }

  async #runOnce<T>(cacheKey: string, call: OnceCall<T>): Promise<T> {
    const remembered = await this.#cache.get<string>(cacheKey);
    if (typeof remembered === 'string') {
      const earlier = await call.recall(remembered);
      if (earlier !== null && earlier !== undefined) return earlier;
    }
    const result = await call.run();
    await this.#cache.set(cacheKey, call.idOf(result), this.#ttlMs);
    return result;
  }
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}
