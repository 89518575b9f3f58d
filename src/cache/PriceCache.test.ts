import { Keyv } from 'keyv';
import { describe, expect, it } from 'vitest';
import { GuardedCache } from './GuardedCache.ts';
import { PriceCache } from './PriceCache.ts';

function priceCache(freshTtlMs: number, now: () => number): PriceCache {
  const shared = new GuardedCache({ keyv: new Keyv(), timeoutMs: 50, retryAfterMs: 200, lruMaxEntries: 100, now });
  return new PriceCache(shared, { ttlMs: 60_000, freshTtlMs, now });
}

describe('PriceCache', () => {
  it('read-through: serves a price quoted within the fresh TTL as pricing would answer it, and nothing older', async () => {
    let now = 100_000;
    const cache = priceCache(2_000, () => now);
    await cache.remember([{ productId: 'p-xl', price: { amount: 12.5, currency: 'EUR' }, quotedAtMs: now }]);
    expect(await cache.freshPrices(['p-xl', 'p-moto'])).toEqual([{ productId: 'p-xl', price: { amount: 12.5, currency: 'EUR' }, quotedAtMs: 100_000 }]);
    now += 2_001;
    expect(await cache.freshPrices(['p-xl'])).toEqual([]);
    // Past the fresh TTL it is still there for the stale fallback, within its own max age.
    expect(await cache.read('p-xl', 10_000)).toEqual({ amount: 12.5, currency: 'EUR', stale: true, quotedAt: new Date(100_000).toISOString() });
    expect(await cache.read('p-xl', 1_000)).toBeUndefined();
  });

  it('read-through is off with a fresh TTL of 0: every price is asked of pricing', async () => {
    const cache = priceCache(0, Date.now);
    await cache.remember([{ productId: 'p-xl', price: { amount: 12.5, currency: 'EUR' }, quotedAtMs: Date.now() }]);
    expect(await cache.freshPrices(['p-xl'])).toEqual([]);
  });
});
