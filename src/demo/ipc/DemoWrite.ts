import type { LatLng, Trip, TripStatus } from '../seed/types.ts';

/**
 * A write one instance applied and the supervisor relays to the service's other instances (and
 * replays to instances started later). Applying the same write twice changes nothing, and
 * concurrent conflicting writes resolve the same way on every instance (see each store).
 */
export type DemoWrite =
  | { kind: 'trip.created'; trip: Trip }
  | { kind: 'trip.accepted'; tripId: string; driverId: string; atMs: number; by: string }
  | { kind: 'driver.located'; driverId: string; location: LatLng; atMs: number; by: string; revision?: number; heading?: number }
  /** A status change after the acceptance (the ride's timer, a cancellation): applied when its revision is newer. */
  | { kind: 'trip.status'; tripId: string; status: TripStatus; revision: number; etaSeconds: number | null; atMs: number; by: string }
  /** The ride's ETA moved on within one status (same revision). */
  | { kind: 'trip.eta'; tripId: string; revision: number; etaSeconds: number | null };

/** The services whose instances apply a write of `origin`: drivers' positions matter to trips too (a ride's timer starts from there). */
export function writeAudience(origin: string, write: DemoWrite): readonly string[] {
  if (write.kind === 'driver.located') return origin === 'trips' ? ['trips', 'drivers'] : [origin, 'trips'];
  return [origin];
}

/**
 * The write's slot in the supervisor's log: a later write with the same key replaces an earlier
 * one, which keeps the log bounded however many location updates a benchmark sends.
 */
export function writeKey(write: DemoWrite): string {
  switch (write.kind) {
    case 'trip.created':
      return `trip.created:${write.trip.id}`;
    case 'trip.accepted':
      // Every acceptance is kept: instances settle concurrent ones by their own rule.
      return `trip.accepted:${write.tripId}:${write.by}:${write.atMs}`;
    case 'driver.located':
      return `driver.located:${write.driverId}`;
    case 'trip.status':
      return `trip.status:${write.tripId}:${write.revision}`;
    case 'trip.eta':
      return `trip.eta:${write.tripId}`;
  }
}
