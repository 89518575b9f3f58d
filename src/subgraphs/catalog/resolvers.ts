import type { Resolvers } from './__generated__/resolvers.ts';

/** Catalog subgraph: ride products from the catalog service. */
export const catalogResolvers: Resolvers = {
  Product: {
    __resolveReference: (product, context) => context.loaders.products.load(product.id),
  },
};
