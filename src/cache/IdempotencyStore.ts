import { createHash } from 'node:crypto';
import { GatewayError } from '../errors/index.ts';
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
  /** The request's `requestFingerprint`: the same key with another fingerprint is another request, refused. */
  readonly fingerprint: string;
  /** Performs the write. */
  readonly run: () => Promise<T>;
  /** The id to remember for a result. */
  readonly idOf: (result: T) => string;
  /** Looks a remembered id up again; `null`/`undefined` when it is gone (the write then runs again). */
  readonly recall: (id: string) => Promise<T | null | undefined>;
}

/** What is remembered per key. Entries written before fingerprints are a bare id string. */
interface Remembered {
  readonly id: string;
  /** Undefined for an entry from before fingerprints: it matches any request. */
  readonly fingerprint: string | undefined;
}

/**
 * Makes a write idempotent per `Idempotency-Key`: the first call runs it and remembers the result's
 * id with the request's fingerprint (shared store and in-process LRU, `ttlMs`); a repeat of the
 * same request answers the remembered result instead of writing again, and the same key with a
 * different request is refused with `IDEMPOTENCY_KEY_REUSED` (HTTP 422), nothing written.
 * Concurrent repeats in this process share the first one's promise. Across gateway processes
 * racing on the same key, the service must also honour the key (the trips service does).
 */
export class IdempotencyStore {
  readonly #cache: GuardedCache;
  readonly #ttlMs: number;
  readonly #inFlight = new Map<string, { readonly fingerprint: string; readonly promise: Promise<unknown> }>();

  constructor(cache: GuardedCache, options: IdempotencyStoreOptions) {
    this.#cache = cache;
    this.#ttlMs = options.ttlMs;
  }

  /**
   * Runs `call.run` once per scope and key (see the class). Rejects with `IDEMPOTENCY_KEY_REUSED`
   * when the key was used for a request with another fingerprint, else with whatever the write
   * rejects with.
   */
  once<T>(call: OnceCall<T>): Promise<T> {
    const cacheKey = `idem:v1:${digest(`${call.scope}\u0000${call.key}`)}`;
    const pending = this.#inFlight.get(cacheKey);
    if (pending) return pending.fingerprint === call.fingerprint ? (pending.promise as Promise<T>) : Promise.reject(reused());
    const promise = this.#runOnce(cacheKey, call).finally(() => this.#inFlight.delete(cacheKey));
    this.#inFlight.set(cacheKey, { fingerprint: call.fingerprint, promise });
    return promise;
  }

  async #runOnce<T>(cacheKey: string, call: OnceCall<T>): Promise<T> {
    const remembered = readRemembered(await this.#cache.get<unknown>(cacheKey));
    if (remembered !== undefined) {
      if (remembered.fingerprint !== undefined && remembered.fingerprint !== call.fingerprint) throw reused();
      const earlier = await call.recall(remembered.id);
      if (earlier !== null && earlier !== undefined) return earlier;
    }
    const result = await call.run();
    const entry: Remembered = { id: call.idOf(result), fingerprint: call.fingerprint };
    await this.#cache.set(cacheKey, entry, this.#ttlMs);
    return result;
  }
}

/** A stored entry: `{ id, fingerprint }`, or a bare id from before fingerprints; anything else is nothing. */
function readRemembered(value: unknown): Remembered | undefined {
  if (typeof value === 'string') return { id: value, fingerprint: undefined };
  if (typeof value !== 'object' || value === null) return undefined;
  const { id, fingerprint } = value as { id?: unknown; fingerprint?: unknown };
  if (typeof id !== 'string') return undefined;
  return { id, fingerprint: typeof fingerprint === 'string' ? fingerprint : undefined };
}

function reused(): GatewayError {
  return new GatewayError('IDEMPOTENCY_KEY_REUSED');
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}
