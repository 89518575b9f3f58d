import { GraphQLError } from 'graphql';
import { requestFingerprint } from '../../cache/index.ts';
import { readOptions, writeOptions } from '../../subgraphs/RequestContext.ts';
import { pageSize } from '../../subgraphs/pageSize.ts';
import { createTrip, getNearestDrivers, sendNotification } from '../../upstreams/index.ts';
import { approximateNearby } from '../approximateNearby.ts';
import { checkLatLng } from '../checkLatLng.ts';
import { riderTrip, tripDriverPosition } from '../liveTrips.ts';
import { meAsRider, product, products } from '../productRoots.ts';
import { requireViewer } from '../requireViewer.ts';
import type { Resolvers } from './__generated__/resolvers.ts';

/** An `Idempotency-Key` of 1 to 255 printable ASCII characters; BAD_USER_INPUT otherwise. */
function idempotencyKey(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,255}$/.test(value)) {
    throw new GraphQLError('The Idempotency-Key header must be 1 to 255 printable ASCII characters.', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return value;
}

/** Passenger app BFF: the home screen's root fields and booking a ride. */
export const passengerResolvers: Resolvers = {
  Query: {
    me: meAsRider,
    nearbyDrivers: async (_parent, { lat, lng, first }, context) => {
      const location = checkLatLng('lat/lng', { lat, lng });
      const nearby = await getNearestDrivers(context.upstreams, location, pageSize(first, 20), readOptions(context));
      // The driver profiles came with the answer: later Driver lookups in this request are free.
      for (const entry of nearby) context.loaders.drivers.prime(entry.driver.id, entry.driver);
      return nearby;
    },
    products,
    product,
    trip: (_parent, { id }, context) => riderTrip(context, id),
    driverPosition: (_parent, { tripId }, context) => tripDriverPosition(context, tripId),
  },
  Mutation: {
    requestRide: async (_parent, { productId, pickup, dropoff }, context) => {
      const rider = requireViewer(context);
      const known = await context.loaders.products.load(productId);
      if (!known) {
        throw new GraphQLError(`There is no product "${productId}".`, { extensions: { code: 'BAD_USER_INPUT' } });
      }
      const key = idempotencyKey(context.idempotencyKey);
      const book = async () => {
        const trip = await createTrip(
          context.upstreams,
          {
            riderId: rider.id,
            productId,
            pickup: checkLatLng('pickup', pickup),
            dropoff: checkLatLng('dropoff', dropoff),
            ...(key ? { idempotencyKey: key } : {}),
          },
          writeOptions(context),
        );
        // A lost notification must not undo a booking: drivers also see the trip in their offers.
        sendNotification(context.upstreams, { recipientId: rider.id, kind: 'ride-requested', tripId: trip.id }, writeOptions(context)).catch(
          () => undefined,
        );
        return trip;
      };
      // Never retried by the gateway; an app retrying after a lost answer sends the same key and
      // gets the first booking back (the trips service honours the key too, across gateways).
      const trip =
        key && context.idempotency
          ? await context.idempotency.once({
              scope: `requestRide:${rider.id}`,
              key,
              // Every argument, as coerced: the same key for another ride is IDEMPOTENCY_KEY_REUSED (422).
              fingerprint: requestFingerprint('requestRide', { productId, pickup, dropoff }),
              run: book,
              idOf: (booked) => booked.id,
              recall: (id) => context.loaders.trips.load(id),
            })
          : await book();
      context.loaders.trips.prime(trip.id, trip);
      return trip;
    },
  },
  NearbyDriver: {
    id: (nearby) => nearby.driver.id,
    // Every passenger sees an approximate position (about 100 m), distance and ETA: APPS.md.
    etaSeconds: (nearby) => approximateNearby(nearby).etaSeconds,
    distanceMeters: (nearby) => approximateNearby(nearby).distanceMeters,
    location: (nearby) => {
      const { location } = approximateNearby(nearby);
      // NearestDrivers only answers drivers with a known position.
      if (!location) throw new GraphQLError('The drivers service sent a nearby driver without a position.');
      return location;
    },
    vehicle: (nearby) => nearby.driver.vehicle,
    driver: (nearby) => ({ id: nearby.driver.id }),
  },
};
