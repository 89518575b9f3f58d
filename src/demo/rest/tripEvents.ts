import type { EventPublisher } from '../../events/EventPublisher.ts';
import { cellOf } from '../../events/cells.ts';
import type { Trip } from '../seed/types.ts';

/** Publishes the trip's current status as `trip.<id>.status` (the instance that made the change only). */
export function publishTripStatus(events: EventPublisher | undefined, trip: Trip, atMs: number): void {
  events?.publish({
    type: 'trip.status',
    tripId: trip.id,
    revision: trip.revision,
    status: trip.status,
    ...(trip.driverId !== null ? { driverId: trip.driverId } : {}),
    riderId: trip.riderId,
    at: new Date(atMs).toISOString(),
  });
}

/** Offers a new trip to the drivers near its pickup (`offers.<cellOf(pickup)>`), or withdraws it once taken or cancelled. */
export function publishRideOffer(events: EventPublisher | undefined, trip: Trip, atMs: number, withdrawn = false): void {
  events?.publish({
    type: 'ride.offer',
    tripId: trip.id,
    revision: trip.revision,
    cell: cellOf(trip.pickup.lat, trip.pickup.lng),
    ...(withdrawn ? { withdrawn: true } : {}),
    at: new Date(atMs).toISOString(),
  });
}
