import DataLoader from 'dataloader';
import { getProducts, listProducts, type ProductRecord } from '../../upstreams/index.ts';
import type { LoaderFactories } from '../loaders/defineLoaders.ts';
import { mapByKey } from '../loaders/mapByKey.ts';

/** The catalog subgraph's DataLoaders. */
export interface CatalogLoaders {
  /** Products by id. */
  readonly products: DataLoader<string, ProductRecord | null>;
  /** Every product on offer (one call per request); also primes {@link products}. */
  readonly allProducts: () => Promise<ProductRecord[]>;
}

/** How a request makes {@link CatalogLoaders}: one catalog call per batch, and one for the whole list. */
export const catalogLoaders: LoaderFactories<CatalogLoaders> = {
  products: ({ upstreams, options }) => new DataLoader(async (ids) => mapByKey(ids, await getProducts(upstreams, ids, options), (p) => p.id)),
  allProducts: ({ upstreams, options }, loaders) => {
    let all: Promise<ProductRecord[]> | undefined;
    return () =>
      (all ??= listProducts(upstreams, options).then((products) => {
        for (const product of products) loaders.products.prime(product.id, product);
        return products;
      }));
  },
};
