import type { CacheConfig } from '../config/index.ts';
import { createKeyv, type KeyvStore } from './createKeyv.ts';
import { GuardedCache } from './GuardedCache.ts';
import { IdempotencyStore } from './IdempotencyStore.ts';
import { PersistedQueryStore } from './PersistedQueryStore.ts';
import { PriceCache } from './PriceCache.ts';

/** The gateway's caches over one Keyv store (Redis with REDIS_URL), all behind one guard that never blocks. */
export interface GatewayCaches {
  readonly store: KeyvStore;
  readonly shared: GuardedCache;
  readonly prices: PriceCache;
  readonly idempotency: IdempotencyStore;
  /** Automatic persisted queries' texts by hash (bounded; shared through Redis with REDIS_URL). */
  readonly persistedQueries: PersistedQueryStore;
}

/** Creates the Keyv store, its guard (timeouts, in-process LRU), the price cache, the idempotency store and the persisted queries. */
export function createGatewayCaches(config: CacheConfig): GatewayCaches {
  const store = createKeyv(config);
  const shared = new GuardedCache({
    keyv: store.keyv,
    timeoutMs: config.timeoutMs,
    retryAfterMs: config.retryAfterMs,
    lruMaxEntries: config.lruMaxEntries,
  });
  return {
    store,
    shared,
    prices: new PriceCache(shared, { ttlMs: config.priceTtlMs, freshTtlMs: config.priceFreshTtlMs }),
    idempotency: new IdempotencyStore(shared, { ttlMs: config.idempotencyTtlMs }),
    persistedQueries: PersistedQueryStore.over(store, config),
  };
}
