/**
 * `Idempotency-Key` on requestRide, end to end: the same key with the same ride answers the first
 * trip, however the document spells the arguments (variables, or literals in another order and
 * number spelling); the same key with another ride is refused with 422 IDEMPOTENCY_KEY_REUSED and
 * books nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operation } from './harness/operations.ts';
import { startSystem, type GraphQLResult, type RunningSystem } from './harness/startSystem.ts';

let system: RunningSystem;
beforeAll(async () => {
  // Generous deadlines: on two busy cores a slow answer must not read as a failure of what is tested here.
  system = await startSystem({ DEADLINE_MS: '5000', ATTEMPT_TIMEOUT_MS: '4000' });
});
afterAll(() => system?.stop());

/** A rider of its own, so no other booking lands in their trips. */
const RIDER = 'r-0042';
type Booking = GraphQLResult<{ requestRide: { id: string } } | null>;

const ride = { productId: 'p-economy', pickup: { lat: 38.7225, lng: -9.139 }, dropoff: { lat: 38.7369, lng: -9.1427 } };
/** The same ride as literals: fields in another order, numbers spelled differently. */
const sameRideAsLiterals = `mutation {
  requestRide(dropoff: { lng: -9.14270, lat: 38.7369 }, productId: "p-economy", pickup: { lng: -9.1390, lat: 3.87225e1 }) { id }
}`;

async function book(key: string, query: string, variables?: Record<string, unknown>): Promise<Booking> {
  return system.graphql('passenger', query, variables, { token: await system.token('passenger', RIDER), headers: { 'idempotency-key': key } });
}

/** The rider's trips as the trips service lists them (newest first). */
async function tripsOfRider(): Promise<string[]> {
  const instances = (await system.control('GET', '/instances')) as { service: string; address: string }[];
  const trips = instances.filter((instance) => instance.service === 'trips');
  const lists = await Promise.all(
    trips.map(async (instance) => {
      const response = await fetch(`http://${instance.address}/trips/by-rider?riderIds=${RIDER}&first=500`);
      return ((await response.json()) as Record<string, { id: string }[]>)[RIDER]?.map((trip) => trip.id) ?? [];
    }),
  );
  return [...new Set(lists.flat())];
}

describe('Idempotency-Key on requestRide', () => {
  it('answers the first trip for the same ride, with variables or with literals', async () => {
    const before = (await tripsOfRider()).length;
    const key = `same-${Date.now()}`;
    const first = await book(key, operation('passenger/RequestRide'), ride);
    expect(first.status).toBe(200);
    expect(first.errors).toBeUndefined();
    const id = first.data!.requestRide.id;
    const literal = await book(key, sameRideAsLiterals);
    expect(literal.errors).toBeUndefined();
    expect(literal.data!.requestRide.id).toBe(id);
    expect((await tripsOfRider()).length).toBe(before + 1);
  });

  it('refuses the same key for another ride with 422 IDEMPOTENCY_KEY_REUSED, booking nothing', async () => {
    const key = `other-${Date.now()}`;
    const first = await book(key, operation('passenger/RequestRide'), ride);
    const id = first.data!.requestRide.id;
    const before = await tripsOfRider();

    const elsewhere = await book(key, operation('passenger/RequestRide'), { ...ride, dropoff: { lat: 38.75, lng: -9.15 } });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.data ?? null).toBeNull();
    expect(elsewhere.errors).toHaveLength(1);
    expect(elsewhere.errors![0]).toMatchObject({ path: ['requestRide'], extensions: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    expect(await tripsOfRider()).toEqual(before);

    // The key still answers its own ride.
    const again = await book(key, sameRideAsLiterals);
    expect(again.data!.requestRide.id).toBe(id);
    expect(await tripsOfRider()).toEqual(before);
  });
});
