import { meAsRider, product, products } from '../productRoots.ts';
import type { Resolvers } from './__generated__/resolvers.ts';

/** Web BFF: public product pages for anyone, trip history for a signed-in rider. */
export const webResolvers: Resolvers = {
  Query: {
    me: meAsRider,
    products,
    product,
  },
};
