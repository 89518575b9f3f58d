import type { FallbackProviders } from '../../resilience/index.ts';
import type { EntityRef } from '../EntityRef.ts';
import type { RequestContext } from '../RequestContext.ts';

/**
 * The default top list (at most 10 product ids), most booked first: what a product page recommends
 * when the recommendations service cannot answer. Only products the catalog has: an unknown id
 * would null the whole list (its items are non-null).
 */
export const topProductIds: readonly string[] = Object.freeze(['p-economy', 'p-comfort', 'p-xl', 'p-green', 'p-black', 'p-pool', 'p-moto', 'p-pet']);

/** `Product.recommendations @fallback(kind: DEFAULT)`: the top list, without the product itself, at most `first`. */
export const recommendationsFallbacks: FallbackProviders<RequestContext> = {
  'Product.recommendations': ({ source, args }) => {
    const self = (source as EntityRef).id;
    const first = typeof args.first === 'number' ? args.first : 10;
    return topProductIds
      .filter((id) => id !== self)
      .slice(0, Math.max(0, first))
      .map((id) => ({ id }));
  },
};
