import { approximateNearby } from '../../../src/bff/approximateNearby.ts';
import type { CallOptions } from '../../../src/transport/index.ts';
import {
  getDrivers,
  getNearestDrivers,
  getProductPrices,
  getRiders,
  getTripsByRider,
  listProducts,
  quoteFares,
  type DriverRecord,
  type Upstreams,
} from '../../../src/upstreams/index.ts';
import { ErrorList, type HandwrittenResult } from './HandwrittenResult.ts';

/** The passenger home screen's inputs. */
export interface PassengerHomeInput {
  readonly riderId: string;
  readonly lat: number;
  readonly lng: number;
  /** How many recent trips (PassengerHome asks for 10). */
  readonly first: number;
}

/**
 * The PassengerHome screen by hand: the same service calls the gateway makes (rider, trips page,
 * nearest drivers, products then their prices; then fares and the trips' drivers that the nearby
 * answer did not already bring), concurrent where independent, JSON assembled directly.
 */
export async function passengerHome(upstreams: Upstreams, input: PassengerHomeInput, options: CallOptions): Promise<HandwrittenResult> {
  const errors = new ErrorList();
  const [riders, tripsByRider, nearby, products] = await Promise.all([
    errors.settle(['me'], getRiders(upstreams, [input.riderId], options)),
    errors.settle(['me', 'recentTrips'], getTripsByRider(upstreams, [input.riderId], input.first, options)),
    errors.settle(['nearbyDrivers'], getNearestDrivers(upstreams, { lat: input.lat, lng: input.lng }, 5, options)),
    errors.settle(
      ['products'],
      listProducts(upstreams, options).then(async (list) => {
        const prices = await getProductPrices(upstreams, list.map((p) => p.id), options).catch((error: unknown) => {
          errors.add(['products', 'price'], error);
          return [];
        });
        const byId = new Map(prices.map((p) => [p.productId, p.price]));
        return list.map((p) => {
          const price = byId.get(p.id);
          return { id: p.id, name: p.name, price: price ? { amount: price.amount, currency: price.currency, stale: false } : null };
        });
      }),
    ),
  ]);
  const rider = riders?.[0] ?? null;
  const trips = tripsByRider?.[input.riderId] ?? (tripsByRider ? [] : null);

  const known = new Map<string, DriverRecord>();
  for (const entry of nearby ?? []) known.set(entry.driver.id, entry.driver);
  const missing = [...new Set((trips ?? []).flatMap((t) => (t.driverId && !known.has(t.driverId) ? [t.driverId] : [])))];
  const [fares, drivers] = await Promise.all([
    trips && trips.length > 0
      ? errors.settle(
          ['me', 'recentTrips', 'fare'],
          quoteFares(upstreams, trips.map((t) => ({ key: t.id, productId: t.productId, distanceMeters: t.distanceMeters })), options),
        )
      : [],
    missing.length > 0 ? errors.settle(['me', 'recentTrips', 'driver'], getDrivers(upstreams, missing, options)) : [],
  ]);
  for (const driver of drivers ?? []) known.set(driver.id, driver);
  const fareByTrip = new Map((fares ?? []).map((f) => [f.key, f.fare]));

  const me = rider && {
    id: rider.id,
    name: rider.name,
    rating: rider.rating,
    recentTrips:
      trips &&
      trips.map((trip) => {
        const fare = fareByTrip.get(trip.id) ?? null;
        const driver = trip.driverId ? (known.get(trip.driverId) ?? null) : null;
        return {
          id: trip.id,
          status: trip.status,
          fare: fare && { amount: fare.amount, currency: fare.currency },
          driver: driver && {
            id: driver.id,
            name: driver.name,
            rating: driver.rating,
            vehicle: { plate: driver.vehicle.plate, model: driver.vehicle.model },
          },
        };
      }),
  };
  const nearbyDrivers =
    nearby &&
    nearby.map((entry) => {
      // What every passenger may see of a nearby driver, as the gateway answers it: about 100 m.
      const { etaSeconds, location } = approximateNearby(entry);
      return { id: entry.driver.id, etaSeconds, location, vehicle: { model: entry.driver.vehicle.model } };
    });
  return errors.result({ me, nearbyDrivers, products });
}
