import { pageSize } from '../pageSize.ts';
import type { Resolvers } from './__generated__/resolvers.ts';

/** The most reviews one list field returns. */
const maxReviews = 50;

/** Reviews subgraph: what riders say about products and drivers, from the reviews service. */
export const reviewsResolvers: Resolvers = {
  Product: {
    reviews: (product, { first }, context) =>
      context.loaders.productReviews.load({ id: product.id, first: pageSize(first, maxReviews) }),
  },
  Driver: {
    reviews: (driver, { first }, context) =>
      context.loaders.driverReviews.load({ id: driver.id, first: pageSize(first, maxReviews) }),
  },
  Review: {
    // A public profile, never the Rider: the author's trips are no one else's business.
    author: (review) => ({ id: review.authorId }),
  },
};
