/** Caching: Keyv stores (memory by default, Redis with REDIS_URL) behind a guard that never blocks, the price cache, idempotency keys. */
export { createKeyv, type KeyvStore } from './createKeyv.ts';
export { GuardedCache, type GuardedCacheOptions } from './GuardedCache.ts';
export { IdempotencyStore, type IdempotencyStoreOptions, type OnceCall } from './IdempotencyStore.ts';
export { requestFingerprint } from './requestFingerprint.ts';
export { PriceCache, priceKey, type CachedPrice, type PriceCacheOptions, type StalePrice } from './PriceCache.ts';
export { createGatewayCaches, type GatewayCaches } from './createGatewayCaches.ts';
export { PersistedQueryStore, persistedQueryKey } from './PersistedQueryStore.ts';
