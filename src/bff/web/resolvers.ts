import { product, products } from '../productRoots.ts';
import { requireViewer } from '../requireViewer.ts';
import type { Resolvers } from './__generated__/resolvers.ts';

/** Web BFF: public product pages for anyone, trip history for a signed-in rider. */
export const webResolvers: Resolvers = {
  Query: {
    me: (_parent, _args, context) => ({ id: requireViewer(context).id }),
    products,
    product,
  },
};
