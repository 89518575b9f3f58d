import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultGate } from '../faults/FaultGate.ts';
import { RequestCounter } from '../faults/RequestCounter.ts';
import type { DemoWrite } from '../ipc/DemoWrite.ts';
import { createSeed } from '../seed/createSeed.ts';
import { CITY_CENTRE } from '../seed/seedConstants.ts';
import type { Trip } from '../seed/types.ts';
import { HttpServiceServer } from './HttpServiceServer.ts';
import { createTripsService } from './tripsService.ts';
import { TripStore } from './TripStore.ts';

const seed = createSeed();
const published: DemoWrite[] = [];
const counter = new RequestCounter();
const server = new HttpServiceServer({
  host: '127.0.0.1',
  gate: new FaultGate(),
  counter,
  service: createTripsService({
    store: new TripStore(seed.trips),
    riderIds: new Set(seed.riders.map((r) => r.id)),
    productIds: new Set(seed.products.map((p) => p.id)),
    driverIds: new Set(seed.drivers.map((d) => d.id)),
    instanceId: 'trips-9',
    publish: (write) => published.push(write),
    now: () => Date.UTC(2026, 10, 24, 12, 0, 0),
  }),
});
let base = '';

async function call(path: string, init?: { method: string; body: unknown }): Promise<{ status: number; body: any }> {
  const response = await fetch(`${base}${path}`, init && { method: init.method, body: JSON.stringify(init.body) });
  return { status: response.status, body: await response.json() };
}

beforeAll(async () => {
  base = `http://127.0.0.1:${await server.start()}`;
});
afterAll(() => server.stop(0));

describe('trips service over loopback HTTP', () => {
  it('answers batch lookups in one call, leaving unknown ids out', async () => {
    const before = counter.value;
    const { status, body } = await call('/trips?ids=t-000002,nope,t-000001,t-000002');
    expect(status).toBe(200);
    expect(body.map((t: Trip) => t.id)).toEqual(['t-000002', 't-000001']);
    expect(counter.value).toBe(before + 1);
  });

  it('answers trips by rider, newest first, at most `first` each', async () => {
    const { body } = await call('/trips/by-rider?riderIds=r-0001,r-0002,r-9999&first=200');
    expect(Object.keys(body).sort()).toEqual(['r-0001', 'r-0002']);
    const demo: Trip[] = body['r-0001'];
    expect(demo).toHaveLength(200);
    expect(demo.every((t, i) => i === 0 || t.requestedAt <= (demo[i - 1]?.requestedAt ?? ''))).toBe(true);
  });

  it('finds open trips near a point, nearest first', async () => {
    const { body } = await call(`/trips/open?lat=${CITY_CENTRE.lat}&lng=${CITY_CENTRE.lng}&radiusMeters=3000&first=50`);
    expect(body).toHaveLength(30);
    expect(body.every((t: Trip) => t.status === 'REQUESTED' && t.driverId === null)).toBe(true);
  });

  it('rejects missing and bad parameters with 400 and a JSON error', async () => {
    expect((await call('/trips')).status).toBe(400);
    expect((await call('/trips/by-rider?riderIds=r-0001&first=0')).body.error.code).toBe('BAD_REQUEST');
    expect((await call('/trips/open?lat=abc&lng=1')).status).toBe(400);
    expect((await call('/trips', { method: 'POST', body: { riderId: 'r-0001' } })).status).toBe(400);
    expect((await call('/nowhere')).status).toBe(404);
  });

  it('books a trip (201, REQUESTED), lists it first for its rider and publishes the write', async () => {
    const created = await call('/trips', {
      method: 'POST',
      body: { riderId: 'r-0001', productId: 'p-economy', pickup: CITY_CENTRE, dropoff: { lat: 38.75, lng: -9.15 } },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 't-trips-9-000001', status: 'REQUESTED', driverId: null });
    expect(created.body.distanceMeters).toBeGreaterThan(3_000);
    expect((await call('/trips/by-rider?riderIds=r-0001&first=1')).body['r-0001'][0].id).toBe(created.body.id);
    expect(published.at(-1)).toMatchObject({ kind: 'trip.created', trip: { id: created.body.id } });
  });

  it('accepts a REQUESTED trip once: 200, then 409; 404 for an unknown trip', async () => {
    const open: Trip[] = (await call(`/trips/open?lat=${CITY_CENTRE.lat}&lng=${CITY_CENTRE.lng}`)).body;
    const tripId = open[0]?.id ?? '';
    const accepted = await call(`/trips/${tripId}/accept`, { method: 'POST', body: { driverId: 'd-0001' } });
    expect(accepted).toMatchObject({ status: 200, body: { id: tripId, status: 'ACCEPTED', driverId: 'd-0001' } });
    expect((await call(`/trips/${tripId}/accept`, { method: 'POST', body: { driverId: 'd-0002' } })).status).toBe(409);
    expect((await call('/trips/t-999999/accept', { method: 'POST', body: { driverId: 'd-0002' } })).status).toBe(404);
    expect(published.at(-1)).toMatchObject({ kind: 'trip.accepted', tripId, driverId: 'd-0001', by: 'trips-9' });
  });

  it('does not count /healthz', async () => {
    const before = counter.value;
    expect((await call('/healthz')).status).toBe(200);
    expect(counter.value).toBe(before);
  });
});
