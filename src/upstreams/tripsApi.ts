import type { CallOptions } from '../transport/types.ts';
import type { LatLngRecord, TripRecord } from './records.ts';
import type { Upstreams } from './Upstreams.ts';

/** Trips by id, in one call; unknown ids are left out. */
export function getTrips(upstreams: Upstreams, ids: readonly string[], options: CallOptions): Promise<TripRecord[]> {
  return upstreams.rest('trips').call<TripRecord[]>({ method: 'GET', path: '/trips', query: { ids: ids.join(',') } }, options);
}

/** Each rider's newest trips (at most `first` each), in one call. */
export function getTripsByRider(
  upstreams: Upstreams,
  riderIds: readonly string[],
  first: number,
  options: CallOptions,
): Promise<Record<string, TripRecord[]>> {
  return upstreams.rest('trips').call<Record<string, TripRecord[]>>(
    { method: 'GET', path: '/trips/by-rider', query: { riderIds: riderIds.join(','), first } },
    options,
  );
}

/** REQUESTED trips near a point, nearest first. */
export function getOpenTrips(
  upstreams: Upstreams,
  near: LatLngRecord,
  first: number,
  options: CallOptions,
): Promise<TripRecord[]> {
  return upstreams.rest('trips').call<TripRecord[]>(
    { method: 'GET', path: '/trips/open', query: { lat: near.lat, lng: near.lng, radiusMeters: 5000, first } },
    options,
  );
}

/** What a rider asks for when booking. */
export interface NewTrip {
  riderId: string;
  productId: string;
  pickup: LatLngRecord;
  dropoff: LatLngRecord;
  /** The caller's `Idempotency-Key`: the trips service answers the trip it already booked for the same rider and key. */
  idempotencyKey?: string;
}

/** Books a trip (status REQUESTED). Not idempotent: never retried. */
export function createTrip(upstreams: Upstreams, trip: NewTrip, options: CallOptions): Promise<TripRecord> {
  return upstreams.rest('trips').call<TripRecord>({ method: 'POST', path: '/trips', body: trip }, options);
}

/** A driver takes a REQUESTED trip; CONFLICT if it is no longer waiting, NOT_FOUND if unknown. */
export function acceptTrip(upstreams: Upstreams, tripId: string, driverId: string, options: CallOptions): Promise<TripRecord> {
  return upstreams.rest('trips').call<TripRecord>(
    { method: 'POST', path: `/trips/${encodeURIComponent(tripId)}/accept`, body: { driverId } },
    options,
  );
}
