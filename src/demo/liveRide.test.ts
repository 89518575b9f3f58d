import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../test/harness/waitFor.ts';
import { AmqpEventFeed } from '../events/AmqpEventFeed.ts';
import { cellOf } from '../events/cells.ts';
import type { DomainEvent, DriverLocationEvent, TripStatusEvent } from '../events/DomainEvent.ts';
import { driverLocationKey, offersKey, tripStatusKey } from '../events/routingKeys.ts';
import { loadGrpcService } from './grpc/loadGrpcService.ts';
import type { FleetInstance } from './ipc/fleetMessages.ts';
import type { Trip } from './seed/types.ts';
import { startFleet, type RunningFleet } from './startFleet.ts';

/** Two instances of each service a ride touches: every event must still be published once. */
const ONLY = { trips: 2, drivers: 2, riders: 0, promotions: 0, catalog: 0, pricing: 0, reviews: 0, recommendations: 0, notifications: 0 };
// Short enough for a quick test, long enough that polling on two busy cores still sees the ride in motion.
const STEP_MS = 1_000;
/** A rider and a driver no other test uses: other fleets (other test files) publish on the same exchange, with the same trip ids. */
const RIDER = 'r-0777';
const DRIVER = 'd-0433';
const PICKUP = { lat: 38.7225, lng: -9.139 };
const DROPOFF = { lat: 38.7369, lng: -9.1427 };
/** About 1 km south of the pickup: where the driver says they are before accepting. */
const DRIVER_START = { lat: 38.7135, lng: -9.139 };

const DriversClient = loadGrpcService('drivers');
let fleet: RunningFleet;
let feed: AmqpEventFeed;
let instances: FleetInstance[];
const events: DomainEvent[] = [];

const addressOf = (id: string): string => instances.find((instance) => instance.id === id)?.address ?? '';

async function rest<T>(instance: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`http://${addressOf(instance)}${path}`, body === undefined ? undefined : { method: 'POST', body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as T };
}

function unary<T>(instance: string, method: string, request: object): Promise<T> {
  const client = new DriversClient(addressOf(instance), grpc.credentials.createInsecure());
  return new Promise<T>((resolve, reject) => {
    const call = (client as unknown as Record<string, Function>)[method];
    call?.call(client, request, { deadline: Date.now() + 5_000 }, (error: grpc.ServiceError | null, response: T) => {
      client.close();
      if (error) reject(error);
      else resolve(response);
    });
  });
}

beforeAll(async () => {
  fleet = await startFleet({ instances: ONLY, stdio: 'ignore', rideStepMs: STEP_MS, amqpUrl: 'amqp://guest:guest@127.0.0.1:5672' });
  instances = [...fleet.instances()];
  feed = new AmqpEventFeed({ url: 'amqp://guest:guest@127.0.0.1:5672', log: () => undefined });
}, 120_000);
afterAll(async () => {
  await feed?.close();
  await fleet?.stop();
});

describe('a demo ride, as live events', () => {
  it('REQUESTED, the offer, ACCEPTED, the driver approaching, ARRIVING, IN_PROGRESS, COMPLETED: each once, in order', async () => {
    // Trip ids are `t-<instance>-<n>`: trips-1's first booking in this fleet.
    const tripId = 't-trips-1-000001';
    const mine = (event: DomainEvent): boolean =>
      (event.type === 'trip.status' && event.riderId === RIDER) || (event.type === 'ride.offer' && event.tripId === tripId) || (event.type === 'driver.location' && event.driverId === DRIVER);
    const keys = [tripStatusKey(tripId), offersKey(cellOf(PICKUP.lat, PICKUP.lng)), driverLocationKey(DRIVER)];
    for (const key of keys) feed.listen(key, (event) => mine(event) && events.push(event));
    await waitFor(() => feed.status().bindings === keys.length, 20_000, 'the feed bound');
    await Promise.all(keys.map((key) => feed.bound(key)));

    // The driver reports a position to one drivers instance: one event, relayed to the trips instances.
    await unary(`drivers-1`, 'UpdateLocation', { driverId: DRIVER, location: DRIVER_START });
    await waitFor(() => events.some((event) => event.type === 'driver.location'), 20_000, 'the driver’s own position');

    const booked = await rest<Trip>('trips-1', '/trips', { riderId: RIDER, productId: 'p-economy', pickup: PICKUP, dropoff: DROPOFF });
    expect(booked.status).toBe(201);
    expect(booked.body).toMatchObject({ id: tripId, status: 'REQUESTED', revision: 1, etaSeconds: null });
    await waitFor(() => events.some((event) => event.type === 'ride.offer'), 20_000, 'the offer');
    // Accepted on the other instance, once the booking is relayed there: the ride's timer runs in trips-2.
    await waitFor(async () => (await rest<Trip[]>('trips-2', `/trips?ids=${tripId}`)).body.length === 1, 20_000, 'the booking relayed');
    const accepted = await rest<Trip>('trips-2', `/trips/${tripId}/accept`, { driverId: DRIVER });
    expect(accepted.body).toMatchObject({ status: 'ACCEPTED', driverId: DRIVER, revision: 2, etaSeconds: expect.any(Number) });
    const etaAtAccept = accepted.body.etaSeconds!;
    expect(etaAtAccept).toBeGreaterThan(0);

    await waitFor(() => events.some((event) => event.type === 'trip.status' && event.status === 'COMPLETED'), 30_000, 'the ride to complete');
    // Nothing more arrives for the trip (no second timer): a later position from the driver comes after it.
    await unary(`drivers-2`, 'UpdateLocation', { driverId: DRIVER, location: DRIVER_START });
    await waitFor(() => events.at(-1)?.type === 'driver.location', 20_000, 'a position after the ride');

    const statuses = events.filter((event): event is TripStatusEvent => event.type === 'trip.status');
    expect(statuses.map((event) => [event.status, event.revision])).toEqual([
      ['REQUESTED', 1],
      ['ACCEPTED', 2],
      ['ARRIVING', 3],
      ['IN_PROGRESS', 4],
      ['COMPLETED', 5],
    ]);
    expect(statuses.slice(1).every((event) => event.driverId === DRIVER && event.tripId === tripId)).toBe(true);
    expect(statuses[0]!.driverId).toBeUndefined();

    const order: string[] = events.map((event) => (event.type === 'trip.status' ? event.status : event.type === 'ride.offer' ? 'offer' : 'location'));
    const at = (label: string): number => order.indexOf(label);
    // The offer, then its withdrawal once accepted (with the accepted revision).
    const offers = events.filter((event) => event.type === 'ride.offer');
    expect(offers).toEqual([
      expect.objectContaining({ tripId, revision: 1, cell: cellOf(PICKUP.lat, PICKUP.lng) }),
      expect.objectContaining({ tripId, revision: 2, withdrawn: true }),
    ]);
    expect(offers[0]).not.toHaveProperty('withdrawn');
    expect(at('location')).toBeLessThan(at('REQUESTED'));
    expect(at('REQUESTED')).toBeLessThan(at('offer'));
    expect(at('offer')).toBeLessThan(at('ACCEPTED'));
    const between = (from: string, to: string): string[] => order.slice(at(from) + 1, at(to));
    expect(between('ACCEPTED', 'ARRIVING').filter((label) => label === 'location').length).toBeGreaterThanOrEqual(1);
    expect(between('ARRIVING', 'IN_PROGRESS').filter((label) => label === 'location').length).toBeGreaterThanOrEqual(1);
    expect(between('IN_PROGRESS', 'COMPLETED').filter((label) => label === 'location').length).toBeGreaterThanOrEqual(1);

    // Locations: one event per position (revisions strictly increasing, none repeated), heading north toward the pickup.
    const locations = events.filter((event): event is DriverLocationEvent => event.type === 'driver.location');
    const revisions = locations.map((event) => event.revision);
    expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
    expect(new Set(revisions).size).toBe(revisions.length);
    const approaching = locations.slice(1, locations.findIndex((event) => event.lat === PICKUP.lat && event.lng === PICKUP.lng) + 1);
    expect(approaching.length).toBeGreaterThanOrEqual(2);
    expect(approaching.every((event) => event.heading <= 5 || event.heading >= 355)).toBe(true);
    expect(approaching.at(-1)).toMatchObject({ lat: PICKUP.lat, lng: PICKUP.lng });
    expect(locations.at(-2)).toMatchObject({ lat: DROPOFF.lat, lng: DROPOFF.lng });

    // Every instance agrees on the end state: the trip COMPLETED without an ETA, the driver at the drop-off until they moved again.
    for (const instance of ['trips-1', 'trips-2']) {
      const [trip] = (await rest<Trip[]>(instance, `/trips?ids=${tripId}`)).body;
      expect(trip).toMatchObject({ status: 'COMPLETED', revision: 5, etaSeconds: null });
    }
    for (const instance of ['drivers-1', 'drivers-2']) {
      await waitFor(async () => {
        const { drivers } = await unary<{ drivers: { location: { lat: number; lng: number } }[] }>(instance, 'GetDrivers', { ids: [DRIVER] });
        return drivers[0]?.location.lat === DRIVER_START.lat;
      }, 20_000, `${instance} to know the driver’s position`);
    }
  }, 120_000);

  it('the ETA falls as the driver approaches, and the drivers service follows the driver during the ride', async () => {
    const booked = await rest<Trip>('trips-2', '/trips', { riderId: RIDER, productId: 'p-economy', pickup: PICKUP, dropoff: DROPOFF });
    const tripId = booked.body.id;
    const statusEvents: TripStatusEvent[] = [];
    feed.listen(tripStatusKey(tripId), (event) => event.type === 'trip.status' && event.riderId === RIDER && statusEvents.push(event));
    await unary('drivers-2', 'UpdateLocation', { driverId: DRIVER, location: DRIVER_START });
    await waitFor(async () => {
      const [trip] = (await rest<Trip[]>('trips-2', `/trips?ids=${tripId}`)).body;
      return trip !== undefined;
    });
    // Accept once trips-2 knows the driver's latest position (relayed from drivers-2).
    const accepted = await rest<Trip>('trips-2', `/trips/${tripId}/accept`, { driverId: DRIVER });
    expect(accepted.status).toBe(200);
    const etas: number[] = [accepted.body.etaSeconds!];
    const seen = new Set<string>();
    await waitFor(async () => {
      const [trip] = (await rest<Trip[]>('trips-2', `/trips?ids=${tripId}`)).body;
      if (trip && (trip.status === 'ACCEPTED' || trip.status === 'ARRIVING') && trip.etaSeconds !== null) etas.push(trip.etaSeconds);
      const { drivers } = await unary<{ drivers: { location: { lat: number; lng: number } }[] }>('drivers-1', 'GetDrivers', { ids: [DRIVER] });
      const location = drivers[0]!.location;
      seen.add(`${location.lat},${location.lng}`);
      return trip?.status === 'COMPLETED';
    }, 30_000, 'the second ride to complete', 25);
    expect(etas.length).toBeGreaterThanOrEqual(2);
    expect(etas).toEqual([...etas].sort((a, b) => b - a));
    expect(etas.at(-1)!).toBeLessThan(etas[0]!);
    // The drivers service saw positions between the start and the drop-off, not just the end.
    expect(seen.size).toBeGreaterThanOrEqual(3);

    // A finished trip cannot be cancelled; a waiting one can, with its own event.
    expect((await rest('trips-2', `/trips/${tripId}/cancel`, {})).status).toBe(409);
    const waiting = await rest<Trip>('trips-1', '/trips', { riderId: RIDER, productId: 'p-economy', pickup: PICKUP, dropoff: DROPOFF });
    feed.listen(tripStatusKey(waiting.body.id), (event) => event.type === 'trip.status' && event.riderId === RIDER && statusEvents.push(event));
    await feed.bound(tripStatusKey(waiting.body.id));
    const cancelled = await rest<Trip>('trips-1', `/trips/${waiting.body.id}/cancel`, {});
    expect(cancelled.body).toMatchObject({ status: 'CANCELLED', revision: 2, etaSeconds: null });
    await waitFor(() => statusEvents.some((event) => event.tripId === waiting.body.id && event.status === 'CANCELLED' && event.revision === 2), 20_000, 'the cancellation');
  }, 120_000);
});
