import type { Resolvers } from './__generated__/resolvers.ts';

/** Riders subgraph: rider profiles from the riders service. */
export const ridersResolvers: Resolvers = {
  Rider: {
    __resolveReference: (rider, context) => context.loaders.riders.load(rider.id),
  },
};
