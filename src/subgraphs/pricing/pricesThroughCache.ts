import type { PriceCache } from '../../cache/index.ts';
import type { ProductPriceRecord } from '../../upstreams/index.ts';
import { mapByKey } from '../loaders/mapByKey.ts';

/**
 * The price cache's read- and write-through policy, in one place: cached prices young enough to
 * count as fresh are served without asking pricing (read-through, when `PRICE_FRESH_TTL_MS` > 0);
 * pricing is asked for the rest; every fresh price it returns is written through in the background
 * (never waited for) for the next read-through and for `Product.price`'s CACHE fallback
 * (`pricingFallbacks.ts`). Without a cache, every price comes from pricing. Results follow `ids`.
 */
export async function pricesThroughCache(
  ids: readonly string[],
  priceCache: PriceCache | undefined,
  fetchPrices: (missing: readonly string[]) => Promise<ProductPriceRecord[]>,
): Promise<(ProductPriceRecord | null)[]> {
  const cached = (await priceCache?.freshPrices(ids)) ?? [];
  const cachedIds = new Set(cached.map((price) => price.productId));
  const missing = cachedIds.size === 0 ? ids : ids.filter((id) => !cachedIds.has(id));
  const fetched = missing.length > 0 ? await fetchPrices(missing) : [];
  priceCache?.remember(fetched);
  return mapByKey(ids, [...cached, ...fetched], (p) => p.productId);
}
