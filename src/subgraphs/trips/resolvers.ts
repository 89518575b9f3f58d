import { pageSize } from '../pageSize.ts';
import type { Resolvers } from './__generated__/resolvers.ts';

/** The most trips one list field returns. */
const maxTrips = 200;

/** Trips subgraph: trips and each rider's trip lists from the trips service. */
export const tripsResolvers: Resolvers = {
  Trip: {
    __resolveReference: (trip, context) => context.loaders.trips.load(trip.id),
    product: (trip) => ({ id: trip.productId }),
    rider: (trip) => ({ id: trip.riderId }),
    driver: (trip) => (trip.driverId ? { id: trip.driverId } : null),
    // Services that predate live trips send no ETA: null.
    etaSeconds: (trip) => trip.etaSeconds ?? null,
  },
  Rider: {
    recentTrips: (rider, { first }, context) =>
      context.loaders.tripsByRider.load({ id: rider.id, first: pageSize(first, maxTrips) }),
    trips: (rider, { first }, context) =>
      context.loaders.tripsByRider.load({ id: rider.id, first: pageSize(first, maxTrips) }),
  },
};
