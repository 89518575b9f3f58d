import { pageSize } from '../pageSize.ts';
import type { Resolvers } from './__generated__/resolvers.ts';

/** Recommendations subgraph: related products from the recommendations service. */
export const recommendationsResolvers: Resolvers = {
  Product: {
    recommendations: async (product, { first }, context) => {
      const ids = await context.loaders.recommendations.load(product.id);
      return ids.slice(0, pageSize(first, 50)).map((id) => ({ id }));
    },
  },
};
