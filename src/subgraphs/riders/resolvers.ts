import type { Resolvers } from './__generated__/resolvers.ts';

/** Riders subgraph: rider profiles from the riders service. */
export const ridersResolvers: Resolvers = {
  Rider: {
    __resolveReference: (rider, context) => context.loaders.riders.load(rider.id),
  },
  PublicProfile: {
    // Only what a profile shows: nothing here leads back to the Rider.
    __resolveReference: async (profile, context) => {
      const rider = await context.loaders.riders.load(profile.id);
      return rider && { id: rider.id, name: rider.name };
    },
  },
};
