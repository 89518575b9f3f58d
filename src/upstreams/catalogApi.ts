import type { CallOptions } from '../transport/types.ts';
import type { ProductRecord } from './records.ts';
import type { Upstreams } from './Upstreams.ts';

/** Every product on offer, in catalogue order. */
export function listProducts(upstreams: Upstreams, options: CallOptions): Promise<ProductRecord[]> {
  return upstreams.rest('catalog').call<ProductRecord[]>({ method: 'GET', path: '/products' }, options);
}

/** Products by id, in one call; unknown ids are left out. */
export function getProducts(upstreams: Upstreams, ids: readonly string[], options: CallOptions): Promise<ProductRecord[]> {
  return upstreams.rest('catalog').call<ProductRecord[]>({ method: 'GET', path: '/products', query: { ids: ids.join(',') } }, options);
}
