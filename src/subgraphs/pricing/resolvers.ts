import type { Resolvers } from './__generated__/resolvers.ts';

/** Pricing subgraph: product prices, trip fares and driver earnings from the pricing service (gRPC). */
export const pricingResolvers: Resolvers = {
  Product: {
    price: async (product, _args, context) => {
      const quote = await context.loaders.prices.load(product.id);
      if (!quote?.price) return null;
      return {
        amount: quote.price.amount,
        currency: quote.price.currency,
        stale: false,
        quotedAt: new Date(quote.quotedAtMs).toISOString(),
      };
    },
  },
  Trip: {
    fare: (trip, _args, context) =>
      context.loaders.fares.load({ key: trip.id, productId: trip.product.id, distanceMeters: trip.distanceMeters }),
    fareEstimate: (trip, _args, context) =>
      context.loaders.fares.load({ key: trip.id, productId: trip.product.id, distanceMeters: trip.distanceMeters }),
  },
  Driver: {
    earnings: (driver, { period }, context) => context.loaders.earnings.load({ driverId: driver.id, period }),
  },
};
