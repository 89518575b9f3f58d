import type { CallOptions } from '../transport/types.ts';
import type { Upstreams } from './Upstreams.ts';

/** Related product ids per product, in one call. */
export function getRecommendations(
  upstreams: Upstreams,
  productIds: readonly string[],
  options: CallOptions,
): Promise<Record<string, string[]>> {
  return upstreams.rest('recommendations').call<Record<string, string[]>>(
    { method: 'GET', path: '/recommendations', query: { productIds: productIds.join(',') } },
    options,
  );
}
