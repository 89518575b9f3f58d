import { Keyv } from 'keyv';
import { LRUCache } from 'lru-cache';
import type { ApqConfig, CacheConfig } from '../config/index.ts';
import type { KeyvStore } from './createKeyv.ts';
import { GuardedCache } from './GuardedCache.ts';

/** `apq:v1:<sha256 hex of the query text>` → the query text. */
export function persistedQueryKey(sha256Hex: string): string {
  return `apq:v1:${sha256Hex}`;
}

/**
 * Query texts registered through automatic persisted queries, by the sha256 of their text. With
 * Redis (`REDIS_URL`) every replica shares them (a TTL bounds how long they stay); every process
 * also keeps the most recently used `maxEntries` in memory. No call blocks a request for longer
 * than the cache timeout: a slow or absent Redis is a miss (the client then resends the text).
 * Texts longer than `maxQueryBytes` are never stored.
 */
export class PersistedQueryStore {
  readonly #cache: GuardedCache;
  readonly #maxQueryBytes: number;
  readonly #ttlMs: number;

  constructor(cache: GuardedCache, options: Pick<ApqConfig, 'maxQueryBytes' | 'ttlMs'>) {
    this.#cache = cache;
    this.#maxQueryBytes = options.maxQueryBytes;
    this.#ttlMs = options.ttlMs;
  }

  /**
   * The store over the gateway's Keyv store: Redis's when there is one; else an in-memory level
   * bounded to `maxEntries` (Keyv's own memory store is an unbounded Map).
   */
  static over(store: KeyvStore, config: CacheConfig): PersistedQueryStore {
    const keyv = store.kind === 'redis' ? store.keyv : new Keyv({ store: boundedMap(config.apq.maxEntries), namespace: config.namespace });
    const cache = new GuardedCache({ keyv, timeoutMs: config.timeoutMs, retryAfterMs: config.retryAfterMs, lruMaxEntries: config.apq.maxEntries });
    return new PersistedQueryStore(cache, config.apq);
  }

  /** The query text registered under `sha256Hex`; undefined when nobody registered it (or Redis did not answer in time). */
  async lookup(sha256Hex: string): Promise<string | undefined> {
    const text = await this.#cache.get<unknown>(persistedQueryKey(sha256Hex));
    return typeof text === 'string' ? text : undefined;
  }

  /** Registers `query` under its hash; resolves false when it is too long to keep or the shared store did not take it. Never rejects. */
  async register(sha256Hex: string, query: string): Promise<boolean> {
    if (Buffer.byteLength(query) > this.#maxQueryBytes) return false;
    return this.#cache.set(persistedQueryKey(sha256Hex), query, this.#ttlMs);
  }
}

/**
 * A Map-like store for Keyv that keeps the `max` most recently used entries. (Keyv passes its TTL
 * as a number to `set`, which lru-cache would read as options: the TTL is in Keyv's value anyway.)
 */
function boundedMap(max: number): Map<string, unknown> {
  const lru = new LRUCache<string, { readonly value: unknown }>({ max });
  const map = {
    get: (key: string) => lru.get(key)?.value,
    set: (key: string, value: unknown) => {
      lru.set(key, { value });
      return map;
    },
    has: (key: string) => lru.has(key),
    delete: (key: string) => lru.delete(key),
    clear: () => lru.clear(),
  };
  return map as unknown as Map<string, unknown>;
}
