import type { FallbackProviders } from '../../resilience/index.ts';
import type { EntityRef } from '../EntityRef.ts';
import type { RequestContext } from '../RequestContext.ts';

/** `Product.price @fallback(kind: CACHE, maxAgeSeconds: ...)`: the newest cached price, marked stale. */
export const pricingFallbacks: FallbackProviders<RequestContext> = {
  'Product.price': ({ source, context, maxAgeSeconds }) => context.priceCache?.read((source as EntityRef).id, (maxAgeSeconds ?? 0) * 1000),
};
