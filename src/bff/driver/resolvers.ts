import { readOptions, writeOptions } from '../../subgraphs/RequestContext.ts';
import { pageSize } from '../../subgraphs/pageSize.ts';
import { acceptTrip, getOpenTrips, sendNotification, updateDriverLocation } from '../../upstreams/index.ts';
import { checkLatLng } from '../checkLatLng.ts';
import { driverTrip } from '../liveTrips.ts';
import { requireViewer } from '../requireViewer.ts';
import { viewerNotFound } from '../viewerNotFound.ts';
import type { Resolvers } from './__generated__/resolvers.ts';

/** Driver app BFF: the dashboard's root fields, taking rides and reporting position. */
export const driverResolvers: Resolvers = {
  Query: {
    me: async (_parent, _args, context) => {
      const { id } = requireViewer(context);
      // Loaded here (the drivers subgraph reads the same DataLoader: no extra call) so that a drivers
      // failure is this field's, and its @fallback(kind: NULL) reports it. An unknown subject is NOT_FOUND.
      if (!(await context.loaders.drivers.load(id))) throw viewerNotFound('driver', id);
      return { id };
    },
    rideOffers: async (_parent, { first }, context) => {
      const limit = pageSize(first, 20);
      // Offers are near the driver: the driver's position first, then the trips around it.
      const driver = await context.loaders.drivers.load(requireViewer(context).id);
      if (!driver?.location) return [];
      const trips = await getOpenTrips(context.upstreams, driver.location, limit, readOptions(context));
      for (const trip of trips) context.loaders.trips.prime(trip.id, trip);
      // Offered to this driver: the owner rule TRIP_OFFERED_DRIVER lets them see the pickup and fare estimate.
      context.relations.offerTrips(trips.map((trip) => trip.id));
      return trips;
    },
    trip: (_parent, { id }, context) => driverTrip(context, id),
  },
  Mutation: {
    acceptRide: async (_parent, { tripId }, context) => {
      const driver = requireViewer(context);
      const trip = await acceptTrip(context.upstreams, tripId, driver.id, writeOptions(context));
      context.loaders.trips.clear(trip.id).prime(trip.id, trip);
      // A lost notification must not undo an accepted ride: the rider's app also polls the trip.
      sendNotification(context.upstreams, { recipientId: trip.riderId, kind: 'ride-accepted', tripId: trip.id }, writeOptions(context)).catch(
        () => undefined,
      );
      return trip;
    },
    updateLocation: (_parent, { lat, lng }, context) =>
      updateDriverLocation(context.upstreams, requireViewer(context).id, checkLatLng('lat/lng', { lat, lng }), writeOptions(context)),
  },
};
