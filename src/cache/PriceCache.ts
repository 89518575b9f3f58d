import { LRUCache } from 'lru-cache';
import type { ProductPriceRecord } from '../upstreams/index.ts';
import type { GuardedCache } from './GuardedCache.ts';

/** A price as cached: what pricing quoted, and when. */
export interface CachedPrice {
  readonly amount: number;
  readonly currency: string;
  readonly quotedAtMs: number;
}

/** A cached price served in place of a fresh one (the schema's `Price`). */
export interface StalePrice {
  readonly amount: number;
  readonly currency: string;
  readonly stale: true;
  /** ISO time pricing quoted it. */
  readonly quotedAt: string;
}

/** Options of {@link PriceCache}. */
export interface PriceCacheOptions {
  /** How long a price is kept, ms (the stale window's upper bound). */
  readonly ttlMs: number;
  /** A price quoted at most this long ago is served as fresh (read-through), ms; 0 turns read-through off. Default 0. */
  readonly freshTtlMs?: number;
  /** Clock, ms. Default `Date.now`. */
  readonly now?: () => number;
}

/** The cache key of a product's price (versioned: a change of shape gets a new prefix). */
export function priceKey(productId: string): string {
  return `price:v1:${productId}`;
}

/**
 * Product prices for the `@fallback(kind: CACHE)` of `Product.price`: every fresh price the pricing
 * loader receives is written through (in the background, never delaying the answer); when pricing
 * fails, the newest cached price (shared store or in-process) is served as `stale: true` with its
 * original `quotedAt`, but only within the field's `maxAgeSeconds`.
 */
export class PriceCache {
  readonly #cache: GuardedCache;
  readonly #ttlMs: number;
  readonly #freshTtlMs: number;
  readonly #now: () => number;
  /** Quote time last stored in the shared store, per key: the same quote is not written again. */
  readonly #written: LRUCache<string, number>;

  constructor(cache: GuardedCache, options: PriceCacheOptions) {
    this.#cache = cache;
    this.#ttlMs = options.ttlMs;
    this.#freshTtlMs = options.freshTtlMs ?? 0;
    this.#now = options.now ?? Date.now;
    this.#written = new LRUCache({ max: 10_000, ttlResolution: 0, perf: { now: this.#now } });
  }

  /**
   * Writes fresh prices through; callers need not wait (resolvers do not), the promise settles once
   * every write has (it never rejects), for whoever must know. A quote the shared store already took
   * is not written again; one it missed (store down) is written again with the next fresh answer.
   */
  remember(records: readonly ProductPriceRecord[]): Promise<void> {
    const writes: Promise<void>[] = [];
    for (const record of records) {
      if (!record.price) continue;
      const key = priceKey(record.productId);
      if (this.#written.get(key) === record.quotedAtMs) continue;
      const entry: CachedPrice = { amount: record.price.amount, currency: record.price.currency, quotedAtMs: record.quotedAtMs };
      writes.push(
        this.#cache.set(key, entry, this.#ttlMs).then((stored) => {
          if (stored) this.#written.set(key, record.quotedAtMs, { ttl: this.#ttlMs });
        }),
      );
    }
    return Promise.all(writes).then(() => undefined);
  }

  /** The newest cached price of a product quoted at most `maxAgeMs` ago, as a stale price; `undefined` when none. */
  async read(productId: string, maxAgeMs: number): Promise<StalePrice | undefined> {
    const newest = await this.#newest(productId, maxAgeMs);
    if (!newest) return undefined;
    return { amount: newest.amount, currency: newest.currency, stale: true, quotedAt: new Date(newest.quotedAtMs).toISOString() };
  }

  /**
   * Read-through: the cached prices among `productIds` young enough to serve as fresh (quoted
   * within `freshTtlMs`), as pricing would answer them; none when read-through is off.
   */
  async freshPrices(productIds: readonly string[]): Promise<ProductPriceRecord[]> {
    if (this.#freshTtlMs === 0) return [];
    const found = await Promise.all(
      productIds.map(async (productId): Promise<ProductPriceRecord | undefined> => {
        const newest = await this.#newest(productId, this.#freshTtlMs);
        return newest && { productId, price: { amount: newest.amount, currency: newest.currency }, quotedAtMs: newest.quotedAtMs };
      }),
    );
    return found.filter((record) => record !== undefined);
  }

  /** The newest cached quote of a product (shared store or in-process), if quoted at most `maxAgeMs` ago. */
  async #newest(productId: string, maxAgeMs: number): Promise<CachedPrice | undefined> {
    const { shared, local } = await this.#cache.getBoth<CachedPrice>(priceKey(productId));
    const newest = [shared, local].filter(isCachedPrice).sort((a, b) => b.quotedAtMs - a.quotedAtMs)[0];
    return newest && this.#now() - newest.quotedAtMs <= maxAgeMs ? newest : undefined;
  }
}

function isCachedPrice(value: unknown): value is CachedPrice {
  const entry = value as CachedPrice | undefined;
  return typeof entry?.amount === 'number' && typeof entry.currency === 'string' && typeof entry.quotedAtMs === 'number';
}
