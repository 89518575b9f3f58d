import { createHash } from 'node:crypto';
import { Keyv } from 'keyv';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../errors/index.ts';
import { GuardedCache } from './GuardedCache.ts';
import { IdempotencyStore } from './IdempotencyStore.ts';
import { requestFingerprint } from './requestFingerprint.ts';

interface Trip {
  readonly id: string;
}

/** A store over an in-memory Keyv, and a fake trips service counting its writes. */
function setup() {
  const cache = new GuardedCache({ keyv: new Keyv(), timeoutMs: 50, retryAfterMs: 200, lruMaxEntries: 100, onHealthChange: () => undefined });
  const store = new IdempotencyStore(cache, { ttlMs: 60_000 });
  const trips = new Map<string, Trip>();
  const book = (key: string, fingerprint: string) =>
    store.once<Trip>({
      scope: 'requestRide:r-1',
      key,
      fingerprint,
      run: async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        const trip = { id: `t-${trips.size + 1}` };
        trips.set(trip.id, trip);
        return trip;
      },
      idOf: (trip) => trip.id,
      recall: async (id) => trips.get(id),
    });
  return { cache, book, trips };
}

async function refusal(promise: Promise<unknown>): Promise<GatewayError> {
  const error = await promise.then(
    () => new Error('expected a refusal'),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(GatewayError);
  return error as GatewayError;
}

const ride = (dropoffLat: number) => requestFingerprint('requestRide', { productId: 'p-economy', pickup: { lat: 38.7225, lng: -9.139 }, dropoff: { lat: dropoffLat, lng: -9.1427 } });

describe('IdempotencyStore', () => {
  it('answers the first write for the same key and request, and refuses the key for another request (422), writing nothing', async () => {
    const { book, trips } = setup();
    const first = await book('key-1', ride(38.7369));
    expect(await book('key-1', ride(38.7369))).toEqual(first);
    const error = await refusal(book('key-1', ride(38.75)));
    expect(error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(error.httpStatus).toBe(422);
    expect(trips.size).toBe(1);
  });

  it('refuses a concurrent repeat with another request instead of sharing the first one', async () => {
    const { book, trips } = setup();
    const [same, other, again] = await Promise.allSettled([book('key-2', ride(1)), book('key-2', ride(2)), book('key-2', ride(1))]);
    expect(same.status).toBe('fulfilled');
    expect(again).toEqual(same);
    expect(other.status === 'rejected' && (other.reason as GatewayError).code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(trips.size).toBe(1);
  });

  it('treats an entry remembered before fingerprints (a bare id) as the same request', async () => {
    const { cache, book, trips } = setup();
    // As the previous version stored it: `idem:v1:<sha256(scope NUL key)>` → the trip id alone.
    const earlier = { id: 't-0' };
    trips.set(earlier.id, earlier);
    const cacheKey = `idem:v1:${createHash('sha256').update('requestRide:r-1\u0000key-3').digest('base64url')}`;
    await cache.set(cacheKey, earlier.id, 60_000);
    expect(await book('key-3', ride(2))).toEqual(earlier);
    expect(trips.size).toBe(1);
  });
});

describe('requestFingerprint', () => {
  it('is the same for the same arguments in any key order, with numbers normalised and null like absent', () => {
    const a = requestFingerprint('requestRide', { productId: 'p-1', pickup: { lat: 1, lng: 2.5 }, dropoff: { lat: -0, lng: 3 } });
    const b = requestFingerprint('requestRide', { dropoff: { lng: 3.0, lat: 0 }, pickup: { lng: 2.50, lat: 1e0 }, productId: 'p-1', note: null });
    expect(b).toBe(a);
    expect(requestFingerprint('requestRide', { productId: 'p-1', pickup: { lat: 1, lng: 2.5 }, dropoff: { lat: 0, lng: 3.0001 } })).not.toBe(a);
    expect(requestFingerprint('requestRide', { productId: 'p-2', pickup: { lat: 1, lng: 2.5 }, dropoff: { lat: 0, lng: 3 } })).not.toBe(a);
    expect(requestFingerprint('cancelRide', { productId: 'p-1', pickup: { lat: 1, lng: 2.5 }, dropoff: { lat: 0, lng: 3 } })).not.toBe(a);
    expect(requestFingerprint('f', { ids: ['a', 'b'] })).not.toBe(requestFingerprint('f', { ids: ['b', 'a'] }));
  });
});
