import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DriverDashboardQuery } from '../clients/driver/__generated__/operations.ts';
import type { PassengerHomeQuery } from '../clients/passenger/__generated__/operations.ts';
import type { ProductDetailsQuery, ProductsQuery, TripHistoryQuery } from '../clients/web/__generated__/operations.ts';
import { operation } from './harness/operations.ts';
import { loadTolerantEnv } from './harness/loadTolerantEnv.ts';
import { startSystem, type RunningSystem } from './harness/startSystem.ts';
import { waitFor } from './harness/waitFor.ts';

let system: RunningSystem;
beforeAll(async () => {
  system = await startSystem(loadTolerantEnv);
});
afterAll(() => system?.stop());

const centre = { lat: 38.7223, lng: -9.1393 };

describe('every screen in APPS.md runs as written against the demo fleet', () => {
  it('PassengerHome: the rider, 10 trips with fare and driver, 5 nearby drivers, every product with a price', async () => {
    const result = await system.graphql<PassengerHomeQuery>('passenger', operation('passenger/PassengerHome'), centre);
    expect(result.errors).toBeUndefined();
    const { me, nearbyDrivers, products } = result.data!;
    expect(me).toMatchObject({ id: 'r-0001', name: expect.any(String), rating: expect.any(Number) });
    expect(me!.recentTrips).toHaveLength(10);
    for (const trip of me!.recentTrips!) {
      expect(trip.fare).toMatchObject({ amount: expect.any(Number), currency: 'EUR' });
      if (trip.status === 'COMPLETED') expect(trip.driver).toMatchObject({ id: expect.stringMatching(/^d-/), vehicle: { plate: expect.any(String) } });
    }
    expect(nearbyDrivers).toHaveLength(5);
    expect(nearbyDrivers![0]).toMatchObject({ etaSeconds: expect.any(Number), location: { lat: expect.any(Number) }, vehicle: { model: expect.any(String) } });
    expect(products).toHaveLength(8);
    for (const product of products!) expect(product.price).toMatchObject({ amount: expect.any(Number), currency: 'EUR', stale: false });
  });

  it('DriverDashboard: the driver with vehicle and earnings, and ride offers near them', async () => {
    const result = await system.graphql<DriverDashboardQuery>('driver', operation('driver/DriverDashboard'));
    expect(result.errors).toBeUndefined();
    const { me, rideOffers } = result.data!;
    expect(me).toMatchObject({ id: 'd-0001', status: 'AVAILABLE', vehicle: { plate: expect.any(String) }, earnings: { currency: 'EUR' } });
    expect(rideOffers!.length).toBeGreaterThan(0);
    expect(rideOffers![0]).toMatchObject({ pickup: { lat: expect.any(Number) }, rider: { name: expect.any(String) }, fareEstimate: { currency: 'EUR' } });
  });

  it('Products and ProductDetails for an anonymous web visitor', async () => {
    const list = await system.graphql<ProductsQuery>('web', operation('web/Products'), {}, { token: null });
    expect(list.errors).toBeUndefined();
    expect(list.data!.products).toHaveLength(8);
    const details = await system.graphql<ProductDetailsQuery>('web', operation('web/ProductDetails'), { id: 'p-comfort' }, { token: null });
    expect(details.errors).toBeUndefined();
    const product = details.data!.product!;
    expect(product).toMatchObject({ id: 'p-comfort', name: 'Comfort', description: expect.any(String), price: { stale: false } });
    expect(product.reviews).toHaveLength(5);
    expect(product.reviews![0]).toMatchObject({ rating: expect.any(Number), author: { name: expect.any(String) } });
    expect(product.recommendations!.length).toBeGreaterThan(0);
    expect(product.recommendations![0]).toMatchObject({ name: expect.any(String), price: { currency: 'EUR' } });
  });

  it('ProductDetails of an unknown product is null without an error', async () => {
    const details = await system.graphql<ProductDetailsQuery>('web', operation('web/ProductDetails'), { id: 'p-nope' }, { token: null });
    expect(details.errors).toBeUndefined();
    expect(details.data!.product).toBeNull();
  });

  it('TripHistory returns up to 200 of a signed-in rider’s trips, newest first', async () => {
    const result = await system.graphql<TripHistoryQuery>('web', operation('web/TripHistory'), { first: 200 });
    expect(result.errors).toBeUndefined();
    const trips = result.data!.me!.trips!;
    expect(trips).toHaveLength(200);
    const times = trips.map((trip) => Date.parse(trip.requestedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('a page size out of range is a BAD_USER_INPUT error on that field', async () => {
    const result = await system.graphql<TripHistoryQuery>('web', operation('web/TripHistory'), { first: 1000 });
    expect(result.errors?.[0]).toMatchObject({ path: ['me', 'trips'], extensions: { code: 'BAD_USER_INPUT' } });
  });
});

describe('mutations', () => {
  it('a passenger requests a ride, the driver sees it in their offers and accepts it once', async () => {
    const requested = await system.graphql<{ requestRide: { id: string; status: string; fareEstimate: { amount: number } } }>(
      'passenger',
      operation('passenger/RequestRide'),
      { productId: 'p-economy', pickup: { lat: 38.7225, lng: -9.1390 }, dropoff: { lat: 38.7369, lng: -9.1427 } },
    );
    expect(requested.errors).toBeUndefined();
    const trip = requested.data!.requestRide;
    expect(trip).toMatchObject({ status: 'REQUESTED', fareEstimate: { amount: expect.any(Number) } });

    const offers = await system.graphql<{ rideOffers: { id: string }[] }>('driver', 'query { rideOffers(first: 20) { id } }');
    expect(offers.data!.rideOffers.map((offer) => offer.id)).toContain(trip.id);

    const accepted = await system.graphql('driver', operation('driver/AcceptRide'), { tripId: trip.id });
    expect(accepted.data).toEqual({ acceptRide: { id: trip.id, status: 'ACCEPTED' } });
    const again = await system.graphql('driver', operation('driver/AcceptRide'), { tripId: trip.id }, { token: await system.token('driver', 'd-0002') });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('requesting a ride for an unknown product or an impossible point is BAD_USER_INPUT', async () => {
    const unknown = await system.graphql('passenger', operation('passenger/RequestRide'), {
      productId: 'p-rocket', pickup: { lat: 38.7, lng: -9.1 }, dropoff: { lat: 38.8, lng: -9.2 },
    });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const offEarth = await system.graphql('passenger', operation('passenger/RequestRide'), {
      productId: 'p-economy', pickup: { lat: 138.7, lng: -9.1 }, dropoff: { lat: 38.8, lng: -9.2 },
    });
    expect(offEarth.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('a driver updates their location, and every drivers instance sees it', async () => {
    const token = await system.token('driver', 'd-0003');
    const moved = await system.graphql('driver', operation('driver/UpdateLocation'), { lat: 39.5, lng: -8.0 }, { token });
    expect(moved).toMatchObject({ data: { updateLocation: true } });
    // Writes are relayed to the other instance within milliseconds; reads are spread over both.
    await waitFor(async () => {
      const reads = await Promise.all(
        Array.from({ length: 6 }, () => system.graphql<{ me: { location: { lat: number; lng: number } } }>('driver', '{ me { location { lat lng } } }', {}, { token })),
      );
      return reads.every((read) => read.data?.me.location.lat === 39.5 && read.data.me.location.lng === -8) ? true : undefined;
    }, 5_000, 'the new location on every drivers instance');
  });
});
